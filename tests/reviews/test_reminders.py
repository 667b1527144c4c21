"""The daily follow-up reminder: sent to the action's reviewer exactly once per due action,
however often, and however concurrently, the job runs."""

import threading
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection

from accounts.models import Notification
from reviews import services, tasks
from reviews.models import FollowUpAction, FollowUpReminderSent, FollowUpStatus

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def job(django_capture_on_commit_callbacks):
    """Runs the daily Celery job as beat would, with its after-commit emails sent."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_follow_up_reminders.delay().get()

    return run


def _morning(day):
    return datetime.combine(day, time(7, 15), LONDON)


def _action(world, title, due_on, **extra):
    return FollowUpAction.objects.create(
        partnership=world.partnership,
        title=title,
        owner_text="Police",
        due_on=due_on,
        created_by=world.user("reviewer_in"),
        **extra,
    )


def test_the_job_twice_a_day_for_a_fortnight_reminds_once_per_due_action(world, clock, job):
    start = clock.current.astimezone(LONDON).date()
    _action(world, "Chase the ISTV returns", start + timedelta(days=3))
    _action(world, "Invite health to tasking", start + timedelta(days=8))
    _action(world, "Already done", start + timedelta(days=2), status=FollowUpStatus.DONE)
    _action(world, "Not due in the fortnight", start + timedelta(days=30))
    sent_on = {}
    for offset in range(14):
        day = start + timedelta(days=offset)
        clock.current = _morning(day)
        first, second = job(), job()
        assert second == 0
        if first:
            sent_on[day] = first
    assert sent_on == {start + timedelta(days=3): 1, start + timedelta(days=8): 1}
    assert sorted(m.subject for m in mail.outbox) == [
        "Follow-up due: Chase the ISTV returns (Leedsford)",
        "Follow-up due: Invite health to tasking (Leedsford)",
    ]
    assert all(m.to == [world.user("reviewer_in").email] for m in mail.outbox)
    assert Notification.objects.filter(user=world.user("reviewer_in")).count() == 2


def test_an_action_already_overdue_is_reminded_once_not_once_a_day(world, clock, job):
    today = clock.current.astimezone(LONDON).date()
    _action(world, "Long overdue", today - timedelta(days=20))
    assert job() == 1
    clock.current = _morning(today + timedelta(days=1))
    assert job() == 0
    assert len(mail.outbox) == 1


def test_reopening_a_done_action_does_not_remind_again(world, clock, job):
    today = clock.current.astimezone(LONDON).date()
    action = _action(world, "Reopened", today)
    assert job() == 1
    services.follow_up_set_status(action=action, status=FollowUpStatus.DONE)
    services.follow_up_set_status(action=action, status=FollowUpStatus.OPEN)
    assert job() == 0
    assert len(mail.outbox) == 1


def test_no_reminder_for_a_reviewer_who_has_left(world, clock, job):
    today = clock.current.astimezone(LONDON).date()
    _action(world, "Orphaned", today)
    reviewer = world.user("reviewer_in")
    reviewer.is_active = False
    reviewer.save()
    assert job() == 0
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_once_send_one_reminder(world, require_postgres):
    """Two workers run the sweep at the same moment: the unique constraint lets one through."""
    from django.utils import timezone

    _action(world, "Raced", timezone.localdate())
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        # A new thread has no current Celery app of its own: make it the portal's (tasks
        # run in-process, as in the rest of the suite).
        from cdrp_portal.celery import app

        app.set_current()
        try:
            barrier.wait(timeout=10)
            results.append(services.follow_up_reminders_send())
        except Exception as exc:  # reported below, so a thread's failure fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sorted(results) == [0, 1]
    assert FollowUpReminderSent.objects.count() == 1
    assert Notification.objects.filter(subject__startswith="Follow-up due: Raced").count() == 1
