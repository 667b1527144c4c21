"""axe-core on the security pages: second-factor set-up and verification (empty and in their
error states), the audit log (empty, with events, filtered) and a user with an authenticator
app, whose page offers the reset."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def password_only(portal_server):
    """A session signed in with the password alone (the second factor still to come)."""
    from django.conf import settings
    from django.test import Client

    def log_in(page, user):
        client = Client()
        client.force_login(user, backend="accounts.backends.EmailPasswordBackend")
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": portal_server.url,
                }
            ]
        )

    return log_in


def submit_code(page, code):
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error:"), page.title()


def test_set_up_page_empty_and_with_errors(page, world, password_only, assert_no_axe_violations):
    password_only(page, world.users["reviewer_out"])
    page.goto("/")
    expect(page).to_have_url(f"{reverse('accounts:second-factor-set-up')}?next=%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    assert_no_axe_violations(page)
    submit_code(page, "")
    assert_no_axe_violations(page)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import current_code

    device = TOTPDevice.objects.get(user=world.users["reviewer_out"], confirmed=False)
    submit_code(page, f"{(int(current_code(device)) + 1) % 1_000_000:06d}")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    assert_no_axe_violations(page)


def test_verify_page_empty_and_with_errors(page, world, password_only, assert_no_axe_violations):
    from tests.factories import authenticator, current_code

    admin = world.users["admin"]
    device = authenticator(admin)
    password_only(page, admin)
    page.goto("/accounts/users/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    assert_no_axe_violations(page)
    submit_code(page, "12ab")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the 6 digits")
    assert_no_axe_violations(page)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    submit_code(page, wrong)
    assert_no_axe_violations(page)


def test_audit_log_empty_with_events_and_filtered(page, world, log_in_as, assert_no_axe_violations):
    from audit.models import Action, AuditEvent
    from audit.services import record

    log_in_as(page, world.users["admin"])
    page.goto(reverse("audit:event-list") + "?action=api_token_refused")
    expect(page.get_by_text("No events match.")).to_be_visible()
    assert_no_axe_violations(page)

    for index in range(60):
        record(
            action=Action.EXPORT,
            actor=world.users["manager_this"],
            details={"rows": index, "query": "q=violence&region=E12000003"},
        )
    page.goto(reverse("audit:event-list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    expect(page.locator(".govuk-pagination")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("What happened").select_option(label="Export")
    page.get_by_label("Person’s email address contains").fill("manager.this")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr")).to_have_count(50)
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 60
    assert_no_axe_violations(page)


def test_user_page_with_an_authenticator_and_after_its_reset(
    page, world, log_in_as, assert_no_axe_violations
):
    from tests.factories import authenticator

    reviewer = world.users["reviewer_in"]
    authenticator(reviewer)
    log_in_as(page, world.users["admin"])
    page.goto(reverse("accounts:user-detail", kwargs={"pk": reviewer.pk}))
    expect(page.get_by_text("Set up", exact=False).first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Reset authenticator app").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "authenticator app has been reset"
    )
    expect(page.get_by_text("Not set up")).to_be_visible()
    assert_no_axe_violations(page)
