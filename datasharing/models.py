"""Data-sharing agreements, their parties and sign-offs, the prescribed datasets catalogue,
the delivery log and emergency-department (ISTV) returns.

Field names follow the ICO Data Sharing Code of Practice (what an agreement should record) and
the ISTV minimum dataset (NHS ISB 1594). See ../shared/DOMAIN.md "Data sharing".
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import clock

from .storage import private_storage


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"
    ONE_OFF = "one_off", "Once only"
    AS_NEEDED = "as_needed", "When needed (no fixed schedule)"


SCHEDULED_FREQUENCIES = {Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUALLY}


class DatasetSource(models.TextChoices):
    SI_2007_1831 = "si_2007_1831", "SI 2007/1831 schedule"
    ISTV = "istv", "ISTV (NHS ISB 1594)"
    LOCAL = "local", "Locally agreed"


class PrescribedDataset(models.Model):
    """A dataset that a kind of agency is expected to share with its partnership.

    Reference data: seeded by a migration from the SI 2007/1831 schedule and the ISTV minimum
    dataset; administrators edit it in the Django admin.
    """

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    owner_agency_types = models.ManyToManyField(
        "partnerships.AgencyType",
        related_name="prescribed_datasets",
        verbose_name="owner agency types",
        help_text="The kinds of agency that hold and share this data",
    )
    description = models.TextField()
    legal_basis = models.TextField()
    source = models.CharField(max_length=20, choices=DatasetSource.choices)
    expected_frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    is_health = models.BooleanField(
        "health data",
        default=False,
        help_text="Health data is shown first in the coverage matrix: its gaps matter most",
    )
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class IstvCode(models.Model):
    """A code in one of the ISTV lists. The national lists were not found, so these are
    locally defined and editable by administrators."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=120)
    is_locally_defined = models.BooleanField(
        default=True, help_text="Defined for this portal: no national code list was found"
    )
    needs_description = models.BooleanField(
        default=False, help_text="An “other” code: the row must describe it in words"
    )
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        abstract = True
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class IstvMethod(IstvCode):
    history = HistoricalRecords()

    class Meta(IstvCode.Meta):
        verbose_name = "ISTV assault method"


class IstvLocationType(IstvCode):
    history = HistoricalRecords()

    class Meta(IstvCode.Meta):
        verbose_name = "ISTV assault location type"


