"""Thin Celery tasks: ids in, a service call inside. Scheduled in cdrp_portal/celery.py."""

from celery import shared_task


@shared_task
def send_deadline_reminders() -> int:
    """The daily sweep: queue a task for every reminder due now."""
    from .services import reminders_enqueue_due

    return reminders_enqueue_due()


@shared_task(acks_late=True)
def send_deadline_reminder(opportunity_id: int, user_id: int, offset_days: int) -> bool:
    """One reminder; idempotent (a unique constraint on what was sent)."""
    from .services import reminder_send

    return reminder_send(opportunity_id=opportunity_id, user_id=user_id, offset_days=offset_days)


@shared_task(acks_late=True)
def send_deadline_reminder_batch(reminders: list[list[int]]) -> int:
    """Up to REMINDER_BATCH_SIZE reminders, [opportunity id, user id, offset] each; each sent
    at most once (the same unique constraint as one at a time). Returns how many were sent."""
    from .services import reminder_send

    return sum(
        reminder_send(opportunity_id=opportunity_id, user_id=user_id, offset_days=offset_days)
        for opportunity_id, user_id, offset_days in reminders
    )


@shared_task
def send_saved_search_digests(frequency: str) -> int:
    from .services import saved_searches_send

    return saved_searches_send(frequency=frequency)


@shared_task(acks_late=True)
def send_saved_search_digest(saved_search_id: int) -> bool:
    from .services import saved_search_send_digest

    return saved_search_send_digest(saved_search_id=saved_search_id)
