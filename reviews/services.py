"""Writes for regional reviews: notes, follow-up actions and the reminders about them, and the
savings estimator's reference figures (unit costs and benefit shares)."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.services import notify
from core import clock

from .models import (
    BenefitShare,
    FollowUpAction,
    FollowUpReminderSent,
    FollowUpStatus,
    ReviewNote,
    UnitCost,
)


@transaction.atomic
def note_create(*, partnership, author, written_on, text, shared_with_manager) -> ReviewNote:
    """Record a review note; a shared note is also sent to the partnership's managers."""
    note = ReviewNote.objects.create(partnership=partnership, author=author,
                                     written_on=written_on, text=text,
                                     shared_with_manager=shared_with_manager)
    if shared_with_manager:
        _tell_managers(note)
    return note


def _tell_managers(note: ReviewNote) -> None:
    from accounts.models import Role, RoleAssignment

    managers = RoleAssignment.objects.filter(
        role=Role.MANAGER, partnership_id=note.partnership_id, user__is_active=True,
    ).select_related("user")
    url = reverse("reviews:shared-notes", kwargs={"code": note.partnership.ons_code})
    for assignment in managers:
        notify(
            user=assignment.user,
            subject=f"A regional reviewer shared a review note on {note.partnership.name}",
            body=(f"{note.author or 'A regional reviewer'} wrote, on "
                  f"{note.written_on:%-d %B %Y}:\n\n{note.text}"),
            idempotency_key=f"reviews-shared-note-{note.pk}-{assignment.user_id}",
            url=url,
        )


def follow_up_create(*, partnership, created_by, **fields) -> FollowUpAction:
    return FollowUpAction.objects.create(partnership=partnership, created_by=created_by, **fields)


ACTION_EDITABLE_FIELDS = ("title", "owner_agency", "owner_text", "due_on")


def _check_follow_up_owner(*, partnership, owner_agency, owner_text) -> None:
    """An action needs an owner, and an owner agency must be one of the partnership's."""
    if owner_agency is None and not owner_text:
        raise ValidationError({"owner_text": "Enter who owns the action, or choose an agency"})
    if owner_agency is not None and not owner_agency.memberships.filter(
            partnership=partnership).exists():
        raise ValidationError(
            {"owner_agency": "Choose an agency that is a member of the partnership"})


@transaction.atomic
def follow_up_update(*, action: FollowUpAction, title: str, owner_agency, owner_text: str,
                     due_on) -> FollowUpAction:
    """Change what a follow-up action asks for, who owns it and when it is due. Only the fields
    that changed are saved, so its history shows what changed (nothing is recorded if nothing
    did). A new due date is reminded about when it comes, even if the old one was
    (follow_up_reminders_send records reminders per due date)."""
    if not title:
        raise ValidationError({"title": "Enter what needs to happen"})
    _check_follow_up_owner(partnership=action.partnership, owner_agency=owner_agency,
                           owner_text=owner_text)
    values = {"title": title, "owner_agency": owner_agency, "owner_text": owner_text,
              "due_on": due_on}
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
    due = (FollowUpAction.objects.filter(status=FollowUpStatus.OPEN, due_on__lte=today,
                                         created_by__isnull=False, created_by__is_active=True)
           .select_related("partnership", "created_by", "owner_agency"))
    sent = 0
    for action in due:
        user = action.created_by
        try:
            with transaction.atomic():
                FollowUpReminderSent.objects.create(action=action, user=user,
                                                    due_on=action.due_on)
                notify(
                    user=user,
                    subject=f"Follow-up due: {action.title} ({action.partnership.name})",
                    body=(f"The follow-up action “{action.title}” for {action.partnership.name}, "
                          f"owned by {action.owner_label}, was due on "
                          f"{action.due_on:%-d %B %Y} and is still open."),
                    idempotency_key=(f"reviews-follow-up-{action.pk}-{user.pk}-"
                                     f"{action.due_on.isoformat()}"),
                    url=reverse("reviews:review", kwargs={"code": action.partnership.ons_code}),
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


def unit_cost_update(*, unit_cost: UnitCost, name: str, cost: int, price_year: str,
                     source: str) -> UnitCost:
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
    return _reference_save(unit_cost, errors, {"name": name, "cost": cost,
                                               "price_year": price_year, "source": source})


def benefit_share_update(*, benefit_share: BenefitShare, beneficiary: str, amount: Decimal,
                         source: str) -> BenefitShare:
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
    return _reference_save(benefit_share, errors, {"beneficiary": beneficiary, "amount": amount,
                                                   "source": source})
