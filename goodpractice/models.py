"""Good practice: entries written up as SARA and EMMIE, the published moderation checklist, the
reviewer's ticks and decisions, and adoption records from partnerships that tried an entry.

Search: every entry keeps `search_document`, the plain text of its searchable fields, written by
the services whenever the entry changes. On PostgreSQL a migration adds a stored generated
tsvector column over it (weighted: title A, summary B, the rest C) with a GIN index; the model
does not declare that column, so the same code runs on SQLite (which searches the text itself).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import clock

from .storage import private_storage

SEARCH_VECTOR_COLUMN = "search_vector"
SEARCH_INDEX_NAME = "gp_entry_search_gin"


class Theme(models.Model):
    """A good-practice theme (reference data loaded by a migration, editable in the admin)."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One line of the published moderation checklist. Mandatory lines must be met before an
    entry is published. Reference data loaded by a migration, editable in the admin."""

    slug = models.SlugField(max_length=40, unique=True)
    text = models.CharField(max_length=200)
    guidance = models.TextField(blank=True, help_text="What the reviewer looks for")
    is_mandatory = models.BooleanField("must be met before publication", default=True)
    is_active = models.BooleanField("in use", default=True)
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.text


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)


class Outcome(models.TextChoices):
    """The College of Policing Practice Bank labels."""

    WORKED = "worked", "Worked"
    PROMISING = "promising", "Promising"
    NEW = "new", "New or innovative"
    DID_NOT_WORK = "did_not_work", "Did not work"


class Evaluation(models.TextChoices):
    NONE = "none", "No evaluation"
    INTERNAL = "internal", "Internal evaluation"
    INDEPENDENT = "independent", "Independent evaluation"


class AreaType(models.TextChoices):
    URBAN = "urban", "Urban"
    RURAL = "rural", "Rural"
    MIXED = "mixed", "Mixed urban and rural"


# The Maryland Scientific Methods Scale (DOMAIN.md).
MARYLAND_LEVELS = [
    (1, "1: correlation at one point in time"),
    (2, "2: before and after, without a comparison"),
    (3, "3: before and after, with a comparison group"),
    (4, "4: comparison with control for other factors"),
    (5, "5: random assignment"),
]

# Cost bands, applied to the first-year cost: set-up plus one year's running cost.
COST_BANDS = [
    ("under-10k", "Under £10,000", 0, 9_999),
    ("10k-50k", "£10,000 to £49,999", 10_000, 49_999),
    ("50k-250k", "£50,000 to £249,999", 50_000, 249_999),
    ("250k-plus", "£250,000 or more", 250_000, None),
]


def report_upload_to(instance, filename: str) -> str:
    import uuid

    return f"goodpractice/reports/{uuid.uuid4().hex}.pdf"


class Entry(models.Model):
    """A piece of good practice (or of practice that did not work), written as SARA and EMMIE."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="good_practice",
        verbose_name="originating partnership",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_practice_entries",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="entries")
    # SARA: scanning and analysis, response; EMMIE: effect, mechanism, moderators (context),
    # implementation, economic cost.
    problem = models.TextField("the problem and its analysis", blank=True)
    response = models.TextField("the response", blank=True)
    effect = models.TextField("effect: what changed", blank=True)
    mechanism = models.TextField("mechanism: why it worked (or did not)", blank=True)
    context = models.TextField("context: where and for whom", blank=True)
    area_type = models.CharField(
        "type of area", max_length=10, choices=AreaType.choices, blank=True
    )
    implementation = models.TextField("implementation: what it took", blank=True)
    partners_involved = models.TextField("partners involved", blank=True)
    setup_cost = models.PositiveIntegerField("set-up cost (£)", null=True, blank=True)
    running_cost = models.PositiveIntegerField("running cost a year (£)", null=True, blank=True)
    first_year_cost = models.PositiveIntegerField(
        "first-year cost (£)",
        null=True,
        blank=True,
        editable=False,
        help_text="Set-up plus one year's running cost; the cost band filter uses it",
    )
    bed_in_months = models.PositiveSmallIntegerField(
        "time to bed in (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
    )
    outcome = models.CharField("outcome", max_length=20, choices=Outcome.choices, blank=True)
    maryland_level = models.PositiveSmallIntegerField(
        "Maryland scale level",
        choices=MARYLAND_LEVELS,
        null=True,
        blank=True,
    )
    evaluation = models.CharField(
        "evaluation", max_length=12, choices=Evaluation.choices, default=Evaluation.NONE
    )
    evaluation_url = models.URLField("link to the evaluation report", blank=True, max_length=500)
    evaluation_report = models.FileField(
        "evaluation report (PDF)",
        storage=private_storage,
        upload_to=report_upload_to,
        blank=True,
        max_length=200,
    )
    evaluation_report_name = models.CharField(max_length=200, blank=True, editable=False)
    contact_name = models.CharField("contact name", max_length=150, blank=True)
    contact_email = models.EmailField("contact email", blank=True)
    search_document = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "entries"
        indexes = [
            # Newest first within a status: browsing without search words reads each boost
            # level's newest entries from this index (selectors.SearchQuerySet).
            models.Index(fields=["status", "-published_at", "-id"], name="gp_entry_status_newest"),
            models.Index(fields=["partnership", "status"], name="gp_entry_partnership"),
            # The moderation queue, oldest submission first (selectors.review_queue): a few
            # thousand submitted entries nationally, read ten at a time from the front.
            models.Index(
                fields=["submitted_at", "id"],
                name="gp_entry_review_queue",
                condition=models.Q(status="submitted"),
            ),
            models.Index(fields=["first_year_cost"], name="gp_entry_cost"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goodpractice:entry-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def did_not_work(self) -> bool:
        return self.outcome == Outcome.DID_NOT_WORK

    @property
    def cost_band_label(self) -> str:
        if self.first_year_cost is None:
            return "Not stated"
        for _key, label, low, high in COST_BANDS:
            if self.first_year_cost >= low and (high is None or self.first_year_cost <= high):
                return label
        return "Not stated"

    @property
    def evidence_label(self) -> str:
        parts = []
        if self.maryland_level:
            parts.append(f"Maryland scale {self.maryland_level}")
        parts.append(self.get_evaluation_display())
        return "; ".join(parts)


class CriterionCheck(models.Model):
    """The reviewer's tick (or not) against one criterion for one entry; the latest review's."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="checks")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="checks")
    is_met = models.BooleanField(default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "criterion"], name="gp_check_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'met' if self.is_met else 'not met'}"


class Decision(models.TextChoices):
    PUBLISH = "publish", "Publish"
    REQUEST_CHANGES = "request_changes", "Ask for changes"


class ReviewDecision(models.Model):
    """A reviewer's decision on a submitted entry, with the comments sent to its author."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comments = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.entry})"


class AdoptionResult(models.TextChoices):
    WORKED = "worked", "Worked here"
    PARTLY = "partly", "Partly worked here"
    NOT_HERE = "not_here", "Did not work here"


class Adoption(models.Model):
    """A partnership tried a published entry: when, and what happened."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="adoptions")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="good_practice_adoptions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_on = models.DateField("when it started")
    result = models.CharField("what happened", max_length=12, choices=AdoptionResult.choices)
    explanation = models.TextField("what happened, and why")
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.partnership} tried {self.entry}"


class EntryDataSource(models.Model):
    """A data stream (a dataset one member agency provides) the entry's work drew on, so the
    agency's staff see what their data led to. The dataset is kept by its code and the name
    it had when recorded: datasets belong to datasharing, which sits beside this app."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="data_sources")
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.CASCADE, related_name="+")
    dataset_code = models.SlugField(max_length=50)
    label = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["label", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "agency", "dataset_code"], name="entry_data_source_once"
            )
        ]

    def __str__(self) -> str:
        return self.label
