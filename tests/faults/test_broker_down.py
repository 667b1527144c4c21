"""Redis stops while people use a page that queues work: the page still answers, the task is
held in the portal's database, and it runs, once, when Redis returns and a worker starts."""

import time
from collections import Counter

import pytest
from django.urls import reverse

from accounts.models import Notification
from cdrp_portal.models import PendingTask
from tests.datasharing.helpers import make_agreement
from tests.workers import celery_worker, sent_emails, wait_for

from .conftest import broker_at

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_page_answers_while_redis_is_down_and_its_work_runs_when_redis_returns(
    world, client_for, redis_server, tmp_path
):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    agreement = make_agreement(world, status="draft")
    Notification.objects.all().delete()
    client = client_for("staff_this")
    url = reverse(
        "datasharing:agreement-transition",
        kwargs={"pk": agreement.pk, "action": "request-signatures"},
    )

    redis_server.stop()
    with broker_at(redis_server.url):
        started = time.monotonic()
        response = client.post(url)
        took = time.monotonic() - started

    # The page answered, quickly, and the agreement went out for signature.
    assert response.status_code == 302, response.status_code
    assert took < 20, f"the page took {took:.1f}s with Redis down"
    agreement.refresh_from_db()
    assert agreement.status == "awaiting_signatures"
    # Each signatory's email is held in the database, not lost.
    notices = list(Notification.objects.order_by("pk"))
    assert notices, "the request did not notify the parties’ signatories"
    held = list(PendingTask.objects.order_by("pk"))
    assert [(p.name, p.args) for p in held] == [
        ("accounts.tasks.send_notification_email", [n.pk]) for n in notices
    ]
    assert not any(n.emailed_at for n in notices)
    assert sent_emails(mail_dir) == []

    # Redis returns; a worker starts and sends what was held, once.
    redis_server.start()
    with celery_worker(mail_dir=mail_dir, name="back", redis_url=redis_server.url):

        def all_sent():
            return (
                not PendingTask.objects.exists()
                and not Notification.objects.filter(emailed_at__isnull=True).exists()
                and len(sent_emails(mail_dir)) >= len(notices)
            )

        assert wait_for(all_sent, timeout=60), "the held emails were not sent"
        wait_for(lambda: False, timeout=2)  # a duplicate would arrive now
    emails = sent_emails(mail_dir)
    assert Counter(emails) == Counter(
        (n.user.email, f"Sign the data sharing agreement {agreement.reference}") for n in notices
    )


def test_held_tasks_are_sent_by_the_beat_job_once_the_broker_is_back(world, redis_server, tmp_path):
    """The every-minute beat job sends held tasks too, and a second run sends nothing more."""
    from accounts.services import notify
    from cdrp_portal.outbox import republish_pending

    user = world.users["manager_this"]
    redis_server.stop()
    with broker_at(redis_server.url):
        notification, _ = notify(
            user=user, subject="Review due", body="Please review.", idempotency_key="faults:beat:1"
        )
        assert PendingTask.objects.count() == 1
        # Still down: the job keeps the task and says why.
        assert republish_pending() == 0
        pending = PendingTask.objects.get()
        assert pending.attempts == 1 and pending.last_error

        redis_server.start()
        assert republish_pending() == 1
        assert republish_pending() == 0
    assert not PendingTask.objects.exists()
    queue = redis_server.client().lrange(_queue_name(), 0, -1)
    assert len(queue) == 1 and pending.task_id.encode() in queue[0]


def _queue_name() -> str:
    from django.conf import settings

    return settings.CELERY_TASK_DEFAULT_QUEUE
