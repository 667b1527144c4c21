"""Writes for regional reviews: notes, follow-up actions and the reminders about them, and the
savings estimator's reference figures (unit costs and benefit shares)."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.services import notify
from core import clock

from . import ratings
from .models import (
    BenefitShare,
    FollowUpAction,
    FollowUpDueSoonSent,
    FollowUpEntry,
    FollowUpEntryKind,
    FollowUpReminderSent,
    FollowUpStatus,
    RatingResponse,
    ReviewNote,
    UnitCost,
)


@transaction.atomic
def note_create(*, partnership, author, written_on, text, shared_with_manager) -> ReviewNote:
    """Record a review note; a shared note is also sent to the partnership's managers."""
    note = ReviewNote.objects.create(
        partnership=partnership,
        author=author,
        written_on=written_on,
        text=text,
        shared_with_manager=shared_with_manager,
    )
    if shared_with_manager:
        _tell_managers(note)
    return note


def _managers(partnership_id: int) -> list:
    """The active users who manage the partnership."""
    from accounts.models import Role, RoleAssignment

    return [
        assignment.user
        for assignment in RoleAssignment.objects.filter(
            role=Role.MANAGER,
            partnership_id=partnership_id,
            user__is_active=True,
        ).select_related("user")
    ]


def _tell_managers(note: ReviewNote) -> None:
    url = reverse("reviews:shared-notes", kwargs={"code": note.partnership.ons_code})
    for user in _managers(note.partnership_id):
        notify(
            user=user,
            subject=f"A regional reviewer shared a review note on {note.partnership.name}",
            body=(
                f"{note.author or 'A regional reviewer'} wrote, on "
                f"{note.written_on:%-d %B %Y}:\n\n{note.text}"
            ),
            idempotency_key=f"reviews-shared-note-{note.pk}-{user.pk}",
            url=url,
        )


def follow_up_create(*, partnership, created_by, **fields) -> FollowUpAction:
    return FollowUpAction.objects.create(partnership=partnership, created_by=created_by, **fields)


ACTION_EDITABLE_FIELDS = ("title", "owner_agency", "owner_text", "due_on")


def _check_follow_up_owner(*, partnership, owner_agency, owner_text) -> None:
    """An action needs an owner, and an owner agency must be one of the partnership's."""
    if owner_agency is None and not owner_text:
        raise ValidationError({"owner_text": "Enter who owns the action, or choose an agency"})
    if (
        owner_agency is not None
        and not owner_agency.memberships.filter(partnership=partnership).exists()
    ):
        raise ValidationError(
            {"owner_agency": "Choose an agency that is a member of the partnership"}
        )


@transaction.atomic
def follow_up_update(
    *, action: FollowUpAction, title: str, owner_agency, owner_text: str, due_on
) -> FollowUpAction:
    """Change what a follow-up action asks for, who owns it and when it is due. Only the fields
    that changed are saved, so its history shows what changed (nothing is recorded if nothing
    did). A new due date is reminded about when it comes, even if the old one was
    (follow_up_reminders_send records reminders per due date)."""
    if not title:
        raise ValidationError({"title": "Enter what needs to happen"})
    _check_follow_up_owner(
        partnership=action.partnership, owner_agency=owner_agency, owner_text=owner_text
    )
    values = {
        "title": title,
        "owner_agency": owner_agency,
        "owner_text": owner_text,
        "due_on": due_on,
    }
    changed = [name for name in ACTION_EDITABLE_FIELDS if getattr(action, name) != values[name]]
    if changed:
        for name in changed:
            setattr(action, name, values[name])
        action.save(update_fields=changed)
    return action


def follow_up_set_status(*, action: FollowUpAction, status: str) -> FollowUpAction:
    action.status = status
    action.save(update_fields=["status"])
    return action


def follow_up_reminders_send(*, today=None) -> int:
    """Remind each follow-up action's reviewer once for each due date, when it falls due (or
    is overdue) and is still open: an action whose due date was changed after its reminder is
    reminded again for the new date. A unique constraint (action, reviewer, due date) records
    the reminder in the same transaction as the notification, whose idempotency key (with the
    due date too) makes a repeat send nothing."""
    today = today or clock.today()
    due = FollowUpAction.objects.filter(
        status=FollowUpStatus.OPEN,
        due_on__lte=today,
        created_by__isnull=False,
        created_by__is_active=True,
    ).select_related("partnership", "created_by", "owner_agency")
    sent = 0
    for action in due:
        user = action.created_by
        try:
            with transaction.atomic():
                FollowUpReminderSent.objects.create(action=action, user=user, due_on=action.due_on)
                notify(
                    user=user,
                    subject=f"Follow-up due: {action.title} ({action.partnership.name})",
                    body=(
                        f"The follow-up action “{action.title}” for {action.partnership.name}, "
                        f"owned by {action.owner_label}, was due on "
                        f"{action.due_on:%-d %B %Y} and is still open."
                    ),
                    idempotency_key=(
                        f"reviews-follow-up-{action.pk}-{user.pk}-{action.due_on.isoformat()}"
                    ),
                    url=reverse("reviews:review", kwargs={"code": action.partnership.ons_code}),
                )
        except IntegrityError:
            continue
        sent += 1
    return sent


