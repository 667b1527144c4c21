"""The forward calendar, its forms and its private iCal feed."""

from datetime import date, time, timedelta

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communications.models import CalendarItem, ItemKind
from funding import services as funding_services

pytestmark = pytest.mark.django_db


def _url(world, name, **kwargs):
    return reverse(f"communications:{name}", kwargs={"code": world.partnership.ons_code, **kwargs})


def _item(partnership, title="Safer nights out", **values):
    values.setdefault("starts_on", date.today() + timedelta(days=10))
    return CalendarItem.objects.create(
        partnership=partnership, kind=values.pop("kind", ItemKind.CAMPAIGN), title=title, **values
    )


def _post(**values):
    data = {
        "kind": "campaign",
        "title": "Safer nights out at Christmas",
        "starts_on_0": "1",
        "starts_on_1": "12",
        "starts_on_2": "2026",
        "ends_on_0": "31",
        "ends_on_1": "12",
        "ends_on_2": "2026",
        "start_time": "",
        "location": "City centre",
        "description": "",
        "story": "",
    }
    data.update(values)
    return data


def test_a_manager_adds_a_campaign(world, client_for):
    response = client_for("manager_this").post(_url(world, "calendar-create"), _post())
    assert response.status_code == 302
    item = CalendarItem.objects.get()
    assert (item.starts_on, item.ends_on) == (date(2026, 12, 1), date(2026, 12, 31))


def test_a_briefing_takes_a_time_written_either_way(world, client_for):
    client = client_for("manager_this")
    client.post(
        _url(world, "calendar-create"),
        _post(kind="briefing", ends_on_0="", ends_on_1="", ends_on_2="", start_time="2:30pm"),
    )
    item = CalendarItem.objects.get()
    assert (item.kind, item.start_time, item.ends_on) == ("briefing", time(14, 30), None)


def test_an_end_before_the_start_is_refused(world, client_for):
    response = client_for("manager_this").post(
        _url(world, "calendar-create"), _post(ends_on_0="1", ends_on_1="11")
    )
    assert response.context["form"].errors["ends_on"] == [
        "The end date must be the same as or after the start date"
    ]
    assert not CalendarItem.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"starts_on_0": "32"},
        {"start_time": "teatime"},
        {"kind": "party"},
        {"story": "abc"},
        {"title": ""},
    ],
)
def test_bad_input_is_an_error_not_a_500(world, client_for, values):
    response = client_for("manager_this").post(_url(world, "calendar-create"), _post(**values))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "This field is required." not in response.content.decode()


def test_upcoming_items_come_first_and_past_ones_on_request(world, client_for, clock):
    today = timezone.localdate(clock())
    _item(world.partnership, "Later", starts_on=today + timedelta(days=20))
    _item(world.partnership, "Sooner", starts_on=today + timedelta(days=2))
    _item(
        world.partnership,
        "Running now",
        starts_on=today - timedelta(days=5),
        ends_on=today + timedelta(days=5),
    )
    _item(world.partnership, "Done", starts_on=today - timedelta(days=3))
    _item(world.other_partnership, "Elsewhere")
    client = client_for("staff_this")
    response = client.get(_url(world, "calendar"))
    assert [i.title for i in response.context["upcoming"]] == ["Running now", "Sooner", "Later"]
    assert "Done" not in response.content.decode()
    past = client.get(_url(world, "calendar") + "?past=1")
    assert [i.title for i in past.context["past"]] == ["Done"]


def test_an_item_is_changed_and_another_partnerships_is_not_found(world, client_for):
    item = _item(world.partnership)
    other = _item(world.other_partnership)
    client = client_for("manager_this")
    response = client.post(_url(world, "calendar-edit", pk=item.pk), _post(title="Renamed"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Renamed"
    assert client.get(_url(world, "calendar-edit", pk=other.pk)).status_code == 404


def _feed(world, token, code=None):
    url = reverse(
        "communications:calendar-feed",
        kwargs={"code": code or world.partnership.ons_code, "token": token},
    )
    return Client().get(url)  # no session: the token is the key


def test_the_feed_parses_with_stable_uids_and_all_day_events(world, client_for):
    campaign = _item(world.partnership, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31))
    briefing = _item(
        world.partnership,
        "Weekly briefing",
        kind=ItemKind.BRIEFING,
        starts_on=date(2026, 12, 3),
        start_time=time(10, 30),
        location="Police HQ",
    )
    token = funding_services.calendar_token_reset(user=world.users["staff_this"])
    response = _feed(world, token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"communications-item-{campaign.pk}@cdrp-portal.invalid",
        f"communications-item-{briefing.pk}@cdrp-portal.invalid",
    }
    whole = events[f"communications-item-{campaign.pk}@cdrp-portal.invalid"]
    assert whole.decoded("dtstart") == date(2026, 12, 1)
    assert whole.decoded("dtend") == date(2027, 1, 1)  # the day after the last day
    assert "DTSTAMP" in whole
    timed = events[f"communications-item-{briefing.pk}@cdrp-portal.invalid"]
    assert timed.decoded("dtstart").hour == 10 and str(timed["location"]) == "Police HQ"
    assert str(timed["summary"]) == "Media briefing: Weekly briefing"
    # The same item keeps its UID from one download to the next.
    again = icalendar.Calendar.from_ical(_feed(world, token).content)
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(events)


def test_the_feed_answers_only_what_its_owner_may_read(world):
    token = funding_services.calendar_token_reset(user=world.users["staff_other"])
    assert _feed(world, token).status_code == 404
    assert _feed(world, token, code=world.other_partnership.ons_code).status_code == 200
    assert _feed(world, "not-a-token").status_code == 404
    assert _feed(world, "x" * 65).status_code == 404


def test_a_replaced_or_revoked_token_stops_working(world):
    user = world.users["manager_this"]
    old = funding_services.calendar_token_reset(user=user)
    new = funding_services.calendar_token_reset(user=user)
    assert _feed(world, old).status_code == 404
    assert _feed(world, new).status_code == 200
    funding_services.calendar_token_revoke(user=user)
    assert _feed(world, new).status_code == 404
    token = funding_services.calendar_token_reset(user=user)
    user.is_active = False
    user.save()
    assert _feed(world, token).status_code == 404


def test_the_calendar_page_creates_and_shows_the_address(world, client_for):
    client = client_for("reviewer_in")
    page = client.get(_url(world, "calendar")).content.decode()
    assert "Create my calendar address" in page
    assert client.post(_url(world, "calendar-address")).status_code == 302
    page = client.get(_url(world, "calendar"))
    assert page.context["feed_url"].startswith("http://testserver/communications/")
    assert page.context["webcal_url"].startswith("webcal://testserver/")
    first = page.context["feed_url"]
    client.post(_url(world, "calendar-address"))  # a second press keeps the address
    assert client.get(_url(world, "calendar")).context["feed_url"] == first


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_calendar_runs_the_same_queries_at_1_and_20_items(world, client_for):
    client = client_for("manager_this")
    url = _url(world, "calendar") + "?past=1"
    _item(world.partnership, "Item 0")
    one = _queries(client, url)
    for n in range(1, 20):
        _item(world.partnership, f"Item {n}", starts_on=date.today() + timedelta(days=n - 10))
    assert _queries(client, url) == one
    # Session, user, roles, the partnership, upcoming, past, the calendar token.
    assert one == 7, one
    token = funding_services.calendar_token_reset(user=world.users["manager_this"])
    feed = reverse(
        "communications:calendar-feed", kwargs={"code": world.partnership.ons_code, "token": token}
    )
    assert _queries(Client(), feed) == 5  # token and owner, partnership, roles, items
