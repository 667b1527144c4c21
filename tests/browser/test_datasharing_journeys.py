"""Data-sharing journeys in a real browser: an agreement from the task list to active, the
coverage matrix with an on-time then a late quarter, and an ISTV upload with its analysis."""

from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.datasharing.helpers import istv_csv, istv_row, member_agency, signatory_for

from .dates import fill_date

pytestmark = pytest.mark.browser
SAVE = "Save and return to the task list"


def set_today(clock, day: date):
    clock.current = timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def open_section(page, title):
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def save(page):
    page.get_by_role("button", name=SAVE).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def test_agreement_from_task_list_to_active_then_on_time_then_late(
    page, world, log_in_as, clock, assert_no_axe_violations
):
    set_today(clock, date(2025, 7, 10))
    council = member_agency(world.partnership, type_slug="la-unitary", name="Leedsford Council")
    council_signatory = signatory_for(council, email="signatory.council@example.org")
    log_in_as(page, world.users["staff_this"])

    # Agency staff start an agreement; their agency becomes the first party.
    page.goto("/data-sharing/")
    page.get_by_role("button", name="Start an agreement").click()
    page.get_by_label("Title of the agreement").fill("Recorded crime for Leedsford")
    page.get_by_label("Partnership").select_option(label=world.partnership.name)
    page.get_by_label("Your agency").select_option(label=world.agency.name)
    page.get_by_label("Provides data", exact=True).check()
    page.get_by_role("button", name="Create draft agreement").click()
    expect(page.get_by_text("0 of 8 sections are complete")).to_be_visible()

    # The task list, in an order of the user's choosing.
    open_section(page, "Frequency and dates")
    page.get_by_label("Quarterly").check()
    fill_date(page, "Start date", "01/01/2025")
    fill_date(page, "Review date", "01/01/2026")
    save(page)
    expect(page.get_by_text("1 of 8 sections is complete")).to_be_visible()

    open_section(page, "Parties and controllers")
    page.get_by_role("link", name="Add a party").click()
    page.get_by_label("Agency").select_option(label="Leedsford Council")
    page.get_by_label("Receives data", exact=True).check()
    page.get_by_role("button", name="Add party").click()
    expect(page.get_by_role("cell", name="Leedsford Council", exact=True)).to_be_visible()
    page.get_by_label("Separate controllers").check()
    save(page)

    open_section(page, "Title and purpose")
    page.get_by_label("Purpose of the sharing").fill("Quarterly crime data for the assessment")
    save(page)

    open_section(page, "Data to be shared")
    page.get_by_label("Depersonalised or aggregate data").check()
    page.get_by_label("Data items").fill("Crime sub-category, date, time, location")
    page.get_by_label("Recorded crime by sub-category").check()
    save(page)

    open_section(page, "Lawful basis and legal powers")
    page.get_by_label("None needed: no personal data is shared").check()
    page.get_by_label("Crime and Disorder Act 1998, section 17A (prescribed information)").check()
    page.get_by_label("Why the sharing is necessary and proportionate").fill("Required by law")
    save(page)

    open_section(page, "Data protection impact assessment")
    page.get_by_label("Not needed").check()
    save(page)

    open_section(page, "Retention, security and individuals’ rights")
    page.get_by_label("Retention and deletion").fill("Three years")
    page.get_by_label("Security", exact=True).fill("Secure server")
    page.get_by_label("Transfer method").fill("SFTP")
    page.get_by_label("How individuals’ rights are handled").fill("No personal data")
    save(page)

    open_section(page, "Transparency register")
    page.get_by_label("Yes, publish it").check()
    save(page)
    expect(page.get_by_text("All 8 sections are complete")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Send for signature").click()
    expect(page.locator(".govuk-tag", has_text="Awaiting signatures")).to_be_visible()

    # The police signatory signs; the agreement waits for the council.
    page.get_by_role("link", name=f"Sign for {world.agency.name}").click()
    page.get_by_label("I am authorised to sign").check()
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text(f"Signed for {world.agency.name}")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Awaiting signatures")).to_be_visible()
    agreement_url = page.url

    # The council's signatory signs: every party has signed, so it is active.
    page.context.clear_cookies()
    log_in_as(page, council_signatory)
    page.goto(agreement_url)
    page.get_by_role("link", name="Sign for Leedsford Council").click()
    page.get_by_label("I am authorised to sign").check()
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text("the agreement is now active")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Active")).to_be_visible()
    expect(page.get_by_text("signed by", exact=False).first).to_be_visible()
    # Done and active: no "Complete them in any order" any more.
    expect(page.get_by_text("All 8 sections are complete.")).to_be_visible()
    expect(page.get_by_text("Complete them in any order")).to_have_count(0)

    # The coverage matrix shows the dataset covered; Q1 (due 30 June) has not arrived: late.
    page.get_by_role("link", name=f"Coverage matrix for {world.partnership.name}").click()
    row = page.get_by_role("row").filter(has_text="Recorded crime by sub-category")
    expect(row).to_contain_text("DSA-")
    expect(row).to_contain_text("Active")
    expect(row).to_contain_text("Late")

    # Police staff record the Q1 delivery, received before its due date: on time.
    page.context.clear_cookies()
    log_in_as(page, world.users["staff_this"])
    page.goto("/data-sharing/deliveries/new/")
    page.get_by_label("Agency and partnership").select_option(
        label=f"{world.agency.name} – {world.partnership.name}"
    )
    page.get_by_label("Dataset").select_option(label="Recorded crime by sub-category")
    fill_date(page, "Start of the period covered", "01/01/2025")
    fill_date(page, "End of the period covered", "31/03/2025")
    fill_date(page, "Date received", "20/06/2025")
    page.get_by_label("Number of records").fill("812")
    page.get_by_role("button", name="Record delivery").click()
    expect(page.get_by_text("Delivery recorded")).to_be_visible()
    page.goto(f"/data-sharing/coverage/{world.partnership.ons_code}/")
    row = page.get_by_role("row").filter(has_text="Recorded crime by sub-category")
    expect(row).to_contain_text("On time")
    expect(row).to_contain_text("received 20 Jun 2025")

    # A later quarter without a delivery: on 1 October, Q2's data (due 30 September) is late.
    set_today(clock, date(2025, 10, 1))
    page.context.clear_cookies()
    log_in_as(page, world.users["manager_this"])
    page.goto(f"/data-sharing/coverage/{world.partnership.ons_code}/")
    row = page.get_by_role("row").filter(has_text="Recorded crime by sub-category")
    expect(row).to_contain_text("Late")
    expect(row).to_contain_text("No data for 1 Apr to 30 Jun 2025")
    assert_no_axe_violations(page)


def test_istv_upload_bad_row_then_good_file_and_the_analysis(
    page, world, log_in_as, assert_no_axe_violations
):
    ed = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    log_in_as(page, signatory_for(ed, email="ed.journey@example.org"))
    rows = [istv_row(when="2025-04-04 23:10", arrived="2025-04-04 23:40")] * 3 + [
        istv_row(
            when="2025-04-12 14:05",
            arrived="2025-04-12 15:00",
            method="glass",
            location="street",
            place="Briggate",
        )
    ] * 2

    def upload(content, name):
        page.goto("/data-sharing/istv/upload/")
        fill_date(page, "Reporting period start date", "01/04/2025")
        fill_date(page, "Reporting period end date", "30/04/2025")
        page.get_by_label("ISTV file (CSV, up to 5 MB)").set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
        )
        page.get_by_role("button", name="Check and import").click()

    bad = rows[:2] + [istv_row(method="catapult")] + rows[2:]
    upload(istv_csv(bad), "bad.csv")
    expect(page.locator(".govuk-error-summary")).to_contain_text("nothing was imported")
    report = page.locator("#file-report")
    expect(report).to_contain_text("Row 4")
    expect(report).to_contain_text("assault_method")
    assert_no_axe_violations(page)

    upload(istv_csv(rows), "good.csv")
    expect(page.get_by_text("Imported 5 assaults")).to_be_visible()

    page.goto(f"/data-sharing/istv/analysis/{world.partnership.ons_code}/")
    expect(page.get_by_text("5 assaults", exact=False).first).to_be_visible()
    places = page.get_by_role("table", name="Top places: number of assaults")
    expect(places.get_by_role("row").filter(has_text="Call Lane")).to_contain_text("3")
    expect(places.get_by_role("row").filter(has_text="Briggate")).to_contain_text("2")
    months = page.get_by_role("table", name="By month: number of assaults")
    expect(months.get_by_role("row").filter(has_text="April 2025")).to_contain_text("5")
    friday = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Friday"))
    expect(friday.locator("td").nth(23)).to_have_text("3")
    assert_no_axe_violations(page)


