"""A partnership's communications: its brand, the channels it reaches people through, the stories
it tells (each approved by the agencies named), the coverage they and others get, its calendar of
briefings and campaigns, and the share of each initiative's budget set aside for publicity."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import clock

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as a hex code, like #1d70b8")


class Brand(models.Model):
    """The partnership's public identity, which every agency's press office uses."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="brand"
    )
    public_name = models.CharField("public name", max_length=150)
    strapline = models.CharField(max_length=200, blank=True)
    primary_colour = models.CharField(
        "main colour", max_length=7, validators=[COLOUR], default="#1d70b8"
    )
    secondary_colour = models.CharField(
        "second colour", max_length=7, validators=[COLOUR], blank=True
    )
    voice = models.TextField(
        "how we sound", blank=True, help_text="The tone every agency's press office writes in"
    )
    key_messages = models.TextField("key messages", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.public_name


class ChannelKind(models.TextChoices):
    LOCAL_PAPER = "local_paper", "Local paper"
    NATIONAL_PAPER = "national_paper", "National paper"
    RADIO = "radio", "Radio"
    TELEVISION = "television", "Television"
    VOLUNTARY = "voluntary", "Voluntary organisation"
    NEWSLETTER = "newsletter", "Newsletter"
    SOCIAL = "social", "Social media account"
    STREET_MEETING = "street_meeting", "Street meeting"
    RESIDENTS_MEETING = "residents_meeting", "Residents’ meeting"
    WEBSITE = "website", "Website"


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every 2 weeks"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Every 3 months"
    OCCASIONAL = "occasional", "Now and then"


class Channel(models.Model):
    """An outlet or route to the public: a paper, a station, a newsletter, a street meeting."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="channels"
    )
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=ChannelKind.choices)
    frequency = models.CharField("how often it publishes", max_length=12, choices=Frequency.choices)
    standing_slot = models.CharField(
        "standing slot",
        max_length=200,
        blank=True,
        help_text="A regular space the partnership fills, like a weekly page in the local paper",
    )
    reach = models.PositiveIntegerField(
        "audience", null=True, blank=True, help_text="Readers, listeners or members, if known"
    )
    contact_name = models.CharField("contact name", max_length=150, blank=True)
    contact_email = models.EmailField("contact email", blank=True)
    contact_phone = models.CharField("contact phone", max_length=40, blank=True)
    note = models.TextField(blank=True)
    is_active = models.BooleanField("in use", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="channel_name_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_standing_slot(self) -> bool:
        return bool(self.standing_slot)


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    DRAFTED = "drafted", "Drafted"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    APPROVED = "approved", "Approved"
    ISSUED = "issued", "Issued"
    COVERED = "covered", "Covered"


class Story(models.Model):
    """A piece of good news on its way out: idea, drafted, approved by each named agency, issued,
    covered. It may start from a good-practice entry, a completed action or an improved outcome,
    and then keeps a link to it."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="stories"
    )
    title = models.CharField("headline", max_length=200)
    facts = models.TextField("the facts", blank=True, help_text="What happened, with figures")
    body = models.TextField("draft", blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDEA)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_stories"
    )
    channel = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    planned_on = models.DateField("planned date", null=True, blank=True)
    approving_agencies = models.ManyToManyField(
        "partnerships.Agency",
        through="StoryApproval",
        related_name="stories_to_approve",
        verbose_name="agencies that must approve",
    )
    entry = models.ForeignKey(
        "goodpractice.Entry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name="good-practice entry",
    )
    action = models.ForeignKey(
        "partnerships.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    indicator = models.ForeignKey(
        "outcomes.Indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name="outcome",
    )
    sent_for_approval_at = models.DateTimeField(null=True, blank=True, editable=False)
    issued_on = models.DateField("issued on", null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["partnership", "stage"], name="story_partnership_stage")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communications:story", kwargs={"pk": self.pk})


class StoryApproval(models.Model):
    """One named agency's approval of a story, given by that agency's press officer."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="approvals")
    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="story_approvals"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["story", "agency"], name="story_approval_once"),
            models.CheckConstraint(
                name="story_approval_by_and_at_together",
                condition=Q(approved_by__isnull=True, approved_at__isnull=True)
                | Q(approved_by__isnull=False, approved_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} on {self.story}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class Tone(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"


class Coverage(models.Model):
    """One piece of coverage, from a story of ours or unsolicited, good news or bad."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="coverage"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="coverage"
    )
    channel = models.ForeignKey(
        Channel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coverage",
        verbose_name="outlet",
    )
    outlet_name = models.CharField(
        "outlet", max_length=150, blank=True, help_text="If it is not one of your channels"
    )
    published_on = models.DateField("date")
    headline = models.CharField(max_length=250)
    url = models.URLField("link", max_length=500, blank=True)
    reach = models.PositiveIntegerField(null=True, blank=True, help_text="If known")
    tone = models.CharField(max_length=10, choices=Tone.choices)
    partnership_quoted = models.BooleanField("the partnership was quoted", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name_plural = "coverage"
        indexes = [
            models.Index(fields=["partnership", "published_on"], name="coverage_partnership_date")
        ]
        constraints = [
            models.CheckConstraint(
                name="coverage_names_its_outlet",
                condition=Q(channel__isnull=False) | ~Q(outlet_name=""),
            )
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def outlet(self) -> str:
        return self.channel.name if self.channel_id else self.outlet_name


class ItemKind(models.TextChoices):
    BRIEFING = "briefing", "Media briefing"
    CAMPAIGN = "campaign", "Campaign"
    EVENT = "event", "Event"


class CalendarItem(models.Model):
    """A media briefing, campaign or event in the partnership's forward calendar."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="calendar_items"
    )
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    title = models.CharField(max_length=200)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    start_time = models.TimeField("time", null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="calendar_items"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "start_time", "id"]
        indexes = [
            models.Index(fields=["partnership", "starts_on"], name="calendar_partnership_start")
        ]
        constraints = [
            models.CheckConstraint(
                name="calendar_item_ends_after_it_starts",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
            )
        ]

    def __str__(self) -> str:
        return self.title


class PublicityBudget(models.Model):
    """The share of an action's or initiative's budget set aside for publicity."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="publicity_budgets"
    )
    action = models.OneToOneField(
        "partnerships.Action",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publicity_budget",
    )
    initiative = models.CharField(
        max_length=200, blank=True, help_text="If it is not an action in the plan"
    )
    total = models.PositiveIntegerField("whole budget (£)", validators=[MinValueValidator(1)])
    publicity = models.PositiveIntegerField("set aside for publicity (£)")
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "id"]
        constraints = [
            models.CheckConstraint(
                name="publicity_within_budget", condition=Q(publicity__lte=F("total"))
            ),
            models.CheckConstraint(
                name="publicity_budget_for_action_or_initiative",
                condition=(Q(action__isnull=False) & Q(initiative=""))
                | (Q(action__isnull=True) & ~Q(initiative="")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.action) if self.action_id else self.initiative

    @property
    def share(self) -> float:
        """The publicity share as a percentage of the whole budget."""
        return 100 * self.publicity / self.total
