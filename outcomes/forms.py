"""Forms for outcomes: the two uploads, a survey result, a target."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from core.forms import GovukFormMixin, WholeNumberField, date_field
from core.uploads import check_file_name
from datasharing.istv import decode  # files are read as the ISTV upload reads them

from . import ons
from .models import Indicator, PeriodType, Source, Unit


class UploadForm(GovukFormMixin, forms.Form):
    submit_label = "Check and import"

    file = forms.FileField(
        label="CSV file (up to 5 MB)",
        error_messages={
            "required": "Choose a CSV file to upload",
            "empty": "The selected file is empty",
            "invalid": "Choose a CSV file to upload",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = ""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_file_name(upload)
        if not (upload.name or "").lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV file")
        if upload.size > ons.MAX_BYTES:
            raise ValidationError("The selected file must be smaller than 5 MB")
        text = decode(upload.read())
        if text is None:
            raise ValidationError("The selected file is not a text CSV file")
        self.text = text
        return upload


def _decimal(label: str, *, low, high, places: int, what: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=low,
        max_value=high,
        decimal_places=places,
        max_digits=6,
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"The {what} must be a number, like 12.5",
            "min_value": f"The {what} must be {low} or more",
            "max_value": f"The {what} must be {high} or less",
            "max_decimal_places": f"The {what} must have no more than {places} decimal places",
            "max_digits": f"The {what} must be {high} or less",
            "max_whole_digits": f"The {what} must be {high} or less",
        },
    )


class SurveyFigureForm(GovukFormMixin, forms.Form):
    submit_label = "Save the result"

    indicator = forms.ModelChoiceField(queryset=None, label="Indicator", empty_label=None)
    period_type = forms.ChoiceField(
        label="Period the survey covers",
        choices=PeriodType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the survey covers a month or a quarter"},
    )
    period_start = date_field(
        "First day of the period",
        required=True,
        what="first day of the period",
        years=(2000, 2100),
        help_text="For example, 1 4 2025. A quarter is the financial quarter holding this day",
    )
    value = _decimal(
        "Share of respondents (%)", low=Decimal(0), high=Decimal(100), places=1, what="share"
    )
    sample_size = WholeNumberField(
        label="Sample size",
        help_text="How many people answered the question",
        min_value=1,
        max_value=10_000_000,
        error_messages={
            "required": "Enter the sample size",
            "invalid": "The sample size must be a whole number, like 1,200",
            "min_value": "The sample size must be 1 or more",
            "max_value": "The sample size must be 10,000,000 or fewer",
        },
    )
    source_note = forms.CharField(
        label="Source",
        max_length=200,
        help_text="For example, Leeds residents’ survey, spring 2025",
        error_messages={
            "required": "Enter the source",
            "max_length": "The source must be 200 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            source=Source.SURVEY, unit=Unit.PERCENT, is_active=True
        )


class TargetForm(GovukFormMixin, forms.Form):
    submit_label = "Save the target"

    priority = forms.ModelChoiceField(queryset=None, label="Priority")
    indicator = forms.ModelChoiceField(queryset=None, label="Indicator")
    baseline_end = date_field(
        "Baseline: the 12 months ending",
        required=True,
        what="end of the baseline",
        years=(2000, 2100),
        help_text="For example, 31 3 2024 for the financial year 2023/24",
    )
    target_change = _decimal(
        "Target change (%)",
        low=Decimal(-100),
        high=Decimal(1000),
        places=1,
        what="target change",
    )
    target_date = date_field("Target date", required=True, what="target date", years=(2000, 2100))

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        from partnerships.selectors import priority_list

        self.fields["priority"].queryset = priority_list(partnership=partnership)
        self.fields["indicator"].queryset = Indicator.objects.filter(is_active=True)
        self.fields["target_change"].help_text = "Negative for a fall: −10 means down 10%"

    def clean(self):
        data = super().clean()
        baseline, target = data.get("baseline_end"), data.get("target_date")
        if baseline and target and target <= baseline:
            self.add_error("target_date", "The target date must be after the end of the baseline")
        return data
