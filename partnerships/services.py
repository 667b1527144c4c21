"""Writes for partnerships: one function per use case, keyword-only arguments.

Uploaded files must already have passed partnerships.uploads checks (the forms do that); the
services store them under a random name in private storage. Who made each change is recorded
by django-simple-history from the request.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from core import clock

from .models import (
    Action,
    Agency,
    AgencyType,
    Attendance,
    Contact,
    Document,
    Group,
    Meeting,
    Membership,
    MembershipStatus,
    Partnership,
    Priority,
)
from .uploads import CheckedFile

PROFILE_FIELDS = (
    "police_force_area",
    "police_force_area_code",
    "local_authorities",
    "structure",
    "coterminous_with_police_area",
    "most_similar_group",
    "population",
    "analytical_capacity",
    "analyst_count",
    "communications_contact_name",
    "communications_contact_email",
    "communications_contact_phone",
)
CONTACT_FIELDS = (
    "level",
    "name",
    "job_title",
    "email",
    "phone",
    "deputy_name",
    "deputy_job_title",
    "deputy_email",
    "deputy_phone",
)


def _set(instance, values: dict, allowed) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(instance, name, value)


def _check_agency_is_member(partnership: Partnership, agency: Agency | None) -> None:
    if agency is not None and not partnership.memberships.filter(agency=agency).exists():
        raise ValidationError("The agency must be a member of the partnership")


# Profile -----------------------------------------------------------------------------------


@transaction.atomic
def partnership_update_profile(
    *,
    partnership: Partnership,
    values: dict,
    logo=None,
    logo_check: CheckedFile | None = None,
    remove_logo: bool = False,
) -> Partnership:
    """Change the partnership's profile; replace or remove its logo."""
    _set(partnership, values, PROFILE_FIELDS)
    if partnership.analytical_capacity == "none":
        partnership.analyst_count = 0
    old_logo = partnership.logo.name if partnership.logo else ""
    if logo is not None:
        if logo_check is None:
            raise ValueError("a logo must be checked before it is stored")
        partnership.logo.save(f"logo{logo_check.extension}", logo, save=False)
    elif remove_logo:
        partnership.logo = ""
    partnership.full_clean()
    partnership.save()
    if old_logo and old_logo != partnership.logo.name:
        storage = partnership.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return partnership


# Members -----------------------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *,
    partnership: Partnership,
    agency: Agency | None = None,
    new_agency_name: str = "",
    new_agency_type: AgencyType | None = None,
    new_site_code: str = "",
    strategic: bool = False,
    tactical: bool = False,
    operational: bool = False,
    joined_on: date | None = None,
    status: str = MembershipStatus.ACTIVE,
) -> Membership:
    """Add an agency to the partnership: an existing agency, or a new one created here."""
    if (agency is None) == (not new_agency_name):
        raise ValidationError("Choose an existing agency or give a new agency’s name, not both")
    if agency is None:
        agency = Agency(
            name=new_agency_name.strip(),
            agency_type=new_agency_type,
            site_code=new_site_code.strip().upper(),
        )
        agency.full_clean()
        agency.save()
    membership = Membership(
        partnership=partnership,
        agency=agency,
        strategic=strategic,
        tactical=tactical,
        operational=operational,
        joined_on=joined_on,
        status=status,
    )
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        raise ValidationError(f"{agency} is already a member of {partnership}") from error
    return membership


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    strategic: bool,
    tactical: bool,
    operational: bool,
    joined_on: date | None,
    status: str,
) -> Membership:
    membership.strategic = strategic
    membership.tactical = tactical
    membership.operational = operational
    membership.joined_on = joined_on
    membership.status = status
    membership.full_clean()
    membership.save()
    return membership


# Contacts ----------------------------------------------------------------------------------


@transaction.atomic
def contact_add(
    *, membership: Membership, values: dict, confirmed_on: date | None = None
) -> Contact:
    """Name a contact (and deputy) for a membership at one level; confirmed today by default."""
    contact = Contact(membership=membership)
    _set(contact, values, CONTACT_FIELDS)
    contact.confirmed_on = confirmed_on or clock.today()
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, values: dict) -> Contact:
    """Change a contact's details. Saving them counts as confirming them."""
    _set(contact, values, CONTACT_FIELDS)
    contact.confirmed_on = clock.today()
    contact.full_clean()
    contact.save()
    return contact


