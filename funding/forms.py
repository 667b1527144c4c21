"""Funding forms. Thin: they check input and hand clean values to a service."""

from datetime import date, datetime, time

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import clock
from core.forms import GovukDateField, GovukFormMixin
from partnerships.models import Partnership, Region

from . import selectors, services
from .models import (
    BID_TRANSITIONS,
    MAX_REMINDER_OFFSET,
    Bid,
    BidStatus,
    CapitalRevenue,
    Frequency,
    Funder,
    Opportunity,
    SavedSearch,
    parse_offsets,
)
from .services import AWARD_NEEDED

MONEY_MAX = 2_000_000_000


YEARS = (2000, 2100)  # funding dates outside these are typing mistakes


def money(label, *, required=False):
    message = "Enter an amount in whole pounds, like 25000"
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MONEY_MAX,
        error_messages={
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "required": f"Enter the {label.lower()}",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )


def time_field(label, initial):
    return forms.TimeField(
        label=label,
        initial=initial,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="Use the 24-hour clock, like 09:00 or 17:30",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} on the 24-hour clock, like 12:00",
        },
    )


def aware(day: date | None, at: time | None) -> datetime | None:
    if day is None or at is None:
        return None
    return timezone.make_aware(datetime.combine(day, at), timezone.get_current_timezone())


