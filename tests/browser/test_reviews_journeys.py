"""Regional review in a real browser: a reviewer opens the region dashboard, sorts it by the
data-sharing rating, opens the red partnership, reads why it is red and the rule behind it,
writes a shared note and a follow-up action; the partnership's manager then reads the note."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core import clock
from reviews.models import FollowUpAction, ReviewNote
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

NOTE = "Health attends the board only; ask the ICB for a tactical lead."
ACTION = "Agree a data sharing agreement for police recorded crime"


@pytest.fixture
def region(world):
    """Beside Leedsford (whose police hold prescribed data with no agreement: red on data
    sharing), two partnerships whose members hold no prescribed dataset (amber), one of them
    first by name."""
    voluntary = factories.agency_type("voluntary")
    for name in ("Aardale", "Wakeby"):
        partnership = factories.PartnershipFactory(name=name, region=world.region_in)
        agency = factories.AgencyFactory(name=f"{name} Voluntary Action", agency_type=voluntary)
        factories.MembershipFactory(partnership=partnership, agency=agency, strategic=True)
    ReviewNote.objects.create(
        partnership=world.partnership,
        author=world.user("reviewer_in"),
        text="For reviewers only: the manager is new in post.",
    )
    return world


def _first_partnership(page):
    return page.locator("#ratings tbody tr").first.locator("th")


def test_a_reviewer_finds_the_red_partnership_and_follows_it_up(page, region, log_in_as, sign_in):
    world = region
    log_in_as(page, world.user("reviewer_in"))
    page.goto("/")
    page.get_by_role("link", name="Open the regional review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regional review")
    expect(page.get_by_role("table")).to_contain_text("3 partnerships")
    expect(page.get_by_role("link", name="Boltham")).to_have_count(0)  # another region
    expect(_first_partnership(page)).to_contain_text("Aardale")

    # Sort by the data-sharing rating: worst first.
    page.locator("#ratings thead").get_by_role(
        "link", name=re.compile(r"^Data sharing\W+Prescribed data coverage")
    ).click()
    page.wait_for_load_state()
    assert "sort=coverage" in page.url
    header = page.locator("#ratings thead th", has_text="Data sharing")
    expect(header).to_have_attribute("aria-sort", "ascending")
    first = page.locator("#ratings tbody tr").first
    expect(first.locator("th")).to_contain_text("Leedsford")
    coverage_cell = first.locator("td").nth(2)
    expect(coverage_cell).to_contain_text("Red")
    expect(page.locator("#ratings tbody tr").nth(1).locator("td").nth(2)).to_contain_text("Amber")

    # Open it and read why.
    first.get_by_role("link", name="Leedsford").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review: Leedsford")
    why = page.locator(
        "#ratings .govuk-summary-list__row",
        has_text="Prescribed data coverage and on-time delivery",
    )
    expect(why.locator(".govuk-tag")).to_have_text("Red")
    expect(why).to_contain_text(
        re.compile(
            r"(\d+) of \1 prescribed datasets? (has|have) no agreement in force \(100%\); "
            r"no delivery has fallen due yet"
        )
    )
    expect(why).not_to_contain_text("Red:")  # the tag says it once, not "Red Red:"
    why.get_by_role("link", name=re.compile("The rule")).click()
    expect(page.locator("#coverage")).to_have_text("Prescribed data coverage and on-time delivery")
    expect(page.get_by_text("More than 40% lack an agreement or are late")).to_be_visible()
    page.go_back()
    page.wait_for_load_state()

    # A note shared with the manager.
    page.get_by_role("link", name="Write a note").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a review note")
    expect(page.get_by_label("Day")).to_have_value(str(clock.today().day))
    page.get_by_label("Note").fill(NOTE)
    page.get_by_label("Shared with the partnership manager").check()
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review: Leedsford")
    shared = page.locator(".govuk-inset-text", has_text=NOTE)
    expect(shared).to_contain_text("Shared with the partnership manager")

    # A follow-up action with an owner and a due date.
    due = clock.today() + timedelta(days=21)
    page.get_by_role("link", name="Add a follow-up action").click()
    page.get_by_label("What needs to happen").fill(ACTION)
    page.get_by_label("Owner agency").select_option(label="Leedsford Police")
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Save the follow-up action").click()
    row = page.locator("#actions ~ .portal-scroll-x table tbody tr", has_text=ACTION)
    expect(row).to_contain_text("Leedsford Police")
    expect(row).to_contain_text(f"{due.day} {due:%b %Y}")
    action = FollowUpAction.objects.get(title=ACTION)
    assert (action.partnership, action.owner_agency, action.due_on, action.created_by) == (
        world.partnership,
        world.agency,
        due,
        world.user("reviewer_in"),
    )

    # The partnership's manager reads the shared note, and only that one.
    page.context.clear_cookies()
    sign_in(page, world.user("manager_this").email, PASSWORD)
    expect(page.get_by_role("heading", name="Review notes shared with you")).to_be_visible()
    expect(page.get_by_text(NOTE)).to_be_visible()
    page.get_by_role("link", name="All notes shared with Leedsford").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Review notes shared with the partnership manager"
    )
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_text("For reviewers only")).to_have_count(0)
    page.goto(f"/reviews/partnerships/{world.partnership.ons_code}/")
    expect(page.get_by_text(ACTION)).to_have_count(0)  # the review itself stays the reviewers'