def contact_confirm(*, contact: Contact) -> Contact:
    """Record that someone checked a contact's details today."""
    contact.confirmed_on = clock.today()
    contact.save(update_fields=["confirmed_on"])
    return contact


def contact_remove(*, contact: Contact) -> None:
    contact.delete()


# Groups and meetings -----------------------------------------------------------------------


@transaction.atomic
def group_create(
    *,
    partnership: Partnership,
    name: str,
    kind: str,
    chair: Agency | None = None,
    description: str = "",
) -> Group:
    _check_agency_is_member(partnership, chair)
    group = Group(
        partnership=partnership, name=name.strip(), kind=kind, chair=chair, description=description
    )
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def group_update(
    *, group: Group, name: str, kind: str, chair: Agency | None = None, description: str = ""
) -> Group:
    _check_agency_is_member(group.partnership, chair)
    group.name = name.strip()
    group.kind = kind
    group.chair = chair
    group.description = description
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def _check_minutes_document(group: Group, document) -> None:
    if document is not None and document.partnership_id != group.partnership_id:
        raise ValidationError(
            {"minutes_document": "Choose a document from the partnership’s register"}
        )


def meeting_record(
    *,
    group: Group,
    held_on: date,
    expected: list[Membership],
    attended: list[Membership],
    notes: str = "",
    agenda: str = "",
    minutes: str = "",
    minutes_document=None,
) -> Meeting:
    """Record a meeting and, for each member agency expected, whether it attended.

    An agency that attended counts as expected. Every agency must be a member of the group's
    partnership.
    """
    expected_ids = {m.pk for m in expected} | {m.pk for m in attended}
    attended_ids = {m.pk for m in attended}
    members = {
        m.pk: m
        for m in Membership.objects.filter(partnership=group.partnership, pk__in=expected_ids)
    }
    if set(members) != expected_ids:
        raise ValidationError("Every agency must be a member of the partnership")
    _check_minutes_document(group, minutes_document)
    meeting = Meeting(
        group=group,
        held_on=held_on,
        notes=notes,
        agenda=agenda,
        minutes=minutes,
        minutes_document=minutes_document,
    )
    meeting.full_clean()
    meeting.save()
    # One insert for the rows and one for their history.
    bulk_create_with_history(
        [
            Attendance(meeting=meeting, membership=members[pk], attended=pk in attended_ids)
            for pk in sorted(expected_ids)
        ],
        Attendance,
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    held_on: date,
    expected: list[Membership],
    attended: list[Membership],
    notes: str = "",
    agenda: str = "",
    minutes: str = "",
    minutes_document=None,
) -> Meeting:
    """Change a meeting's date, notes, agenda, minutes and attendance."""
    expected_ids = {m.pk for m in expected} | {m.pk for m in attended}
    attended_ids = {m.pk for m in attended}
    members = {
        m.pk: m
        for m in Membership.objects.filter(
            partnership=meeting.group.partnership, pk__in=expected_ids
        )
    }
    if set(members) != expected_ids:
        raise ValidationError("Every agency must be a member of the partnership")
    _check_minutes_document(meeting.group, minutes_document)
    meeting.held_on = held_on
    meeting.notes = notes
    meeting.agenda = agenda
    meeting.minutes = minutes
    meeting.minutes_document = minutes_document
    meeting.full_clean()
    meeting.save()
    existing = {a.membership_id: a for a in meeting.attendances.all()}
    for membership_id, attendance in existing.items():
        if membership_id not in expected_ids:
            attendance.delete()
        elif attendance.attended != (membership_id in attended_ids):
            attendance.attended = membership_id in attended_ids
            attendance.save()
    for membership_id in sorted(expected_ids - set(existing)):
        Attendance.objects.create(
            meeting=meeting,
            membership=members[membership_id],
            attended=membership_id in attended_ids,
        )
    return meeting


# Documents ---------------------------------------------------------------------------------

