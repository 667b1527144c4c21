"""Thin Celery tasks: a service call inside. Scheduled in cdrp_portal/celery.py."""

from celery import shared_task

from core import clock


@shared_task(acks_late=True)
def send_daily_reminders() -> dict:
    """Approvals waiting more than 3 working days, and this week's media briefings; each notice
    sent once however often the sweep runs."""
    from .services.stories import approval_reminders_send, briefing_reminders_send

    today = clock.today()
    return {
        "approvals": approval_reminders_send(today=today),
        "briefings": briefing_reminders_send(today=today),
    }
