"""Issue 17, what first-time users stumbled on: each fault checked in a real browser, with the
page's geometry where the fault was visual."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _box(locator):
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    return box


def _text_lines(locator) -> int:
    """How many lines the element's text is laid out on."""
    return locator.evaluate("""(element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }""")


def test_the_review_dashboard_keeps_to_the_page_grid(page, world, log_in_as):
    """The main content lines up with the header's grid, and "Sign out" stays on one line."""
    log_in_as(page, world.user("admin"))
    page.goto("/reviews/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Regional review")
    header = _box(page.locator(".govuk-service-navigation .govuk-width-container"))
    main = _box(page.locator("main"))
    assert main["x"] >= header["x"] - 1, (main, header)
    assert main["x"] + main["width"] <= header["x"] + header["width"] + 1, (main, header)
    sign_out = page.get_by_role("button", name="Sign out")
    for width in range(641, 1281, 8):  # wherever the navigation is a row of links
        page.set_viewport_size({"width": width, "height": 900})
        assert _text_lines(sign_out) == 1, f"Sign out wraps at {width} px"
    page.screenshot(path="var/screenshots/review-dashboard.png", full_page=False)


def test_the_header_is_the_service_name_without_the_crown(page, world, log_in_as):
    log_in_as(page, world.user("manager_this"))
    page.goto("/")
    banner = page.get_by_role("banner")
    expect(banner).to_have_count(1)
    expect(banner.get_by_role("link", name="CDRP Partnership Portal")).to_be_visible()
    expect(page.locator(".govuk-header, .govuk-logo, svg[aria-label='GOV.UK']")).to_have_count(0)
    expect(page.get_by_role("link", name="GOV.UK")).to_have_count(0)
    expect(banner.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_beta_banner_asks_for_feedback_by_email_not_through_the_reader(
    page, world, log_in_as, settings
):
    log_in_as(page, world.user("manager_this"))
    page.goto("/")
    banner = page.locator(".govuk-phase-banner")
    expect(banner).not_to_contain_text("partnership manager")
    link = banner.get_by_role("link", name="Email the portal team")
    expect(link).to_have_attribute("href", f"mailto:{settings.FEEDBACK_EMAIL}")


def _jess_young_and_a_strategic_only_health_member(world):
    """Health at the board only; fire also at tactical meetings; Jess Young the only contact
    in three places."""
    from partnerships.models import Level
    from tests import factories
    from tests.partnerships import factories as f

    def member(slug, **levels):
        agency = factories.AgencyFactory(agency_type=factories.agency_type(slug))
        return factories.MembershipFactory(partnership=world.partnership, agency=agency, **levels)

    member("health-commissioner", strategic=True)
    fire = member("fire", strategic=True, tactical=True)
    police = world.partnership.memberships.get(agency=world.agency)
    for membership, level in (
        (police, Level.STRATEGIC),
        (police, Level.TACTICAL),
        (fire, Level.STRATEGIC),
    ):
        f.ContactFactory(
            membership=membership,
            level=level,
            name="Jess Young",
            email="jess.young@example.org",
            deputy_name="",
            deputy_email="",
        )
    f.ContactFactory(membership=fire, level=Level.TACTICAL)


def test_the_overview_summary_agrees_with_its_tables(page, world, log_in_as):
    _jess_young_and_a_strategic_only_health_member(world)
    log_in_as(page, world.user("manager_this"))
    page.goto(f"/partnerships/{world.partnership.ons_code}/")
    attention = page.locator(".govuk-warning-text", has_text="Needs attention")
    expect(attention).to_contain_text("1 responsible authority present at strategic level only")
    expect(attention).to_contain_text("1 person is a single point of failure, in 4 places")
    grid = page.get_by_role("table", name="Responsible authorities by level")
    red_rows = grid.locator("tbody tr", has=page.locator(".govuk-tag--red", has_text="Absent"))
    expect(red_rows).to_have_count(1)
    expect(red_rows.first).to_contain_text("Health")

    flags = page.get_by_role(
        "table", name="Memberships and levels that rest on one person, or on no one"
    )
    rows = flags.locator("tbody tr")
    for index in range(rows.count()):
        expect(rows.nth(index).locator("td").nth(3).get_by_role("link")).to_have_count(1)
    rows.first.get_by_role("link", name="Add a deputy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit contact: Jess Young")
    expect(page.get_by_label("Contact’s name")).to_have_value("Jess Young")

    page.goto("/")
    expect(
        page.locator(".govuk-summary-list__row", has_text="People who are single points of failure")
    ).to_contain_text("1")


def test_contacts_list_links_to_edit_and_add(page, world, log_in_as):
    _jess_young_and_a_strategic_only_health_member(world)
    log_in_as(page, world.user("manager_this"))
    page.goto(f"/partnerships/{world.partnership.ons_code}/contacts/")
    edit = page.get_by_role("link", name="Edit Jess Young", exact=False)
    expect(edit).to_have_count(3)
    page.get_by_role("link", name=f"Add a contact for {world.agency.name}").click()
    expect(page.get_by_role("button", name="Save contact")).to_be_visible()

    page.context.clear_cookies()
    log_in_as(page, world.user("staff_this"))  # reads, may not change
    page.goto(f"/partnerships/{world.partnership.ons_code}/contacts/")
    expect(page.get_by_role("link", name="Edit Jess Young", exact=False)).to_have_count(0)
    expect(page.locator("#add-contact")).to_have_count(0)


def test_wide_tables_scroll_in_a_labelled_region_and_the_page_fits_320px(page, world, log_in_as):
    from tests.browser.conftest import assert_fits_narrowest_screen
    from tests.browser.test_accessibility_partnerships import fill

    fill(world)
    log_in_as(page, world.user("manager_this"))
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"/partnerships/{world.partnership.ons_code}/")
        assert_fits_narrowest_screen(page)
        regions = page.locator(".portal-scroll-x")
        assert regions.count() >= 5
        for index in range(regions.count()):
            region = regions.nth(index)
            expect(region).to_have_attribute("tabindex", "0")
            expect(region).to_have_attribute("role", "region")
            assert region.evaluate(
                "(e) => !!(e.getAttribute('aria-label') || "
                "document.getElementById(e.getAttribute('aria-labelledby'))"
                "?.textContent.trim())"
            )
        # The widest table really scrolls inside its region, and the keyboard reaches it.
        grid = page.get_by_role("region", name="Member agencies, levels and attendance")
        assert grid.evaluate("(e) => e.scrollWidth > e.clientWidth")
        grid.focus()
        expect(grid).to_be_focused()
    page.screenshot(path="var/screenshots/overview-320.png", full_page=True)


