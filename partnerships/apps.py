from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from . import changes, home_panels  # noqa: F401  (home_panels registers the panels)

        changes.declare()  # which partnerships each record touches
