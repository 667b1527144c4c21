"""Users who sign in by email, their role assignments, and their notifications."""

from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import clock


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        "can use the Django admin",
        default=False,
    )
    date_joined = models.DateTimeField(default=clock.now)
    email_notifications = models.BooleanField(
        "send notifications by email",
        default=True,
        help_text="Off: no email at all. Below, choose how each kind of notice reaches you",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_absolute_url(self) -> str:
        return reverse("accounts:user-detail", kwargs={"pk": self.pk})

    @cached_property
    def scope(self) -> "Scope":
        """What this user may see, read once per request from the role assignments."""
        return Scope.for_user(self)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Site administrator"
    REVIEWER = "reviewer", "Regional reviewer"
    MANAGER = "manager", "Partnership manager"
    AGENCY_STAFF = "agency_staff", "Agency staff"


class RoleAssignment(models.Model):
    """A role held by a user, with its scope: a region, a partnership or an agency.

    The scope records live in the partnerships app and are referred to by name only, so this
    app imports nothing from it (see docs/adr/0002-app-dependencies.md).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "partnerships.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    agency = models.ForeignKey(
        "partnerships.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    is_signatory = models.BooleanField(
        "authorised signatory",
        default=False,
        help_text="Agency staff only: may sign data-sharing agreements for the agency",
    )
    is_press_officer = models.BooleanField(
        "press officer",
        default=False,
        help_text="Agency staff only: may approve partnership stories for the agency",
    )
    created_at = models.DateTimeField(default=clock.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.CheckConstraint(
                name="role_assignment_scope_matches_role",
                condition=(
                    Q(
                        role="administrator",
                        region__isnull=True,
                        partnership__isnull=True,
                        agency__isnull=True,
                        is_signatory=False,
                        is_press_officer=False,
                    )
                    | Q(
                        role="reviewer",
                        region__isnull=False,
                        partnership__isnull=True,
                        agency__isnull=True,
                        is_signatory=False,
                        is_press_officer=False,
                    )
                    | Q(
                        role="manager",
                        region__isnull=True,
                        partnership__isnull=False,
                        agency__isnull=True,
                        is_signatory=False,
                        is_press_officer=False,
                    )
                    | Q(
                        role="agency_staff",
                        region__isnull=True,
                        partnership__isnull=True,
                        agency__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region", "partnership", "agency"],
                name="role_assignment_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.role == Role.ADMINISTRATOR:
            return "everything"
        target = self.region or self.partnership or self.agency
        label = str(target)
        if self.role == Role.AGENCY_STAFF and self.is_signatory:
            label += " (authorised signatory)"
        if self.role == Role.AGENCY_STAFF and self.is_press_officer:
            label += " (press officer)"
        return label


class Scope:
    """The ids a user's role assignments reach. Built from one query."""

    def __init__(
        self,
        *,
        is_admin=False,
        region_ids=(),
        partnership_ids=(),
        agency_ids=(),
        signatory_agency_ids=(),
        press_officer_agency_ids=(),
    ):
        self.is_admin = is_admin
        self.region_ids = frozenset(region_ids)
        self.managed_partnership_ids = frozenset(partnership_ids)
        self.agency_ids = frozenset(agency_ids)
        self.signatory_agency_ids = frozenset(signatory_agency_ids)
        self.press_officer_agency_ids = frozenset(press_officer_agency_ids)

    @classmethod
    def for_user(cls, user) -> "Scope":
        if not user.is_authenticated or not user.is_active:
            return cls()
        rows = list(
            user.role_assignments.values_list(
                "role",
                "region_id",
                "partnership_id",
                "agency_id",
                "is_signatory",
                "is_press_officer",
            )
        )
        return cls(
            is_admin=user.is_superuser or any(r[0] == Role.ADMINISTRATOR for r in rows),
            region_ids=[r[1] for r in rows if r[0] == Role.REVIEWER],
            partnership_ids=[r[2] for r in rows if r[0] == Role.MANAGER],
            agency_ids=[r[3] for r in rows if r[0] == Role.AGENCY_STAFF],
            signatory_agency_ids=[r[3] for r in rows if r[0] == Role.AGENCY_STAFF and r[4]],
            press_officer_agency_ids=[r[3] for r in rows if r[0] == Role.AGENCY_STAFF and r[5]],
        )

    @property
    def is_reviewer(self) -> bool:
        return bool(self.region_ids)

    @property
    def is_manager(self) -> bool:
        return bool(self.managed_partnership_ids)

    @property
    def is_agency_staff(self) -> bool:
        return bool(self.agency_ids)


class Notification(models.Model):
    """A notice to one user: always listed in the portal, emailed if the user wants email.

    The idempotency key is unique, so the same notice is never stored or sent twice.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    idempotency_key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField("link", max_length=500, blank=True)
    created_at = models.DateTimeField(default=clock.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="notification_user_recent")]

    def __str__(self) -> str:
        return self.subject


class NoticeKind(models.TextChoices):
    """The kinds of notice a person chooses how to receive. Notices about their own account
    (a reset second factor) are no kind: they always arrive."""

    AGREEMENTS = "agreements", "Data-sharing agreements, signatures and deliveries"
    DATA_ACHIEVED = "data_achieved", "What your data achieved (each quarter)"
    FUNDING = "funding", "Funding deadlines and saved searches"
    GOOD_PRACTICE = "good_practice", "Good practice submissions and decisions"
    REVIEWS = "reviews", "Reviews: shared notes and follow-up actions"
    COMMUNICATIONS = "communications", "Communications: stories to approve and media briefings"


# Notice kind by the start of a notice's idempotency key, most specific first.
NOTICE_KIND_PREFIXES = (
    ("datasharing:stream-digest:", NoticeKind.DATA_ACHIEVED),
    ("datasharing:", NoticeKind.AGREEMENTS),
    ("funding", NoticeKind.FUNDING),
    ("goodpractice", NoticeKind.GOOD_PRACTICE),
    ("reviews", NoticeKind.REVIEWS),
    ("communications", NoticeKind.COMMUNICATIONS),
)


def notice_kind(idempotency_key: str) -> str | None:
    return next(
        (kind for prefix, kind in NOTICE_KIND_PREFIXES if idempotency_key.startswith(prefix)), None
    )


class NoticeDelivery(models.TextChoices):
    EMAIL = "email", "By email and in the portal"
    IN_APP = "in_app", "In the portal only"
    OFF = "off", "Off"


class NotificationPreference(models.Model):
    """How one person receives one kind of notice; none recorded means by email."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    delivery = models.CharField(
        max_length=10, choices=NoticeDelivery.choices, default=NoticeDelivery.EMAIL
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_delivery_display()}"


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown
    once, when the token is created. A token acts with its user's permissions, never more."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=clock.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