@transaction.atomic
def rating_respond(
    *, partnership, author, dimension: str, text: str, responded_on=None
) -> RatingResponse:
    """Record the partnership's dated answer to its rating on one dimension, with the rating it
    answers (ratings move; the answer stays with what it answered)."""
    if dimension not in ratings.DIMENSIONS_BY_KEY:
        raise ValidationError({"dimension": "Choose one of the review's dimensions"})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the response"})
    from .stored import RATINGS, stored_ratings

    current = stored_ratings([partnership], today=clock.today(), detail=RATINGS)[0]
    return RatingResponse.objects.create(
        partnership=partnership,
        author=author,
        dimension=dimension,
        text=text,
        rating=current.results[dimension].rating,
        responded_on=responded_on or clock.today(),
    )


# What the partnership may set a follow-up action to; accepting is the reviewer's.
PROGRESS_STATUSES = (FollowUpStatus.OPEN, FollowUpStatus.DONE)


@transaction.atomic
def follow_up_progress(
    *,
    action: FollowUpAction,
    author,
    status: str,
    note: str,
    evidence_url: str = "",
    evidence_document=None,
) -> FollowUpEntry:
    """The partnership's update on a follow-up action: its status, a note and the evidence (a
    link or a document from its register). Marking it done needs evidence and tells the
    reviewer who set it (or, if they have gone, the region's reviewers), who accepts or
    reopens it."""
    errors = {}
    if status not in PROGRESS_STATUSES:
        errors["status"] = "Select whether the action is still open or done"
    if not (note or "").strip():
        errors["note"] = "Enter the note"
    if evidence_document is not None and evidence_document.partnership_id != action.partnership_id:
        errors["evidence_document"] = "Choose a document from the partnership’s register"
    if status == FollowUpStatus.DONE and not evidence_url and evidence_document is None:
        errors["evidence_url"] = (
            "Enter a link to the evidence, or choose a document from the register"
        )
    if action.status in (FollowUpStatus.ACCEPTED, FollowUpStatus.CANCELLED):
        errors["status"] = "This action is closed: it cannot be updated"
    if errors:
        raise ValidationError(errors)
    entry = FollowUpEntry.objects.create(
        action=action,
        kind=FollowUpEntryKind.PROGRESS,
        status=status,
        note=note.strip(),
        evidence_url=evidence_url,
        evidence_document=evidence_document,
        author=author,
    )
    if action.status != status:
        action.status = status
        action.save(update_fields=["status"])
    if status == FollowUpStatus.DONE:
        for user in _deciding_reviewers(action):
            notify(
                user=user,
                subject=f"Follow-up marked done: {action.title} ({action.partnership.name})",
                body=(
                    f"{author or 'The partnership'} marked the follow-up action "
                    f"“{action.title}” done:\n\n{entry.note}\n\nAccept it or reopen it."
                ),
                idempotency_key=f"reviews-follow-up-done-{entry.pk}-{user.pk}",
                url=reverse(
                    "reviews:follow-up-decision",
                    kwargs={"code": action.partnership.ons_code, "pk": action.pk},
                ),
            )
    return entry


def _deciding_reviewers(action: FollowUpAction) -> list:
    """Who is told that an action was marked done: the reviewer who set it, while they still
    review the partnership's region; otherwise every reviewer of the region."""
    from accounts.models import Role, RoleAssignment

    reviewers = {
        a.user
        for a in RoleAssignment.objects.filter(
            role=Role.REVIEWER,
            region_id=action.partnership.region_id,
            user__is_active=True,
        ).select_related("user")
    }
    if action.created_by in reviewers:
        return [action.created_by]
    return sorted(reviewers, key=lambda user: user.pk)


DECISIONS = {
    "accept": (FollowUpEntryKind.ACCEPTED, FollowUpStatus.ACCEPTED),
    "reopen": (FollowUpEntryKind.REOPENED, FollowUpStatus.OPEN),
}


@transaction.atomic
def follow_up_decide(
    *, action: FollowUpAction, reviewer, decision: str, note: str = ""
) -> FollowUpEntry:
    """The reviewer accepts a follow-up action the partnership marked done, or reopens it (a
    note says why); the partnership's managers are told either way."""
    if action.status != FollowUpStatus.DONE:
        raise ValidationError(
            {"decision": "Only an action marked done can be accepted or reopened"}
        )
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Select whether you accept the action or reopen it"})
    note = (note or "").strip()
    if decision == "reopen" and not note:
        raise ValidationError({"note": "Enter why you are reopening the action"})
    kind, status = DECISIONS[decision]
    entry = FollowUpEntry.objects.create(
        action=action, kind=kind, status=status, note=note, author=reviewer
    )
    action.status = status
    action.save(update_fields=["status"])
    verb = "accepted" if decision == "accept" else "reopened"
    for user in _managers(action.partnership_id):
        notify(
            user=user,
            subject=f"Follow-up {verb}: {action.title} ({action.partnership.name})",
            body=(
                f"A regional reviewer {verb} the follow-up action “{action.title}”."
                + (f"\n\n{note}" if note else "")
            ),
            idempotency_key=f"reviews-follow-up-{verb}-{entry.pk}-{user.pk}",
            url=action.get_partnership_url(),
        )
    return entry


