"""The iCalendar feed: events carry SEQUENCE and LAST-MODIFIED, so a calendar app replaces its
copy when a deadline moves; and a second parser, independent of the icalendar library that
writes the feed (vobject), reads it too."""

import time
from datetime import timedelta

import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from core import clock
from funding import services
from funding.models import BidStatus, Watch

from .factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def feed(client, token) -> bytes:
    response = client.get(reverse("funding:calendar-feed", kwargs={"token": token}))
    assert response.status_code == 200
    return response.content


def events_by_uid(content: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_moving_a_deadline_moves_sequence_and_last_modified_on(world, client, bid):
    manager = world.users["manager_this"]
    watched = OpportunityFactory(title="Knife crime education")
    Watch.objects.create(user=manager, opportunity=watched)
    token = services.calendar_token_reset(user=manager)
    before = events_by_uid(feed(client, token))
    assert {int(e["SEQUENCE"]) for e in before.values()} == {0}
    # LAST-MODIFIED is written to the second: let the change fall in a later one.
    time.sleep(1.01 - timezone.now().microsecond / 1_000_000)

    admin = world.users["admin"]
    for opportunity in (watched, bid.opportunity):
        services.opportunity_update(
            opportunity=opportunity, user=admin, closes_at=opportunity.closes_at + timedelta(days=7)
        )
    after = events_by_uid(feed(client, token))

    assert before.keys() == after.keys() and len(after) == 2
    for uid, event in after.items():
        old = before[uid]
        assert int(event["SEQUENCE"]) > int(old["SEQUENCE"]), uid
        assert event.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED"), uid
        assert event.decoded("DTSTART") == old.decoded("DTSTART") + timedelta(days=7), uid


def test_a_bids_status_change_also_moves_its_events_sequence(world, client, bid):
    manager = world.users["manager_this"]
    token = services.calendar_token_reset(user=manager)
    uid = f"bid-{bid.pk}-deadline@cdrp-portal.invalid"
    before = int(events_by_uid(feed(client, token))[uid]["SEQUENCE"])
    services.bid_change_status(bid=bid, user=manager, status=BidStatus.PREPARING)
    assert int(events_by_uid(feed(client, token))[uid]["SEQUENCE"]) == before + 1


def test_a_second_parser_reads_every_event(world, client, bid):
    manager = world.users["manager_this"]
    for title in ("Knife crime education", "Night-time economy, “safer streets”"):
        Watch.objects.create(user=manager, opportunity=OpportunityFactory(title=title))
    content = feed(client, services.calendar_token_reset(user=manager))
    calendar = vobject.readOne(content.decode("utf-8"))
    calendar.validate()
    events = list(calendar.vevent_list)
    assert len(events) == 3
    summaries = {event.summary.value for event in events}
    assert "Funding closes: Night-time economy, “safer streets”" in summaries
    for event in events:
        assert event.uid.value and event.dtstamp.value.tzinfo is not None
        assert int(event.sequence.value) == 0
        assert event.last_modified.value <= clock.now() + timedelta(seconds=1)
        assert event.dtend.value - event.dtstart.value == timedelta(minutes=30)
