"""Funding deadline reminders through real Celery workers over Redis and PostgreSQL: two
workers sweeping at once send each reminder once; a worker killed mid-sweep and a restarted one
send the rest, and nothing twice."""

import os
import signal
from datetime import timedelta

import pytest

from accounts.models import Notification
from core import clock
from funding.models import ReminderSent, Watch
from tests.factories import UserFactory
from tests.funding.factories import OpportunityFactory
from tests.workers import celery_worker, sent_emails, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def make_due_reminders(count: int) -> list:
    """`count` watchers of an opportunity closing in 7 days: one 7-day reminder each due."""
    opportunity = OpportunityFactory(
        title="Serious Violence Duty support", closes_at=clock.now() + timedelta(days=7, hours=3)
    )
    users = [UserFactory(email=f"watcher{n}@example.org") for n in range(count)]
    Watch.objects.bulk_create([Watch(user=u, opportunity=opportunity) for u in users])
    return users


def sweep_via_broker():
    from funding.tasks import send_deadline_reminders

    send_deadline_reminders.delay()


def assert_each_sent_once(users, mail_dir):
    assert ReminderSent.objects.count() == len(users)
    assert Notification.objects.filter(
        idempotency_key__startswith="funding-reminder:"
    ).count() == len(users)
    recipients = [to for to, _ in sent_emails(mail_dir)]
    assert sorted(recipients) == sorted(u.email for u in users)


def test_two_workers_sweeping_at_once_send_each_reminder_once(real_broker, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    users = make_due_reminders(12)
    with celery_worker(mail_dir=mail_dir, name="a"), celery_worker(mail_dir=mail_dir, name="b"):
        # Two sweeps queued together: each queues all 12 reminders, so the two workers race
        # over 24 tasks for 12 reminders.
        sweep_via_broker()
        sweep_via_broker()

        def all_emailed():
            return (
                ReminderSent.objects.count() == len(users)
                and Notification.objects.filter(emailed_at__isnull=True).count() == 0
                and len(sent_emails(mail_dir)) >= len(users)
            )

        assert wait_for(all_emailed, timeout=120), "the workers did not send every reminder"
        wait_for(lambda: False, timeout=3)  # let any duplicate task finish, and fail below
    assert_each_sent_once(users, mail_dir)


def test_a_worker_killed_mid_sweep_and_a_restarted_one_send_the_rest_once(real_broker, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    users = make_due_reminders(8)
    slow = {"FUNDING_REMINDER_TEST_DELAY": "1.5"}
    with celery_worker(mail_dir=mail_dir, name="doomed", extra_env=slow) as doomed:
        sweep_via_broker()
        assert wait_for(lambda: ReminderSent.objects.count() >= 2, timeout=120)
        # Killed without warning, most likely inside a reminder's transaction.
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait()
    sent_before = ReminderSent.objects.count()
    assert 2 <= sent_before < len(users), "the worker was not stopped mid-sweep"

    with celery_worker(mail_dir=mail_dir, name="restarted"):
        # The queued reminders the dead worker never took go to the new worker; the one it
        # died holding is still unacknowledged, so the next sweep (tomorrow's beat, or
        # `manage.py send_funding_reminders`) queues whatever is still unsent.
        wait_for(lambda: False, timeout=5)
        sweep_via_broker()

        def all_emailed():
            return (
                ReminderSent.objects.count() == len(users)
                and Notification.objects.filter(emailed_at__isnull=True).count() == 0
                and len(sent_emails(mail_dir)) >= len(users)
            )

        assert wait_for(all_emailed, timeout=120), "the restarted worker did not send the rest"
        sweep_via_broker()  # once more: nothing new
        wait_for(lambda: False, timeout=3)
    assert_each_sent_once(users, mail_dir)
