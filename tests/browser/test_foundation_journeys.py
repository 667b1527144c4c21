"""The foundation's journeys in a real browser: signing in, lockout, idle sessions, the
timeout warning, and an administrator onboarding a user."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from partnerships.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

DASHBOARD_BY_ROLE = [
    ("admin@example.org", "Manage users and roles"),
    ("reviewer@example.org", "Regions you review"),
    ("manager@example.org", "Partnerships you manage"),
    ("staff@example.org", "Agencies you work for"),
]


def sign_in_error_response(page):
    """Waits for the response to a sign-in POST (used to read its status)."""
    return page.expect_response(
        lambda r: "/accounts/sign-in/" in r.url and r.request.method == "POST"
    )


@pytest.mark.parametrize(("email", "role_text"), DASHBOARD_BY_ROLE)
def test_each_demo_role_signs_in_and_sees_its_dashboard(page, demo, sign_in, email, role_text):
    sign_in(page, email, DEMO_PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    expect(page.get_by_text(role_text, exact=True)).to_be_visible()
    expect(page).to_have_title("Home – CDRP Partnership Portal")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_wrong_password_shows_the_error_summary(page, demo, sign_in):
    sign_in(page, "manager@example.org", "not-the-password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct email address and password")
    assert page.title().startswith("Error:")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    # Only in the summary: not repeated as an unstyled list above the fields.
    expect(page.get_by_text("Enter a correct email address and password")).to_have_count(1)


def test_five_wrong_passwords_lock_the_account_for_15_minutes(
    page, demo, sign_in, clock, assert_no_axe_violations
):
    for _attempt in range(4):
        sign_in(page, "manager@example.org", "not-the-password")
        expect(page.locator(".govuk-error-summary")).to_be_visible()

    with sign_in_error_response(page) as fifth:
        sign_in(page, "manager@example.org", "not-the-password")
    assert fifth.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have been locked out for 15 minutes"
    )
    assert_no_axe_violations(page)

    # While locked, even the right password is refused.
    with sign_in_error_response(page) as locked:
        sign_in(page, "manager@example.org", DEMO_PASSWORD)
    assert locked.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have been locked out for 15 minutes"
    )

    clock.advance(minutes=16)
    sign_in(page, "manager@example.org", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")


def test_an_idle_session_ends_on_the_server(page, demo, sign_in, clock, assert_no_axe_violations):
    sign_in(page, "staff@example.org", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")

    clock.advance(minutes=31)
    page.reload()

    expect(page).to_have_url("/accounts/sign-in/?timeout=1")
    expect(page.get_by_text("You were signed out")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    assert_no_axe_violations(page)

    # Signed out for real: the dashboard now asks for a sign-in.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")


def test_the_timeout_warning_appears_and_stay_signed_in_keeps_the_session(
    page, demo, sign_in, settings, assert_no_axe_violations
):
    settings.SESSION_IDLE_WARNING = settings.SESSION_IDLE_TIMEOUT - timedelta(seconds=1)
    sign_in(page, "manager@example.org", DEMO_PASSWORD)
    dialog = page.locator("dialog#session-timeout-dialog")

    expect(dialog).to_be_visible(timeout=5_000)
    expect(dialog).to_contain_text("You’re about to be signed out")
    stay = page.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    assert_no_axe_violations(page)

    with page.expect_response(lambda r: "/accounts/session/keep-alive/" in r.url) as kept:
        stay.click()
    assert kept.value.status == 204
    # It closes once the server answers, and would come back a second later: look every frame.
    page.wait_for_function("() => !document.getElementById('session-timeout-dialog').open")

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")


def test_an_administrator_adds_a_user_and_gives_them_a_role(page, demo, sign_in):
    sign_in(page, "admin@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Manage users and roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")
    page.get_by_role("button", name="Add a user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a user")

    # Error state: nothing filled in.
    page.get_by_role("button", name="Create user").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter the person’s full name")
    expect(summary).to_contain_text("Enter the person’s email address")
    assert page.title().startswith("Error:")

    page.get_by_label("Full name").fill("Pat Newcomer")
    page.get_by_label("Email address").fill("pat.newcomer@example.org")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pat Newcomer")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Pat Newcomer has been added"
    )
    expect(page.get_by_text("No roles yet.")).to_be_visible()

    page.get_by_role("button", name="Add a role").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a role")
    page.get_by_role("radio", name="Partnership manager").check()
    page.get_by_label("Partnership they manage").select_option(label="Leeds")
    page.get_by_role("button", name="Add role").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pat Newcomer")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Role added")
    roles = page.get_by_role("table", name="Roles")
    expect(roles).to_contain_text("Partnership manager")
    expect(roles).to_contain_text("Leeds")
