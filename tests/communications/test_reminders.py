"""Reminders: approvals waiting more than 3 working days (England and Wales bank holidays
counted out), and media briefings due this week; each notice sent once."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Notification
from communications.models import CalendarItem, Story
from communications.selectors_stories import bank_holidays, working_days_between
from communications.services.stories import approval_reminders_send, briefing_reminders_send
from tests.communications.stories_helpers import press_officer, story

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_england_and_wales_bank_holidays():
    assert sorted(bank_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
    ]
    assert date(2027, 12, 27) in bank_holidays(2027) and date(2027, 12, 28) in bank_holidays(2027)
    assert date(2027, 3, 26) in bank_holidays(2027)  # Good Friday


def test_working_days_skip_weekends_and_bank_holidays():
    # Wednesday 23 December 2026: Thursday 24, then Tuesday 29 (25 and 28 are holidays).
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 24)) == 1
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 29)) == 2
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 31)) == 4
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 23)) == 0


def sent_on(made, day):
    Story.objects.filter(pk=made.pk).update(
        sent_for_approval_at=datetime.combine(day, time(10), tzinfo=LONDON)
    )


def waiting_notices():
    return Notification.objects.filter(idempotency_key__startswith="communications:approval-")


def test_an_approval_waiting_more_than_3_working_days_reminds_the_press_officers_once(world):
    officer = press_officer(world.agency, "police.press@example.org")
    second = press_officer(world.agency, "police.press2@example.org")
    made = story(world, stage="awaiting_approval")
    sent_on(made, date(2026, 12, 23))
    assert approval_reminders_send(today=date(2026, 12, 30)) == 0  # 3 working days: not yet
    assert approval_reminders_send(today=date(2026, 12, 31)) == 2
    assert approval_reminders_send(today=date(2026, 12, 31)) == 0
    assert approval_reminders_send(today=date(2027, 1, 4)) == 0
    notices = list(waiting_notices().order_by("pk"))
    assert {n.user for n in notices} == {officer, second} and len(notices) == 2
    assert notices[0].subject == "Still waiting for approval from Leedsford Police: " + made.title
    assert "on 23 December 2026, more than 3 working days ago" in notices[0].body
    assert notices[0].url == made.get_absolute_url()


def test_an_approval_given_or_a_story_returned_is_not_reminded(world):
    press_officer(world.agency, "police.press@example.org")
    approved = story(world, stage="approved", title="Approved")
    sent_on(approved, date(2026, 12, 1))
    returned = story(world, stage="awaiting_approval", title="Returned")
    from communications.services.stories import story_return_to_draft

    story_return_to_draft(story=returned)
    assert approval_reminders_send(today=date(2026, 12, 31)) == 0


def test_this_weeks_briefings_remind_the_managers_once(world):
    today = date(2026, 12, 2)  # a Wednesday
    for starts_on, title in [
        (date(2026, 12, 1), "Yesterday"),
        (date(2026, 12, 3), "Thursday briefing"),
        (date(2026, 12, 6), "Sunday briefing"),
        (date(2026, 12, 7), "Next week"),
    ]:
        CalendarItem.objects.create(
            partnership=world.partnership, kind="briefing", title=title, starts_on=starts_on
        )
    CalendarItem.objects.create(
        partnership=world.partnership, kind="campaign", title="A campaign", starts_on=today
    )
    CalendarItem.objects.create(
        partnership=world.partnership,
        kind="briefing",
        title="Press at the town hall",
        starts_on=date(2026, 12, 4),
        start_time=time(11, 30),
        location="Town hall",
    )
    assert briefing_reminders_send(today=today) == 3
    assert briefing_reminders_send(today=today) == 0
    assert briefing_reminders_send(today=date(2026, 12, 3)) == 0
    notices = Notification.objects.filter(idempotency_key__startswith="communications:briefing:")
    assert {n.user for n in notices} == {world.user("manager_this")}
    assert sorted(n.subject for n in notices) == [
        "Media briefing this week: Press at the town hall",
        "Media briefing this week: Sunday briefing",
        "Media briefing this week: Thursday briefing",
    ]
    town_hall = notices.get(subject__endswith="town hall")
    assert town_hall.body == (
        "Leedsford has a media briefing, “Press at the town hall”, on Friday 4 December 2026 "
        "at 11:30am, at Town hall."
    )


def test_the_daily_task_sends_both(world, clock):
    from communications.tasks import send_daily_reminders

    press_officer(world.agency, "police.press@example.org")
    made = story(world, stage="awaiting_approval")
    sent_on(made, date(2026, 12, 23))
    CalendarItem.objects.create(
        partnership=world.partnership,
        kind="briefing",
        title="Thursday",
        starts_on=date(2026, 12, 31),
    )
    clock.current = datetime(2026, 12, 31, 7, 10, tzinfo=LONDON)
    assert send_daily_reminders.apply().get() == {"approvals": 1, "briefings": 1}
