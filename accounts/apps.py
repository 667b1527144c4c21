from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from cdrp_portal.navigation import SettingsLink, register_settings_link

        from . import dashboard  # noqa: F401  (registers the home-page panel)

        register_settings_link(SettingsLink(
            "API tokens", "accounts:api-tokens",
            "Personal tokens that let your scripts use the portal’s API as you",
        ))
