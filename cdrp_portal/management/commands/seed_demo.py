"""Loads demo data for every app, in dependency order. Safe to run again; refused without DEBUG."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Each app's demo module has seed(); later apps build on what earlier ones made.
DEMO_MODULES = [
    "partnerships.demo",
    "datasharing.demo",
    "funding.demo",
    "goodpractice.demo",
    "outcomes.demo",
    "communications.demo",
    "reviews.demo",
]


class Command(BaseCommand):
    help = "Load demo partnerships, agencies and one account per role (only when DEBUG is on)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="For the test suite only: load demo data although DEBUG is off.",
        )

    def handle(self, *args, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo refused: DEBUG is off, so this looks like a real installation. "
                "Demo accounts share a published password and must never exist there."
            )
        for module_name in DEMO_MODULES:
            import_module(module_name).seed()
            self.stdout.write(f"Loaded demo data: {module_name}")
        from accounts.models import Role
        from accounts.second_factor import DEMO_SECRET, give_demo_devices
        from partnerships.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

        # Administrators and reviewers must give a second factor: the demo ones share a published
        # authenticator secret (README), so anyone can add it to an app and sign in.
        second_factor = [
            email
            for email, _n, _t, role, _s, _g in DEMO_ACCOUNTS
            if role in (Role.ADMINISTRATOR, Role.REVIEWER)
        ]
        give_demo_devices(emails=second_factor)
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for email, _name, _title, role, _scope, _signatory in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<34} {role.label}")
        from communications.demo import PRESS_OFFICERS

        for email, _name, _title, agency in PRESS_OFFICERS:
            self.stdout.write(f"  {email:<34} {Role.AGENCY_STAFF.label}, press officer, {agency}")
        self.stdout.write(
            f"Administrators and reviewers also enter a code from an authenticator app set up "
            f"with the demo secret {DEMO_SECRET}\n"
            "(or print the current code with: python manage.py demo_second_factor_code)"
        )
