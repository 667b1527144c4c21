"""Shared form pieces: every portal form renders with crispy-forms-gds and a submit button."""

import re
from datetime import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name

# The largest id a database integer holds. SQLite cannot even compare a column with a larger
# number (OverflowError), so such a value is refused before any query, as an unknown id is.
LARGEST_ID = 2**63 - 1


def fits_an_id(value) -> bool:
    try:
        return -LARGEST_ID - 1 <= int(str(value)) <= LARGEST_ID
    except ValueError:
        return True  # not a number: left to the field's own checks


MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Whole names and their first three letters, and "sept": "1 January 2027", "1 jan 2027".
MONTHS = {
    **{name: n for n, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3]: n for n, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
# Single-value forms of a date, as the API and links send them (2026-03-31) or people type.
SINGLE_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d %m %Y",
    "%d %B %Y",
    "%d %b %Y",
)


class MonthField(forms.CharField):
    """The month box: a number, or the month's name ("January", "jan")."""

    def to_python(self, value):
        value = super().to_python(value)
        return str(MONTHS.get(value.lower().rstrip("."), value))


class GovukDateWidget(DateInputWidget):
    """The GOV.UK date input. A date sent as one value (name=2026-03-31), as the API and links
    send it, is read into the three boxes."""

    def value_from_datadict(self, data, files, name):
        parts = [f"{name}_{i}" for i in range(3)]
        if name in data and not any(part in data for part in parts):
            text = str(data.get(name) or "").strip()
            if not text:
                return [None, None, None]
            for shape in SINGLE_DATE_FORMATS:
                try:
                    day = datetime.strptime(text, shape).date()
                except ValueError:
                    continue
                return [str(day.day), str(day.month), str(day.year)]
            return [text, "?", "?"]  # reads as not a real date
        return super().value_from_datadict(data, files, name)

    def decompress(self, value):
        if isinstance(value, str):
            return self.value_from_datadict({"d": value}, {}, "d")
        return super().decompress(value)


class GovukDateField(DateInputField):
    """The one date field of the portal: GOV.UK's day, month and year boxes, the month also as
    a name, with plain-English errors and, if given, a range of years."""

    widget = GovukDateWidget

    def __init__(self, *, what: str = "", years: tuple[int, int] | None = None, **kwargs):
        super().__init__(**kwargs)
        label = str(self.label or "Date")
        self.what = what or label[:1].lower() + label[1:]
        self.years = years
        # "Date joined must be a real date"; with `what`, "The opening date must be …".
        subject = f"The {what}" if what else label
        self.subject = subject
        self.fields[1].__class__ = MonthField
        self.error_messages["required"] = f"Enter the {self.what}"
        self.error_messages["incomplete"] = f"Enter the {self.what} as a day, month and year"
        self.error_messages["invalid"] = f"{subject} must be a real date"
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.error_messages["incomplete"] = f"{subject} must include a {name}"
            part.validators[0].message = f"{subject} must be a real date"

    def compress(self, data_list):
        try:
            value = super().compress(data_list)
        except ValidationError as error:
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from error
        if value is not None and self.years and not self.years[0] <= value.year <= self.years[1]:
            raise ValidationError(
                f"{self.subject} must be a year from {self.years[0]} to {self.years[1]}",
                code="invalid",
            )
        return value


def date_field(
    label: str,
    *,
    required: bool = False,
    help_text: str = "",
    what: str = "",
    years: tuple[int, int] | None = None,
) -> GovukDateField:
    """A GOV.UK date input for `label`; every form of the portal takes dates through it."""
    return GovukDateField(
        label=label,
        required=required,
        what=what,
        years=years,
        require_all_fields=False,
        help_text=help_text or "For example, 27 3 2026 or 27 March 2026",
    )


# Thousands written with commas or spaces, as people write them: 1,240 or 1 240.
GROUPED_NUMBER = re.compile(r"-?\d{1,3}(?:([, \u00a0])\d{3})(?:\1\d{3})*")