def test_the_opportunity_page_offers_watching_and_reminders(page, world, log_in_as):
    from tests.browser.test_accessibility_funding import _opportunity

    opportunity = _opportunity(world)
    log_in_as(page, world.user("manager_this"))
    page.goto(f"/funding/opportunities/{opportunity.pk}/")
    expect(page.get_by_role("button", name="Watch", exact=False)).to_be_visible()
    page.get_by_role("link", name="Reminders and calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding reminders and calendar")


def test_the_calendar_address_can_be_copied_and_subscribed_to(page, world, log_in_as):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in_as(page, world.user("manager_this"))
    page.goto("/funding/settings/")
    page.get_by_role("button", name="Create a calendar address").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your calendar address is ready"
    )
    expect(page.locator(".govuk-notification-banner")).not_to_contain_text("old address")
    address = page.locator("#feed-url").inner_text()
    subscribe = page.get_by_role("link", name="Subscribe in your calendar app")
    expect(subscribe).to_have_attribute("href", "webcal:" + address.partition(":")[2])
    page.get_by_role("button", name="Copy the address").click()
    expect(page.locator("#feed-url-copied")).to_have_text("Address copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == address

    page.get_by_role("button", name="Make a new address").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The old address no longer works"
    )


def test_without_javascript_there_is_no_copy_button(browser, portal_server, world, log_in_as):
    context = browser.new_context(base_url=portal_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        from funding.services import calendar_token_reset

        calendar_token_reset(user=world.users["manager_this"])
        log_in_as(page, world.user("manager_this"))
        page.goto("/funding/settings/")
        expect(page.locator("#feed-url")).to_be_visible()
        expect(page.get_by_role("button", name="Copy the address")).to_be_hidden()
    finally:
        context.close()


def test_times_read_the_govuk_way(page, world, log_in_as):
    from accounts.services import notify

    notify(
        user=world.users["manager_this"],
        subject="A note was shared",
        body="Read it.",
        idempotency_key="usability-time",
    )
    log_in_as(page, world.user("manager_this"))
    page.goto("/accounts/notifications/")
    row = page.get_by_role("table").locator("tbody tr").first
    expect(row).to_contain_text(
        re.compile(r"\d{1,2} \w{3} \d{4}, (\d{1,2}(:\d\d)?(am|pm)|midday|midnight)")
    )
    expect(page.locator("main")).not_to_contain_text(re.compile(r"[ap]\.m\."))


def test_review_pages_read_correctly(page, world, log_in_as):
    log_in_as(page, world.user("reviewer_in"))
    page.goto("/reviews/")
    summary = page.locator("#summary")
    expect(summary).not_to_contain_text(re.compile(r"\b0 of \d"))
    expect(summary).to_contain_text("1 of 1 partnership has")
    cell = page.locator("#ratings tbody td").first
    expect(cell).not_to_contain_text(re.compile(r"(Red|Amber|Green):"))
    page.locator("#ratings tbody th a").first.click()
    expect(
        page.get_by_role("link", name="The facts behind ISTV (A&E) data flowing")
    ).to_be_visible()
    expect(page.locator("#ratings")).not_to_contain_text(re.compile(r"(Red|Amber|Green):"))


def test_nothing_users_read_says_demo(page, demo, log_in_as):
    from accounts.models import User
    from partnerships.models import Partnership

    leeds = Partnership.objects.get(ons_code="E22000345")
    log_in_as(page, User.objects.get(email="manager@example.org"))
    page.goto(f"/partnerships/{leeds.ons_code}/")
    expect(page.locator(".govuk-summary-list__row", has_text="Most similar group")).to_contain_text(
        "Group 4: large cities"
    )
    for path in (
        "/",
        f"/partnerships/{leeds.ons_code}/",
        "/good-practice/?q=night",
        f"/funding/partnerships/{leeds.ons_code}/",
    ):
        page.goto(path)
        assert "demo" not in page.locator("body").inner_text().lower(), path
