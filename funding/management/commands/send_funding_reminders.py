"""Runs the daily funding deadline-reminder sweep now, as the beat schedule does each morning."""

from django.core.management.base import BaseCommand

from funding.services import reminders_enqueue_due


class Command(BaseCommand):
    help = (
        "Send every funding deadline reminder that is due and not yet sent (the same sweep "
        "the daily beat job runs). Safe to run at any time: nothing is sent twice."
    )

    def handle(self, *args, **options):
        count = reminders_enqueue_due()
        self.stdout.write(self.style.SUCCESS(f"Funding reminders due and queued: {count}"))
