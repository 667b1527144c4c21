"""Tasks of the portal itself."""

from celery import shared_task


@shared_task(hold_when_broker_down=False)
def republish_pending_tasks() -> int:
    """Send again the tasks held while the broker was unreachable (cdrp_portal/outbox.py)."""
    from .outbox import republish_pending

    return republish_pending()
