from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Regional reviews"

    def ready(self):
        from cdrp_portal.navigation import NavItem, register_nav

        from . import (
            dashboard,  # noqa: F401  (registers the home-page panel)
            invalidation,
        )

        invalidation.connect()  # kept ratings go stale when the records they read change

        register_nav(NavItem(
            "Regional review", "reviews:dashboard",
            visible=lambda user: user.scope.is_admin or user.scope.is_reviewer,
            active_prefixes=("reviews:",),
        ))
