from django.apps import AppConfig


class GoodpracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core.navigation import NavItem, register_nav
        from partnerships.models import Partnership, Region

        from . import home_panels  # noqa: F401  (registers the home-page panels)
        from .models import Adoption, Entry, Theme
        from .services import entries_changed

        # Search result counts and kept search results last until an entry or what the search
        # shows or filters by changes (goodpractice.selectors.GENERATION).
        for sender in (Entry, Adoption, Theme, Partnership, Region):
            post_save.connect(entries_changed, sender=sender, dispatch_uid=f"gp_count_{sender}")
            post_delete.connect(entries_changed, sender=sender,
                                dispatch_uid=f"gp_count_del_{sender}")
        m2m_changed.connect(entries_changed, sender=Entry.themes.through,
                            dispatch_uid="gp_count_themes")

        register_nav(NavItem("Good practice", "goodpractice:search",
                             active_prefixes=("goodpractice:",)))
