"""Funding: funders, opportunities, watches, saved searches, bids, per-user reminder settings and
the record of reminders sent (the unique constraint that makes each reminder happen once)."""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import clock
from partnerships.org_ids import validate_org_id

DEFAULT_REMINDER_OFFSETS = (28, 14, 7, 1)
MAX_REMINDER_OFFSET = 90  # days; also bounds the sweep's look-ahead


class Theme(models.Model):
    """A funding theme (reference data loaded by a migration)."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ApplicantType(models.Model):
    """Who can apply for an opportunity (reference data loaded by a migration)."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Funder(models.Model):
    """An organisation that offers funding, identified as 360Giving identifies it."""

    name = models.CharField(max_length=200, unique=True)
    identifier = models.CharField(
        "organisation identifier",
        max_length=100,
        unique=True,
        validators=[validate_org_id],
        help_text="An org-id.guide identifier, like GB-GOV-13 for the Home Office",
    )
    url = models.URLField("website", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    """Where an opportunity stands; derived from its dates, never stored."""

    FORTHCOMING = "forthcoming", "Forthcoming"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CapitalRevenue(models.TextChoices):
    REVENUE = "revenue", "Revenue only"
    CAPITAL = "capital", "Capital only"
    BOTH = "both", "Capital and revenue"


class Opportunity(models.Model):
    """A funding opportunity (Find a grant and 360Giving fields)."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="opportunities")
    title = models.CharField(max_length=200)
    programme = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    themes = models.ManyToManyField(Theme, related_name="opportunities")
    applicant_types = models.ManyToManyField(
        ApplicantType, related_name="opportunities", verbose_name="who can apply"
    )
    is_national = models.BooleanField(
        "open everywhere in England and Wales",
        default=False,
    )
    regions = models.ManyToManyField(
        "partnerships.Region", blank=True, related_name="funding_opportunities"
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="funding_opportunities",
        verbose_name="specific partnerships",
    )
    min_award = models.PositiveIntegerField("minimum award (£)", null=True, blank=True)
    max_award = models.PositiveIntegerField("maximum award (£)", null=True, blank=True)
    total_pot = models.PositiveBigIntegerField("total size of the fund (£)", null=True, blank=True)
    opens_at = models.DateTimeField("opening date and time")
    closes_at = models.DateTimeField("closing date and time")
    decision_on = models.DateField("decision expected", null=True, blank=True)
    period_start = models.DateField("funding period: start", null=True, blank=True)
    period_end = models.DateField("funding period: end", null=True, blank=True)
    period_months = models.PositiveSmallIntegerField(
        "funding period in months", null=True, blank=True, editable=False
    )
    ring_fenced = models.BooleanField(
        default=False, help_text="The money may only be spent on what the fund names"
    )
    capital_revenue = models.CharField(
        "capital or revenue",
        max_length=10,
        choices=CapitalRevenue.choices,
        default=CapitalRevenue.REVENUE,
    )
    conditions = models.TextField("other conditions", blank=True)
    match_funding_required = models.BooleanField("match funding required", default=False)
    url = models.URLField("link to the funder’s page", blank=True)
    published_at = models.DateTimeField(
        "published", default=clock.now, help_text="When the funder announced the opportunity"
    )
    created_at = models.DateTimeField("added to the portal", default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["closes_at", "id"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["closes_at", "id"], name="opportunity_closes"),
            models.Index(fields=["opens_at"], name="opportunity_opens"),
            models.Index(fields=["-published_at", "-id"], name="opportunity_newest"),
            models.Index(fields=["-max_award", "closes_at"], name="opportunity_largest"),
            models.Index(fields=["created_at"], name="opportunity_added"),
            models.Index(fields=["funder", "closes_at"], name="opportunity_funder"),
        ]
        constraints = [
            models.CheckConstraint(
                name="opportunity_closes_after_opening",
                condition=Q(closes_at__gt=models.F("opens_at")),
            ),
            models.CheckConstraint(
                name="opportunity_award_range",
                condition=Q(min_award__isnull=True)
                | Q(max_award__isnull=True)
                | Q(min_award__lte=models.F("max_award")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:opportunity-detail", kwargs={"pk": self.pk})

    def status_at(self, now) -> str:
        if now < self.opens_at:
            return Status.FORTHCOMING
        if now < self.closes_at:
            return Status.OPEN
        return Status.CLOSED

    @property
    def status(self) -> str:
        return self.status_at(clock.now())

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def pot_size(self) -> int | None:
        """The size of the pot for statistics: the total fund, or the largest award."""
        return self.total_pot if self.total_pot is not None else self.max_award

    @property
    def notice_days(self) -> int:
        return (self.closes_at - self.published_at).days


def months_between(start: date | None, end: date | None) -> int | None:
    """Whole months covered from start to end inclusive (1 April to 31 March is 12)."""
    if start is None or end is None or end < start:
        return None
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    if after.day < start.day:
        months -= 1
    return max(months, 0)


class Watch(models.Model):
    """A user watching an opportunity: it is on their watch list, feed and reminders."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_watches"
    )
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["opportunity__closes_at"]
        constraints = [models.UniqueConstraint(fields=["user", "opportunity"], name="watch_unique")]
        indexes = [models.Index(fields=["opportunity", "user"], name="watch_opportunity")]

    def __str__(self) -> str:
        return f"{self.user} watches {self.opportunity}"


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", "As soon as one is added"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"