class OpportunityForm(GovukFormMixin, forms.ModelForm):
    """Publish or edit an opportunity. Dates are entered in UK time (Europe/London)."""

    submit_label = "Publish opportunity"

    opens_on = GovukDateField(
        years=YEARS, what="opening date", label="Opening date", help_text="For example, 1 4 2026"
    )
    opens_time = time_field("Opening time", "09:00")
    closes_on = GovukDateField(
        years=YEARS, what="closing date", label="Closing date", help_text="For example, 30 4 2026"
    )
    closes_time = time_field("Closing time", "12:00")
    published_on = GovukDateField(
        years=YEARS,
        what="date it was published",
        label="Date published",
        required=False,
        help_text="When the funder announced it. Leave blank for today",
    )
    decision_on = GovukDateField(
        years=YEARS, what="decision date", label="Decision expected", required=False
    )
    period_start = GovukDateField(
        years=YEARS,
        what="start of the funding period",
        label="Funding period: start",
        required=False,
    )
    period_end = GovukDateField(
        years=YEARS, what="end of the funding period", label="Funding period: end", required=False
    )
    min_award = money("Minimum award (£)")
    max_award = money("Maximum award (£)")
    total_pot = money("Total size of the fund (£)")
    url = forms.URLField(
        label="Link to the funder’s page",
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": "Enter a web address starting https://"},
    )

    class Meta:
        model = Opportunity
        fields = [
            "funder",
            "title",
            "programme",
            "description",
            "themes",
            "applicant_types",
            "is_national",
            "regions",
            "partnerships",
            "min_award",
            "max_award",
            "total_pot",
            "ring_fenced",
            "capital_revenue",
            "conditions",
            "match_funding_required",
            "url",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "applicant_types": forms.CheckboxSelectMultiple,
            "regions": forms.CheckboxSelectMultiple,
            "capital_revenue": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"applicant_types": "Who can apply", "regions": "Regions"}
        help_texts = {
            "partnerships": "Only if the fund is for named partnerships. Hold Ctrl (or Cmd) to "
            "choose more than one",
            "is_national": "Anyone in England and Wales who can apply may bid",
        }
        error_messages = {
            "funder": {"required": "Select the funder", "invalid_choice": "Select the funder"},
            "title": {"required": "Enter the title of the opportunity"},
            "description": {"required": "Describe what the fund is for"},
            "themes": {
                "required": "Select at least one theme",
                "invalid_choice": "Select themes from the list",
            },
            "applicant_types": {
                "required": "Select who can apply",
                "invalid_choice": "Select who can apply from the list",
            },
            "url": {"invalid": "Enter a web address starting https://"},
            "regions": {"invalid_choice": "Select regions from the list"},
            "partnerships": {"invalid_choice": "Select partnerships from the list"},
            "capital_revenue": {
                "required": "Say whether the money is capital or revenue",
                "invalid_choice": "Say whether the money is capital or revenue",
            },
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if not user.scope.is_admin:
            self.fields["regions"].queryset = Region.objects.filter(id__in=user.scope.region_ids)
            self.fields["partnerships"].queryset = Partnership.objects.filter(
                region_id__in=user.scope.region_ids
            )
            self.fields["is_national"].disabled = True
            self.fields["is_national"].help_text = "Only administrators publish national funds"
        self.fields["capital_revenue"].choices = CapitalRevenue.choices
        self.fields["funder"].empty_label = "Choose a funder"
        instance = self.instance
        if instance.pk:
            self.submit_label = "Save changes"
            local = timezone.localtime
            self.initial.update(
                {
                    "opens_on": local(instance.opens_at).date(),
                    "opens_time": local(instance.opens_at).time(),
                    "closes_on": local(instance.closes_at).date(),
                    "closes_time": local(instance.closes_at).time(),
                    "published_on": local(instance.published_at).date(),
                    "decision_on": instance.decision_on,
                    "period_start": instance.period_start,
                    "period_end": instance.period_end,
                }
            )
        super_helper = self.helper
        super_helper.layout = Layout(
            Field.select("funder"),
            Field.text("title"),
            Field.text("programme"),
            Field.textarea("description"),
            Field.checkboxes("themes", small=True, legend_size=Size.SMALL),
            Field.checkboxes("applicant_types", small=True, legend_size=Size.SMALL),
            Fieldset(
                Field.checkbox("is_national"),
                Field.checkboxes("regions", small=True),
                Field("partnerships"),
                legend="Where it is open",
                legend_size=Size.SMALL,
            ),
            Field.text("min_award", field_width=10),
            Field.text("max_award", field_width=10),
            Field.text("total_pot", field_width=10),
            Field("opens_on"),
            Field.text("opens_time", field_width=5),
            Field("closes_on"),
            Field.text("closes_time", field_width=5),
            Field("published_on"),
            Field("decision_on"),
            Field("period_start"),
            Field("period_end"),
            Field.checkbox("ring_fenced"),
            Field.radios("capital_revenue", small=True, legend_size=Size.SMALL),
            Field.checkbox("match_funding_required"),
            Field.textarea("conditions"),
            Field.text("url"),
            Submit("submit", self.submit_label),
        )
        super_helper.inputs = []

    def clean(self):
        cleaned = super().clean()
        cleaned["opens_at"] = aware(cleaned.get("opens_on"), cleaned.get("opens_time"))
        cleaned["closes_at"] = aware(cleaned.get("closes_on"), cleaned.get("closes_time"))
        published_on = cleaned.get("published_on")
        if published_on is None:
            cleaned["published_at"] = (
                self.instance.published_at if self.instance.pk else clock.now()
            )
        elif published_on == clock.today():
            cleaned["published_at"] = clock.now()
        else:
            cleaned["published_at"] = aware(published_on, time(9, 0))
        if self.fields["is_national"].disabled:
            cleaned["is_national"] = self.instance.is_national if self.instance.pk else False
        errors = services.opportunity_date_errors(
            opens_at=cleaned.get("opens_at"),
            closes_at=cleaned.get("closes_at"),
            min_award=cleaned.get("min_award"),
            max_award=cleaned.get("max_award"),
            period_start=cleaned.get("period_start"),
            period_end=cleaned.get("period_end"),
        )
        if not self.errors or not {"regions", "partnerships"} & set(self.errors):
            errors.update(
                services.opportunity_location_errors(
                    user=self.user,
                    is_national=cleaned.get("is_national", False),
                    regions=cleaned.get("regions"),
                    partnerships=cleaned.get("partnerships"),
                )
            )
        for name, message in errors.items():
            if name == "closes_at":
                name = "closes_on"
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def service_values(self) -> dict:
        data = self.cleaned_data
        names = [
            n
            for n in services.OPPORTUNITY_FIELDS + services.OPPORTUNITY_M2M
            if n in data or n in ("opens_at", "closes_at", "published_at")
        ]
        return {name: data.get(name) for name in names}


class FunderForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Add funder"
    url = forms.URLField(
        label="Website",
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": "Enter a web address starting https://"},
    )

    class Meta:
        model = Funder
        fields = ["name", "identifier", "url"]
        error_messages = {
            "name": {
                "required": "Enter the funder’s name",
                "unique": "A funder with this name already exists",
            },
            "identifier": {
                "required": "Enter the funder’s organisation identifier",
                "unique": "A funder with this identifier already exists",
            },
            "url": {"invalid": "Enter a web address starting https://"},
        }


class WatchForm(GovukFormMixin, forms.Form):
    watch = forms.TypedChoiceField(
        choices=[("1", "Watch"), ("0", "Stop watching")],
        coerce=lambda v: v == "1",
        error_messages={"required": "Choose to watch or stop watching"},
    )
    next = forms.CharField(required=False)


class SavedSearchForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save search"

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency", "query"]
        widgets = {"frequency": forms.RadioSelect, "query": forms.HiddenInput}
        labels = {"name": "Name for this search"}
        error_messages = {
            "name": {"required": "Enter a name for the search"},
            "frequency": {
                "required": "Choose how often to be emailed",
                "invalid_choice": "Choose how often to be emailed",
            },
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["frequency"].choices = Frequency.choices
        self.fields["query"].required = False

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = SavedSearch.objects.filter(user=self.user, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError("You already have a saved search with this name")
        return name


class PreferencesForm(GovukFormMixin, forms.Form):
    submit_label = "Save reminder settings"

    reminder_offsets = forms.CharField(
        label="Remind me this many days before a closing date",
        help_text=f"Whole numbers from 1 to {MAX_REMINDER_OFFSET}, separated by commas, like "
        "28, 14, 7, 1",
        max_length=100,
        error_messages={"required": "Enter at least one number of days, like 7"},
    )
    email_reminders = forms.BooleanField(
        label="Email me deadline reminders",
        required=False,
        help_text="Reminders always appear on your notifications page",
    )

    def clean_reminder_offsets(self):
        text = self.cleaned_data["reminder_offsets"]
        try:
            offsets = parse_offsets(text)
        except ValueError as error:
            raise ValidationError(
                f"Enter whole numbers of days from 1 to {MAX_REMINDER_OFFSET}, separated by "
                "commas, like 28, 14, 7, 1"
            ) from error
        if not offsets:
            raise ValidationError("Enter at least one number of days, like 7")
        if len(offsets) > 10:
            raise ValidationError("Enter no more than 10 reminders")
        return offsets


class BidForm(GovukFormMixin, forms.ModelForm):
    """Start or edit a bid. The opportunity is fixed once the bid exists."""

    submit_label = "Save bid"
    amount_requested = money("Amount requested (£)")
    amount_awarded = money("Amount awarded (£)")

    class Meta:
        model = Bid
        fields = [
            "opportunity",
            "lead_officer",
            "amount_requested",
            "amount_awarded",
            "staff_days",
            "priority",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "staff_days": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        error_messages = {
            "opportunity": {
                "required": "Select the opportunity",
                "invalid_choice": "Select an opportunity from the list",
            },
            "lead_officer": {"invalid_choice": "Select a lead officer from the list"},
            "priority": {"invalid_choice": "Select one of the partnership’s priorities"},
            "staff_days": {
                "invalid": "Enter staff-days as a number, like 4.5",
                "max_digits": "Enter no more than 5,000 staff-days",
                "max_decimal_places": "Enter staff-days to one decimal place, like 4.5",
                "max_whole_digits": "Enter no more than 5,000 staff-days",
                "min_value": "Staff-days cannot be negative",
                "max_value": "Enter no more than 5,000 staff-days",
                "required": "Enter the staff-days of effort, or 0",
            },
        }

    def __init__(self, *args, partnership, **kwargs):
        self.partnership = partnership
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = selectors.lead_officer_choices(
            partnership=partnership
        )
        self.fields["lead_officer"].empty_label = "No lead officer yet"
        self.fields["priority"].queryset = partnership.priorities.all()
        self.fields["priority"].empty_label = "None of them"
        if self.instance.pk:
            del self.fields["opportunity"]
            self.submit_label = "Save changes"
            if self.instance.status != BidStatus.AWARDED:
                del self.fields["amount_awarded"]
        else:
            del self.fields["amount_awarded"]
            self.submit_label = "Start bid"
            self.fields["opportunity"].queryset = (
                Opportunity.objects.filter(closes_at__gt=clock.now())
                .exclude(bids__partnership=partnership)
                .order_by("closes_at", "id")
            )
            self.fields["opportunity"].empty_label = "Choose an opportunity"
        self.helper.inputs = []
        self.helper.add_input(Submit("submit", self.submit_label))

    def clean_staff_days(self):
        value = self.cleaned_data.get("staff_days")
        return 0 if value is None else value

    def clean_amount_awarded(self):
        value = self.cleaned_data.get("amount_awarded")
        if not value:  # the field is here only for an awarded bid
            raise forms.ValidationError(AWARD_NEEDED)
        return value


class BidStatusForm(GovukFormMixin, forms.Form):
    submit_label = "Update status"
    status = forms.ChoiceField(
        label="New status",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the bid’s new status",
            "invalid_choice": "Choose one of the statuses listed",
        },
    )
    amount_awarded = money("Amount awarded (£)")

    def __init__(self, *args, bid, **kwargs):
        self.bid = bid
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s.value, s.label) for s in BID_TRANSITIONS[BidStatus(bid.status)]
        ]
        self.fields["amount_awarded"].help_text = "Only if the bid was awarded"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == BidStatus.AWARDED and not cleaned.get("amount_awarded"):
            self.add_error("amount_awarded", AWARD_NEEDED)
        return cleaned
