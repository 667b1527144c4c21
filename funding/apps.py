from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding"

    def ready(self):
        from core import changes
        from core.navigation import (
            NavItem,
            SettingsLink,
            register_nav,
            register_settings_link,
        )

        from . import caching, home_panels  # noqa: F401  (home_panels registers the home-page panel)
        from .models import Bid

        register_nav(NavItem("Funding", "funding:finder", active_prefixes=("funding:",)))
        register_settings_link(
            SettingsLink(
                "Funding reminders and calendar feed",
                "funding:settings",
                "When deadline reminders reach you, and your private calendar address",
            )
        )
        changes.touches(Bid, rule=changes.own_partnership)
        caching.declare()  # which records replace the catalogue's and watches' versions
