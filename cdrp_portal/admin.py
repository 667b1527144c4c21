from django.contrib import admin

from .models import PendingTask


@admin.register(PendingTask)
class PendingTaskAdmin(admin.ModelAdmin):
    """Tasks held while Redis was unreachable (cdrp_portal/outbox.py); sent again by beat."""

    list_display = ("name", "task_id", "created_at", "attempts", "last_error")
    readonly_fields = (
        "name",
        "task_id",
        "args",
        "kwargs",
        "options",
        "created_at",
        "attempts",
        "last_error",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
