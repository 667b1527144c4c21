from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "communications"
    verbose_name = "Communications"

    def ready(self):
        from core.navigation import NavItem, register_nav

        from . import changes

        changes.declare()  # which partnerships each record touches: kept ratings go stale

        register_nav(
            NavItem(
                "Communications",
                "communications:index",
                visible=lambda user: user.has_perm("communications.use_communications"),
                active_prefixes=("communications:",),
            )
        )
