"""Deadline reminders with a controlled clock: who gets which reminder on which day, and each
reminder exactly once however often the sweep runs."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Notification
from funding import services
from funding.models import BidStatus, ReminderSent, Watch
from funding.selectors import current_offset, due_reminders

from .factories import BidFactory, OpportunityFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
CLOSE = date(2026, 4, 15)  # after the clocks go forward on 29 March 2026


def at(day: date, hour: int = 7) -> datetime:
    return datetime.combine(day, time(hour), LONDON)


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Runs the daily sweep as the beat job would, with after-commit tasks run eagerly."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_enqueue_due()

    return run


@pytest.fixture
def closing(world, clock):
    clock.current = at(CLOSE - timedelta(days=60))
    return OpportunityFactory(
        title="Safer Streets round 7",
        opens_at=at(CLOSE - timedelta(days=50)),
        closes_at=at(CLOSE, 12),
        published_at=at(CLOSE - timedelta(days=60)),
    )


def run_days(clock, sweep, first_day: date, last_day: date) -> dict:
    """Sweep once a day at 07:00; returns {(email, offset): [dates sent]}."""
    day = first_day
    while day <= last_day:
        clock.current = at(day)
        sweep()
        day += timedelta(days=1)
    sent = defaultdict(list)
    for record in ReminderSent.objects.select_related("user"):
        sent[(record.user.email, record.offset_days)].append(
            record.sent_at.astimezone(LONDON).date()
        )
    return sent


def test_the_right_people_get_the_right_reminders_on_the_right_days(world, clock, sweep, closing):
    users = world.users
    Watch.objects.create(user=users["staff_this"], opportunity=closing)
    BidFactory(
        partnership=world.partnership,
        opportunity=closing,
        lead_officer=users["manager_this"],
        status=BidStatus.PREPARING,
    )
    # Bids that are withdrawn or already submitted get no reminder.
    BidFactory(
        partnership=world.other_partnership,
        opportunity=closing,
        lead_officer=users["manager_other"],
        status=BidStatus.WITHDRAWN,
    )
    other = OpportunityFactory(closes_at=at(CLOSE, 12), opens_at=at(CLOSE - timedelta(days=50)))
    BidFactory(
        partnership=world.partnership,
        opportunity=other,
        lead_officer=users["staff_this"],
        status=BidStatus.SUBMITTED,
    )
    # Own offsets: just 10 and 3 days; email turned off.
    Watch.objects.create(user=users["reviewer_in"], opportunity=closing)
    services.preferences_update(user=users["reviewer_in"], offsets=[10, 3], email_reminders=False)

    sent = run_days(clock, sweep, CLOSE - timedelta(days=40), CLOSE + timedelta(days=3))

    def days_before(*offsets):
        return [CLOSE - timedelta(days=o) for o in offsets]

    assert dict(sent) == {
        ("staff.this@example.org", 28): days_before(28),
        ("staff.this@example.org", 14): days_before(14),
        ("staff.this@example.org", 7): days_before(7),
        ("staff.this@example.org", 1): days_before(1),
        ("manager.this@example.org", 28): days_before(28),
        ("manager.this@example.org", 14): days_before(14),
        ("manager.this@example.org", 7): days_before(7),
        ("manager.this@example.org", 1): days_before(1),
        ("reviewer.in@example.org", 10): days_before(10),
        ("reviewer.in@example.org", 3): days_before(3),
    }
    kinds = dict(ReminderSent.objects.values_list("user__email", "kind").distinct())
    assert kinds == {
        "staff.this@example.org": "watch",
        "manager.this@example.org": "bid",
        "reviewer.in@example.org": "watch",
    }
    # Every reminder is on the notifications page; email only for those who want it.
    assert (
        Notification.objects.filter(idempotency_key__startswith="funding-reminder:").count() == 10
    )
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["manager.this@example.org"] * 4 + ["staff.this@example.org"] * 4
    subjects = {m.subject for m in mail.outbox}
    assert "Closes in 28 days: Safer Streets round 7" in subjects
    assert "Closes tomorrow: Safer Streets round 7" in subjects
    bid_mail = next(m for m in mail.outbox if m.to == ["manager.this@example.org"])
    assert "You lead Leedsford’s bid" in bid_mail.body


def test_running_the_sweep_twice_sends_each_reminder_once(world, clock, sweep, closing):
    Watch.objects.create(user=world.users["staff_this"], opportunity=closing)
    clock.current = at(CLOSE - timedelta(days=7))
    assert sweep() == 1
    assert sweep() == 0
    clock.advance(hours=5)
    assert sweep() == 0
    assert ReminderSent.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_reminder_sent_twice_directly_goes_once(
    world, clock, closing, django_capture_on_commit_callbacks
):
    user = world.users["staff_this"]
    Watch.objects.create(user=user, opportunity=closing)
    clock.current = at(CLOSE - timedelta(days=14))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.reminder_send(opportunity_id=closing.pk, user_id=user.pk, offset_days=14)
        second = services.reminder_send(opportunity_id=closing.pk, user_id=user.pk, offset_days=14)
    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    # An offset that is not due now is not sent, even when asked for.
    assert not services.reminder_send(opportunity_id=closing.pk, user_id=user.pk, offset_days=7)


def test_the_command_runs_the_same_sweep(
    world, clock, closing, django_capture_on_commit_callbacks, capsys
):
    Watch.objects.create(user=world.users["staff_this"], opportunity=closing)
    clock.current = at(CLOSE - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_funding_reminders")
        call_command("send_funding_reminders")
    assert "queued: 1" in capsys.readouterr().out
    assert ReminderSent.objects.get().offset_days == 1
    assert len(mail.outbox) == 1


def test_a_late_watcher_gets_the_reminder_for_where_they_are_not_every_missed_one(
    world, clock, sweep, closing
):
    clock.current = at(CLOSE - timedelta(days=20))
    Watch.objects.create(user=world.users["staff_this"], opportunity=closing)
    sweep()
    assert list(ReminderSent.objects.values_list("offset_days", flat=True)) == [28]
    clock.current = at(CLOSE - timedelta(days=15))
    sweep()
    assert ReminderSent.objects.count() == 1


def test_closed_opportunities_and_unwatched_ones_get_no_reminder(world, clock, sweep, closing):
    Watch.objects.create(user=world.users["staff_this"], opportunity=closing)
    clock.current = at(CLOSE, 13)  # an hour after closing
    assert due_reminders() == []
    Watch.objects.all().delete()
    clock.current = at(CLOSE - timedelta(days=7))
    assert due_reminders() == []


def test_a_bid_that_moves_on_stops_its_reminders(world, clock, sweep, closing):
    bid = BidFactory(
        partnership=world.partnership,
        opportunity=closing,
        lead_officer=world.users["manager_this"],
        status=BidStatus.PREPARING,
    )
    clock.current = at(CLOSE - timedelta(days=14))
    sweep()
    bid.status = BidStatus.SUBMITTED
    bid.save()
    clock.current = at(CLOSE - timedelta(days=7))
    sweep()
    assert list(ReminderSent.objects.values_list("offset_days", flat=True)) == [14]


@pytest.mark.parametrize(
    ("left", "expected"),
    [(40, None), (28, 28), (20, 28), (14, 14), (8, 14), (7, 7), (2, 7), (1, 1), (0, 1)],
)
def test_current_offset(left, expected):
    assert current_offset([28, 14, 7, 1], left) == expected
