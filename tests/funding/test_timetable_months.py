"""The timetable shows a page of events per month and counts the rest; one month in full."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from funding.selectors import TIMETABLE_MONTH_LIMIT, timetable
from tests.funding.factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def busy_month(clock, count):
    clock.current = timezone.make_aware(datetime(2026, 11, 2, 9))
    funder = FunderFactory(name="Home Office")
    # All open before the timetable starts and close in January 2027.
    for n in range(count):
        OpportunityFactory(
            funder=funder,
            title=f"Pot {n:02d}",
            opens_at=clock.current - timedelta(days=30),
            closes_at=timezone.make_aware(datetime(2027, 1, 10, 12)) + timedelta(hours=n),
        )


def test_a_busy_month_shows_a_page_and_counts_the_rest(world, clock, client_for):
    busy_month(clock, TIMETABLE_MONTH_LIMIT + 5)
    user = world.users["manager_this"]
    _, months = timetable(user=user, data={})
    january = next(m for m in months if m.key == "2027-01")
    assert (
        len(january.events) == TIMETABLE_MONTH_LIMIT and january.total == TIMETABLE_MONTH_LIMIT + 5
    )
    assert january.more == 5
    assert [e.opportunity.title for e in january.events[:2]] == ["Pot 00", "Pot 01"]

    page = client_for("manager_this").get("/funding/timetable/?theme=violence")
    html = page.content.decode()
    assert f"See all {TIMETABLE_MONTH_LIMIT + 5} openings and closings in January 2027" in html
    assert "theme=violence&amp;month=2027-01" in html
    last, hidden = f"Pot {TIMETABLE_MONTH_LIMIT - 1:02d}", f"Pot {TIMETABLE_MONTH_LIMIT:02d}"
    assert "Home Office" in html and last in html and hidden not in html


def test_one_month_in_full(world, clock, client_for):
    busy_month(clock, TIMETABLE_MONTH_LIMIT + 5)
    page = client_for("manager_this").get("/funding/timetable/?month=2027-01")
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Pot {TIMETABLE_MONTH_LIMIT + 4:02d}" in html and "December 2026" not in html
    assert "Back to all 12 months" in html and "See all" not in html


@pytest.mark.parametrize("month", ["2030-01", "nonsense", "2027-13", ""])
def test_a_month_outside_the_twelve_shows_all_twelve(world, clock, client_for, month):
    busy_month(clock, 2)
    page = client_for("manager_this").get(f"/funding/timetable/?month={month}")
    assert page.status_code == 200
    assert "November 2026" in page.content.decode() and "October 2027" in page.content.decode()


def test_counts_mix_openings_and_closings_by_uk_month(world, clock, client_for):
    """The database counts each UK month's openings and closings; the page lists the first
    TIMETABLE_MONTH_LIMIT of them in date order and links to the rest."""
    clock.current = timezone.make_aware(datetime(2026, 11, 2, 9))
    utc = timezone.get_fixed_timezone(0)
    funder = FunderFactory(name="Youth Endowment Fund")
    for n in range(30):  # open in March 2027, close in June
        OpportunityFactory(
            funder=funder,
            title=f"Opens {n:02d}",
            opens_at=datetime(2027, 3, 5, tzinfo=utc) + timedelta(hours=n),
            closes_at=datetime(2027, 6, 1, 12, tzinfo=utc),
        )
    for n in range(25):  # opened before the timetable starts, close in March
        OpportunityFactory(
            funder=funder,
            title=f"Closes {n:02d}",
            opens_at=datetime(2026, 10, 1, tzinfo=utc),
            closes_at=datetime(2027, 3, 10, tzinfo=utc) + timedelta(hours=n),
        )
    # 23:30 on 31 March in UTC is 00:30 on 1 April in UK summer time.
    OpportunityFactory(
        funder=funder,
        title="Opens in April",
        closes_at=datetime(2027, 5, 3, tzinfo=utc),
        opens_at=datetime(2027, 3, 31, 23, 30, tzinfo=utc),
    )
    # Opened earlier this month, before today: only its closing is in the timetable.
    OpportunityFactory(
        funder=funder,
        title="Opened yesterday",
        opens_at=datetime(2026, 11, 1, 10, tzinfo=utc),
        closes_at=datetime(2026, 12, 4, tzinfo=utc),
    )

    _, months = timetable(user=world.users["manager_this"], data={})
    totals = {m.key: m.total for m in months if m.total}
    assert totals == {"2026-12": 1, "2027-03": 55, "2027-04": 1, "2027-05": 1, "2027-06": 30}
    limit = TIMETABLE_MONTH_LIMIT
    assert limit < 55
    march = next(m for m in months if m.key == "2027-03")
    in_order = [("opens", f"Opens {n:02d}") for n in range(30)] + [
        ("closes", f"Closes {n:02d}") for n in range(25)
    ]
    assert [(e.kind, e.opportunity.title) for e in march.events] == in_order[:limit]
    assert march.more == 55 - limit

    client = client_for("manager_this")
    html = client.get("/funding/timetable/").content.decode()
    assert f"See all 55 openings and closings in March 2027</a> ({55 - limit} more)" in html
    assert 'href="?month=2027-03"' in html
    assert html.count("See all") == sum(1 for total in totals.values() if total > limit)

    page = client.get("/funding/timetable/?month=2027-03")
    (only,) = page.context["months"]
    assert only.total == 55 and len(only.events) == 55 and only.more == 0
    assert only.events[-1].opportunity.title == "Closes 24"
    assert "Opens in April" not in page.content.decode()