class WholeNumberField(forms.IntegerField):
    """A whole number that may be written with thousands separators: 1240, 1,240, 1 240."""

    def to_python(self, value):
        if isinstance(value, str) and GROUPED_NUMBER.fullmatch(value.strip()):
            value = re.sub(r"[, \u00a0]", "", value)
        return super().to_python(value)


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records that refuses numbers no id can be (see LARGEST_ID)."""

    def _check_values(self, value):
        for pk in value:
            if not fits_an_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


# Django's own words, which no one using the portal should read.
DJANGO_DASHES = "---------"
DJANGO_REQUIRED = str(forms.Field.default_error_messages["required"])
DJANGO_INVALID_CHOICE = (
    str(forms.ChoiceField.default_error_messages["invalid_choice"]),
    str(forms.ModelChoiceField.default_error_messages["invalid_choice"]),
)

_CHOOSING = (forms.ChoiceField, forms.ModelChoiceField, forms.FileField)


def _lower_first(label: str) -> str:
    """'Due date' -> 'due date', but 'DPIA date' and 'ISTV file' keep their capitals."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def required_message(name: str, field: forms.Field) -> str:
    """A GOV.UK message for a field left empty: "Enter the note", "Select the status"."""
    label = _lower_first(str(field.label or pretty_name(name)).rstrip("?: "))
    if isinstance(field, forms.BooleanField):
        return f"Select “{field.label}” to continue"
    verb = (
        "Select"
        if isinstance(field, _CHOOSING) or isinstance(field.widget, forms.CheckboxSelectMultiple)
        else "Enter"
    )
    first = label.split(" ", 1)[0]
    if first in ("is", "are", "does", "do", "has", "have", "should", "can"):
        return "Select an answer"
    if first in ("what", "why", "how", "who", "when", "where", "which", "your"):
        return f"{verb} {label}"  # "Enter what needs to happen", "Select your agency"
    return f"{verb} the {label}"


QUESTION_WORDS = (
    "is",
    "are",
    "does",
    "do",
    "has",
    "have",
    "should",
    "can",
    "what",
    "why",
    "how",
    "who",
    "when",
    "where",
    "which",
)


def invalid_choice_message(name: str, field: forms.Field) -> str:
    """For a value not in the list: "Select the owner agency from the list"."""
    label = _lower_first(str(field.label or pretty_name(name)).rstrip("?: "))
    if label.split(" ", 1)[0] in QUESTION_WORDS:
        return "Select an answer from the list"
    return f"Select the {label} from the list"  # noqa: S608 - a message, not SQL


class GovukFormMixin:
    """Gives a form a GOV.UK helper: labels, hints, error messages and the error summary.

    Before a form is shown or checked, its fields lose Django's own words: a required field
    left empty says "Enter the note", a list offers no "---------", radios no empty choice,
    and a required list with one real option has it chosen already (issue 17, items 5 and 9).
    Done then, not in __init__, so that what a subclass or view changes afterwards (required,
    querysets) is what counts.
    """

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.ModelMultipleChoiceField:  # declared or from a ModelForm
                field.__class__ = RecordsChoiceField
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", self.submit_label))

    def __getitem__(self, name):
        self.govuk_words()
        return super().__getitem__(name)

    def full_clean(self):
        self.govuk_words()
        return super().full_clean()

    def govuk_words(self):
        if getattr(self, "_govuk_words_done", False):
            return
        self._govuk_words_done = True
        for name, field in self.fields.items():
            messages = field.error_messages
            if str(messages.get("required", "")) == DJANGO_REQUIRED:
                messages["required"] = required_message(name, field)
            if str(messages.get("invalid_choice", "")) in DJANGO_INVALID_CHOICE:
                messages["invalid_choice"] = invalid_choice_message(name, field)
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                field, forms.ModelMultipleChoiceField
            ):
                self._tidy_record_choice(name, field)
            elif isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.MultipleChoiceField
            ):
                self._tidy_choice(field)

    def _tidy_record_choice(self, name, field):
        radios = isinstance(field.widget, forms.RadioSelect)
        if field.empty_label == DJANGO_DASHES:
            field.empty_label = (
                None if radios and field.required else ("Choose one" if field.required else "None")
            )
        if (
            field.required
            and not self.is_bound
            and field.queryset is not None
            and self.initial.get(name) is None
            and field.initial is None
            and len(only := field.queryset[:2]) == 1
        ):
            self.initial[name] = only[0].pk

    def _tidy_choice(self, field):
        radios = isinstance(field.widget, forms.RadioSelect)
        choices = list(field.choices)
        if radios:
            kept = [(value, label) for value, label in choices if value not in ("", None)]
        else:
            kept = [
                (value, "Choose one" if field.required else "None")
                if label == DJANGO_DASHES
                else (value, label)
                for value, label in choices
            ]
        if kept != choices:
            field.choices = kept


class DataDrawnOnForm(GovukFormMixin, forms.Form):
    """Which of the partnership's data streams (a dataset from one member agency) a record
    drew on: a document, or a good-practice entry. `streams` is core.evidence.streams()."""

    submit_label = "Save the data it drew on"

    streams = forms.MultipleChoiceField(
        label="Data it drew on",
        help_text="Select each agency’s data it used. Leave all unselected if none.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose data from the list"},
    )

    def __init__(self, *args, streams: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["streams"].choices = streams
