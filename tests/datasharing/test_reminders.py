"""The daily reminder sweep: 60, 30 and 7 days before a review or end date, and overdue
deliveries; each notice exactly once, however often it runs."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from accounts.models import Notification
from datasharing import services
from datasharing.models import ReminderSent
from datasharing.tasks import send_daily_reminders

from .helpers import make_agreement

pytestmark = pytest.mark.django_db


def at(clock, day: date):
    clock.current = timezone.make_aware(datetime(day.year, day.month, day.day, 7))


def test_reminders_before_the_review_date_each_sent_once(
    world, clock, django_capture_on_commit_callbacks
):
    start = date(2025, 3, 1)
    at(clock, start)
    review = start + timedelta(days=60)
    agreement = make_agreement(world, status="active", start=start, values={"review_date": review})
    recipients = {world.users["staff_this"], world.users["manager_this"]}
    recipients |= {
        a.user
        for a in agreement.parties.exclude(agency=world.agency).get().agency.role_assignments.all()
    }
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(today=start) == len(recipients)
        assert services.reminders_send_due(today=start) == 0  # run twice: nothing more
        assert services.reminders_send_due(today=start + timedelta(days=1)) == 0  # still 60
        assert services.reminders_send_due(today=review - timedelta(days=30)) == len(recipients)
        assert services.reminders_send_due(today=review - timedelta(days=7)) == len(recipients)
        assert services.reminders_send_due(today=review - timedelta(days=3)) == 0
    sent = ReminderSent.objects.filter(kind="review")
    assert sorted(set(sent.values_list("days_before", flat=True))) == [7, 30, 60]
    assert sent.count() == 3 * len(recipients)
    assert {r.user for r in sent} == recipients
    assert len(mail.outbox) == 3 * len(recipients)
    # Staff of an agency that is not a party, and other partnerships' managers, hear nothing.
    assert not Notification.objects.filter(
        user__in=[world.users["staff_other"], world.users["manager_other"]]
    ).exists()


def test_end_date_reminders(world, clock):
    start = date(2025, 3, 1)
    at(clock, start)
    make_agreement(
        world,
        status="active",
        start=start,
        values={"end_date": start + timedelta(days=30), "review_date": start + timedelta(days=20)},
    )
    services.reminders_send_due(today=start)
    kinds = set(ReminderSent.objects.values_list("kind", "days_before"))
    assert kinds == {("review", 30), ("end", 30)}


def test_overdue_delivery_reminder_once_to_the_provider_and_manager(world, clock):
    at(clock, date(2025, 7, 10))
    make_agreement(
        world, status="active", start=date(2025, 1, 1), values={"review_date": date(2026, 6, 1)}
    )
    first = services.reminders_send_due(today=date(2025, 7, 10))
    again = services.reminders_send_due(today=date(2025, 7, 11))
    overdue = ReminderSent.objects.filter(kind="overdue")
    assert first == overdue.count() == 2 and again == 0
    assert {r.user for r in overdue} == {world.users["staff_this"], world.users["manager_this"]}
    # The next quarter becomes overdue on 1 October: one more notice each.
    assert services.reminders_send_due(today=date(2025, 10, 1)) == 2


def test_the_task_runs_the_sweep_twice_without_duplicates(world, clock):
    at(clock, date(2025, 3, 1))
    make_agreement(
        world, status="active", start=date(2025, 3, 1), values={"review_date": date(2025, 3, 5)}
    )
    first = send_daily_reminders.delay().get()
    second = send_daily_reminders.delay().get()
    assert first["reminders"] > 0 and second["reminders"] == 0
    count = Notification.objects.filter(idempotency_key__startswith="datasharing:review").count()
    assert count == first["reminders"]


def test_what_was_sent_is_unique_in_the_database(world):
    agreement = make_agreement(world)
    fields = {
        "key": "review:1:2025-01-01:60:user-1",
        "kind": "review",
        "agreement": agreement,
        "user": world.users["staff_this"],
        "due_date": date(2025, 1, 1),
        "days_before": 60,
    }
    ReminderSent.objects.create(**fields)
    with pytest.raises(IntegrityError):
        ReminderSent.objects.create(**fields)


def test_status_moves_to_review_due_in_the_sweep(world, clock):
    at(clock, date(2025, 3, 1))
    agreement = make_agreement(
        world, status="active", start=date(2025, 3, 1), values={"review_date": date(2025, 3, 2)}
    )
    at(clock, date(2025, 3, 2))
    send_daily_reminders.delay()
    agreement.refresh_from_db()
    assert agreement.status == "review_due"
