from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding"

    def ready(self):
        from cdrp_portal.navigation import NavItem, register_nav

        from . import dashboard  # noqa: F401  (registers the home-page panel)

        register_nav(NavItem("Funding", "funding:finder", active_prefixes=("funding:",)))