class Agreement(models.Model):
    """A data-sharing agreement between member agencies of one partnership."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_NEGOTIATION = "in_negotiation", "In negotiation"
        AWAITING_SIGNATURES = "awaiting_signatures", "Awaiting signatures"
        ACTIVE = "active", "Active"
        REVIEW_DUE = "review_due", "Review due"
        EXPIRED = "expired", "Expired"
        TERMINATED = "terminated", "Terminated"
        SUPERSEDED = "superseded", "Superseded"

    class Controllers(models.TextChoices):
        SEPARATE = "separate", "Separate controllers"
        JOINT = "joint", "Joint controllers"

    class DataCategory(models.TextChoices):
        DEPERSONALISED = "depersonalised", "Depersonalised or aggregate data"
        PERSONAL = "personal", "Personal data"
        SPECIAL = "special", "Special category personal data"
        CRIMINAL = "criminal", "Criminal offence data"

    class LawfulBasis(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", "None needed: no personal data is shared"
        CONSENT = "consent", "Consent (article 6(1)(a))"
        CONTRACT = "contract", "Contract (article 6(1)(b))"
        LEGAL_OBLIGATION = "legal_obligation", "Legal obligation (article 6(1)(c))"
        VITAL_INTERESTS = "vital_interests", "Vital interests (article 6(1)(d))"
        PUBLIC_TASK = "public_task", "Public task (article 6(1)(e))"
        LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests (article 6(1)(f))"

    class LegalPower(models.TextChoices):
        CDA_S115 = "cda_s115", "Crime and Disorder Act 1998, section 115"
        CDA_S17A = "cda_s17a", "Crime and Disorder Act 1998, section 17A (prescribed information)"
        PCSC_S16 = "pcsc_s16", "Police, Crime, Sentencing and Courts Act 2022, section 16"
        CONSENT = "consent", "Consent of the people the data is about"
        OTHER = "other", "Another power"

    class Dpia(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed"
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"

    ENDED = (Status.EXPIRED, Status.TERMINATED, Status.SUPERSEDED)
    IN_FORCE = (Status.ACTIVE, Status.REVIEW_DUE)
    PUBLISHABLE = (
        Status.ACTIVE,
        Status.REVIEW_DUE,
        Status.EXPIRED,
        Status.TERMINATED,
        Status.SUPERSEDED,
    )
    # Changing any of these on an agreement that has been sent for signature voids its
    # sign-offs: the parties must sign the new terms.
    TERM_FIELDS = (
        "title",
        "purpose",
        "controllers",
        "data_category",
        "data_items",
        "lawful_basis",
        "legal_powers",
        "legal_power_other",
        "special_condition",
        "necessity",
        "dpia_status",
        "dpia_date",
        "dpia_outcome",
        "dpo_views",
        "retention",
        "security",
        "transfer_method",
        "rights_arrangements",
        "frequency",
        "start_date",
        "end_date",
    )

    reference = models.CharField(max_length=30, unique=True, blank=True)
    title = models.CharField(max_length=200)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="agreements"
    )
    status = models.CharField(
        max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    purpose = models.TextField(blank=True)
    controllers = models.CharField(
        "controller arrangement", max_length=20, choices=Controllers.choices, blank=True
    )
    data_category = models.CharField(max_length=20, choices=DataCategory.choices, blank=True)
    data_items = models.TextField("data items", blank=True)
    datasets = models.ManyToManyField(
        PrescribedDataset,
        blank=True,
        related_name="agreements",
        verbose_name="prescribed datasets covered",
    )
    lawful_basis = models.CharField(
        "lawful basis (UK GDPR article 6)", max_length=30, choices=LawfulBasis.choices, blank=True
    )
    legal_powers = models.JSONField("legal powers", default=list, blank=True)
    legal_power_other = models.CharField("other legal power", max_length=300, blank=True)
    special_condition = models.TextField(
        "condition for special category or criminal offence data", blank=True
    )
    necessity = models.TextField("why the sharing is necessary and proportionate", blank=True)
    dpia_status = models.CharField(
        "data protection impact assessment", max_length=20, choices=Dpia.choices, blank=True
    )
    dpia_date = models.DateField("DPIA date", null=True, blank=True)
    dpia_outcome = models.TextField("DPIA outcome", blank=True)
    dpo_views = models.TextField("data protection officers’ views", blank=True)
    retention = models.TextField("retention and deletion", blank=True)
    security = models.TextField("security", blank=True)
    transfer_method = models.TextField("transfer method", blank=True)
    rights_arrangements = models.TextField("how individuals’ rights are handled", blank=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True, db_index=True)
    publish = models.BooleanField(
        "publish in the transparency register", null=True, blank=True, default=None
    )
    terms_version = models.PositiveIntegerField(
        default=1, help_text="Goes up whenever the terms change after being sent for signature"
    )
    signed_copy = models.FileField(
        storage=private_storage, upload_to="datasharing/signed/", blank=True
    )
    signed_copy_name = models.CharField("signed copy file name", max_length=200, blank=True)
    end_reason = models.TextField("why the agreement ended", blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["partnership", "status"], name="agreement_partner_status")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    def get_absolute_url(self) -> str:
        return reverse("datasharing:agreement-detail", kwargs={"pk": self.pk})

    @property
    def is_ended(self) -> bool:
        return self.status in self.ENDED

    @property
    def is_editable(self) -> bool:
        return self.status not in self.ENDED

    @property
    def needs_special_condition(self) -> bool:
        return self.data_category in (self.DataCategory.SPECIAL, self.DataCategory.CRIMINAL)

    def legal_power_labels(self) -> list[str]:
        labels = dict(self.LegalPower.choices)
        result = []
        for code in self.legal_powers or []:
            if code == self.LegalPower.OTHER and self.legal_power_other:
                result.append(f"Other: {self.legal_power_other}")
            elif code in labels:
                result.append(labels[code])
        return result

    @property
    def status_tag_class(self) -> str:
        return {
            self.Status.DRAFT: "govuk-tag--grey",
            self.Status.IN_NEGOTIATION: "govuk-tag--light-blue",
            self.Status.AWAITING_SIGNATURES: "govuk-tag--yellow",
            self.Status.ACTIVE: "govuk-tag--green",
            self.Status.REVIEW_DUE: "govuk-tag--orange",
            self.Status.EXPIRED: "govuk-tag--red",
            self.Status.TERMINATED: "govuk-tag--red",
            self.Status.SUPERSEDED: "govuk-tag--grey",
        }[self.status]


class AgreementParty(models.Model):
    """An agency that is party to an agreement, as a provider, a recipient or both."""

    class Role(models.TextChoices):
        PROVIDER = "provider", "Provides data"
        RECIPIENT = "recipient", "Receives data"
        BOTH = "both", "Provides and receives data"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        verbose_name_plural = "agreement parties"
        constraints = [
            models.UniqueConstraint(fields=["agreement", "agency"], name="party_unique_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display().lower()})"

    @property
    def provides(self) -> bool:
        return self.role in (self.Role.PROVIDER, self.Role.BOTH)

    @property
    def receives(self) -> bool:
        return self.role in (self.Role.RECIPIENT, self.Role.BOTH)


class SignOff(models.Model):
    """A party's authorised signatory signing one version of an agreement's terms."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sign_offs")
    party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="sign_offs")
    terms_version = models.PositiveIntegerField()
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "terms_version"], name="sign_off_once_per_party_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party.agency} signed version {self.terms_version}"


