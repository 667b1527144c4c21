from django.apps import AppConfig


class CdrpPortalConfig(AppConfig):
    name = "cdrp_portal"
    verbose_name = "CDRP Partnership Portal"

    def ready(self):
        from . import changes, generations, govuk_components

        govuk_components.install()
        changes.connect()  # records saved or deleted tell who keeps derived work
        changes.listen(generations.bump_partnerships)
