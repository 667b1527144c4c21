"""Funding in a real browser: a manager finds an opportunity through the filters, watches it,
starts a bid and moves it to submitted; the private calendar feed holds the watched deadline."""

from datetime import timedelta

import icalendar
import pytest
from playwright.sync_api import expect

from core import clock
from funding.models import ApplicantType, Bid, BidStatus, Watch
from tests.factories import PASSWORD
from tests.funding.factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def funding_world(world):
    """Two opportunities: the one the manager is after, and one the filters leave out."""
    home_office = FunderFactory(name="Home Office")
    wanted = OpportunityFactory(
        title="Night-time economy safety fund",
        funder=home_office,
        themes=["night-time-economy"],
        max_award=40_000,
        closes_at=clock.now() + timedelta(days=9),
    )
    wanted.applicant_types.set(ApplicantType.objects.filter(slug="csp"))
    OpportunityFactory(title="Drug treatment capacity", themes=["drugs-alcohol"], max_award=400_000)
    return wanted


def find_it(page):
    page.goto("/funding/")
    page.get_by_label("Search by keyword").fill("safety")
    page.get_by_label("Night-time economy").check()
    page.get_by_label("£25,000 to £99,999").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="1 opportunity")).to_be_visible()
    expect(page.get_by_role("link", name="Drug treatment capacity")).to_have_count(0)


def test_a_manager_finds_an_opportunity_through_the_filters(page, world, funding_world, sign_in):
    sign_in(page, world.users["manager_this"].email, PASSWORD)
    find_it(page)
    expect(page.get_by_text("Theme: Night-time economy")).to_be_visible()
    page.get_by_role("link", name="Night-time economy safety fund").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Night-time economy safety fund")


def test_a_manager_watches_it_from_the_finder_and_its_page(page, world, funding_world, sign_in):
    manager = world.users["manager_this"]
    sign_in(page, manager.email, PASSWORD)
    find_it(page)
    page.get_by_role("button", name="Watch Night-time economy safety fund").click()
    expect(page.get_by_text("You are watching Night-time economy safety fund")).to_be_visible()
    assert "theme=night-time-economy" in page.url  # back on the same filtered results
    assert Watch.objects.filter(user=manager, opportunity=funding_world).exists()
    page.get_by_role("link", name="Night-time economy safety fund").click()
    page.get_by_role("button", name="Stop watching Night-time economy safety fund").click()
    expect(page.get_by_role("button", name="Watch Night-time economy safety fund")).to_be_visible()
    assert not Watch.objects.filter(user=manager).exists()


def test_a_manager_starts_a_bid_and_moves_it_to_submitted(page, world, funding_world, sign_in):
    manager = world.users["manager_this"]
    sign_in(page, manager.email, PASSWORD)
    page.goto(funding_world.get_absolute_url())
    page.get_by_role("button", name="Start a bid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a bid")
    page.get_by_label("Lead officer").select_option(label=str(manager))
    page.get_by_label("Amount requested (£)").fill("35000")
    page.get_by_label("Staff-days of effort").fill("3.5")
    page.get_by_role("button", name="Start bid").click()
    expect(page.locator("#bid-status")).to_have_text("Considering")

    for status in ("Preparing", "Submitted"):
        page.get_by_label(status, exact=True).check()
        page.get_by_role("button", name="Update status").click()
        expect(page.locator("#bid-status")).to_have_text(status)
    bid = Bid.objects.get()
    assert (bid.status, bid.partnership, bid.amount_requested) == (
        BidStatus.SUBMITTED,
        world.partnership,
        35_000,
    )
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History")


def test_the_calendar_feed_holds_the_watched_deadline(page, world, funding_world, sign_in):
    sign_in(page, world.users["manager_this"].email, PASSWORD)
    page.goto(funding_world.get_absolute_url())
    page.get_by_role("button", name="Watch Night-time economy safety fund").click()
    page.goto("/funding/settings/")
    page.get_by_role("button", name="Create a calendar address").click()
    feed_url = page.locator("#feed-url").inner_text()
    response = page.context.request.get(feed_url)
    assert response.status == 200
    calendar = icalendar.Calendar.from_ical(response.body())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    event = events["Funding closes: Night-time economy safety fund"]
    assert event.decoded("DTSTART") == funding_world.closes_at.replace(microsecond=0)
    page.get_by_role("button", name="Turn off the address").click()
    assert page.context.request.get(feed_url).status == 404
