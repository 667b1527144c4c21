"""The audit log: an append-only record of sign-ins, refusals, exports and second-factor events.

Nobody can change or remove an event once written: the model refuses to save an existing row
or delete one, its querysets refuse update() and delete(), the Django admin shows it read-only,
and on PostgreSQL a trigger refuses UPDATE and DELETE from any client (migration 0002).
"""

from django.conf import settings
from django.db import models

from core import clock


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit event."""


class Action(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out"
    SIGN_OUT = "sign_out", "Signed out"
    PERMISSION_REFUSED = "permission_refused", "Permission refused"
    EXPORT = "export", "Export"
    SECOND_FACTOR_SET_UP = "second_factor_set_up", "Second factor set up"
    SECOND_FACTOR_VERIFIED = "second_factor_verified", "Second factor verified"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Second factor code refused"
    SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset"
    API_TOKEN_REFUSED = "api_token_refused", "API token refused"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be changed")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted")

    update.queryset_only = True
    delete.queryset_only = True


class AuditEvent(models.Model):
    timestamp = models.DateTimeField(default=clock.now, db_index=True)
    action = models.CharField(max_length=40, choices=Action.choices, db_index=True)
    # The person who acted, if known. No database constraint and nothing done on delete: removing
    # a user must never touch (or be blocked by) the log; actor_email keeps who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_email = models.CharField(max_length=254, blank=True)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["actor", "-timestamp"], name="audit_actor_recent")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.get_action_display()} {self.actor_email}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted")
