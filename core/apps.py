from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared mechanisms every app builds on; imports no app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import cache, changes, govuk_components

        govuk_components.install()
        changes.listen(cache.bump_partnerships)  # a record's change ends its pages' cache
