from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: administrators may look, nobody may add, change or delete."""

    list_display = ["timestamp", "action", "actor_email", "path", "ip_address", "object_label"]
    list_filter = ["action"]
    search_fields = ["actor_email", "path", "object_label"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
