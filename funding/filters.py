"""The funding finder's filters (django-filter). Every filter is a database condition; sorting
is applied by the selector. The same filters serve the finder, its CSV export, the timetable and
saved searches."""

from datetime import timedelta

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Exists, OuterRef, Q

from core import clock
from core.choice_filters import ListedChoiceFilter, ListedMultipleChoiceFilter
from partnerships.models import Region

from .models import ApplicantType, Funder, Opportunity, Status, Theme
from .queries import eligible_condition, user_partnership_ids

# Amount bands as on GOV.UK Find a grant, applied to the largest single award.
AMOUNT_BANDS = [
    ("0-9999", "£0 to £9,999", 0, 9_999),
    ("10000-24999", "£10,000 to £24,999", 10_000, 24_999),
    ("25000-99999", "£25,000 to £99,999", 25_000, 99_999),
    ("100000-249999", "£100,000 to £249,999", 100_000, 249_999),
    ("250000-", "£250,000 or more", 250_000, None),
]
SORTS = [
    ("closing", "Closing soonest"),
    ("newest", "Newest"),
    ("largest", "Largest award"),
]
SORT_ORDER = {
    "closing": ("closes_at", "id"),
    "newest": ("-published_at", "-id"),
    "largest": ("-max_award", "closes_at", "id"),
}
YES_NO_ANY = [("", "Either"), ("yes", "Yes"), ("no", "No")]


