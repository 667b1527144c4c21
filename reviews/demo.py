"""Demo regional review: the demo reviewer's notes on partnerships in their regions (one shared
with Leeds's manager) and follow-up actions (one overdue, one due soon, one done). Safe to run
again: notes and actions already there are left alone."""

from datetime import timedelta

from django.db import transaction

from accounts.models import User
from core import changes, clock
from partnerships.models import Agency, Partnership

from . import services
from .models import FollowUpAction, FollowUpStatus, ReviewNote

REVIEWER = "reviewer@example.org"

# (ONS code, days ago, shared with the manager, text)
NOTES = [
    (
        "E22000345",
        21,
        True,
        "Thank you for the clear action plan. Health attends the board but is not yet at the "
        "tactical tasking meeting: please invite the emergency department's data lead, so that "
        "ISTV data reaches the analysts who plan the night-time economy operations.",
    ),
    (
        "E22000345",
        9,
        False,
        "Asked the police lead about the late quarterly crime extracts; the force expects to catch "
        "up next month. Check the coverage rating again at the next review.",
    ),
    (
        "E22000262",
        30,
        False,
        "Board minutes show probation attends rarely. Raise at the regional meeting before asking "
        "the partnership to act.",
    ),
    (
        "E22000245",
        14,
        True,
        "The strategic assessment is past its review date. Agreed with the manager that the "
        "refresh is due by the end of the quarter.",
    ),
]

# (ONS code, title, owner agency type slug or "", owner text, due in days, status)
ACTIONS = [
    (
        "E22000345",
        "Invite the emergency department's data lead to tactical tasking",
        "emergency-department",
        "Community safety partnership manager",
        -10,
        FollowUpStatus.OPEN,
    ),
    (
        "E22000345",
        "Agree a data sharing agreement for the ambulance call-out data",
        "",
        "Partnership analyst",
        20,
        FollowUpStatus.OPEN,
    ),
    (
        "E22000262",
        "Confirm a named probation deputy for the board",
        "probation",
        "",
        5,
        FollowUpStatus.OPEN,
    ),
    (
        "E22000245",
        "Publish the refreshed strategic assessment",
        "",
        "Partnership manager",
        -40,
        FollowUpStatus.DONE,
    ),
]


def _owner_agency(partnership, type_slug):
    if not type_slug:
        return None
    return (
        Agency.objects.filter(memberships__partnership=partnership, agency_type__slug=type_slug)
        .order_by("name")
        .first()
    )


@transaction.atomic
def seed() -> dict:
    # The other apps' demo loaders write some records in bulk, which no signal sees: whatever
    # ratings were kept before may no longer hold.
    changes.changed(None)
    reviewer = User.objects.filter(email=REVIEWER).first()
    if reviewer is None:
        return {"notes": [], "actions": []}
    partnerships = {
        p.ons_code: p
        for p in Partnership.objects.filter(ons_code__in={code for code, *_ in NOTES + ACTIONS})
    }
    today = clock.today()
    notes, actions = [], []
    for code, days_ago, shared, text in NOTES:
        partnership = partnerships.get(code)
        if (
            partnership is None
            or ReviewNote.objects.filter(partnership=partnership, text=text).exists()
        ):
            continue
        notes.append(
            services.note_create(
                partnership=partnership,
                author=reviewer,
                text=text,
                shared_with_manager=shared,
                written_on=today - timedelta(days=days_ago),
            )
        )
    for code, title, type_slug, owner_text, due_in, status in ACTIONS:
        partnership = partnerships.get(code)
        if (
            partnership is None
            or FollowUpAction.objects.filter(partnership=partnership, title=title).exists()
        ):
            continue
        actions.append(
            services.follow_up_create(
                partnership=partnership,
                created_by=reviewer,
                title=title,
                owner_agency=_owner_agency(partnership, type_slug),
                owner_text=owner_text,
                due_on=today + timedelta(days=due_in),
                status=status,
            )
        )
    _partnership_answers(partnerships.get("E22000345"), reviewer=reviewer)
    return {"notes": notes, "actions": actions}


MANAGER = "manager@example.org"


def _partnership_answers(partnership, *, reviewer) -> None:
    """Leeds's manager has answered the ISTV rating and updated the ambulance follow-up."""
    manager = User.objects.filter(email=MANAGER).first()
    if partnership is None or manager is None or partnership.rating_responses.exists():
        return
    services.rating_respond(
        partnership=partnership,
        author=manager,
        dimension="istv",
        text="Agreed: the emergency department's monthly ISTV returns start in January, once "
        "the data-sharing agreement is signed.",
    )
    action = FollowUpAction.objects.filter(
        partnership=partnership, title__startswith="Agree a data sharing agreement"
    ).first()
    plan = partnership.documents.order_by("-published_on").first()
    if action is not None:
        services.follow_up_progress(
            action=action,
            author=manager,
            status=FollowUpStatus.OPEN,
            note="A draft agreement is with the ambulance trust's data protection officer.",
            evidence_document=plan,
        )