DOCUMENT_FIELDS = (
    "kind",
    "title",
    "period_start",
    "period_end",
    "published_on",
    "review_due_on",
    "is_joint_with_police",
)


def _check_document_dates(document: Document) -> None:
    if (
        document.period_start
        and document.period_end
        and document.period_end < document.period_start
    ):
        raise ValidationError({"period_end": "The end of the period must be after its start"})
    if (
        document.published_on
        and document.review_due_on
        and document.review_due_on < document.published_on
    ):
        raise ValidationError({"review_due_on": "The review date must be after the published date"})


def _store_file(document: Document, upload, check: CheckedFile | None) -> None:
    if check is None:
        raise ValueError("a file must be checked before it is stored")
    document.file.save(f"file{check.extension}", upload, save=False)
    document.original_filename = check.original_name
    document.file_size = upload.size


@transaction.atomic
def document_add(
    *, partnership: Partnership, values: dict, upload=None, upload_check: CheckedFile | None = None
) -> Document:
    document = Document(partnership=partnership)
    _set(document, values, DOCUMENT_FIELDS)
    _check_document_dates(document)
    document.full_clean(exclude=["file"])
    if upload is not None:
        _store_file(document, upload, upload_check)
    _save_or_forget_file(document, old_name="")
    return document


@transaction.atomic
def document_update(
    *, document: Document, values: dict, upload=None, upload_check: CheckedFile | None = None
) -> Document:
    _set(document, values, DOCUMENT_FIELDS)
    _check_document_dates(document)
    document.full_clean(exclude=["file"])
    old_name = document.file.name if document.file else ""
    if upload is not None:
        _store_file(document, upload, upload_check)
    _save_or_forget_file(document, old_name=old_name)
    return document


def _save_or_forget_file(document: Document, *, old_name: str) -> None:
    """Save the row; if that fails, delete the file just written. Once the transaction has
    committed, delete the file the new one replaced."""
    storage = document.file.storage
    new_name = document.file.name if document.file else ""
    try:
        document.save()
    except Exception:
        if new_name and new_name != old_name:
            storage.delete(new_name)
        raise
    if old_name and old_name != new_name:
        transaction.on_commit(lambda: storage.delete(old_name))


# Priorities and actions --------------------------------------------------------------------


@transaction.atomic
def priority_create(
    *, partnership: Partnership, title: str, problem_statement: str, documents=()
) -> Priority:
    priority = Priority(
        partnership=partnership, title=title.strip(), problem_statement=problem_statement
    )
    priority.full_clean()
    priority.save()
    _cite(priority, documents)
    return priority


@transaction.atomic
def priority_update(
    *, priority: Priority, title: str, problem_statement: str, documents=()
) -> Priority:
    priority.title = title.strip()
    priority.problem_statement = problem_statement
    priority.full_clean()
    priority.save()
    _cite(priority, documents)
    return priority


def _cite(priority: Priority, documents) -> None:
    """The documents a priority comes from: only its own partnership's."""
    if any(document.partnership_id != priority.partnership_id for document in documents):
        raise ValidationError({"documents": "Choose documents from this partnership’s register"})
    priority.documents.set(documents)


ACTION_FIELDS = (
    "priority",
    "title",
    "owner",
    "start_on",
    "due_on",
    "status",
    "note",
    "arising_from",
)


def _check_action(action: Action) -> None:
    if action.start_on and action.due_on and action.due_on < action.start_on:
        raise ValidationError({"due_on": "The due date must be on or after the start date"})
    if action.priority_id and action.priority.partnership_id != action.partnership_id:
        raise ValidationError({"priority": "Choose one of this partnership’s priorities"})
    _check_agency_is_member(action.partnership, action.owner)
    if action.arising_from_id and action.arising_from.group.partnership_id != action.partnership_id:
        raise ValidationError("The meeting must be one of this partnership’s")


@transaction.atomic
def action_create(*, partnership: Partnership, values: dict) -> Action:
    action = Action(partnership=partnership)
    _set(action, values, ACTION_FIELDS)
    _check_action(action)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: Action, values: dict) -> Action:
    _set(action, values, ACTION_FIELDS)
    _check_action(action)
    action.full_clean()
    action.save()
    return action
