from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Regional reviews"

    def ready(self):
        from core.navigation import NavItem, register_nav

        from . import (
            home_panels,  # noqa: F401  (registers the home-page panels)
            invalidation,
        )

        invalidation.connect()  # kept ratings go stale when the records they read change

        register_nav(
            NavItem(
                "Regional review",
                "reviews:dashboard",
                visible=lambda user: user.scope.is_admin or user.scope.is_reviewer,
                active_prefixes=("reviews:",),
            )
        )
