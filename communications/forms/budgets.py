"""The publicity budget form: an action of the plan or a named initiative, its whole budget and
the amount set aside for publicity."""

from django import forms

from core.forms import GovukFormMixin, WholeNumberField
from partnerships.models import Action

from ..models import PublicityBudget
from ..services.budgets import ACTION_OR_INITIATIVE, NEITHER, OVER_BUDGET

MOST_POUNDS = 2_000_000_000  # what the database keeps


def _pounds(label: str, *, what: str, least: int, help_text: str = "") -> WholeNumberField:
    return WholeNumberField(
        label=label,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
        min_value=least,
        max_value=MOST_POUNDS,
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"The {what} must be a whole number of pounds, like 12,000",
            "min_value": f"The {what} must be £{least} or more",
            "max_value": f"The {what} must be £2,000,000,000 or less",
        },
    )


class BudgetForm(GovukFormMixin, forms.Form):
    submit_label = "Save the budget"

    action = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Action in the plan",
        empty_label="Not an action in the plan",
        help_text="Each action has one publicity budget",
    )
    initiative = forms.CharField(
        label="Or the name of an initiative",
        required=False,
        max_length=200,
        help_text="Only if it is not an action in the plan, like a summer youth programme",
        error_messages={"max_length": "The initiative’s name must be 200 characters or fewer"},
    )
    total = _pounds("Whole budget (£)", what="whole budget", least=1)
    publicity = _pounds(
        "Set aside for publicity (£)",
        what="amount set aside for publicity",
        least=0,
        help_text="Leaflets, adverts, events and press work: not more than the whole budget",
    )

    def __init__(self, *args, partnership, budget: PublicityBudget | None = None, **kwargs):
        if budget is not None:
            kwargs["initial"] = {
                "action": budget.action_id,
                "initiative": budget.initiative,
                "total": budget.total,
                "publicity": budget.publicity,
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        # This partnership's actions with no budget yet, and the one this budget is for.
        taken = PublicityBudget.objects.filter(partnership=partnership, action__isnull=False)
        if budget is not None:
            taken = taken.exclude(pk=budget.pk)
        self.fields["action"].queryset = (
            Action.objects.filter(partnership=partnership)
            .exclude(pk__in=taken.values("action_id"))
            .order_by("due_on", "id")
        )

    def clean(self):
        data = super().clean()
        action, initiative = data.get("action"), (data.get("initiative") or "").strip()
        if "action" in data and "initiative" in data:
            if action is not None and initiative:
                self.add_error("initiative", ACTION_OR_INITIATIVE)
            elif action is None and not initiative:
                self.add_error("action", NEITHER)
        total, publicity = data.get("total"), data.get("publicity")
        if total is not None and publicity is not None and publicity > total:
            self.add_error("publicity", OVER_BUDGET)
        return data
