from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, Notification, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 1
    autocomplete_fields = ["region", "partnership", "agency"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["email", "full_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title", "email_notifications"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = []


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = [
        "user",
        "role",
        "region",
        "partnership",
        "agency",
        "is_signatory",
        "is_press_officer",
    ]
    list_filter = ["role", "is_signatory", "is_press_officer"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user", "region", "partnership", "agency"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "user", "created_at", "read_at", "emailed_at"]
    search_fields = ["subject", "user__email"]
    readonly_fields = ["idempotency_key", "created_at", "emailed_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Administrators see every token (never its secret) and may revoke any."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email", "user__full_name"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["token_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        from .api_tokens import token_revoke

        for token in queryset.filter(revoked_at__isnull=True):
            token_revoke(token=token, by=request.user)
        self.message_user(request, "The selected tokens have been revoked")


# Authenticator apps are reset from the portal's Users page (which writes the audit log). The
# Django admin does not list them: their secret keys are for nobody's eyes, administrators'
# included.
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
