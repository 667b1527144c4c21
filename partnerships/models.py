"""The records that scope everything (regions, partnerships, agencies and memberships) and what
a partnership runs: contacts, groups and meetings, documents, priorities and actions."""

import uuid
from pathlib import Path

from django.core.validators import MaxValueValidator, MinLengthValidator, RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .org_ids import validate_org_id
from .storage import private_storage

ons_region_code = RegexValidator(
    r"^(E12|W92)\d{6}$", "Enter an ONS region code like E12000001, or W92000004 for Wales"
)
ons_partnership_code = RegexValidator(
    r"^(E22|W14)\d{6}$",
    "Enter an ONS community safety partnership code like E22000001 or W14000001",
)
ons_force_area_code = RegexValidator(
    r"^(E23|W15)\d{6}$", "Enter an ONS police force area code like E23000010 or W15000003"
)
site_code_validator = RegexValidator(
    r"^[A-Za-z0-9]{3,12}$", "Enter a site code of 3 to 12 letters and numbers"
)


class Level(models.TextChoices):
    """The three levels a partnership works at (DOMAIN.md, "Engagement levels")."""

    STRATEGIC = "strategic", "Strategic"
    TACTICAL = "tactical", "Tactical"
    OPERATIONAL = "operational", "Operational"


# Level.values builds its list afresh (labels and all) on every use; the hot loops (engagement
# grids and dependency flags over every membership of a region) use this instead.
LEVELS = tuple(Level.values)

LEVEL_HINTS = {
    Level.STRATEGIC: "the board",
    Level.TACTICAL: "tasking and coordination",
    Level.OPERATIONAL: "front-line officers and staff",
}


def _stored_name(prefix: str, filename: str) -> str:
    """A safe stored name: a random one, keeping only the (already checked) extension."""
    suffix = Path(filename).suffix.lower()
    return f"{prefix}/{uuid.uuid4().hex}{suffix}"


def logo_upload_to(instance, filename: str) -> str:
    return _stored_name(f"logos/{instance.ons_code}", filename)


def document_upload_to(instance, filename: str) -> str:
    return _stored_name(f"documents/{instance.partnership.ons_code}", filename)


class Region(models.Model):
    """One of the nine English regions, or Wales."""

    code = models.CharField("ONS code", max_length=9, unique=True, validators=[ons_region_code])
    name = models.CharField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:region-detail", kwargs={"code": self.code})


class Structure(models.TextChoices):
    UNITARY = "unitary", "Unitary"
    TWO_TIER = "two_tier", "Two-tier (county and districts)"


class AnalyticalCapacity(models.TextChoices):
    NONE = "none", "No analyst"
    SHARED_POLICE = "shared_police", "Shares a police analyst"
    SHARED_COUNCIL = "shared_council", "Shares a council analyst"
    DEDICATED = "dedicated", "Dedicated partnership analyst"


