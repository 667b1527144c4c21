from django.apps import AppConfig


class DatasharingConfig(AppConfig):
    name = "datasharing"
    verbose_name = "Data sharing"
