"""Regional oversight records: review notes, follow-up actions and the reminders sent about
them, and the editable reference data of the savings estimator."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import clock


class ReviewNote(models.Model):
    """A reviewer's dated note on a partnership; optionally shared with its manager."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="review_notes"
    )
    written_on = models.DateField("date", default=clock.today)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="reviewer",
    )
    text = models.TextField("note")
    shared_with_manager = models.BooleanField(
        "shared with the partnership manager",
        default=False,
        help_text="The partnership's manager can read shared notes",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return f"Review note on {self.partnership} ({self.written_on:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("reviews:review", kwargs={"code": self.partnership.ons_code})


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"  # marked done: waits for the reviewer to accept it or reopen it
    ACCEPTED = "accepted", "Done and accepted"
    CANCELLED = "cancelled", "Cancelled"


class FollowUpAction(models.Model):
    """Something the reviewer has asked to be done, by whom and by when."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="review_actions"
    )
    title = models.CharField("what needs to happen", max_length=200)
    owner_agency = models.ForeignKey(
        "partnerships.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="owner agency",
    )
    owner_text = models.CharField(
        "owner",
        max_length=150,
        blank=True,
        help_text="A person or role, if not (only) an agency",
    )
    due_on = models.DateField("due date")
    status = models.CharField(
        max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="reviewer",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:review", kwargs={"code": self.partnership.ons_code})

    @property
    def owner_label(self) -> str:
        return ", ".join(str(x) for x in (self.owner_agency, self.owner_text) if x) or "Not set"

    def is_overdue(self, today) -> bool:
        return self.status == FollowUpStatus.OPEN and self.due_on < today

    def get_partnership_url(self) -> str:
        """The action's page that the partnership reads (and its manager updates)."""
        return reverse(
            "reviews:follow-up", kwargs={"code": self.partnership.ons_code, "pk": self.pk}
        )


class FollowUpReminderSent(models.Model):
    """One reminder to the reviewer about a due follow-up action: sent exactly once for each
    due date. An action whose due date is changed is reminded again when the new date comes;
    one moved back to a date it was already reminded about is not."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField("due date reminded about")
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "user", "due_on"], name="reviews_reminder_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder about {self.action_id} to {self.user_id}"


class RatingResponse(models.Model):
    """The partnership manager's dated answer to one of its ratings, which reviewers read."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="rating_responses"
    )
    dimension = models.CharField(max_length=20)
    rating = models.CharField("rating answered", max_length=10)
    text = models.TextField("response")
    responded_on = models.DateField("date", default=clock.today)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="written by",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-responded_on", "-id"]

    def __str__(self) -> str:
        return f"Response on {self.dimension} ({self.responded_on:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("reviews:own-review", kwargs={"code": self.partnership.ons_code})


class FollowUpEntryKind(models.TextChoices):
    PROGRESS = "progress", "Progress update"
    ACCEPTED = "accepted", "Accepted by the reviewer"
    REOPENED = "reopened", "Reopened by the reviewer"


class FollowUpEntry(models.Model):
    """One step in a follow-up action's trail: the partnership's progress update (a status, a
    note and its evidence), or the reviewer accepting or reopening what was marked done."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=FollowUpEntryKind.choices)
    status = models.CharField("status set", max_length=10, choices=FollowUpStatus.choices)
    note = models.TextField()
    evidence_url = models.URLField("evidence: a link", max_length=500, blank=True)
    evidence_document = models.ForeignKey(
        "partnerships.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="evidence: a document from the register",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="written by",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "follow-up entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.action}"

    def get_absolute_url(self) -> str:
        return reverse(
            "reviews:follow-up",
            kwargs={"code": self.action.partnership.ons_code, "pk": self.action_id},
        )


class FollowUpDueSoonSent(models.Model):
    """One reminder to a partnership manager that a follow-up action owned by the partnership
    falls due soon: sent exactly once for each due date."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField("due date reminded about")
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "user", "due_on"], name="reviews_due_soon_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"Due-soon reminder about {self.action_id} to {self.user_id}"


class UnitCost(models.Model):
    """The cost to society of one incident of a kind of crime (editable reference data)."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField("crime type", max_length=100)
    cost = models.PositiveIntegerField("unit cost per incident (£)")
    price_year = models.CharField(max_length=10, default="2015/16")
    source = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:unit-costs") + f"#{self.slug}"


class BenefitShare(models.Model):
    """Who gains from violence prevented, as shares of an evaluated saving (reference data)."""

    slug = models.SlugField(max_length=40, unique=True)
    beneficiary = models.CharField(max_length=100)
    amount = models.DecimalField(
        "saving to this beneficiary in the evaluation (£m)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    source = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=100)
    # The kinds of agency that bear this part of the cost, among which a partnership's estimate
    # splits it; none (victims and wider society) leaves it whole.
    agency_types = models.ManyToManyField(
        "partnerships.AgencyType",
        blank=True,
        related_name="+",
        help_text="The kinds of member agency that would avoid this part of the cost",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "beneficiary"]

    def __str__(self) -> str:
        return self.beneficiary

    def get_absolute_url(self) -> str:
        return reverse("reviews:unit-costs") + f"#benefit-{self.slug}"


class StoredRatings(models.Model):
    """A partnership's eleven ratings as worked out for one day, kept so that the dashboard reads
    one row per partnership instead of working every rating out on every request.

    A row counts only for the day it was worked out on (`rated_on`: overdue documents and
    actions and recent ISTV returns depend on the date) and while it is not `stale`: a change
    to any record the ratings read marks the partnership's row stale (reviews/invalidation.py).
    Not history-tracked: it is a copy of what the other records say, rebuilt at will."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="stored_ratings"
    )
    rated_on = models.DateField("ratings for the date")
    results = models.JSONField(
        help_text="For each dimension key: its rating, explanation and facts"
    )
    ratings = models.JSONField(
        default=dict,
        help_text="For each dimension key: its rating alone, for pages that count ratings",
    )
    stale = models.BooleanField(default=False)
    computed_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = "stored ratings"
        verbose_name_plural = "stored ratings"

    def __str__(self) -> str:
        return f"Ratings of partnership {self.partnership_id} on {self.rated_on}"
