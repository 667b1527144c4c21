from django.apps import AppConfig


class DatasharingConfig(AppConfig):
    name = "datasharing"
    verbose_name = "Data sharing"

    def ready(self):
        from core.navigation import NavItem, register_nav

        from . import changes, home_panels  # noqa: F401  (home_panels registers the panels)

        changes.declare()  # which partnerships each record touches

        register_nav(
            NavItem(
                "Data sharing",
                "datasharing:agreement-list",
                visible=lambda user: user.has_perm("datasharing.use_datasharing"),
                active_prefixes=("datasharing:",),
            )
        )
