from django.apps import AppConfig


class GoodpracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"

    def ready(self):
        from core import cache, evidence
        from core.navigation import NavItem, register_nav
        from partnerships.models import Partnership, Region

        from . import (
            home_panels,  # noqa: F401  (registers the home-page panels)
            selectors,
        )
        from .models import Adoption, Entry, Theme
        from .selectors import VERSION

        # What search shows or filters by (goodpractice.selectors.VERSION).
        cache.versioned(
            Entry, Adoption, Theme, Partnership, Region, Entry.themes.through, version=VERSION
        )

        evidence.register_stream_citations(selectors.entries_citing_stream)

        register_nav(
            NavItem("Good practice", "goodpractice:search", active_prefixes=("goodpractice:",))
        )
