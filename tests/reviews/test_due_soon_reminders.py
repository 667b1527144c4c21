"""The daily reminder to partnership managers before a follow-up action falls due: once per
due date, however often the job runs, through the beat entry's Celery task."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from accounts.models import Notification
from cdrp_portal.celery import app
from reviews import services, tasks
from reviews.models import FollowUpAction, FollowUpDueSoonSent, FollowUpStatus

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def job(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_follow_up_due_soon_reminders.delay().get()

    return run


def _action(world, title, due_on, **extra):
    return FollowUpAction.objects.create(
        partnership=world.partnership,
        title=title,
        owner_text="Police",
        due_on=due_on,
        created_by=world.user("reviewer_in"),
        **extra,
    )


def test_beat_runs_the_job_once_a_day():
    entries = [
        e
        for e in app.conf.beat_schedule.values()
        if e["task"] == "reviews.tasks.send_follow_up_due_soon_reminders"
    ]
    assert len(entries) == 1


def test_twice_a_day_for_three_weeks_the_manager_is_reminded_once_a_week_before(world, clock, job):
    start = clock.current.astimezone(LONDON).date()
    _action(world, "Chase the ISTV returns", start + timedelta(days=10))
    _action(world, "Due in two days", start + timedelta(days=2))
    _action(world, "Already done", start + timedelta(days=5), status=FollowUpStatus.DONE)
    _action(world, "Already overdue", start - timedelta(days=1))
    FollowUpAction.objects.create(
        partnership=world.other_partnership,
        title="Theirs",
        owner_text="Police",
        due_on=start + timedelta(days=3),
    )
    sent_on = {}
    for offset in range(21):
        day = start + timedelta(days=offset)
        clock.current = datetime.combine(day, time(7, 20), LONDON)
        first, second = job(), job()
        assert second == 0
        if first:
            sent_on[day] = first
    # Day 0: ours due in two days, and Boltham's own (due in three) to Boltham's manager.
    assert sent_on == {start: 2, start + timedelta(days=3): 1}
    manager = world.user("manager_this")
    theirs = [m for m in mail.outbox if "(Boltham)" in m.subject]
    assert [m.to for m in theirs] == [[world.user("manager_other").email]]
    assert sorted(m.subject for m in mail.outbox if m not in theirs) == [
        f"Follow-up due on {start + timedelta(days=10):%-d %B %Y}: Chase the ISTV returns "
        "(Leedsford)",
        f"Follow-up due on {start + timedelta(days=2):%-d %B %Y}: Due in two days (Leedsford)",
    ]
    assert all(m.to == [manager.email] for m in mail.outbox if m not in theirs)
    assert Notification.objects.filter(user=manager).count() == 2
    assert Notification.objects.filter(user=world.user("manager_other")).count() == 1


def test_a_new_due_date_is_reminded_again(world, clock, job):
    today = clock.current.astimezone(LONDON).date()
    action = _action(world, "Moved", today + timedelta(days=3))
    assert job() == 1
    services.follow_up_update(
        action=action,
        title=action.title,
        owner_agency=None,
        owner_text="Police",
        due_on=today + timedelta(days=5),
    )
    assert job() == 1 and job() == 0
    assert FollowUpDueSoonSent.objects.count() == 2
