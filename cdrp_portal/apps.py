from django.apps import AppConfig


class CdrpPortalConfig(AppConfig):
    name = "cdrp_portal"
    verbose_name = "CDRP Partnership Portal"

    def ready(self):
        from . import govuk_components

        govuk_components.install()