class Partnership(models.Model):
    """A crime and disorder reduction partnership (community safety partnership)."""

    name = models.CharField(max_length=200)
    ons_code = models.CharField(
        "ONS CSP code", max_length=9, unique=True, validators=[ons_partnership_code]
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="partnerships")
    police_force_area = models.CharField(max_length=100, blank=True)
    police_force_area_code = models.CharField(
        "police force area ONS code", max_length=9, blank=True, validators=[ons_force_area_code]
    )
    local_authorities = models.TextField(
        blank=True, help_text="The local authority areas the partnership covers, one on each line"
    )
    structure = models.CharField(
        "local government structure",
        max_length=10,
        choices=Structure.choices,
        default=Structure.UNITARY,
    )
    coterminous_with_police_area = models.BooleanField(
        "coterminous with the police force area",
        default=False,
        help_text="The partnership covers exactly the same area as its police force",
    )
    most_similar_group = models.CharField(
        "most similar group",
        max_length=100,
        blank=True,
        help_text="The Home Office most similar group (family) label, as imported",
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    analytical_capacity = models.CharField(
        max_length=20, choices=AnalyticalCapacity.choices, default=AnalyticalCapacity.NONE
    )
    analyst_count = models.PositiveSmallIntegerField(
        "number of analysts",
        default=0,
        validators=[MaxValueValidator(500)],
        help_text="How many analysts work for the partnership, in whole people",
    )
    logo = models.FileField(
        storage=private_storage, upload_to=logo_upload_to, blank=True, max_length=200
    )
    communications_contact_name = models.CharField(max_length=150, blank=True)
    communications_contact_email = models.EmailField(blank=True)
    communications_contact_phone = models.CharField(max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership-detail", kwargs={"code": self.ons_code})

    @property
    def local_authority_list(self) -> list[str]:
        return [line.strip() for line in self.local_authorities.splitlines() if line.strip()]

    @property
    def is_two_tier(self) -> bool:
        return self.structure == Structure.TWO_TIER

    @property
    def is_welsh(self) -> bool:
        return self.ons_code.startswith("W")


class AgencyType(models.Model):
    """A kind of agency. Knows whether it is a statutory responsible authority."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    is_responsible_authority = models.BooleanField("statutory responsible authority", default=False)
    is_svd_specified_authority = models.BooleanField(
        "Serious Violence Duty specified authority", default=False
    )
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """An organisation that takes part in one or more partnerships."""

    name = models.CharField(max_length=200)
    agency_type = models.ForeignKey(AgencyType, on_delete=models.PROTECT, related_name="agencies")
    site_code = models.CharField(
        "site code",
        max_length=12,
        blank=True,
        validators=[MinLengthValidator(3)],
        help_text="For a hospital emergency department: its site code (3 to 12 characters)",
    )
    org_id = models.CharField(
        "organisation identifier",
        max_length=100,
        blank=True,
        validators=[validate_org_id],
        help_text="Its org-id.guide identifier, like GB-LAE-LDS for Leeds City Council",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["name", "agency_type"], name="agency_unique_name_type")
        ]

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    LAPSED = "lapsed", "Lapsed (not attending)"
    LEFT = "left", "Left the partnership"


class Membership(models.Model):
    """An agency's membership of a partnership, with how deeply it takes part at each level."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    strategic = models.BooleanField("engaged at strategic level", default=False)
    tactical = models.BooleanField("engaged at tactical level", default=False)
    operational = models.BooleanField("engaged at operational level", default=False)
    joined_on = models.DateField("joined", null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    in_job_description = models.BooleanField(
        "partnership work is in the contact’s job description",
        default=False,
        help_text="The post, not only the person, carries the partnership work",
    )
    in_commissioning_contracts = models.BooleanField(
        "partnership work is in the agency’s commissioning contracts",
        default=False,
        help_text="The services the agency commissions must take part in the partnership",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "agency"], name="membership_unique_partnership_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} in {self.partnership}"

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:member-detail", kwargs={"code": self.partnership.ons_code, "pk": self.pk}
        )

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    def engaged_at(self, level: str) -> bool:
        return self.is_active and bool(getattr(self, level))

    @property
    def engaged_levels(self) -> list[str]:
        return [level for level in LEVELS if self.engaged_at(level)]

    @property
    def work_is_written_in(self) -> bool:
        """Partnership work outlasts the person: it is written into the contact's job
        description or the agency's commissioning contracts (report ch. 2.3.2)."""
        return self.in_job_description or self.in_commissioning_contracts


class Contact(models.Model):
    """A named person for a membership at one level, with their named deputy. Personal data:
    shown only inside the partnership and to its region's reviewers."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="contacts")
    level = models.CharField(max_length=12, choices=Level.choices)
    name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    deputy_name = models.CharField("deputy’s name", max_length=150, blank=True)
    deputy_job_title = models.CharField("deputy’s job title", max_length=150, blank=True)
    deputy_email = models.EmailField("deputy’s email address", blank=True)
    deputy_phone = models.CharField("deputy’s phone number", max_length=40, blank=True)
    confirmed_on = models.DateField(
        "last confirmed",
        null=True,
        blank=True,
        help_text="When someone last checked these details are right",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership__agency__name", "level", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display().lower()}, {self.membership.agency})"

    def get_absolute_url(self) -> str:
        return self.membership.get_absolute_url()

    @property
    def partnership(self) -> Partnership:
        return self.membership.partnership

    @property
    def people(self) -> set[str]:
        """Who this contact rests on: the named person and the deputy, if any."""
        return {
            key
            for key in (
                _person_key(self.name, self.email),
                _person_key(self.deputy_name, self.deputy_email),
            )
            if key
        }


def _person_key(name: str, email: str) -> str:
    if email.strip():
        return email.strip().lower()
    return " ".join(name.lower().split())


class GroupKind(models.TextChoices):
    STRATEGIC_BOARD = "strategic_board", "Strategic board"
    TASKING = "tasking", "Tasking and coordination group"
    MARAC = "marac", "MARAC (multi-agency risk assessment conference)"
    MAPPA = "mappa", "MAPPA (multi-agency public protection arrangements)"
    IOM = "iom", "Integrated offender management"
    NIGHT_TIME_ECONOMY = "nte", "Night-time economy group"
    SUB_GROUP = "sub_group", "Sub-group"
    OTHER = "other", "Other"


GROUP_LEVEL = {
    GroupKind.STRATEGIC_BOARD: Level.STRATEGIC,
    GroupKind.TASKING: Level.TACTICAL,
    GroupKind.MARAC: Level.OPERATIONAL,
    GroupKind.MAPPA: Level.OPERATIONAL,
    GroupKind.IOM: Level.OPERATIONAL,
    GroupKind.NIGHT_TIME_ECONOMY: Level.TACTICAL,
    GroupKind.SUB_GROUP: Level.TACTICAL,
    GroupKind.OTHER: Level.TACTICAL,
}


class Group(models.Model):
    """A standing group of the partnership: its board, tasking group, MARAC and so on."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=GroupKind.choices)
    chair = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_groups",
        verbose_name="chaired by",
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:group-detail", kwargs={"code": self.partnership.ons_code, "pk": self.pk}
        )

    @property
    def level(self) -> str:
        return GROUP_LEVEL.get(self.kind, Level.TACTICAL)


class Meeting(models.Model):
    """A meeting of a group. Records who attended, never the cases discussed."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date of the meeting")
    notes = models.TextField(
        blank=True,
        help_text="Decisions and actions only. Never record case details or names "
        "of victims or offenders.",
    )
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    minutes_document = models.ForeignKey(
        "Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="minutes: a document from the register",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.group} on {self.held_on:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:meeting-detail",
            kwargs={"code": self.group.partnership.ons_code, "pk": self.pk},
        )


class Attendance(models.Model):
    """Whether a member agency expected at a meeting was there."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendances")
    attended = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership__agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_unique_meeting_membership"
            )
        ]

    def __str__(self) -> str:
        verb = "attended" if self.attended else "did not attend"
        return f"{self.membership.agency} {verb} {self.meeting}"