class Delivery(models.Model):
    """One delivery of a dataset from an agency to its partnership, as recorded by its staff."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="deliveries"
    )
    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="deliveries"
    )
    dataset = models.ForeignKey(
        PrescribedDataset, on_delete=models.PROTECT, related_name="deliveries"
    )
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    period_start = models.DateField("start of the period covered")
    period_end = models.DateField("end of the period covered")
    received_on = models.DateField("date received")
    record_count = models.PositiveIntegerField("number of records")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(
                fields=["partnership", "dataset", "agency", "period_end"],
                name="delivery_coverage",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="delivery_period_in_order",
                condition=models.Q(period_end__gte=models.F("period_start")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset} from {self.agency}, {self.period_start} to {self.period_end}"


class ReminderSent(models.Model):
    """One reminder sent to one person. The unique key makes every notice happen once, however
    often (or however concurrently) the daily sweep runs."""

    class Kind(models.TextChoices):
        REVIEW = "review", "Review date"
        END = "end", "End date"
        OVERDUE = "overdue", "Overdue delivery"

    # What was sent, to whom, about what and for which date: for example
    # "review:12:2026-09-30:60:user-7". Unique, so a second insert of the same notice fails.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()
    days_before = models.IntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key


# The fields of an ISTV return whose "not known" share is its data quality, with their names.
NOT_KNOWN_FIELDS = (("location", "Location"), ("method", "Method"), ("time", "Arrival time"))
NOT_KNOWN_CODE = "unknown"  # the method and location-type code meaning "Not known"


class IstvReturn(models.Model):
    """One emergency department's ISTV return for a reporting period (the submission header)."""

    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="istv_returns"
    )
    site_code = models.CharField("site code of treatment", max_length=12)
    period_start = models.DateField("reporting period start date")
    period_end = models.DateField("reporting period end date")
    row_count = models.PositiveIntegerField(default=0)
    # Completeness, counted at import: rows whose location type or method is "Not known", and
    # rows with no arrival time at A&E (the one time a return may leave out).
    location_not_known = models.PositiveIntegerField(default=0)
    method_not_known = models.PositiveIntegerField(default=0)
    time_not_known = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period_start", "period_end"], name="istv_return_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.agency} ISTV return {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"
        )

    def not_known_percent(self, field: str) -> int:
        """The share of rows, in whole per cent, with `field` (location, method, time) not known."""
        count = getattr(self, f"{field}_not_known")
        return round(100 * count / self.row_count) if self.row_count else 0

    @property
    def completeness(self) -> list[tuple[str, int, int]]:
        """(field, rows not known, per cent) for location, method and time, as pages show them."""
        return [
            (label, getattr(self, f"{field}_not_known"), self.not_known_percent(field))
            for field, label in NOT_KNOWN_FIELDS
        ]


