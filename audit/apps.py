from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit log"

    def ready(self):
        from core.navigation import NavItem, register_nav

        from . import signals  # noqa: F401  (records sign-ins, failures and sign-outs)

        register_nav(
            NavItem(
                "Audit log",
                "audit:event-list",
                visible=lambda user: user.scope.is_admin,
                active_prefixes=("audit:",),
            )
        )
