from django.apps import AppConfig


class CdrpPortalConfig(AppConfig):
    name = "cdrp_portal"
    verbose_name = "CDRP Partnership Portal"
