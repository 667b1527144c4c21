"""Issue #3 in a real browser: a partnership manager adds an agency, marks its engagement, adds
a contact and deputy, records a meeting with attendance, uploads a document and adds an action,
and sees each on the overview. Agency staff read but cannot change; a manager of another
partnership finds nothing; bad input shows the GOV.UK error summary and changes nothing."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import Action, Document, Membership
from tests.partnerships import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PARTNERSHIPS_PRIVATE_ROOT = str(tmp_path / "private")


def overview(world):
    return reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})


def members_table(page):
    return page.get_by_role("table", name="Member agencies, levels and attendance")


def fill_date(page, field, day):
    page.locator(f"#id_{field}_0").fill(str(day.day))
    page.locator(f"#id_{field}_1").fill(str(day.month))
    page.locator(f"#id_{field}_2").fill(str(day.year))


def save(page, button):
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def success(page, text):
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


@pytest.fixture
def manager(page, world, log_in_as):
    log_in_as(page, world.user("manager_this"))
    return page


def test_manager_adds_a_new_agency_and_marks_its_engagement(manager, world):
    page = manager
    page.goto(overview(world))
    page.get_by_role("button", name="Add a member agency").click()
    page.get_by_label("Or add a new agency: its name").fill(
        "Leedsford General Emergency Department"
    )
    page.get_by_label("The new agency’s type").select_option(label="Hospital emergency department")
    page.get_by_label("The new agency’s site code").fill("RR801")
    page.get_by_label("Strategic level (the board)").check()
    save(page, "Add agency")
    success(page, "Leedsford General Emergency Department has been added")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Leedsford General Emergency Department"
    )

    # Mark its engagement below the board, where the data is held.
    page.get_by_role("link", name="Change the levels and status").click()
    page.get_by_label("Operational level (front-line staff)").check()
    save(page, "Save membership")
    success(page, "has been saved")

    page.goto(overview(world))
    row = members_table(page).locator("tr", has_text="Leedsford General Emergency Department")
    expect(row).to_contain_text("Strategic, Operational")
    expect(row).to_contain_text("Hospital emergency department")
    membership = Membership.objects.get(agency__name="Leedsford General Emergency Department")
    assert membership.agency.site_code == "RR801"
    assert (membership.strategic, membership.tactical, membership.operational) == (
        True,
        False,
        True,
    )


def test_manager_adds_an_existing_agency(manager, world):
    page = manager
    page.goto(reverse("partnerships:member-add", kwargs={"code": world.partnership.ons_code}))
    page.get_by_label("Choose an agency already in the portal").select_option(
        label="Boltham Police (Police)"
    )
    page.get_by_label("Tactical level (tasking and coordination)").check()
    save(page, "Add agency")
    success(page, "Boltham Police has been added")
    page.goto(overview(world))
    expect(members_table(page)).to_contain_text("Boltham Police")


def test_manager_adds_a_contact_then_a_deputy_and_the_single_point_of_failure_goes(manager, world):
    page = manager
    membership = world.partnership.memberships.get()
    page.goto(membership.get_absolute_url())
    page.get_by_role("button", name="Add a contact").click()
    page.get_by_label("Tactical").check()
    page.get_by_label("Contact’s name").fill("Chris Contact")
    page.get_by_label("Email address", exact=True).fill("chris.contact@example.org")
    save(page, "Save contact")
    success(page, "Chris Contact has been added as a contact")

    page.goto(overview(world))
    flags = page.get_by_role(
        "table", name="Memberships and levels that rest on one person, or on no one"
    )
    expect(flags).to_contain_text("Single point of failure")
    expect(flags).to_contain_text("Chris Contact")

    page.goto(membership.get_absolute_url())
    page.get_by_role("link", name="Edit Chris Contact").click()
    page.get_by_label("Deputy’s name").fill("Dee Deputy")
    save(page, "Save contact")
    expect(page.get_by_text("Dee Deputy")).to_be_visible()

    page.goto(overview(world))
    expect(page.get_by_text("No membership or level rests on one person.")).to_be_visible()
    row = members_table(page).locator("tr", has_text="Leedsford Police")
    expect(row).to_contain_text("1")


def test_manager_records_a_meeting_with_attendance(manager, world):
    other = Membership.objects.create(
        partnership=world.partnership, agency=world.other_agency, strategic=True
    )
    page = manager
    page.goto(reverse("partnerships:group-list", kwargs={"code": world.partnership.ons_code}))
    page.get_by_role("button", name="Add a group").click()
    page.get_by_label("Name of the group").fill("Leedsford Tasking Group")
    page.get_by_label("Tasking and coordination group").check()
    save(page, "Save group")
    success(page, "Leedsford Tasking Group has been added")

    page.get_by_role("button", name="Record a meeting").click()
    fill_date(page, "held_on", datetime.date.today() - datetime.timedelta(days=2))
    # Both members are expected by default; only the police attended.
    page.locator("fieldset", has_text="Agencies that attended").get_by_label(
        "Leedsford Police"
    ).check()
    save(page, "Save meeting")
    success(page, "The meeting has been recorded")
    expect(page.get_by_role("table")).to_contain_text("Leedsford Police")

    page.goto(overview(world))
    police = members_table(page).locator("tr", has_text="Leedsford Police")
    expect(police).to_contain_text("100%")
    boltham = members_table(page).locator("tr", has_text="Boltham Police")
    expect(boltham).to_contain_text("0%")
    expect(
        page.get_by_role("table", name="Groups and their meetings in the last 12 months")
    ).to_contain_text("Leedsford Tasking Group")
    assert other.attendances.get().attended is False


def test_manager_uploads_a_document_and_sees_the_overdue_review(manager, world):
    page = manager
    page.goto(reverse("partnerships:document-list", kwargs={"code": world.partnership.ons_code}))
    page.get_by_role("button", name="Add a document").click()
    page.get_by_label("Strategic assessment", exact=True).check()
    page.get_by_label("Title").fill("Strategic assessment 2025")
    fill_date(page, "published_on", datetime.date.today() - datetime.timedelta(days=400))
    fill_date(page, "review_due_on", datetime.date.today() - datetime.timedelta(days=30))
    page.get_by_label("This document is joint with the police").check()
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "assessment.pdf", "mimeType": "application/pdf", "buffer": f.PDF_BYTES}]
    )
    save(page, "Save document")
    success(page, "Strategic assessment 2025 has been added")
    expect(page.get_by_role("link", name="assessment.pdf")).to_be_visible()

    page.goto(overview(world))
    row = page.get_by_role("table", name="Document register").locator(
        "tr", has_text="Strategic assessment 2025"
    )
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text("Joint with the police")
    expect(page.locator(".govuk-warning-text")).to_contain_text("1 document review overdue")
    assert Document.objects.get().file


def test_bad_uploads_show_the_error_summary_and_change_nothing(manager, world, tmp_path):
    page = manager
    page.goto(reverse("partnerships:document-add", kwargs={"code": world.partnership.ons_code}))
    page.get_by_label("Strategic assessment", exact=True).check()
    page.get_by_label("Title").fill("Pretend PDF")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "fake.pdf", "mimeType": "application/pdf", "buffer": b"just some text"}]
    )
    save(page, "Save document")
    expect(page.locator(".govuk-error-summary")).to_contain_text("is not a real PDF file")
    assert page.title().startswith("Error:")

    # From a file on disk: the browser reads it there, rather than taking megabytes over the
    # DevTools connection.
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    page.get_by_label("File", exact=True).set_input_files(huge)
    save(page, "Save document")
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be smaller than 20 MB")
    assert not Document.objects.exists()


def test_manager_adds_an_action_and_sees_it_overdue(manager, world):
    page = manager
    page.goto(reverse("partnerships:action-list", kwargs={"code": world.partnership.ons_code}))
    page.get_by_role("button", name="Add an action").click()
    page.get_by_label("What will be done").fill("Agree monthly emergency department data")
    page.get_by_label("Owner agency").select_option(label="Leedsford Police")
    fill_date(page, "start_on", datetime.date.today() - datetime.timedelta(days=60))
    fill_date(page, "due_on", datetime.date.today() - datetime.timedelta(days=3))
    page.get_by_label("Blocked").check()
    page.get_by_label("Note").fill("Waiting for the agreement to be signed")
    save(page, "Save action")
    success(page, "Agree monthly emergency department data has been added")

    page.goto(overview(world))
    overdue = page.get_by_role("table", name="Overdue actions")
    expect(overdue).to_contain_text("Agree monthly emergency department data")
    expect(overdue).to_contain_text("Overdue")
    expect(page.locator("#actions + dl")).to_contain_text("Blocked")


def test_an_action_due_before_it_starts_is_refused(manager, world):
    page = manager
    page.goto(reverse("partnerships:action-add", kwargs={"code": world.partnership.ons_code}))
    page.get_by_label("What will be done").fill("Backwards action")
    page.get_by_label("Owner agency").select_option(label="Leedsford Police")
    fill_date(page, "start_on", datetime.date(2026, 6, 1))
    fill_date(page, "due_on", datetime.date(2026, 5, 1))
    save(page, "Save action")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The due date must be on or after the start date"
    )
    assert not Action.objects.exists()


def test_missing_fields_show_the_error_summary(manager, world):
    page = manager
    page.goto(reverse("partnerships:member-add", kwargs={"code": world.partnership.ons_code}))
    save(page, "Add agency")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose an agency, or give the name of a new agency")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Choose an agency already in the portal")).to_be_focused()
    assert Membership.objects.filter(partnership=world.partnership).count() == 1


def test_agency_staff_read_but_cannot_change(page, world, log_in_as):
    log_in_as(page, world.user("staff_this"))
    page.goto(overview(world))
    expect(page.get_by_role("heading", level=1)).to_have_text("Leedsford")
    expect(page.get_by_role("button", name="Add a member agency")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit the profile")).to_have_count(0)
    response = page.goto(
        reverse("partnerships:member-add", kwargs={"code": world.partnership.ons_code})
    )
    assert response.status == 403


def test_a_regional_reviewer_reads(page, world, log_in_as):
    log_in_as(page, world.user("reviewer_in"))
    response = page.goto(overview(world))
    assert response.status == 200
    expect(
        page.get_by_role("heading", name="Responsible authorities and how deeply they take part")
    ).to_be_visible()


def test_a_manager_of_another_partnership_finds_nothing(page, world, log_in_as):
    log_in_as(page, world.user("manager_other"))
    code = world.partnership.ons_code
    for name in ("partnership-detail", "contact-list", "document-list", "action-list"):
        response = page.goto(reverse(f"partnerships:{name}", kwargs={"code": code}))
        assert response.status == 404, name
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    with page.expect_response(lambda r: "members.csv" in r.url) as export:
        page.evaluate(
            "url => fetch(url)", reverse("partnerships:export-members", kwargs={"code": code})
        )
    assert export.value.status == 404
