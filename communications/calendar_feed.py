"""A partnership's briefings, campaigns and events as an iCalendar feed, built with the icalendar
library. Date-only items are all-day events (DTEND the day after the last day, as RFC 5545
says); an item with a time is an hour long. UIDs are fixed by the item's id, so a calendar app
updates an item rather than adding it again."""

from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from core import clock

from .models import CalendarItem

DOMAIN = "cdrp-portal.invalid"


def _event(item: CalendarItem, *, now, url: str) -> Event:
    event = Event()
    event.add("uid", f"communications-item-{item.pk}@{DOMAIN}")
    event.add("dtstamp", now)
    event.add("summary", f"{item.get_kind_display()}: {item.title}")
    if item.start_time is not None:
        start = timezone.make_aware(
            datetime.combine(item.starts_on, item.start_time), timezone.get_default_timezone()
        )
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(hours=1))
    else:
        event.add("dtstart", item.starts_on)
        event.add("dtend", (item.ends_on or item.starts_on) + timedelta(days=1))
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    event.add("url", url)
    return event


def feed_for(*, partnership, base_url: str) -> bytes:
    """Every item of the partnership's calendar, past and to come."""
    from django.urls import reverse

    now = clock.now()
    calendar = Calendar()
    calendar.add("prodid", "-//CDRP Partnership Portal//Communications calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{partnership.name}: briefings and campaigns")
    url = base_url + reverse("communications:calendar", kwargs={"code": partnership.ons_code})
    for item in CalendarItem.objects.filter(partnership=partnership).order_by("starts_on", "id"):
        calendar.add_component(_event(item, now=now, url=url))
    return calendar.to_ical()
