"""Matrix rows for partnerships pages.

Inside a partnership: its manager and administrators change; its member agencies' staff and
its region's reviewers read (403 when they try to change); everyone else gets 404, so the
partnership's existence stays secret. Every URL has a GET and a POST row for every role.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from .matrix import Row, everyone


def _this(world):
    return {"code": world.partnership.ons_code}


def _region_in(world):
    return {"code": world.region_in.code}


# Inside the partnership: its manager, its agencies' staff, its region's reviewers, admins.
THIS_PARTNERSHIP_READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
# Read-only pages refuse a POST, after the permission check.
READ_POST = everyone(404, admin=405, reviewer_in=405, manager_this=405, staff_this=405)
CHANGE_GET = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
CHANGE_POST = everyone(404, admin=302, manager_this=302, reviewer_in=403, staff_this=403)
# Actions that are POST only (confirm, remove): a GET is refused after the permission check.
CHANGE_ONLY_POST_GET = everyone(404, admin=405, manager_this=405, reviewer_in=403, staff_this=403)

MATRIX_LOGO = "logos/matrix-test/logo.png"
MATRIX_FILE = "documents/matrix-test/plan.pdf"


def records(world):
    """One of each record inside the world's partnership, made once per test."""
    cached = getattr(world, "_partnership_records", None)
    if cached:
        return cached
    from partnerships.models import Membership
    from tests.partnerships import factories as f

    partnership = world.partnership
    membership = Membership.objects.get(partnership=partnership, agency=world.agency)
    storage = partnership.logo.storage
    if not storage.exists(MATRIX_LOGO):
        storage.save(MATRIX_LOGO, ContentFile(f.PNG_BYTES))
    if not storage.exists(MATRIX_FILE):
        storage.save(MATRIX_FILE, ContentFile(f.PDF_BYTES))
    partnership.logo.name = MATRIX_LOGO
    partnership.save()
    group = f.GroupFactory(partnership=partnership)
    meeting = f.MeetingFactory(group=group)
    f.AttendanceFactory(meeting=meeting, membership=membership)
    document = f.DocumentFactory(partnership=partnership, original_filename="plan.pdf")
    document.file.name = MATRIX_FILE
    document.save()
    priority = f.PriorityFactory(partnership=partnership)
    cached = {
        "membership": membership,
        "contact": f.ContactFactory(membership=membership),
        "group": group,
        "meeting": meeting,
        "document": document,
        "priority": priority,
        "action": f.ActionFactory(partnership=partnership, owner=world.agency, priority=priority),
    }
    world._partnership_records = cached
    return cached


def _record(name):
    def kwargs(world):
        return {"code": world.partnership.ons_code, "pk": records(world)[name].pk}

    return kwargs


def _this_with_logo(world):
    records(world)
    return _this(world)


def _date(prefix, days=0):
    day = timezone.localdate() + timedelta(days=days)
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _meeting_data(world):
    membership = records(world)["membership"]
    return {**_date("held_on", -3), "expected": [membership.pk], "attended": [membership.pk]}


def _action_data(world):
    return {
        "title": "Map late-night assaults",
        "owner": world.agency.pk,
        "status": "in_progress",
        **_date("due_on", 30),
    }


def _contact_data(world):
    return {"level": "tactical", "name": "Pat Example", "deputy_name": "Sam Deputy"}


def read_rows(name, kwargs):
    return [
        Row(name, THIS_PARTNERSHIP_READ, kwargs=kwargs),
        Row(name, READ_POST, method="post", kwargs=kwargs),
    ]


def change_rows(name, kwargs, data):
    return [
        Row(name, CHANGE_GET, kwargs=kwargs),
        Row(name, CHANGE_POST, method="post", kwargs=kwargs, data=data),
    ]


def post_only_rows(name, kwargs):
    return [
        Row(name, CHANGE_ONLY_POST_GET, kwargs=kwargs),
        Row(name, CHANGE_POST, method="post", kwargs=kwargs),
    ]


