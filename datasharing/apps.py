from django.apps import AppConfig


class DatasharingConfig(AppConfig):
    name = "datasharing"
    verbose_name = "Data sharing"

    def ready(self):
        from django.urls import reverse

        from core import changes as core_changes
        from core.evidence import register_data_drawn_on, register_streams
        from core.navigation import NavItem, register_nav

        from . import changes, home_panels, overdue, selectors  # noqa: F401  (home_panels registers the panels)

        changes.declare()  # which partnerships each record touches
        core_changes.listen(overdue.mark_stale)  # kept overdue streams go stale on a change
        register_streams(selectors.partnership_streams)
        register_data_drawn_on(
            selectors.data_drawn_on,
            record_url=lambda document: reverse(
                "datasharing:document-data",
                kwargs={"code": document.partnership.ons_code, "pk": document.pk},
            ),
        )

        register_nav(
            NavItem(
                "Data sharing",
                "datasharing:agreement-list",
                visible=lambda user: user.has_perm("datasharing.use_datasharing"),
                active_prefixes=("datasharing:",),
            )
        )
