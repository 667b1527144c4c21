from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from cdrp_portal.navigation import SettingsLink, register_settings_link

        from . import dashboard  # noqa: F401  (registers the home-page panel)
        from .middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="accounts_start_idle_clock")

        register_settings_link(SettingsLink(
            "API tokens", "accounts:api-tokens",
            "Personal tokens that let your scripts use the portal’s API as you",
        ))