ROWS = [
    Row("partnerships:region-list", everyone(403, admin=200, reviewer_in=200, reviewer_out=200)),
    Row("partnerships:region-detail", everyone(404, admin=200, reviewer_in=200), kwargs=_region_in),
    *read_rows("partnerships:partnership-detail", _this),
    *read_rows("partnerships:partnership-history", _this),
    *read_rows("partnerships:partnership-logo", _this_with_logo),
    *change_rows(
        "partnerships:profile-edit",
        _this,
        lambda world: {
            "structure": "two_tier",
            "analytical_capacity": "none",
            "analyst_count": "0",
            "police_force_area": "West Yorkshire",
        },
    ),
    # Members and contacts
    *change_rows(
        "partnerships:member-add",
        _this,
        lambda world: {"agency": world.other_agency.pk, "status": "active", "strategic": "on"},
    ),
    *read_rows("partnerships:member-detail", _record("membership")),
    *change_rows(
        "partnerships:member-edit",
        _record("membership"),
        lambda world: {"status": "active", "tactical": "on"},
    ),
    *read_rows("partnerships:member-history", _record("membership")),
    *change_rows("partnerships:contact-add", _record("membership"), _contact_data),
    *read_rows("partnerships:contact-list", _this),
    *change_rows("partnerships:contact-edit", _record("contact"), _contact_data),
    *post_only_rows("partnerships:contact-confirm", _record("contact")),
    *post_only_rows("partnerships:contact-remove", _record("contact")),
    *read_rows("partnerships:contact-history", _record("contact")),
    # Groups and meetings
    *read_rows("partnerships:group-list", _this),
    *change_rows(
        "partnerships:group-add",
        _this,
        lambda world: {"name": "Night-time economy group", "kind": "nte"},
    ),
    *read_rows("partnerships:group-detail", _record("group")),
    *change_rows(
        "partnerships:group-edit",
        _record("group"),
        lambda world: {"name": "Renamed board", "kind": "strategic_board"},
    ),
    *read_rows("partnerships:group-history", _record("group")),
    *change_rows("partnerships:meeting-add", _record("group"), _meeting_data),
    *read_rows("partnerships:meeting-detail", _record("meeting")),
    *change_rows("partnerships:meeting-edit", _record("meeting"), _meeting_data),
    *read_rows("partnerships:meeting-history", _record("meeting")),
    *change_rows("partnerships:meeting-action-add", _record("meeting"), _action_data),
    # Documents
    *read_rows("partnerships:document-list", _this),
    *change_rows(
        "partnerships:document-add",
        _this,
        lambda world: {"kind": "partnership_plan", "title": "Partnership plan"},
    ),
    *read_rows("partnerships:document-detail", _record("document")),
    *change_rows(
        "partnerships:document-edit",
        _record("document"),
        lambda world: {"kind": "partnership_plan", "title": "Renamed plan"},
    ),
    *read_rows("partnerships:document-download", _record("document")),
    *read_rows("partnerships:document-history", _record("document")),
    # Priorities and actions
    *read_rows("partnerships:action-list", _this),
    *change_rows("partnerships:action-add", _this, _action_data),
    *change_rows("partnerships:action-edit", _record("action"), _action_data),
    *read_rows("partnerships:action-history", _record("action")),
    *change_rows(
        "partnerships:priority-add",
        _this,
        lambda world: {"title": "Youth violence", "problem_statement": "Knife crime."},
    ),
    *change_rows(
        "partnerships:priority-edit",
        _record("priority"),
        lambda world: {"title": "Youth violence", "problem_statement": "Knife crime."},
    ),
    *read_rows("partnerships:priority-history", _record("priority")),
    # Exports
    *read_rows("partnerships:export-members", _this),
    *read_rows("partnerships:export-contacts", _this),
    *read_rows("partnerships:export-actions", _this),
    *read_rows("partnerships:export-groups", _this),
    *read_rows("partnerships:export-documents", _this),
]
