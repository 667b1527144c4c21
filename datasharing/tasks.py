"""Thin Celery tasks: ids in, a service call inside."""

from celery import shared_task

from core import clock


@shared_task(acks_late=True)
def send_daily_reminders() -> dict:
    """Move agreements to "review due" or "expired", then send the reminders due today."""
    from .services import agreements_update_statuses, reminders_send_due

    today = clock.today()
    statuses = agreements_update_statuses(today=today)
    return {**statuses, "reminders": reminders_send_due(today=today)}


@shared_task(acks_late=True)
def send_stream_digests() -> int:
    """Email each providing agency's staff what their data achieved last quarter, once."""
    from .services import stream_digests_send

    return stream_digests_send(today=clock.today())
