"""Thin Celery tasks. Scheduled in cdrp_portal/celery.py."""

from celery import shared_task


@shared_task
def send_follow_up_reminders() -> int:
    from .services import follow_up_reminders_send

    return follow_up_reminders_send()
