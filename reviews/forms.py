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
            memberships__partnership=partnership
        ).order_by("name")
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
        label="Unit cost per incident (£)",
        min_value=1,
        max_value=2_000_000_000,
        help_text="In whole pounds, like 14050",
        error_messages={
            "required": "Enter the unit cost",
            "invalid": "Enter the unit cost in whole pounds, like 14050",
            "min_value": "The unit cost must be £1 or more",
            "max_value": "The unit cost must be £2,000,000,000 or less",
        },
    )
    price_year = forms.RegexField(
        PRICE_YEAR,
        label="Price year",
        help_text="The year whose prices the figure is in, like 2015/16",
        error_messages={
            "required": "Enter the price year",
            "invalid": "Enter the price year like 2015/16 or 2016",
        },
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
        label="Saving to this beneficiary in the evaluation (£m)",
        min_value=0,
        max_value=BENEFIT_SHARE_LARGEST,
        max_digits=8,
        decimal_places=2,
        help_text="In millions of pounds, like 1.25",
        error_messages={
            "required": "Enter the saving to this beneficiary",
            "invalid": "Enter the saving in millions of pounds, like 1.25",
            "min_value": "The saving must be £0m or more",
            "max_value": "The saving must be £999,999.99m or less",
            "max_whole_digits": "The saving must be £999,999.99m or less",
            "max_digits": "The saving must be £999,999.99m or less",
            "max_decimal_places": "Enter the saving with no more than 2 decimal places",
        },
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
        queryset=UnitCost.objects.all(),
        to_field_name="slug",
        label="Crime type",
        empty_label=None,
    )
    incidents = forms.IntegerField(
        label="Incidents prevented each year",
        min_value=1,
        max_value=1_000_000,
        help_text="A whole number, like 25",
    )
    partnership = forms.ModelChoiceField(
        queryset=None,
        to_field_name="ons_code",
        required=False,
        label="Partnership (optional)",
        empty_label="None: split by sector only",
        help_text="Split each part of the saving between the partnership's member agencies",
        error_messages={"invalid_choice": "Choose a partnership from the list"},
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        self.helper.form_method = "get"


class RatingResponseForm(GovukFormMixin, forms.Form):
    """The partnership's answer to one of its ratings."""

    submit_label = "Save the response"
    text = forms.CharField(
        label="Your response",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="For example, agreed: emergency-department data sharing starts in January",
        error_messages={
            "required": "Enter the response",
            "max_length": "The response must be 5,000 characters or fewer",
        },
    )


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.get_kind_display().lower()})"


class FollowUpProgressForm(GovukFormMixin, forms.Form):
    """The partnership's update on a follow-up action: status, note and evidence."""

    submit_label = "Save the update"
    status = forms.ChoiceField(
        label="Status",
        widget=forms.RadioSelect,
        choices=[
            (FollowUpStatus.OPEN, "Still open"),
            (FollowUpStatus.DONE, "Done: ask the reviewer to accept it"),
        ],
        error_messages={
            "required": "Select whether the action is still open or done",
            "invalid_choice": "Select whether the action is still open or done",
        },
    )
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="What has been done, and what is left",
        error_messages={
            "required": "Enter the note",
            "max_length": "The note must be 5,000 characters or fewer",
        },
    )
    evidence_url = forms.URLField(
        label="Evidence: a link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example, the address of the signed agreement or the board minutes",
        error_messages={
            "invalid": "Enter the link in the correct format, like https://www.example.org/minutes",
            "max_length": "The link must be 500 characters or fewer",
        },
    )
    evidence_document = DocumentChoiceField(
        label="Evidence: a document from the register",
        required=False,
        queryset=None,
        empty_label="No document",
        error_messages={"invalid_choice": "Choose a document from the partnership’s register"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_document"].queryset = partnership.documents.order_by("title")

    def clean(self):
        data = super().clean()
        if (
            data.get("status") == FollowUpStatus.DONE
            and not data.get("evidence_url")
            and not data.get("evidence_document")
            and "evidence_url" not in self.errors
        ):
            self.add_error(
                "evidence_url",
                "Enter a link to the evidence, or choose a document from the register",
            )
        return data


class FollowUpDecisionForm(GovukFormMixin, forms.Form):
    """The reviewer accepts a follow-up action marked done, or reopens it."""

    submit_label = "Save the decision"
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[
            ("accept", "Accept: the action is done"),
            ("reopen", "Reopen: more needs to happen"),
        ],
        error_messages={
            "required": "Select whether you accept the action or reopen it",
            "invalid_choice": "Select whether you accept the action or reopen it",
        },
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Needed when you reopen it: say what more needs to happen",
        error_messages={"max_length": "The note must be 5,000 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reopen" and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why you are reopening the action")
        return data
