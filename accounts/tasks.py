"""Thin Celery tasks: ids in, a service call inside."""

from datetime import timedelta

from celery import shared_task

from core import clock


@shared_task(acks_late=True)
def send_notification_email(notification_id: int) -> bool:
    from .services import notification_send_email

    return notification_send_email(notification_id=notification_id)


@shared_task
def clear_expired_sessions() -> None:
    from django.core.management import call_command

    call_command("clearsessions")


@shared_task
def clean_old_sign_in_attempts() -> int:
    from axes.models import AccessAttempt

    deleted, _ = AccessAttempt.objects.filter(
        attempt_time__lt=clock.now() - timedelta(days=30)
    ).delete()
    return deleted
