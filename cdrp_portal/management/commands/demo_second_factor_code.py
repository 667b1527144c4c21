"""Prints the code an authenticator app set up with the demo secret shows now, so the demo
administrator and reviewers can sign in without a phone. Refused when DEBUG is off."""

from base64 import b32decode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP


class Command(BaseCommand):
    help = "Print the current second-factor code for the demo accounts (only when DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_second_factor_code refused: DEBUG is off.")
        from accounts.second_factor import DEMO_SECRET

        totp = TOTP(b32decode(DEMO_SECRET))
        remaining = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}  (changes in {remaining} seconds)")
