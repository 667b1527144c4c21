from django.apps import AppConfig


class DatasharingConfig(AppConfig):
    name = "datasharing"
    verbose_name = "Data sharing"

    def ready(self):
        from cdrp_portal.navigation import NavItem, register_nav

        from . import dashboard  # noqa: F401  (registers the home-page panel)

        register_nav(NavItem(
            "Data sharing",
            "datasharing:agreement-list",
            visible=lambda user: user.has_perm("datasharing.use_datasharing"),
            active_prefixes=("datasharing:",),
        ))
