from django import forms

from core.forms import GovukFormMixin
from partnerships.forms import date_field
from partnerships.models import Agency

from .models import BenefitShare, FollowUpAction, FollowUpStatus, ReviewNote, UnitCost
from .services import BENEFIT_SHARE_LARGEST, PRICE_YEAR


class ReviewNoteForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save the note"
    written_on = date_field("Date", required=True)

    class Meta:
        model = ReviewNote
        fields = ["written_on", "text", "shared_with_manager"]


class FollowUpActionForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save the follow-up action"
    due_on = date_field("Due date", required=True)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.filter(
            memberships__partnership=partnership).order_by("name")
        self.fields["owner_agency"].required = False

    class Meta:
        model = FollowUpAction
        fields = ["title", "owner_agency", "owner_text", "due_on", "status"]

    def clean(self):
        data = super().clean()
        if not data.get("owner_agency") and not data.get("owner_text"):
            self.add_error("owner_text", "Enter who owns the action, or choose an agency")
        return data


class FollowUpEditForm(FollowUpActionForm):
    """What a follow-up action asks for, who owns it and when it is due; its status is changed
    on its own page."""

    submit_label = "Save the changes"

    class Meta(FollowUpActionForm.Meta):
        fields = ["title", "owner_agency", "owner_text", "due_on"]


class FollowUpStatusForm(GovukFormMixin, forms.Form):
    submit_label = "Update"
    status = forms.ChoiceField(choices=FollowUpStatus.choices)


class UnitCostForm(GovukFormMixin, forms.ModelForm):
    """One crime type's unit cost, as the savings estimator uses it."""

    submit_label = "Save the unit cost"
    cost = forms.IntegerField(
        label="Unit cost per incident (£)", min_value=1, max_value=2_000_000_000,
        help_text="In whole pounds, like 14050",
        error_messages={"required": "Enter the unit cost",
                        "invalid": "Enter the unit cost in whole pounds, like 14050",
                        "min_value": "The unit cost must be £1 or more",
                        "max_value": "The unit cost must be £2,000,000,000 or less"},
    )
    price_year = forms.RegexField(
        PRICE_YEAR, label="Price year",
        help_text="The year whose prices the figure is in, like 2015/16",
        error_messages={"required": "Enter the price year",
                        "invalid": "Enter the price year like 2015/16 or 2016"},
    )

    class Meta:
        model = UnitCost
        fields = ["name", "cost", "price_year", "source"]
        labels = {"source": "Source"}
        help_texts = {"source": "The publication the figure comes from"}
        error_messages = {
            "name": {"required": "Enter the crime type"},
            "source": {"required": "Enter where the figure comes from"},
        }


class BenefitShareForm(GovukFormMixin, forms.ModelForm):
    """Who gains a share of an evaluated saving, and how much of it, as the savings estimator
    uses it to split its estimates."""

    submit_label = "Save the share"
    amount = forms.DecimalField(
        label="Saving to this beneficiary in the evaluation (£m)", min_value=0,
        max_value=BENEFIT_SHARE_LARGEST, max_digits=8, decimal_places=2,
        help_text="In millions of pounds, like 1.25",
        error_messages={"required": "Enter the saving to this beneficiary",
                        "invalid": "Enter the saving in millions of pounds, like 1.25",
                        "min_value": "The saving must be £0m or more",
                        "max_value": "The saving must be £999,999.99m or less",
                        "max_whole_digits": "The saving must be £999,999.99m or less",
                        "max_digits": "The saving must be £999,999.99m or less",
                        "max_decimal_places": "Enter the saving with no more than 2 decimal "
                                              "places"},
    )

    class Meta:
        model = BenefitShare
        fields = ["beneficiary", "amount", "source"]
        labels = {"beneficiary": "Who benefits", "source": "Source"}
        help_texts = {"source": "The evaluation the figure comes from"}
        error_messages = {
            "beneficiary": {"required": "Enter who benefits"},
            "source": {"required": "Enter where the figure comes from"},
        }


class EstimatorForm(GovukFormMixin, forms.Form):
    submit_label = "Estimate the savings"
    crime_type = forms.ModelChoiceField(
        queryset=UnitCost.objects.all(), to_field_name="slug", label="Crime type",
        empty_label=None,
    )
    incidents = forms.IntegerField(
        label="Incidents prevented each year", min_value=1, max_value=1_000_000,
        help_text="A whole number, like 25",
    )
    partnership = forms.ModelChoiceField(
        queryset=None, to_field_name="ons_code", required=False,
        label="Partnership (optional)", empty_label="None: split by sector only",
        help_text="Split each part of the saving between the partnership's member agencies",
        error_messages={"invalid_choice": "Choose a partnership from the list"},
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        self.helper.form_method = "get"
