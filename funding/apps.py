from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding"

    def ready(self):
        from cdrp_portal.navigation import (
            NavItem,
            SettingsLink,
            register_nav,
            register_settings_link,
        )

        from . import dashboard, kept  # noqa: F401  (dashboard registers the home-page panel)

        register_nav(NavItem("Funding", "funding:finder", active_prefixes=("funding:",)))
        register_settings_link(SettingsLink(
            "Funding reminders and calendar feed", "funding:settings",
            "When deadline reminders reach you, and your private calendar address",
        ))
        kept.connect()  # catalogue and watch changes replace the kept finder and timetable