class FinderForm(forms.Form):
    """The filter panel: a GET form laid out with GOV.UK components."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.build_layout()

    def build_layout(self):
        """Lay out the fields the form has (the "eligible" box is only for partnership staff)."""
        layout = [
            ("q", Field.text("q", label_size=Size.SMALL)),
            ("sort", Field.select("sort")),
            ("status", Field.checkboxes("status", small=True, legend_size=Size.SMALL)),
            ("eligible", Field.checkbox("eligible", small=True)),
            ("theme", Field.checkboxes("theme", small=True, legend_size=Size.SMALL)),
            ("applicant", Field.checkboxes("applicant", small=True, legend_size=Size.SMALL)),
            ("location", Field.select("location")),
            ("amount", Field.checkboxes("amount", small=True, legend_size=Size.SMALL)),
            ("closing_within", Field.text("closing_within", field_width=4)),
            ("funder", Field.select("funder")),
            ("min_months", Field.text("min_months", field_width=4)),
            (
                "ring_fenced",
                Field.radios("ring_fenced", small=True, inline=True, legend_size=Size.SMALL),
            ),
            (
                "match_funding",
                Field.radios("match_funding", small=True, inline=True, legend_size=Size.SMALL),
            ),
        ]
        self.helper.layout = Layout(*[item for name, item in layout if name in self.fields])


def _number(label, help_text, low, high, message):
    return dict(
        label=label,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        min_value=low,
        max_value=high,
        error_messages={
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class FinderFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search by keyword",
        method="filter_keywords",
        help_text="Words in the title, programme, description or funder",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORTS, method="filter_nothing", empty_label=None
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=Status.choices,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
        help_text="With none ticked: open and forthcoming",
    )
    eligible = django_filters.BooleanFilter(
        label="Only opportunities my partnership can apply for",
        method="filter_eligible",
        widget=forms.CheckboxInput,
    )
    theme = ListedMultipleChoiceFilter(
        label="Theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_themes",
        widget=forms.CheckboxSelectMultiple,
    )
    applicant = ListedMultipleChoiceFilter(
        label="Who can apply",
        queryset=ApplicantType.objects.all(),
        to_field_name="slug",
        method="filter_applicants",
        widget=forms.CheckboxSelectMultiple,
    )
    location = ListedChoiceFilter(
        label="Location",
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_location",
        empty_label="Anywhere",
        help_text="Open to the region, to one of its partnerships, or nationally",
    )
    amount = django_filters.MultipleChoiceFilter(
        label="Largest award",
        choices=[(key, label) for key, label, _, _ in AMOUNT_BANDS],
        method="filter_amount",
        widget=forms.CheckboxSelectMultiple,
    )
    closing_within = IntegerFilter(
        method="filter_closing_within",
        **_number(
            "Closing within (days)",
            "For example, 28",
            1,
            366,
            "Enter a number of days from 1 to 366",
        ),
    )
    funder = ListedChoiceFilter(
        label="Funder",
        queryset=Funder.objects.all(),
        empty_label="Any funder",
    )
    min_months = IntegerFilter(
        method="filter_min_months",
        **_number(
            "Funding period of at least (months)",
            "For example, 12",
            1,
            120,
            "Enter a number of months from 1 to 120",
        ),
    )
    ring_fenced = django_filters.ChoiceFilter(
        label="Ring-fenced",
        choices=YES_NO_ANY[1:],
        empty_label="Either",
        method="filter_yes_no",
        widget=forms.RadioSelect,
    )
    match_funding = django_filters.ChoiceFilter(
        label="Match funding required",
        choices=YES_NO_ANY[1:],
        empty_label="Either",
        method="filter_yes_no",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Opportunity
        fields = []
        form = FinderForm

    def __init__(self, data=None, *args, user=None, now=None, **kwargs):
        self.user = user
        self.now = now or clock.now()
        super().__init__(data, *args, **kwargs)
        for name in ("ring_fenced", "match_funding"):
            self.form.fields[name].choices = YES_NO_ANY
            self.form.fields[name].required = False
        self.form.fields["sort"].required = False
        self.form.fields["sort"].initial = "closing"
        # The "eligible" box only means something to someone who works in a partnership.
        self.partnership_ids = user_partnership_ids(user) if user is not None else set()
        if not self.partnership_ids:
            del self.form.fields["eligible"]
            self.form.build_layout()

    @property
    def sort_key(self) -> str:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return data.get("sort") or "closing"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(closes_at__gt=self.now)
        return queryset

    # Filters ------------------------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_keywords(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(programme__icontains=word)
                | Q(description__icontains=word)
                | Q(funder__name__icontains=word)
            )
        return queryset

    def filter_status(self, queryset, name, value):
        now = self.now
        condition = Q()
        if Status.FORTHCOMING in value:
            condition |= Q(opens_at__gt=now)
        if Status.OPEN in value:
            condition |= Q(opens_at__lte=now, closes_at__gt=now)
        if Status.CLOSED in value:
            condition |= Q(closes_at__lte=now)
        return queryset.filter(condition)

    def filter_eligible(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(eligible_condition(self.partnership_ids))

    def filter_themes(self, queryset, name, value):
        if not value:
            return queryset
        through = Opportunity.themes.through
        return queryset.filter(
            Exists(through.objects.filter(opportunity_id=OuterRef("pk"), theme__in=value))
        )

    def filter_applicants(self, queryset, name, value):
        if not value:
            return queryset
        through = Opportunity.applicant_types.through
        return queryset.filter(
            Exists(through.objects.filter(opportunity_id=OuterRef("pk"), applicanttype__in=value))
        )

    def filter_location(self, queryset, name, value):
        regions = Opportunity.regions.through
        partnerships = Opportunity.partnerships.through
        return queryset.filter(
            Q(is_national=True)
            | Exists(regions.objects.filter(opportunity_id=OuterRef("pk"), region=value))
            | Exists(
                partnerships.objects.filter(
                    opportunity_id=OuterRef("pk"), partnership__region=value
                )
            )
        )

    def filter_amount(self, queryset, name, value):
        condition = Q()
        for key, _label, low, high in AMOUNT_BANDS:
            if key in value:
                band = Q(max_award__gte=low)
                if high is not None:
                    band &= Q(max_award__lte=high)
                condition |= band
        return queryset.filter(condition)

    def filter_closing_within(self, queryset, name, value):
        return queryset.filter(
            closes_at__gt=self.now, closes_at__lte=self.now + timedelta(days=int(value))
        )

    def filter_min_months(self, queryset, name, value):
        return queryset.filter(period_months__gte=int(value))

    def filter_yes_no(self, queryset, name, value):
        field = {"ring_fenced": "ring_fenced", "match_funding": "match_funding_required"}[name]
        if value == "yes":
            return queryset.filter(**{field: True})
        if value == "no":
            return queryset.filter(**{field: False})
        return queryset

    def chosen(self) -> list[dict]:
        """The filters in use, for the "Selected filters" list, each with a link that drops it."""
        if not self.form.is_valid():
            return []
        chosen = []
        data = self.form.cleaned_data
        labels = {
            "theme": lambda v: ", ".join(str(t) for t in v),
            "applicant": lambda v: ", ".join(str(t) for t in v),
            "amount": lambda v: ", ".join(label for key, label, _, _ in AMOUNT_BANDS if key in v),
            "status": lambda v: ", ".join(Status(s).label for s in v),
            "ring_fenced": lambda v: dict(YES_NO_ANY)[v],
            "match_funding": lambda v: dict(YES_NO_ANY)[v],
            "eligible": lambda v: "Yes",
        }
        for name, field in self.form.fields.items():
            if name == "sort":
                continue
            value = data.get(name)
            if value in (None, "", [], False) or (hasattr(value, "exists") and not value):
                continue
            text = labels.get(name, str)(value)
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            chosen.append({"label": field.label, "text": text, "remove": remaining.urlencode()})
        return chosen
