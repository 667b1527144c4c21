"""A Celery worker killed (SIGKILL) in the middle of a notification email: the task was not
acknowledged (acks late), so a restarted worker runs it, and the email goes out once."""

import os
import signal

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Notification
from accounts.services import notify
from tests.factories import UserFactory
from tests.workers import celery_worker, sent_emails, wait_for

from .conftest import broker_at

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def worker_holds_the_notification_lock() -> bool:
    """A worker's transaction is open on the notification row (SELECT ... FOR UPDATE)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state = 'idle in transaction' "
            "AND query ILIKE %s",
            ["%accounts_notification%FOR UPDATE%"],
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_mid_email_and_a_restarted_one_send_it_once(redis_server, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    user = UserFactory(email="pat@example.org")
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    broker = redis_server.client()
    slow = {"NOTIFICATION_EMAIL_TEST_DELAY": "60"}
    with broker_at(redis_server.url):
        with celery_worker(
            mail_dir=mail_dir, name="doomed", extra_env=slow, redis_url=redis_server.url
        ) as doomed:
            notification, _ = notify(
                user=user,
                subject="Agreement review due",
                body="Review the agreement.",
                idempotency_key="faults:killed:1",
            )
            assert wait_for(worker_holds_the_notification_lock, timeout=30), (
                "the worker never started the email"
            )
            os.kill(doomed.pid, signal.SIGKILL)  # no warning, mid-task
            doomed.wait()

    notification.refresh_from_db()
    assert notification.emailed_at is None and sent_emails(mail_dir) == []
    # Acknowledged late: the message is neither lost nor back on the queue yet, but held as
    # unacknowledged until its visibility timeout passes.
    assert broker.llen(queue) == 0
    assert broker.hlen("unacked") == 1

    # A new worker (here with a one-second visibility timeout) takes the task back and runs it.
    with celery_worker(
        mail_dir=mail_dir,
        name="restarted",
        redis_url=redis_server.url,
        extra_env={"CELERY_VISIBILITY_TIMEOUT": "1"},
    ):

        def emailed():
            notification.refresh_from_db()
            return notification.emailed_at is not None and sent_emails(mail_dir)

        assert wait_for(emailed, timeout=60), "the restarted worker did not send the email"
        assert wait_for(lambda: broker.hlen("unacked") == 0, timeout=10)
        wait_for(lambda: False, timeout=2)  # a duplicate would arrive now
    assert sent_emails(mail_dir) == [("pat@example.org", "Agreement review due")]
    assert Notification.objects.filter(user=user).count() == 1
