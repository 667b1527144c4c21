"""Writes: one service per use case, each keeping the partnership's invariants."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships import services, uploads
from partnerships.models import (
    ActionStatus,
    Agency,
    Attendance,
    Contact,
    Document,
    Level,
    Membership,
)
from tests import factories
from tests.partnerships import factories as f

pytestmark = pytest.mark.django_db

NO_DEPUTY = {
    "job_title": "",
    "email": "",
    "phone": "",
    "deputy_name": "",
    "deputy_job_title": "",
    "deputy_email": "",
    "deputy_phone": "",
}


def test_membership_add_with_an_existing_agency(world):
    membership = services.membership_add(
        partnership=world.partnership, agency=world.other_agency, strategic=True
    )
    assert membership.strategic and not membership.tactical
    assert membership.history.count() == 1


def test_membership_add_creates_a_new_emergency_department_with_its_site_code(world):
    ed_type = factories.agency_type("emergency-department")
    membership = services.membership_add(
        partnership=world.partnership,
        new_agency_name="Leedsford General A&E",
        new_agency_type=ed_type,
        new_site_code="rr801",
        operational=True,
    )
    assert membership.agency.site_code == "RR801"
    assert membership.agency.agency_type == ed_type


def test_membership_add_twice_is_refused_and_changes_nothing(world):
    before = Membership.objects.count()
    with pytest.raises(ValidationError):
        services.membership_add(partnership=world.partnership, agency=world.agency)
    assert Membership.objects.count() == before


def test_membership_add_needs_exactly_one_agency(world):
    with pytest.raises(ValidationError):
        services.membership_add(partnership=world.partnership)
    with pytest.raises(ValidationError):
        services.membership_add(
            partnership=world.partnership, agency=world.other_agency, new_agency_name="Also this"
        )
    assert not Agency.objects.filter(name="Also this").exists()


def test_contact_add_is_confirmed_today_and_confirm_moves_the_date(world, clock):
    membership = world.partnership.memberships.get()
    contact = services.contact_add(
        membership=membership, values={"level": Level.TACTICAL, "name": "Pat", **NO_DEPUTY}
    )
    assert contact.confirmed_on == clock.current.date()
    clock.advance(days=400)
    services.contact_confirm(contact=contact)
    contact.refresh_from_db()
    assert contact.confirmed_on == clock.current.date()
    assert contact.history.count() == 2


def test_contact_update_counts_as_confirming(world, clock):
    contact = f.ContactFactory(
        membership=world.partnership.memberships.get(), confirmed_on=datetime.date(2000, 1, 1)
    )
    services.contact_update(contact=contact, values={"name": "New Name"})
    contact.refresh_from_db()
    assert contact.name == "New Name"
    assert contact.confirmed_on == clock.current.date()


def test_meeting_record_writes_attendance_and_its_history(world):
    present = world.partnership.memberships.get()
    absent = factories.MembershipFactory(partnership=world.partnership)
    group = f.GroupFactory(partnership=world.partnership)
    meeting = services.meeting_record(
        group=group, held_on=datetime.date(2026, 1, 5), expected=[absent], attended=[present]
    )
    rows = {a.membership_id: a.attended for a in meeting.attendances.all()}
    assert rows == {present.pk: True, absent.pk: False}
    assert Attendance.history.filter(meeting_id=meeting.pk).count() == 2


def test_meeting_record_refuses_an_agency_of_another_partnership(world):
    group = f.GroupFactory(partnership=world.partnership)
    outsider = world.other_partnership.memberships.get()
    with pytest.raises(ValidationError):
        services.meeting_record(
            group=group, held_on=datetime.date(2026, 1, 5), expected=[outsider], attended=[]
        )
    assert not group.meetings.exists()


def test_meeting_update_changes_attendance(world):
    one = world.partnership.memberships.get()
    two = factories.MembershipFactory(partnership=world.partnership)
    group = f.GroupFactory(partnership=world.partnership)
    meeting = services.meeting_record(
        group=group, held_on=datetime.date(2026, 1, 5), expected=[one, two], attended=[one]
    )
    services.meeting_update(
        meeting=meeting, held_on=datetime.date(2026, 1, 6), expected=[two], attended=[two]
    )
    assert {a.membership_id: a.attended for a in meeting.attendances.all()} == {two.pk: True}


def test_action_owner_must_be_a_member_and_due_after_start(world):
    values = {
        "priority": None,
        "title": "Do it",
        "owner": world.other_agency,
        "start_on": None,
        "due_on": datetime.date(2026, 5, 1),
        "status": ActionStatus.NOT_STARTED,
        "note": "",
    }
    with pytest.raises(ValidationError):
        services.action_create(partnership=world.partnership, values=values)
    values.update(owner=world.agency, start_on=datetime.date(2026, 6, 1))
    with pytest.raises(ValidationError):
        services.action_create(partnership=world.partnership, values=values)
    assert not world.partnership.actions.exists()


def test_action_priority_must_belong_to_the_partnership(world):
    foreign = f.PriorityFactory(partnership=world.other_partnership)
    with pytest.raises(ValidationError):
        services.action_create(
            partnership=world.partnership,
            values={
                "priority": foreign,
                "title": "Do it",
                "owner": world.agency,
                "start_on": None,
                "due_on": datetime.date(2026, 5, 1),
                "status": "not_started",
                "note": "",
            },
        )


def test_document_file_is_stored_under_a_random_name(world, private_files):
    upload = SimpleUploadedFile("../../etc/passwd evil name.pdf", f.PDF_BYTES)
    check = uploads.check_document(upload)
    document = services.document_add(
        partnership=world.partnership,
        upload=upload,
        upload_check=check,
        values={
            "kind": "partnership_plan",
            "title": "Plan",
            "period_start": None,
            "period_end": None,
            "published_on": None,
            "review_due_on": None,
            "is_joint_with_police": False,
        },
    )
    assert document.file.name.startswith(f"documents/{world.partnership.ons_code}/")
    assert document.file.name.endswith(".pdf")
    assert "passwd" not in document.file.name and ".." not in document.file.name
    assert document.original_filename == "passwd_evil_name.pdf"
    assert (private_files / document.file.name).read_bytes() == f.PDF_BYTES


def test_document_replacing_the_file_deletes_the_old_one(
    world, private_files, django_capture_on_commit_callbacks
):
    values = {
        "kind": "partnership_plan",
        "title": "Plan",
        "period_start": None,
        "period_end": None,
        "published_on": None,
        "review_due_on": None,
        "is_joint_with_police": False,
    }
    first = SimpleUploadedFile("a.pdf", f.PDF_BYTES)
    document = services.document_add(
        partnership=world.partnership,
        values=values,
        upload=first,
        upload_check=uploads.check_document(first),
    )
    old = private_files / document.file.name
    second = SimpleUploadedFile("b.pdf", f.PDF_BYTES)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_update(
            document=document,
            values=values,
            upload=second,
            upload_check=uploads.check_document(second),
        )
    assert not old.exists()
    assert (private_files / document.file.name).exists()
    assert Document.objects.get().original_filename == "b.pdf"


def test_profile_logo_is_stored_and_no_analysts_means_zero(world, private_files):
    logo = SimpleUploadedFile("brand.png", f.PNG_BYTES)
    partnership = services.partnership_update_profile(
        partnership=world.partnership,
        values={"analytical_capacity": "none", "analyst_count": 3},
        logo=logo,
        logo_check=uploads.check_logo(logo),
    )
    assert partnership.analyst_count == 0
    assert partnership.logo.name.endswith(".png")
    assert (private_files / partnership.logo.name).exists()


def test_contact_remove_keeps_its_history(world):
    contact = f.ContactFactory(membership=world.partnership.memberships.get())
    pk = contact.pk
    services.contact_remove(contact=contact)
    assert not Contact.objects.filter(pk=pk).exists()
    assert Contact.history.filter(id=pk, history_type="-").exists()
