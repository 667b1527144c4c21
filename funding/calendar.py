"""A user's private iCalendar feed: watched opportunities' closing dates and the closing dates
of their partnerships' bids. Built with the icalendar library."""

from datetime import timedelta

from icalendar import Calendar, Event

from core import clock

from .selectors import calendar_contents

DOMAIN = "cdrp-portal.invalid"


def _event(
    *, uid: str, summary: str, start, description: str, url: str, now, saves: int, saved_at
) -> Event:
    """One event. SEQUENCE counts the saves after the first (RFC 5545: it rises with every
    revision), LAST-MODIFIED is the last save, so a calendar app replaces its old copy."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("sequence", max(saves - 1, 0))
    event.add("last-modified", saved_at or now)
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
        calendar.add_component(
            _event(
                uid=f"opportunity-{opportunity.pk}-closes@{DOMAIN}",
                summary=f"Funding closes: {opportunity.title}",
                start=opportunity.closes_at,
                description=f"{opportunity.title} from {opportunity.funder} closes.",
                url=base_url + opportunity.get_absolute_url(),
                now=now,
                saves=opportunity.opportunity_saves or 0,
                saved_at=opportunity.opportunity_saved_at,
            )
        )
    for bid in bids:
        calendar.add_component(
            _event(
                uid=f"bid-{bid.pk}-deadline@{DOMAIN}",
                summary=f"Bid deadline ({bid.partnership}): {bid.opportunity.title}",
                start=bid.opportunity.closes_at,
                description=f"{bid.partnership}’s bid is {bid.get_status_display().lower()}.",
                url=base_url + bid.get_absolute_url(),
                now=now,
                # The bid's event changes with the opportunity's deadline and the bid's status.
                saves=(bid.opportunity_saves or 0) + max((bid.bid_saves or 0) - 1, 0),
                saved_at=max(
                    filter(None, (bid.opportunity_saved_at, bid.bid_saved_at)), default=None
                ),
            )
        )
    return calendar.to_ical()
