"""Issue 17's journeys made shorter, in headless Chromium: the administrator's role form and
invitation, a delivery recorded from its agreement, a much smaller ISTV replacement, and a
review note's banner."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.datasharing.helpers import istv_csv, istv_row, make_agreement

pytestmark = pytest.mark.browser

PASSWORD = "a-long-harbour-lantern-2026"


def test_the_role_form_reveals_one_field_and_searches_agencies(page, world, log_in_as):
    log_in_as(page, world.user("admin"))
    page.goto(f"/accounts/users/{world.users['manager_other'].pk}/roles/new/")
    region = page.get_by_label("Region they review")
    expect(region).to_be_hidden()
    page.get_by_label("Regional reviewer").check()
    expect(region).to_be_visible()
    expect(page.get_by_label("Partnership they manage")).to_be_hidden()
    page.get_by_label("Agency staff").check()
    expect(region).to_be_hidden()
    search = page.get_by_role("combobox", name="Agency they work for")
    search.fill("Leedsford")
    page.get_by_role("option", name="Leedsford Police").click()
    page.get_by_role("button", name="Add role").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    added = world.users["manager_other"].role_assignments.get(role="agency_staff")
    assert added.agency == world.agency


def test_without_javascript_the_role_form_shows_every_field(browser, portal_server, world):
    from django.conf import settings
    from django.test import Client

    from tests.factories import login_verified

    context = browser.new_context(base_url=portal_server.url, java_script_enabled=False)
    client = Client()
    login_verified(client, world.user("admin"))
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "url": portal_server.url,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            }
        ]
    )
    tab = context.new_page()
    tab.goto(f"/accounts/users/{world.users['manager_other'].pk}/roles/new/")
    for label in ("Region they review", "Partnership they manage", "Agency they work for"):
        expect(tab.get_by_label(label)).to_be_visible()
    tab.get_by_label("Partnership manager").check()
    tab.get_by_label("Partnership they manage").select_option(label="Leedsford")
    tab.get_by_role("button", name="Add role").click()
    expect(tab.locator(".govuk-notification-banner--success")).to_be_visible()
    context.close()


def test_a_new_user_sets_their_password_from_the_invitation(page, world, log_in_as, sign_in):
    log_in_as(page, world.user("admin"))
    page.goto("/accounts/users/new/")
    page.get_by_label("Full name").fill("Nia Okafor")
    page.get_by_label("Email").first.fill("nia.okafor@example.org")
    page.get_by_role("button", name="Create user").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent an email inviting")
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set your password")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Save new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password has been set")
    sign_in(page, "nia.okafor@example.org", PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This invitation has expired or been used"
    )


def test_a_delivery_is_recorded_from_its_agreement(page, world, log_in_as):
    agreement = make_agreement(world, status="active")
    log_in_as(page, world.user("staff_this"))
    page.goto(agreement.get_absolute_url())
    page.get_by_role("button", name="Record a delivery").click()
    expect(page.get_by_label("Dataset")).to_have_value(str(agreement.datasets.get().pk))
    for name, (day, month, year) in {
        "period_start": ("1", "April", "2025"),
        "period_end": ("30", "June", "2025"),
        "received_on": ("1", "Aug", "2025"),
    }.items():
        page.locator(f"#id_{name}_0").fill(day)
        page.locator(f"#id_{name}_1").fill(month)
        page.locator(f"#id_{name}_2").fill(year)
    page.get_by_label("Number of records").fill("1,240")
    page.get_by_role("button", name="Record delivery").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Delivery recorded")
    expect(page.get_by_role("row", name=re.compile("1 Apr 2025 to 30 Jun 2025"))).to_contain_text(
        "1240"
    )


def test_a_much_smaller_istv_replacement_is_warned_about(page, world, log_in_as, tmp_path):
    from tests.datasharing.helpers import member_agency, signatory_for

    agency = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    user = signatory_for(agency, email="ed.journey@example.org")
    log_in_as(page, user)
    for count in (20, 3):
        path = tmp_path / f"april-{count}.csv"
        path.write_bytes(istv_csv([istv_row() for _ in range(count)]))
        page.goto("/data-sharing/istv/upload/")
        for name, (day, month, year) in {
            "period_start": ("1", "4", "2025"),
            "period_end": ("30", "4", "2025"),
        }.items():
            page.locator(f"#id_{name}_0").fill(day)
            page.locator(f"#id_{name}_1").fill(month)
            page.locator(f"#id_{name}_2").fill(year)
        page.get_by_label("ISTV file (CSV, up to 5 MB)").set_input_files(str(path))
        page.get_by_role("button", name="Check and import").click()
        page.wait_for_load_state()
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "The new file has 3 assaults, far fewer than the 20"
    )
    expect(page.get_by_role("checkbox")).to_have_count(0)
    page.get_by_role("button", name="Replace the existing return").click()
    expect(page).to_have_url(re.compile(r"/istv/analysis/"))
    expect(page.locator("body")).to_contain_text("3 assaults")


def test_a_review_note_says_it_was_saved(page, world, log_in_as):
    log_in_as(page, world.user("reviewer_in"))
    page.goto(reverse("reviews:note-create", kwargs={"code": world.partnership.ons_code}))
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the note")
    page.get_by_label("Note").fill("Health attends the board only.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Review note saved")
