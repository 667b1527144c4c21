"""The communications journey in a real browser: Leeds's manager sets the brand, starts a
story from the night-time economy good-practice entry and sends it to the police and the
council; each press officer approves it in their own session (and only for their agency); the
manager records it issued and logs its coverage; the partnership's page then shows the coverage
balance and the gap between the fear of crime and the recorded risk."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role, User
from accounts.services import role_assign
from communications.models import Stage, Story
from core import clock
from partnerships.models import Agency

from .dates import fill_date

pytestmark = pytest.mark.browser

LEEDS = "E22000345"


def _press_officer(email, name, agency_name):
    user = User.objects.create_user(email=email, full_name=name)
    role_assign(
        user=user,
        role=Role.AGENCY_STAFF,
        agency=Agency.objects.get(name=agency_name),
        is_press_officer=True,
    )
    return user


def _approve(browser, portal_server, log_in_as, user, agency_name, other_agency):
    """A press officer signs in in a browser of their own and approves for their agency."""
    context = browser.new_context(base_url=portal_server.url)
    page = context.new_page()
    try:
        log_in_as(page, user)
        page.goto("/")
        page.get_by_role("link", name="Communications", exact=True).first.click()
        page.get_by_role("link", name="Stories to approve").click()
        page.get_by_role("link", name="Help points and bans cut late-night assaults").click()
        # Only their own agency's approval has a button.
        expect(page.get_by_role("button", name=f"Approve for {other_agency}")).to_have_count(0)
        page.get_by_role("button", name=f"Approve for {agency_name}").click()
        page.wait_for_load_state()
        expect(page.get_by_role("button", name=f"Approve for {agency_name}")).to_have_count(0)
    finally:
        context.close()


def test_a_story_from_good_practice_is_approved_issued_and_covered(
    page, browser, portal_server, demo, log_in_as, assert_no_axe_violations
):
    from goodpractice import demo as goodpractice_demo
    from outcomes import demo as outcomes_demo

    goodpractice_demo.seed()
    outcomes_demo.seed()
    police = _press_officer("press.police@example.org", "Priya Press", "West Yorkshire Police")
    council = _press_officer("press.council@example.org", "Connor Comms", "Leeds Council")
    log_in_as(page, demo["users"]["manager@example.org"])

    # The brand.
    page.goto("/")
    page.get_by_role("link", name="Communications", exact=True).first.click()
    page.get_by_role("link", name="Leeds", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Communications")
    page.get_by_role("navigation", name="Communications pages").get_by_role(
        "link", name="Brand"
    ).click()
    page.get_by_role("button", name="Set the brand").click()
    page.get_by_label("Public name").fill("Safer Leeds")
    page.get_by_label("Strapline").fill("Working together for a safer city")
    page.get_by_label("Main colour").fill("#005ea5")
    page.get_by_role("button", name="Save the brand").click()
    expect(page.get_by_role("main")).to_contain_text("Working together for a safer city")

    # A story from the night-time economy entry, with its facts filled in.
    page.goto("/good-practice/?q=behave+or+be+banned")
    page.get_by_role("link", name="Night-time economy group", exact=False).first.click()
    page.get_by_role("button", name="Start a story").click()
    expect(page.get_by_label("The facts")).to_contain_text("Good practice: Night-time economy")
    page.get_by_label("Headline").fill("Help points and bans cut late-night assaults")
    page.get_by_label("Draft").fill(
        "Leeds is to adopt the help points and venue-wide bans that cut assaults elsewhere."
    )
    page.get_by_role("button", name="Save the story").click()
    page.wait_for_load_state()
    story = Story.objects.get(title="Help points and bans cut late-night assaults")
    assert story.entry.title.startswith("Night-time economy group")
    page.get_by_role("button", name="Send for approval").click()
    page.get_by_label("West Yorkshire Police", exact=True).check()
    page.get_by_label("Leeds Council", exact=True).check()
    page.get_by_role("button", name="Send for approval").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.stage == Stage.AWAITING_APPROVAL

    # Each press officer, in a session of their own.
    _approve(browser, portal_server, log_in_as, police, "West Yorkshire Police", "Leeds Council")
    story.refresh_from_db()
    assert story.stage == Stage.AWAITING_APPROVAL
    _approve(browser, portal_server, log_in_as, council, "Leeds Council", "West Yorkshire Police")
    story.refresh_from_db()
    assert story.stage == Stage.APPROVED

    # Issued, then covered.
    page.reload()
    page.get_by_role("button", name="Record as issued").click()
    fill_date(page, "Date issued", f"{clock.today():%d/%m/%Y}")
    page.get_by_role("button", name="Record as issued").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.stage == Stage.ISSUED

    page.goto(f"/communications/partnerships/{LEEDS}/coverage/")
    page.get_by_role("button", name="Log coverage").click()
    page.get_by_label("Headline").fill("Help points to calm city centre nights")
    page.get_by_label("Outlet, if it is not one of your channels").fill("Yorkshire Evening Post")
    fill_date(page, "Date", f"{clock.today():%d/%m/%Y}")
    page.get_by_label("Positive").check()
    page.get_by_label("The partnership was quoted").check()
    page.get_by_label("The partnership’s story it came from").select_option(label=story.title)
    page.get_by_role("button", name="Save the coverage").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.stage == Stage.COVERED

    # The partnership's page: the balance and the perception gap.
    page.goto(f"/communications/partnerships/{LEEDS}/")
    main = page.get_by_role("main")
    balance = main.locator("#coverage + dl")
    expect(balance).to_contain_text("Positive")
    expect(balance.locator(".govuk-summary-list__row").first).to_contain_text("1")
    expect(main).to_contain_text("1 of 1 (100%)")
    expect(main).to_contain_text("feel unsafe walking alone after dark")
    expect(main).to_contain_text("times the recorded risk")
    assert_no_axe_violations(page)
