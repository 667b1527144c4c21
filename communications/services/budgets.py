"""Writes for publicity budgets: set one for an action or a named initiative, change it, remove
it. Checked here as well as in the form, so no caller can break the rules."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.models import Action, Partnership

from ..models import PublicityBudget

ACTION_OR_INITIATIVE = "Choose an action from the plan or name an initiative, not both"
NEITHER = "Choose an action from the plan or name the initiative"
OVER_BUDGET = "The amount set aside for publicity must not be more than the whole budget"
ACTION_ELSEWHERE = "Select the action from the list"
ACTION_TAKEN = "That action already has a publicity budget: change the one it has"


def _check(*, partnership: Partnership, action: Action | None, initiative: str, total, publicity):
    if action is not None and initiative:
        raise ValidationError(ACTION_OR_INITIATIVE)
    if action is None and not initiative:
        raise ValidationError(NEITHER)
    if action is not None and action.partnership_id != partnership.pk:
        raise ValidationError(ACTION_ELSEWHERE)
    if total < 1:
        raise ValidationError("The whole budget must be £1 or more")
    if publicity < 0:
        raise ValidationError("The amount set aside for publicity must be £0 or more")
    if publicity > total:
        raise ValidationError(OVER_BUDGET)


def _save(budget: PublicityBudget, *, user) -> PublicityBudget:
    budget._history_user = user
    try:
        with transaction.atomic():
            budget.save()
    except IntegrityError as error:  # the action got a budget meanwhile
        raise ValidationError(ACTION_TAKEN) from error
    return budget


def budget_create(
    *, user, partnership: Partnership, action: Action | None, initiative: str, total, publicity
) -> PublicityBudget:
    """Set the publicity budget of an action in the plan, or of a named initiative."""
    initiative = (initiative or "").strip()
    _check(
        partnership=partnership,
        action=action,
        initiative=initiative,
        total=total,
        publicity=publicity,
    )
    if action is not None and PublicityBudget.objects.filter(action=action).exists():
        raise ValidationError(ACTION_TAKEN)
    budget = PublicityBudget(
        partnership=partnership,
        action=action,
        initiative=initiative,
        total=total,
        publicity=publicity,
    )
    return _save(budget, user=user)


def budget_update(
    *, user, budget: PublicityBudget, action: Action | None, initiative: str, total, publicity
) -> PublicityBudget:
    initiative = (initiative or "").strip()
    _check(
        partnership=budget.partnership,
        action=action,
        initiative=initiative,
        total=total,
        publicity=publicity,
    )
    if (
        action is not None
        and PublicityBudget.objects.filter(action=action).exclude(pk=budget.pk).exists()
    ):
        raise ValidationError(ACTION_TAKEN)
    budget.action = action
    budget.initiative = initiative
    budget.total = total
    budget.publicity = publicity
    return _save(budget, user=user)


@transaction.atomic
def budget_delete(*, user, budget: PublicityBudget) -> None:
    budget._history_user = user
    budget.delete()
