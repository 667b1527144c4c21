from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core.navigation import (
            SettingsLink,
            register_navigation_gate,
            register_settings_link,
        )

        from . import home_panels  # noqa: F401  (registers the home-page panels)
        from .middleware import start_idle_clock
        from .second_factor import awaiting_second_factor

        register_navigation_gate(awaiting_second_factor)
        user_logged_in.connect(start_idle_clock, dispatch_uid="accounts_start_idle_clock")

        register_settings_link(
            SettingsLink(
                "API tokens",
                "accounts:api-tokens",
                "Personal tokens that let your scripts use the portal’s API as you",
            )
        )