def test_ed_staff_see_the_actions_that_used_their_istv_data(page, world, log_in_as, clock):
    """The manager records that an action used the ED's ISTV data and thanks the department;
    the ED's staff open "What your data achieved" and see both."""
    from datasharing import services
    from tests.partnerships.factories import ActionFactory

    set_today(clock, date(2025, 6, 10))
    ed = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    ed_staff = signatory_for(ed, email="staff.hospital.journey@example.org")
    services.istv_import(
        agency=ed,
        user=ed_staff,
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        text=istv_csv([istv_row(), istv_row(place="Briggate")]).decode(),
    )
    ActionFactory(
        partnership=world.partnership,
        owner=world.agency,
        title="Taxi marshals on Call Lane at weekends",
    )

    log_in_as(page, world.users["manager_this"])
    # The coverage matrix links each row here (tests/datasharing/test_streams.py).
    page.goto(
        f"/data-sharing/your-data/{world.partnership.ons_code}/{ed.pk}/istv/", timeout=30_000
    )  # its first visit loads the ISTV analysis: slow on a busy machine
    page.get_by_role("button", name="Record an action or document that uses this data").click()
    page.get_by_label("Action or document").select_option(
        label="Taxi marshals on Call Lane at weekends"
    )
    page.get_by_role("button", name="Record the use").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Use recorded")
    page.get_by_role("button", name="Add a note to the agency").click()
    page.get_by_label("Note").fill("Your returns showed us where the marshals were needed")
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Note added")

    log_in_as(page, ed_staff)
    page.goto("/data-sharing/")
    page.get_by_role("link", name="What your data achieved").click()
    page.get_by_role("link", name="ISTV: assaults treated in the emergency department").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What your data achieved")
    actions = page.get_by_role("table", name="Actions of the action plan that used this data")
    expect(actions).to_contain_text("Taxi marshals on Call Lane at weekends")
    expect(
        page.get_by_text("Your returns showed us where the marshals were needed")
    ).to_be_visible()
    expect(page.get_by_text("2 assaults in the last 12 months")).to_be_visible()
