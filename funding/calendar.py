"""A user's private iCalendar feed: watched opportunities' closing dates and the closing dates
of their partnerships' bids. Built with the icalendar library."""

from datetime import timedelta

from icalendar import Calendar, Event

from core import clock

from .selectors import calendar_contents

DOMAIN = "cdrp-portal.invalid"


def _event(*, uid: str, summary: str, start, description: str, url: str, now) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=30))
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    return event


def calendar_for(*, user, base_url: str) -> bytes:
    now = clock.now()
    calendar = Calendar()
    calendar.add("prodid", "-//CDRP Partnership Portal//Funding deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Funding deadlines")
    watched, bids = calendar_contents(user=user)
    for opportunity in watched:
        calendar.add_component(_event(
            uid=f"opportunity-{opportunity.pk}-closes@{DOMAIN}",
            summary=f"Funding closes: {opportunity.title}",
            start=opportunity.closes_at,
            description=f"{opportunity.title} from {opportunity.funder} closes.",
            url=base_url + opportunity.get_absolute_url(),
            now=now,
        ))
    for bid in bids:
        calendar.add_component(_event(
            uid=f"bid-{bid.pk}-deadline@{DOMAIN}",
            summary=f"Bid deadline ({bid.partnership}): {bid.opportunity.title}",
            start=bid.opportunity.closes_at,
            description=f"{bid.partnership}’s bid is {bid.get_status_display().lower()}.",
            url=base_url + bid.get_absolute_url(),
            now=now,
        ))
    return calendar.to_ical()
