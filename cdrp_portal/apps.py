from django.apps import AppConfig


class CdrpPortalConfig(AppConfig):
    """The project shell: settings, routing, the Celery app and its outbox."""

    name = "cdrp_portal"
    verbose_name = "CDRP Partnership Portal"