class DocumentKind(models.TextChoices):
    STRATEGIC_ASSESSMENT = "strategic_assessment", "Strategic assessment"
    JOINT_STRATEGIC_ASSESSMENT = "joint_strategic_assessment", "Joint strategic assessment"
    PARTNERSHIP_PLAN = "partnership_plan", "Partnership plan"
    COMMUNITY_SAFETY_AGREEMENT = "community_safety_agreement", "Community safety agreement"
    VIOLENCE_PROBLEM_PROFILE = "violence_problem_profile", "Violence problem profile"
    VIOLENCE_ACTION_PLAN = "violence_action_plan", "Violence action plan"
    SV_NEEDS_ASSESSMENT = "sv_needs_assessment", "Serious violence strategic needs assessment"
    SV_STRATEGY = "sv_strategy", "Serious violence strategy"
    COMMUNICATIONS_PLAN = "communications_plan", "Communications plan"


class Document(models.Model):
    """An entry in the partnership's document register, with its file if uploaded."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type of document", max_length=30, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    period_start = models.DateField("period covered: start", null=True, blank=True)
    period_end = models.DateField("period covered: end", null=True, blank=True)
    published_on = models.DateField("published", null=True, blank=True)
    review_due_on = models.DateField("review due", null=True, blank=True)
    is_joint_with_police = models.BooleanField("joint with the police", default=False)
    file = models.FileField(
        storage=private_storage, upload_to=document_upload_to, blank=True, max_length=200
    )
    original_filename = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:document-detail",
            kwargs={"code": self.partnership.ons_code, "pk": self.pk},
        )

    def is_review_overdue(self, today) -> bool:
        return self.review_due_on is not None and self.review_due_on < today


class Priority(models.Model):
    """A partnership priority, written as a problem statement."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="priorities"
    )
    title = models.CharField(max_length=200)
    problem_statement = models.TextField()
    documents = models.ManyToManyField(
        "Document",
        blank=True,
        related_name="priorities",
        verbose_name="documents it comes from",
        help_text="The strategic assessment or problem profile that found the problem",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:action-list", kwargs={"code": self.partnership.ons_code})


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    BLOCKED = "blocked", "Blocked"


class Action(models.Model):
    """An action in the partnership's action plan."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(
        Priority, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="owned_actions", verbose_name="owner agency"
    )
    start_on = models.DateField("start date", null=True, blank=True)
    due_on = models.DateField("due date")
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    note = models.TextField(blank=True)
    arising_from = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_arising",
        verbose_name="arising from the meeting",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:action-list", kwargs={"code": self.partnership.ons_code})

    def is_overdue(self, today) -> bool:
        return self.status != ActionStatus.DONE and self.due_on < today
