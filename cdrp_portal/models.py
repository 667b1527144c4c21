"""Models of the portal itself (not of any one app)."""

from django.db import models
from django.utils import timezone


class PendingTask(models.Model):
    """A Celery task that could not be sent because the broker was unreachable.

    Kept in the portal's database until it is sent again (cdrp_portal/outbox.py), so a page
    that queues work still answers when Redis is down, and the work runs when Redis returns.
    """

    name = models.CharField(max_length=200)
    task_id = models.CharField(max_length=64, unique=True)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.task_id})"