class IstvAssault(models.Model):
    """One assault in an ISTV return. Anonymised: no patient identifiers.

    No HistoricalRecords here, unlike every other model: rows are never edited, only replaced
    wholesale with their return, whose own history records each import. At national scale
    (1,000,000 rows) a history row per assault would double the table for no reader.
    """

    istv_return = models.ForeignKey(IstvReturn, on_delete=models.CASCADE, related_name="assaults")
    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="istv_assaults"
    )
    row_number = models.PositiveIntegerField()
    arrival_datetime = models.DateTimeField("arrival date and time at A&E", null=True, blank=True)
    assault_datetime = models.DateTimeField("assault date and time")
    method = models.ForeignKey(IstvMethod, on_delete=models.PROTECT, related_name="+")
    method_other = models.CharField("assault method other description", max_length=200, blank=True)
    location_type = models.ForeignKey(IstvLocationType, on_delete=models.PROTECT, related_name="+")
    location_description = models.CharField(
        "assault location description", max_length=200, blank=True
    )

    class Meta:
        ordering = ["istv_return", "row_number"]
        indexes = [
            models.Index(fields=["agency", "assault_datetime"], name="istv_agency_when"),
            models.Index(fields=["istv_return", "row_number"], name="istv_return_row"),
        ]

    def __str__(self) -> str:
        return f"Row {self.row_number} of {self.istv_return}"


class PendingIstvUpload(models.Model):
    """A checked ISTV file waiting for its uploader to confirm it replaces an existing return.

    Transient (deleted on confirmation or after a day), so it has no history of its own.
    """

    agency = models.ForeignKey("partnerships.Agency", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    file_name = models.CharField(max_length=200, blank=True)
    content = models.TextField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)

    def __str__(self) -> str:
        return f"Pending ISTV upload for {self.agency}"


class DataUse(models.Model):
    """A document or action of the partnership that uses data from one stream (a dataset one
    agency provides): the "uses data from" link. Kept here, not on the partnership's records,
    because datasharing depends on partnerships and not the other way."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="data_uses"
    )
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.CASCADE, related_name="+")
    dataset = models.ForeignKey(PrescribedDataset, on_delete=models.PROTECT, related_name="uses")
    action = models.ForeignKey(
        "partnerships.Action",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="data_uses",
    )
    document = models.ForeignKey(
        "partnerships.Document",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="data_uses",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="data_use_action_or_document",
                condition=models.Q(action__isnull=False, document__isnull=True)
                | models.Q(action__isnull=True, document__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["agency", "dataset", "action"], name="data_use_once_per_action"
            ),
            models.UniqueConstraint(
                fields=["agency", "dataset", "document"], name="data_use_once_per_document"
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "agency", "dataset"], name="data_use_stream")
        ]

    def __str__(self) -> str:
        return f"{self.action or self.document} uses {self.dataset} from {self.agency}"


class StreamNote(models.Model):
    """The partnership's thanks, or a note, to an agency about the data it provides."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="stream_notes"
    )
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.CASCADE, related_name="+")
    dataset = models.ForeignKey(PrescribedDataset, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partnership", "agency", "dataset"], name="stream_note_stream")
        ]

    def __str__(self) -> str:
        return f"Note to {self.agency} on {self.dataset}"


class StreamDigestSent(models.Model):
    """One quarterly "what your data achieved" digest sent to one person: unique, so however
    often (or concurrently) the sweep runs, each quarter's digest is sent once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quarter_start = models.DateField()
    sent_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quarter_start"], name="stream_digest_once_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"Digest for {self.quarter_start} to user {self.user_id}"


class StoredOverdue(models.Model):
    """A partnership's overdue data streams as worked out for one day, kept so that home pages
    read one row per partnership instead of working out every stream's coverage.

    Like reviews' StoredRatings: a row counts only for the day it was worked out on (deliveries
    fall due as days pass) and while it is not `stale`; a change to any record of the partnership
    marks it stale (datasharing/overdue.py). Not history-tracked: a copy, rebuilt at will."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    worked_on = models.DateField()
    streams = models.JSONField(
        default=list, help_text="Each overdue stream: agency id, dataset name, agency name, detail"
    )
    stale = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Overdue streams of partnership {self.partnership_id} on {self.worked_on}"
