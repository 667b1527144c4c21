from django.apps import AppConfig


class GoodpracticeConfig(AppConfig):
    name = "goodpractice"
    verbose_name = "Good practice"
