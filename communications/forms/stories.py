"""Forms for stories: the story itself, the agencies asked to approve it, the date it went out."""

from django import forms

from core.forms import GovukFormMixin, date_field

from ..models import Story


class StoryForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save the story"

    planned_on = date_field("Planned date", what="planned date", years=(2000, 2100))

    class Meta:
        model = Story
        fields = ["title", "facts", "body", "channel", "planned_on"]
        labels = {"title": "Headline", "facts": "The facts", "body": "Draft"}
        help_texts = {
            "body": "The story as it will be issued. Once it is written the story is drafted",
        }
        error_messages = {"title": {"required": "Enter the headline"}}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        channel = self.fields["channel"]
        channel.queryset = partnership.channels.filter(is_active=True).order_by("name")
        channel.required = False
        channel.empty_label = "Not chosen yet"
        channel.label = "Channel"
        channel.help_text = "The outlet or route it goes out through"


class SendForApprovalForm(GovukFormMixin, forms.Form):
    submit_label = "Send for approval"

    agencies = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Agencies that must approve it",
        help_text="Each agency’s press officer is asked to approve the story",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency that must approve it"},
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies


class IssueForm(GovukFormMixin, forms.Form):
    submit_label = "Record as issued"

    issued_on = date_field(
        "Date issued", required=True, what="date the story was issued", years=(2000, 2100)
    )