DUE_SOON_DAYS = 7  # how long before its due date the partnership's manager is reminded


def follow_up_due_soon_send(*, today=None) -> int:
    """Remind the partnership's managers once for each due date, DUE_SOON_DAYS before (or, for
    an action set later than that, at once), about each open follow-up action that has not yet
    fallen due. Recorded under a unique constraint (action, manager, due date) in the same
    transaction as the notification, as follow_up_reminders_send does for reviewers."""
    from datetime import timedelta

    today = today or clock.today()
    due = (
        FollowUpAction.objects.filter(
            status=FollowUpStatus.OPEN,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("partnership", "owner_agency")
        .order_by("due_on", "id")
    )
    managers: dict[int, list] = {}
    sent = 0
    for action in due:
        if action.partnership_id not in managers:
            managers[action.partnership_id] = _managers(action.partnership_id)
        for user in managers[action.partnership_id]:
            try:
                with transaction.atomic():
                    FollowUpDueSoonSent.objects.create(
                        action=action, user=user, due_on=action.due_on
                    )
                    notify(
                        user=user,
                        subject=(
                            f"Follow-up due on {action.due_on:%-d %B %Y}: {action.title} "
                            f"({action.partnership.name})"
                        ),
                        body=(
                            f"The regional reviewer’s follow-up action “{action.title}”, "
                            f"owned by {action.owner_label}, is due on "
                            f"{action.due_on:%-d %B %Y}. Update it with a note and the "
                            f"evidence when it is done."
                        ),
                        idempotency_key=(
                            f"reviews-follow-up-due-soon-{action.pk}-{user.pk}-"
                            f"{action.due_on.isoformat()}"
                        ),
                        url=action.get_partnership_url(),
                    )
            except IntegrityError:
                continue
            sent += 1
    return sent


PRICE_YEAR = re.compile(r"\A\d{4}(/\d{2})?\Z")  # 2015/16 or 2016
BENEFIT_SHARE_LARGEST = Decimal("999999.99")  # £m: what BenefitShare.amount can hold


def _reference_save(record, errors: dict, values: dict):
    """Refuse the figures with `errors` if there are any; otherwise save only the fields of a
    reference figure whose values changed, so its history shows what changed (and saving the
    same figures again adds nothing to it)."""
    if errors:
        raise ValidationError(errors)
    changed = [field for field, value in values.items() if getattr(record, field) != value]
    if changed:
        for field in changed:
            setattr(record, field, values[field])
        record.save(update_fields=changed)
    return record


def unit_cost_update(
    *, unit_cost: UnitCost, name: str, cost: int, price_year: str, source: str
) -> UnitCost:
    """Change one crime type's unit cost, its price year (like 2015/16) or its source. Only the
    fields that changed are saved, so its history shows what changed; the savings estimator
    uses the new figures at once."""
    errors = {}
    if not name:
        errors["name"] = "Enter the crime type"
    if cost is None or cost < 1:
        errors["cost"] = "The unit cost must be £1 or more"
    if not PRICE_YEAR.fullmatch(price_year or ""):
        errors["price_year"] = "Enter the price year like 2015/16 or 2016"
    if not source:
        errors["source"] = "Enter where the figure comes from"
    return _reference_save(
        unit_cost, errors, {"name": name, "cost": cost, "price_year": price_year, "source": source}
    )


def benefit_share_update(
    *, benefit_share: BenefitShare, beneficiary: str, amount: Decimal, source: str
) -> BenefitShare:
    """Change who a benefit share is for, its saving in the evaluation (in £m, to the penny of
    a million: two decimal places) or its source. Only the fields that changed are saved, so its
    history shows what changed; the savings estimator splits its estimates by the new shares at
    once."""
    errors = {}
    if not beneficiary:
        errors["beneficiary"] = "Enter who benefits"
    if amount is None or amount < 0:
        errors["amount"] = "The saving must be £0m or more"
    elif amount > BENEFIT_SHARE_LARGEST:
        errors["amount"] = "The saving must be £999,999.99m or less"
    elif amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = "Enter the saving with no more than 2 decimal places"
    if not source:
        errors["source"] = "Enter where the figure comes from"
    return _reference_save(
        benefit_share, errors, {"beneficiary": beneficiary, "amount": amount, "source": source}
    )
