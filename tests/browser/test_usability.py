"""Issue 17, what first-time users stumbled on: each fault checked in a real browser, with the
page's geometry where the fault was visual."""

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
    for width in (641, 700, 800, 900, 1024, 1280):  # where the navigation is a row of links
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


def test_the_beta_banner_asks_for_feedback_by_email_not_through_the_reader(page, world,
                                                                           log_in_as, settings):
    log_in_as(page, world.user("manager_this"))
    page.goto("/")
    banner = page.locator(".govuk-phase-banner")
    expect(banner).not_to_contain_text("partnership manager")
    link = banner.get_by_role("link", name="Email the portal team")
    expect(link).to_have_attribute("href", f"mailto:{settings.FEEDBACK_EMAIL}")
