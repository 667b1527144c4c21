"""Pages: what they show, bad input (error summary, nothing changes, never a 500), uploads,
downloads, exports and cross-partnership lookups."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Action, Agency, Contact, Document, Meeting, Membership
from partnerships.uploads import MB
from tests import factories
from tests.partnerships import factories as f

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"code": world.partnership.ons_code, **kwargs})


def date_data(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def assert_error_summary(response, *messages):
    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content and "There is a problem" in content
    assert "<title>Error:" in content
    for message in messages:
        assert message in content, message


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


# The overview ------------------------------------------------------------------------------


def test_overview_shows_the_gap_single_points_and_overdue_items(world, client_for):
    health = factories.AgencyFactory(
        name="Leedsford ICB", agency_type=factories.agency_type("health-commissioner")
    )
    membership = factories.MembershipFactory(
        partnership=world.partnership, agency=health, strategic=True
    )
    f.ContactFactory(
        membership=membership,
        name="Hana Health",
        deputy_name="",
        deputy_email="",
        confirmed_on=datetime.date.today() - datetime.timedelta(days=500),
    )
    f.DocumentFactory(
        partnership=world.partnership,
        title="Old assessment",
        review_due_on=datetime.date.today() - datetime.timedelta(days=5),
    )
    f.ActionFactory(
        partnership=world.partnership,
        owner=world.agency,
        title="Late action",
        due_on=datetime.date.today() - datetime.timedelta(days=5),
    )
    content = client_for("staff_this").get(url("partnership-detail", world)).content.decode()
    assert (
        "Health commissioner (ICB or Local Health Board)</strong> is present at strategic "
        "level but absent at tactical and operational level"
    ) in content
    assert "Single point of failure" in content and "Hana Health" in content
    assert "1 contact not confirmed for 12 months" in content
    assert "Old assessment" in content and "Late action" in content
    assert "Overdue" in content
    # Agency staff read but see no way to change.
    assert url("member-add", world) not in content
    assert url("profile-edit", world) not in content


def test_the_manager_sees_the_links_to_change(world, client_for):
    content = client_for("manager_this").get(url("partnership-detail", world)).content.decode()
    assert url("member-add", world) in content and url("profile-edit", world) in content


def test_a_record_of_another_partnership_is_not_found_under_this_one(world, client_for):
    foreign = f.ContactFactory(membership=world.other_partnership.memberships.get())
    client = client_for("manager_this")
    assert client.get(url("contact-edit", world, pk=foreign.pk)).status_code == 404
    assert client.post(url("contact-remove", world, pk=foreign.pk)).status_code == 404
    assert Contact.objects.filter(pk=foreign.pk).exists()
    document = f.DocumentFactory(partnership=world.other_partnership)
    assert client.get(url("document-download", world, pk=document.pk)).status_code == 404


def test_unknown_partnership_is_not_found(world, client_for):
    response = client_for("admin").get(
        reverse("partnerships:partnership-detail", kwargs={"code": "E22999999"})
    )
    assert response.status_code == 404


def test_dashboard_panel_for_the_manager_not_the_reviewer(world, client_for):
    f.ActionFactory(
        partnership=world.partnership,
        owner=world.agency,
        due_on=datetime.date.today() - datetime.timedelta(days=2),
    )
    assert b"What needs attention" in client_for("manager_this").get("/").content
    assert b"What needs attention" in client_for("staff_this").get("/").content
    assert b"What needs attention" not in client_for("reviewer_in").get("/").content


# Adding things -----------------------------------------------------------------------------


def test_manager_adds_an_existing_agency(world, client_for):
    response = client_for("manager_this").post(
        url("member-add", world),
        {
            "agency": world.other_agency.pk,
            "strategic": "on",
            "tactical": "on",
            "status": "active",
            **date_data("joined_on", datetime.date(2025, 4, 1)),
        },
    )
    membership = Membership.objects.get(partnership=world.partnership, agency=world.other_agency)
    assert response.status_code == 302 and response["Location"] == membership.get_absolute_url()
    assert membership.strategic and membership.tactical and not membership.operational
    assert membership.joined_on == datetime.date(2025, 4, 1)


def test_manager_adds_a_new_emergency_department(world, client_for):
    ed = factories.agency_type("emergency-department")
    client = client_for("manager_this")
    response = client.post(
        url("member-add", world),
        {
            "new_agency_name": "Leedsford General A&E",
            "new_agency_type": ed.pk,
            "status": "active",
            "operational": "on",
        },
    )
    assert_error_summary(response, "Enter the emergency department’s site code")
    assert not Agency.objects.filter(name="Leedsford General A&E").exists()
    response = client.post(
        url("member-add", world),
        {
            "new_agency_name": "Leedsford General A&E",
            "new_agency_type": ed.pk,
            "new_site_code": "RR8X1",
            "status": "active",
            "operational": "on",
        },
    )
    assert response.status_code == 302
    assert Agency.objects.get(name="Leedsford General A&E").site_code == "RR8X1"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose an agency, or give the name of a new agency"),
        ({"agency": "not-a-number"}, "Choose an agency that is not yet a member"),
        ({"agency": "999999"}, "Choose an agency that is not yet a member"),
        ({"new_agency_name": "Somebody"}, "Choose the new agency’s type"),
        (
            {"new_agency_name": "X", "new_agency_type": "1", "new_site_code": "!!"},
            "Enter a site code of 3 to 12 letters and numbers",
        ),
        (
            {"joined_on_0": "31", "joined_on_1": "2", "joined_on_2": "2026"},
            "Date joined must be a real date",
        ),
        ({"joined_on_0": "1", "joined_on_2": "2026"}, "Date joined must include a month"),
        (
            {"joined_on_0": "x", "joined_on_1": "2", "joined_on_2": "2026"},
            "Date joined must be a real date",
        ),
    ],
)
def test_member_add_bad_input(world, client_for, data, message):
    before = Membership.objects.count(), Agency.objects.count()
    response = client_for("manager_this").post(
        url("member-add", world), {"status": "active", **data}
    )
    assert_error_summary(response, message)
    assert (Membership.objects.count(), Agency.objects.count()) == before


def test_member_add_refuses_an_agency_already_a_member(world, client_for):
    response = client_for("manager_this").post(
        url("member-add", world), {"agency": world.agency.pk, "status": "active"}
    )
    assert_error_summary(response, "Choose an agency that is not yet a member")


def test_contact_add_and_bad_input(world, client_for):
    membership = world.partnership.memberships.get()
    client = client_for("manager_this")
    response = client.post(
        url("contact-add", world, pk=membership.pk),
        {"level": "strategic", "deputy_email": "not-an-email"},
    )
    assert_error_summary(response, "Enter the contact’s name", "Enter the deputy’s email")
    assert not Contact.objects.exists()
    response = client.post(
        url("contact-add", world, pk=membership.pk),
        {
            "level": "strategic",
            "name": "Chris Contact",
            "email": "chris@example.org",
            "deputy_name": "Dee Deputy",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert (contact.name, contact.deputy_name) == ("Chris Contact", "Dee Deputy")


def test_meeting_bad_input_changes_nothing(world, client_for):
    group = f.GroupFactory(partnership=world.partnership)
    membership = world.partnership.memberships.get()
    client = client_for("manager_this")
    cases = [
        ({}, "Enter the date of the meeting"),
        (
            {
                **date_data("held_on", datetime.date.today() + datetime.timedelta(days=3)),
                "expected": [membership.pk],
            },
            "must be today or in the past",
        ),
        (
            {**date_data("held_on", datetime.date.today()), "expected": ["abc"]},
            "Choose member agencies only",
        ),
        (
            {
                **date_data("held_on", datetime.date.today()),
                "attended": [world.other_partnership.memberships.get().pk],
            },
            "Choose member agencies only",
        ),
        (
            {**date_data("held_on", datetime.date.today())},
            "Select the agencies expected at the meeting",
        ),
    ]
    for data, message in cases:
        assert_error_summary(client.post(url("meeting-add", world, pk=group.pk), data), message)
    assert not Meeting.objects.exists()


def test_action_due_before_start_is_refused(world, client_for):
    response = client_for("manager_this").post(
        url("action-add", world),
        {
            "title": "Map assaults",
            "owner": world.agency.pk,
            "status": "not_started",
            **date_data("start_on", datetime.date(2026, 6, 1)),
            **date_data("due_on", datetime.date(2026, 5, 1)),
        },
    )
    assert_error_summary(response, "The due date must be on or after the start date")
    assert not Action.objects.exists()


def test_action_bad_input(world, client_for):
    response = client_for("manager_this").post(
        url("action-add", world),
        {"owner": world.other_agency.pk, "priority": "999", "status": "nonsense"},
    )
    assert_error_summary(
        response,
        "Enter what will be done",
        "Choose one of the member agencies",
        "Enter the due date",
        "Choose one of this partnership’s priorities",
    )
    assert not Action.objects.exists()


def test_action_add_and_edit(world, client_for):
    priority = f.PriorityFactory(partnership=world.partnership)
    client = client_for("manager_this")
    response = client.post(
        url("action-add", world),
        {
            "title": "Map assaults",
            "owner": world.agency.pk,
            "status": "in_progress",
            "priority": priority.pk,
            **date_data("due_on", datetime.date(2026, 9, 1)),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.priority == priority
    client.post(
        url("action-edit", world, pk=action.pk),
        {
            "title": "Map assaults",
            "owner": world.agency.pk,
            "status": "done",
            **date_data("due_on", datetime.date(2026, 9, 1)),
        },
    )
    action.refresh_from_db()
    assert action.status == "done" and action.priority is None
    history = client.get(url("action-history", world, pk=action.pk)).content.decode()
    assert "Status" in history and "Changed" in history


def test_group_name_must_be_unique_in_the_partnership(world, client_for):
    f.GroupFactory(partnership=world.partnership, name="Board")
    response = client_for("manager_this").post(
        url("group-add", world), {"name": "board", "kind": "strategic_board"}
    )
    assert_error_summary(response, "already has a group with this name")


def test_profile_bad_input(world, client_for):
    response = client_for("manager_this").post(
        url("profile-edit", world),
        {
            "structure": "unitary",
            "analytical_capacity": "dedicated",
            "analyst_count": "0",
            "population": "lots",
            "police_force_area_code": "X1",
            "communications_contact_email": "nope",
        },
    )
    assert_error_summary(
        response,
        "Enter how many analysts",
        "Enter the population as a whole",
        "Enter an ONS police force area code",
        "Enter an email address in the correct format",
    )
    world.partnership.refresh_from_db()
    assert world.partnership.analytical_capacity == "none"


# Uploads -----------------------------------------------------------------------------------


def _document_post(world, client, upload, **extra):
    return client.post(
        url("document-add", world),
        {
            "kind": "strategic_assessment",
            "title": "Strategic assessment 2026",
            "upload": upload,
            **extra,
        },
    )


def test_document_upload_and_download(world, client_for, private_files):
    client = client_for("manager_this")
    response = _document_post(
        world, client, SimpleUploadedFile("Plan 2026.pdf", f.PDF_BYTES, "application/pdf")
    )
    assert response.status_code == 302
    document = Document.objects.get()
    download = client_for("staff_this").get(url("document-download", world, pk=document.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Plan_2026.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == f.PDF_BYTES


def test_a_real_docx_is_accepted(world, client_for, private_files):
    content = docx_bytes()
    response = _document_post(
        world, client_for("manager_this"), SimpleUploadedFile("plan.docx", content)
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert (document.partnership, document.kind, document.title) == (
        world.partnership,
        "strategic_assessment",
        "Strategic assessment 2026",
    )
    assert (document.original_filename, document.file_size) == ("plan.docx", len(content))
    assert document.file.name.endswith(".docx")
    with document.file.open("rb") as stored:
        assert stored.read() == content
    assert (private_files / document.file.name).is_file()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (30 * MB), "must be smaller than 20 MB"),
        ("fake.pdf", b"This is plain text, not a PDF", "is not a real PDF file"),
        ("fake.docx", b"%PDF-1.4 a PDF dressed as Word", "is not a real DOCX file"),
        ("zip.docx", b"PK\x03\x04 not really a zip", "is not a real DOCX file"),
        ("virus.exe", b"MZ\x90\x00", "must be a PDF, Word, Excel, PowerPoint or OpenDocument"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_bad_document_uploads_change_nothing(
    world, client_for, private_files, name, content, message
):
    response = _document_post(world, client_for("manager_this"), SimpleUploadedFile(name, content))
    assert_error_summary(response, message)
    assert not Document.objects.exists()
    assert not private_files.exists() or not any(p.is_file() for p in private_files.rglob("*"))


def test_document_dates_must_be_in_order(world, client_for):
    response = _document_post(
        world,
        client_for("manager_this"),
        "",
        **{
            **date_data("period_start", datetime.date(2026, 4, 1)),
            **date_data("period_end", datetime.date(2025, 3, 31)),
            **date_data("published_on", datetime.date(2026, 4, 1)),
            **date_data("review_due_on", datetime.date(2026, 1, 1)),
        },
    )
    assert_error_summary(
        response,
        "The end of the period must be after its start",
        "The review date must be after the published date",
    )
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"GIF89a not a png", "is not a real PNG or JPEG image"),
        ("logo.jpg", f.PNG_BYTES, "is not a real JPG image"),
        ("logo.gif", f.PNG_BYTES, "must be a PNG or JPEG image"),
        ("logo.png", f.PNG_BYTES + b"\0" * (3 * MB), "must be smaller than 2 MB"),
    ],
)
def test_bad_logos_change_nothing(world, client_for, name, content, message):
    response = client_for("manager_this").post(
        url("profile-edit", world),
        {
            "structure": "unitary",
            "analytical_capacity": "none",
            "analyst_count": "0",
            "logo": SimpleUploadedFile(name, content),
        },
    )
    assert_error_summary(response, message)
    world.partnership.refresh_from_db()
    assert not world.partnership.logo


def test_logo_upload_is_served_through_the_permission_checked_view(world, client_for):
    client = client_for("manager_this")
    response = client.post(
        url("profile-edit", world),
        {
            "structure": "unitary",
            "analytical_capacity": "none",
            "analyst_count": "0",
            "logo": SimpleUploadedFile("brand.png", f.PNG_BYTES),
        },
    )
    assert response.status_code == 302
    logo = client_for("reviewer_in").get(url("partnership-logo", world))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert client_for("manager_other").get(url("partnership-logo", world)).status_code == 404
    overview = client.get(url("partnership-detail", world)).content.decode()
    assert url("partnership-logo", world) in overview and "/media/" not in overview


# Exports -----------------------------------------------------------------------------------


def test_exports_are_csv_and_defuse_formulas(world, client_for):
    membership = world.partnership.memberships.get()
    f.ContactFactory(membership=membership, name='=HYPERLINK("http://evil")')
    f.ActionFactory(partnership=world.partnership, owner=world.agency, title="+SUM(A1)")
    client = client_for("reviewer_in")
    members = client.get(url("export-members", world))
    assert members["Content-Type"].startswith("text/csv")
    assert "Leedsford Police" in members.content.decode()
    contacts = client.get(url("export-contacts", world)).content.decode()
    assert "'=HYPERLINK" in contacts
    actions = client.get(url("export-actions", world)).content.decode()
    assert "'+SUM(A1)" in actions


def test_contact_confirm_and_remove(world, client_for, clock):
    contact = f.ContactFactory(
        membership=world.partnership.memberships.get(), confirmed_on=datetime.date(2020, 1, 1)
    )
    client = client_for("manager_this")
    assert client.post(url("contact-confirm", world, pk=contact.pk)).status_code == 302
    contact.refresh_from_db()
    assert contact.confirmed_on == clock.current.date()
    assert client.post(url("contact-remove", world, pk=contact.pk)).status_code == 302
    assert not Contact.objects.exists()
