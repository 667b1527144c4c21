"""Good-practice forms. Thin: they check input and hand clean values to a service."""

from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from core import clock
from core.forms import GovukDateField, GovukFormMixin

from .models import (
    MARYLAND_LEVELS,
    AdoptionResult,
    AreaType,
    Decision,
    Entry,
    Evaluation,
    Outcome,
    Theme,
)

MONEY_MAX = 2_000_000_000
REPORT_MAX_BYTES = 10 * 1024 * 1024
TEXT_MAX = 10_000


def money(label, help_text):
    message = "Enter an amount in whole pounds, like 25000"
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MONEY_MAX,
        help_text=help_text,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


def long_text(label, help_text, rows=5):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"{label} must be {TEXT_MAX:,} characters or fewer"},
    )


class EntryForm(GovukFormMixin, forms.Form):
    """Write or revise an entry. Only the title is needed to save a draft; submission checks
    the rest (services.REQUIRED_FOR_SUBMISSION)."""

    submit_label = "Save draft"

    partnership = forms.ModelChoiceField(
        label="Partnership",
        queryset=None,
        empty_label="Choose a partnership",
        error_messages={
            "required": "Choose the partnership the entry is from",
            "invalid_choice": "Choose a partnership from the list",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter a title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    summary = long_text("Summary", "Two or three sentences: what you did and what happened", 3)
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose themes from the list",
            "invalid_pk_value": "Choose themes from the list",
        },
    )
    problem = long_text(
        "The problem and its analysis",
        "Scanning and analysis: what the problem was, how big, where and when, "
        "and the evidence that showed it",
    )
    response = long_text(
        "The response",
        "What you did, who did it and in what order: enough for another partnership to repeat it",
    )
    effect = long_text(
        "Effect: what changed", "The results, with figures and the baseline you compared against"
    )
    mechanism = long_text(
        "Mechanism: why it worked", "Why the response changed what happened – or why it did not"
    )
    context = long_text(
        "Context: where and for whom",
        "The place, the people it was for, and anything about the area that mattered",
        3,
    )
    area_type = forms.ChoiceField(
        label="Type of area",
        required=False,
        widget=forms.RadioSelect,
        choices=AreaType.choices,
        error_messages={"invalid_choice": "Choose urban, rural or mixed"},
    )
    implementation = long_text(
        "Implementation: what it took",
        "Staff time, skills, data, equipment, and what got in the way",
    )
    partners_involved = long_text(
        "Partners involved", "The agencies and organisations that took part", 3
    )
    setup_cost = money("Set-up cost (£)", "In whole pounds. Enter 0 if there was none")
    running_cost = money("Running cost a year (£)", "In whole pounds. Enter 0 if there is none")
    bed_in_months = forms.IntegerField(
        label="Time to bed in (months)",
        required=False,
        min_value=0,
        max_value=120,
        help_text="How long before it worked as intended",
        error_messages={
            "invalid": "Enter a number of months from 0 to 120",
            "min_value": "Enter a number of months from 0 to 120",
            "max_value": "Enter a number of months from 0 to 120",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        widget=forms.RadioSelect,
        choices=Outcome.choices,
        help_text="The College of Policing Practice Bank labels. Entries that did not work are "
        "welcome: they save others the effort",
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )
    maryland_level = forms.TypedChoiceField(
        label="Maryland scale level",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        choices=[("", "Not rated")] + MARYLAND_LEVELS,
        help_text="How strong the evidence is, from 1 (weakest) to 5 (strongest)",
        error_messages={"invalid_choice": "Choose a Maryland scale level from the list"},
    )
    evaluation = forms.ChoiceField(
        label="Evaluation",
        widget=forms.RadioSelect,
        choices=Evaluation.choices,
        initial=Evaluation.NONE,
        error_messages={
            "required": "Choose whether it was evaluated",
            "invalid_choice": "Choose an evaluation from the list",
        },
    )
    evaluation_url = forms.URLField(
        label="Link to the evaluation report",
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={
            "invalid": "Enter a web address starting https://",
            "max_length": "The web address must be 500 characters or fewer",
        },
    )
    evaluation_report = forms.FileField(
        label="Or attach the evaluation report (PDF, up to 10 MB)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        error_messages={"invalid": "Choose a PDF file", "empty": "The file is empty"},
    )
    contact_name = forms.CharField(
        label="Contact name",
        required=False,
        max_length=150,
        help_text="Someone another partnership can ask about it",
        error_messages={"max_length": "The name must be 150 characters or fewer"},
    )
    contact_email = forms.EmailField(
        label="Contact email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )

    def __init__(self, *args, partnerships, instance: Entry | None = None, **kwargs):
        self.instance = instance
        if instance is not None and not kwargs.get("initial"):
            initial = {
                name: getattr(instance, name)
                for name in (
                    "title",
                    "summary",
                    "problem",
                    "response",
                    "effect",
                    "mechanism",
                    "context",
                    "area_type",
                    "implementation",
                    "partners_involved",
                    "setup_cost",
                    "running_cost",
                    "bed_in_months",
                    "outcome",
                    "maryland_level",
                    "evaluation",
                    "evaluation_url",
                    "contact_name",
                    "contact_email",
                )
            }
            initial["themes"] = list(instance.themes.all())
            initial["partnership"] = instance.partnership_id
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        if instance is not None:
            self.submit_label = "Save changes"
            del self.fields["partnership"]
        elif len(partnerships) == 1:
            self.only_partnership = partnerships[0]
            self.fields["partnership"].initial = partnerships[0].pk
            self.fields["partnership"].widget = forms.HiddenInput()
            self.fields["partnership"].required = False
        self.helper.inputs = []
        top = [Field.text("title")]
        if "partnership" in self.fields and not isinstance(
            self.fields["partnership"].widget, forms.HiddenInput
        ):
            top.insert(0, Field.select("partnership"))
        elif "partnership" in self.fields:
            top.insert(0, Field("partnership"))
        report_note = []
        if instance is not None and instance.evaluation_report:
            report_note = [
                HTML(
                    '<p class="govuk-body">Attached: {{ form.instance.evaluation_report_name }}. '
                    "Attach another to replace it.</p>"
                )
            ]
        self.helper.layout = Layout(
            *top,
            Field.textarea("summary"),
            Field.checkboxes("themes", small=True, legend_size=Size.SMALL),
            Fieldset(
                Field.textarea("problem"), legend="Scanning and analysis", legend_size=Size.MEDIUM
            ),
            Fieldset(Field.textarea("response"), legend="Response", legend_size=Size.MEDIUM),
            Fieldset(
                Field.textarea("effect"),
                Field.textarea("mechanism"),
                Field.textarea("context"),
                Field.radios("area_type", small=True, inline=True, legend_size=Size.SMALL),
                Field.textarea("implementation"),
                Field.textarea("partners_involved"),
                Field.text("setup_cost", field_width=10),
                Field.text("running_cost", field_width=10),
                Field.text("bed_in_months", field_width=4),
                legend="Assessment (EMMIE)",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("outcome", small=True, legend_size=Size.SMALL),
                Field.radios("maryland_level", small=True, legend_size=Size.SMALL),
                Field.radios("evaluation", small=True, legend_size=Size.SMALL),
                Field.text("evaluation_url"),
                *report_note,
                Field("evaluation_report"),
                legend="Outcome and evidence",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("contact_name"),
                Field.text("contact_email"),
                legend="Contact",
                legend_size=Size.MEDIUM,
            ),
            Submit("submit", self.submit_label),
        )

    only_partnership = None

    def clean_partnership(self):
        return self.cleaned_data.get("partnership") or self.only_partnership

    def clean_evaluation_report(self):
        upload = self.cleaned_data.get("evaluation_report")
        if not upload:
            return None
        from core.uploads import check_file_name

        check_file_name(upload)
        if not (upload.name or "").lower().endswith(".pdf"):
            raise ValidationError("The file must be a PDF")
        if upload.size > REPORT_MAX_BYTES:
            raise ValidationError("The file must be 10 MB or smaller")
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise ValidationError("The file must be a PDF")
        return upload

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("partnership", None)
        report = data.pop("evaluation_report", None)
        values = {name: data[name] for name in data}
        values["report"] = report or None
        for name in ("area_type", "outcome"):
            values[name] = values.get(name) or ""
        return values


class SubmitForm(GovukFormMixin, forms.Form):
    """Send the entry for review (no fields: the button is the confirmation)."""

    submit_label = "Submit for review"


class ReviewForm(GovukFormMixin, forms.Form):
    """The reviewer ticks the checklist, decides, and writes comments for the author."""

    submit_label = "Record the decision"

    criteria = forms.MultipleChoiceField(
        label="Criteria the entry meets",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each criterion the entry meets. Those marked mandatory must all be met "
        "before publication",
        error_messages={"invalid_choice": "Choose criteria from the checklist"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=Decision.choices,
        error_messages={
            "required": "Choose whether to publish or ask for changes",
            "invalid_choice": "Choose whether to publish or ask for changes",
        },
    )
    comments = forms.CharField(
        label="Comments for the author",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Sent to the author. Needed when you ask for changes",
        error_messages={"max_length": f"Comments must be {TEXT_MAX:,} characters or fewer"},
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields["criteria"].choices = [
            (str(c.pk), f"{c.text}{' (mandatory)' if c.is_mandatory else ''}") for c in criteria
        ]
        self.helper.inputs = []
        self.helper.layout = Layout(
            Field.checkboxes("criteria", small=True, legend_size=Size.MEDIUM),
            Field.radios("decision", small=True, legend_size=Size.MEDIUM),
            Field.textarea("comments"),
            Submit("submit", self.submit_label),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.PUBLISH:
            met = set(cleaned.get("criteria") or [])
            unmet = [c for c in self.criteria if c.is_mandatory and str(c.pk) not in met]
            if unmet:
                self.add_error(
                    "criteria",
                    "Every mandatory criterion must be met before "
                    "publication. Not met: " + "; ".join(c.text for c in unmet),
                )
        if (
            cleaned.get("decision") == Decision.REQUEST_CHANGES
            and not (cleaned.get("comments") or "").strip()
        ):
            self.add_error("comments", "Tell the author what to change")
        return cleaned


class ArchiveForm(GovukFormMixin, forms.Form):
    submit_label = "Archive the entry"


class AdoptionForm(GovukFormMixin, forms.Form):
    submit_label = "Record the adoption"

    partnership = forms.ModelChoiceField(
        label="Partnership that tried it",
        queryset=None,
        empty_label="Choose a partnership",
        error_messages={
            "required": "Choose the partnership that tried it",
            "invalid_choice": "Choose a partnership from the list",
        },
    )
    started_on = GovukDateField(
        label="When you started",
        what="date you started",
        years=(1998, 2100),
        help_text="For example, 1 9 2025",
    )
    result = forms.ChoiceField(
        label="What happened",
        widget=forms.RadioSelect,
        choices=AdoptionResult.choices,
        error_messages={
            "required": "Choose what happened",
            "invalid_choice": "Choose what happened from the list",
        },
    )
    explanation = forms.CharField(
        label="What happened, and why",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you changed for your area, the results, and why you think it worked "
        "or did not",
        error_messages={
            "required": "Say what happened, and why",
            "max_length": f"This must be {TEXT_MAX:,} characters or fewer",
        },
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        self.helper.inputs = []
        self.only_partnership = partnerships[0] if len(partnerships) == 1 else None
        if self.only_partnership is not None:
            self.fields["partnership"].initial = self.only_partnership.pk
            self.fields["partnership"].widget = forms.HiddenInput()
            self.fields["partnership"].required = False
            first = Field("partnership")
        else:
            first = Field.select("partnership")
        self.helper.layout = Layout(
            first,
            Field("started_on"),
            Field.radios("result", small=True, legend_size=Size.SMALL),
            Field.textarea("explanation"),
            Submit("submit", self.submit_label),
        )

    def clean_partnership(self):
        return self.cleaned_data.get("partnership") or self.only_partnership

    def clean_started_on(self):
        value = self.cleaned_data.get("started_on")
        if value is not None and value > clock.today():
            raise ValidationError("The date you started must be today or in the past")
        return value
