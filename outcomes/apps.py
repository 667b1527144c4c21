from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Outcomes"

    def ready(self):
        from core.evidence import register_indicators
        from core.navigation import NavItem, register_nav

        from . import changes, home_panels, selectors  # noqa: F401  (home_panels registers the panels)

        changes.declare()  # which partnerships each record touches; ISTV uploads recount
        register_indicators(selectors.indicators_for_priorities)

        register_nav(
            NavItem(
                "Outcomes",
                "outcomes:index",
                visible=lambda user: user.has_perm("outcomes.use_outcomes"),
                active_prefixes=("outcomes:",),
            )
        )
