"""Thin Celery tasks. Scheduled in cdrp_portal/celery.py."""

from celery import shared_task


@shared_task
def send_follow_up_reminders() -> int:
    from .services import follow_up_reminders_send

    return follow_up_reminders_send()


@shared_task
def send_follow_up_due_soon_reminders() -> int:
    from .services import follow_up_due_soon_send

    return follow_up_due_soon_send()


@shared_task
def refresh_stored_ratings() -> int:
    """Work out every partnership's ratings for the new day, so that the first dashboards of
    the morning read them instead of working them out."""
    from core import clock

    from .stored import refresh_all

    return refresh_all(today=clock.today())
