"""Forms for the brand, channels, coverage and calendar. They check input and hand clean values
to communications.services.records."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from core.forms import GovukFormMixin, WholeNumberField, date_field

from ..models import Channel, ChannelKind, Frequency, ItemKind, Story, Tone

YEARS = (2000, 2100)  # dates outside these are typing mistakes
HEX = re.compile(r"#?([0-9a-fA-F]{6})")


def text(label, *, max_length, required=True, help_text="", what="", rows=0):
    what = what or label[:1].lower() + label[1:]
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": f"Enter the {what}",
            "max_length": f"The {what} must be {max_length:,} characters or fewer",
        },
    )


def count(label, *, what, help_text=""):
    return WholeNumberField(
        label=label,
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=help_text,
        error_messages={
            "invalid": f"The {what} must be a whole number, like 12,000",
            "min_value": f"The {what} must be 0 or more",
            "max_value": f"The {what} must be 100,000,000 or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


class ColourField(forms.CharField):
    """A colour as a hex code; "1D70B8" and "#1D70B8" both read as "#1d70b8"."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return value
        match = HEX.fullmatch(value)
        if match is None:
            raise ValidationError(
                f"Enter the {self.label.lower()} as a hex code, like #1d70b8", code="invalid"
            )
        return "#" + match.group(1).lower()


def colour(label, *, required):
    field = ColourField(
        label=label,
        required=required,
        max_length=7,
        help_text="A hex code, like #1d70b8",
        error_messages={"required": f"Enter the {label.lower()}"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-10"}),
    )
    field.max_length = None  # "1d70b8 " with a space is tidied, not refused for its length
    field.validators = []
    return field


class BrandForm(GovukFormMixin, forms.Form):
    submit_label = "Save the brand"

    public_name = text(
        "Public name",
        max_length=150,
        help_text="The name the public sees, like Safer Leeds",
    )
    strapline = text("Strapline", max_length=200, required=False)
    primary_colour = colour("Main colour", required=True)
    secondary_colour = colour("Second colour", required=False)
    voice = text(
        "How we sound",
        max_length=5000,
        required=False,
        rows=4,
        help_text="The tone every agency’s press office writes in",
        what="description of how we sound",
    )
    key_messages = text(
        "Key messages",
        max_length=5000,
        required=False,
        rows=5,
        help_text="One a line",
        what="key messages",
    )


class ChannelForm(GovukFormMixin, forms.Form):
    submit_label = "Save the channel"

    name = text("Name", max_length=150, help_text="For example, Leeds Evening Post")
    kind = forms.ChoiceField(
        label="What kind of channel is it?",
        choices=ChannelKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of channel it is"},
    )
    frequency = forms.ChoiceField(
        label="How often it publishes",
        choices=[("", "Choose one"), *Frequency.choices],
        error_messages={"required": "Select how often it publishes"},
    )
    standing_slot = text(
        "Standing slot",
        max_length=200,
        required=False,
        help_text="A regular space the partnership fills, like a weekly page in the local paper",
    )
    reach = count("Audience", what="audience", help_text="Readers, listeners or members, if known")
    contact_name = text("Contact name", max_length=150, required=False)
    contact_email = forms.EmailField(
        label="Contact email",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "The contact email must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    contact_phone = text("Contact phone", max_length=40, required=False)
    note = text("Note", max_length=5000, required=False, rows=3)
    is_active = forms.TypedChoiceField(
        label="Is the channel in use?",
        choices=[("yes", "Yes"), ("no", "No, not any more")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "Select whether the channel is in use"},
    )

    def __init__(self, *args, editing=False, **kwargs):
        if editing:
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_active"]


class CoverageForm(GovukFormMixin, forms.Form):
    submit_label = "Save the coverage"

    headline = text("Headline", max_length=250)
    channel = forms.ModelChoiceField(
        label="Outlet",
        queryset=Channel.objects.none(),
        required=False,
        help_text="One of the partnership’s channels",
        error_messages={"invalid_choice": "Select one of the partnership’s channels"},
    )
    outlet_name = text(
        "Outlet, if it is not one of your channels",
        max_length=150,
        required=False,
        what="outlet",
    )
    published_on = date_field("Date", required=True, what="date", years=YEARS)
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="The web address of the piece, if it is online",
        error_messages={
            "invalid": "Enter the link as a web address, like https://www.example.com/news",
            "max_length": "The link must be 500 characters or fewer",
        },
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
    )
    reach = count("Reach", what="reach", help_text="Readers, listeners or viewers, if known")
    tone = forms.ChoiceField(
        label="Tone",
        choices=Tone.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the tone"},
    )
    partnership_quoted = forms.BooleanField(label="The partnership was quoted", required=False)
    story = forms.ModelChoiceField(
        label="The partnership’s story it came from",
        queryset=Story.objects.none(),
        required=False,
        empty_label="None: it was not from one of our stories",
        help_text="Leave as none for coverage the partnership did not ask for",
        error_messages={"invalid_choice": "Select one of the partnership’s stories"},
    )

    def __init__(self, *args, partnership, current=None, **kwargs):
        if current is not None:
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)
        # Channels in use, and the one already chosen even if it is no longer used.
        in_use = Q(is_active=True)
        if current is not None and current.channel_id:
            in_use |= Q(pk=current.channel_id)
        self.fields["channel"].queryset = Channel.objects.filter(
            in_use, partnership=partnership
        ).order_by("name", "id")
        self.fields["channel"].empty_label = "Not one of our channels"
        self.fields["story"].queryset = Story.objects.filter(partnership=partnership).order_by(
            "-created_at", "-id"
        )

    def clean(self):
        data = super().clean()
        if "channel" in data and not data.get("channel") and not data.get("outlet_name"):
            if "outlet_name" not in self.errors:
                self.add_error(
                    "outlet_name", "Select the outlet, or enter its name if it is not a channel"
                )
        return data


class CoverageFilterForm(forms.Form):
    """The coverage log's filters: tones and a date range, sent by GET."""

    tone = forms.MultipleChoiceField(
        label="Tone",
        choices=Tone.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select a tone from the list"},
    )
    since = date_field("From", what="first date", years=YEARS, help_text="For example, 1 9 2026")
    until = date_field("To", what="last date", years=YEARS, help_text="For example, 30 11 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.add_input(
            Submit("filter", "Show coverage", css_class="govuk-button--secondary")
        )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The last date must be the same as or after the first date")
        return data


class CalendarItemForm(GovukFormMixin, forms.Form):
    submit_label = "Save to the calendar"

    kind = forms.ChoiceField(
        label="What is it?",
        choices=ItemKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a media briefing, campaign or event"},
    )
    title = text("Title", max_length=200, help_text="For example, Safer nights out at Christmas")
    starts_on = date_field("Start date", required=True, what="start date", years=YEARS)
    ends_on = date_field(
        "End date",
        what="end date",
        years=YEARS,
        help_text="For a campaign that runs for more than a day. Leave empty for one day",
    )
    start_time = forms.TimeField(
        label="Time",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"],
        help_text="If it starts at a set time, like 10:30 or 2:30pm",
        error_messages={"invalid": "Enter the time like 10:30 or 2:30pm"},
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
    )
    location = text("Location", max_length=200, required=False)
    description = text("Description", max_length=5000, required=False, rows=4)
    story = forms.ModelChoiceField(
        label="Story it is for",
        queryset=Story.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Select one of the partnership’s stories"},
    )

    def __init__(self, *args, partnership, editing=False, **kwargs):
        if editing:
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = Story.objects.filter(partnership=partnership).order_by(
            "-created_at", "-id"
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return data
