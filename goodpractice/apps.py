from django.apps import AppConfig


class GoodpracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"

    def ready(self):
        from cdrp_portal.navigation import NavItem, register_nav

        from . import dashboard  # noqa: F401  (registers the home-page panel)

        register_nav(NavItem("Good practice", "goodpractice:search",
                             active_prefixes=("goodpractice:",)))