class SavedSearch(models.Model):
    """A finder search a user named; new matches are emailed at the chosen frequency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.CharField("search", max_length=2000, blank=True)
    frequency = models.CharField(
        "how often to email", max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(default=clock.now)
    last_sent_at = models.DateTimeField(
        "new opportunities counted from",
        default=clock.now,
        help_text="The next digest lists opportunities added after this moment",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        base = reverse("funding:finder")
        return f"{base}?{self.query}" if self.query else base


class BidStatus(models.TextChoices):
    CONSIDERING = "considering", "Considering"
    PREPARING = "preparing", "Preparing"
    SUBMITTED = "submitted", "Submitted"
    AWARDED = "awarded", "Awarded"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Which status may follow which. Withdrawing is possible until a decision is known.
BID_TRANSITIONS = {
    BidStatus.CONSIDERING: (BidStatus.PREPARING, BidStatus.WITHDRAWN),
    BidStatus.PREPARING: (BidStatus.SUBMITTED, BidStatus.WITHDRAWN),
    BidStatus.SUBMITTED: (BidStatus.AWARDED, BidStatus.UNSUCCESSFUL, BidStatus.WITHDRAWN),
    BidStatus.AWARDED: (),
    BidStatus.UNSUCCESSFUL: (),
    BidStatus.WITHDRAWN: (),
}
# Bids still being worked on: their lead officers get deadline reminders.
ACTIVE_BID_STATUSES = (BidStatus.CONSIDERING, BidStatus.PREPARING)


class Bid(models.Model):
    """A partnership's bid for an opportunity: one per partnership and opportunity."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="funding_bids"
    )
    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="bids")
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_bids_led",
        help_text="Gets the deadline reminders while the bid is being considered or prepared",
    )
    status = models.CharField(
        max_length=12, choices=BidStatus.choices, default=BidStatus.CONSIDERING
    )
    amount_requested = models.PositiveIntegerField("amount requested (£)", null=True, blank=True)
    amount_awarded = models.PositiveIntegerField("amount awarded (£)", null=True, blank=True)
    staff_days = models.DecimalField(
        "staff-days of effort",
        max_digits=6,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(5000)],
        help_text="Working days spent or expected on the bid, across everyone, like 4.5",
    )
    priority = models.ForeignKey(
        "partnerships.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_bids",
        verbose_name="partnership priority it serves",
    )
    notes = models.TextField(blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField("decision date", null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["opportunity__closes_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "opportunity"], name="bid_unique"),
            models.CheckConstraint(
                name="bid_award_only_when_awarded",
                condition=Q(amount_awarded__isnull=True) | Q(status="awarded"),
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "status"], name="bid_partnership_status"),
            models.Index(fields=["lead_officer", "status"], name="bid_lead_status"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.opportunity}"

    def get_absolute_url(self) -> str:
        return reverse("funding:bid-detail", kwargs={"pk": self.pk})

    @property
    def next_statuses(self) -> tuple:
        return BID_TRANSITIONS[BidStatus(self.status)]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_BID_STATUSES


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class FundingPreferences(models.Model):
    """One user's funding settings: reminder offsets, reminder email, and calendar feed token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_preferences"
    )
    reminder_offsets = models.CharField(
        "remind me this many days before a closing date",
        max_length=100,
        default=",".join(str(d) for d in DEFAULT_REMINDER_OFFSETS),
    )
    email_reminders = models.BooleanField(
        "email me deadline reminders",
        default=True,
        help_text="Reminders always appear on your notifications page",
    )
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        verbose_name_plural = "funding preferences"

    def __str__(self) -> str:
        return f"Funding preferences of {self.user}"

    @property
    def offsets(self) -> list[int]:
        return parse_offsets(self.reminder_offsets)


def parse_offsets(text: str) -> list[int]:
    """ "28, 14, 7" -> [28, 14, 7]; raises ValueError on anything else."""
    values = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        number = int(part)
        if not 1 <= number <= MAX_REMINDER_OFFSET:
            raise ValueError(part)
        values.append(number)
    return sorted(set(values), reverse=True)


class ReminderKind(models.TextChoices):
    BID = "bid", "Bid lead"
    WATCH = "watch", "Watching"


class ReminderSent(models.Model):
    """A deadline reminder that has been sent. Inserted, under the unique constraint, in the
    same transaction as the notification, before any email is queued: one per opportunity,
    user and offset, however many sweeps or workers run."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_reminders_sent"
    )
    offset_days = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=clock.now)
    notification = models.ForeignKey(
        "accounts.Notification", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "user", "offset_days"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offset_days}-day reminder of {self.opportunity} to {self.user}"
