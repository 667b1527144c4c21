"""The good-practice search form and its filters (django-filter). The keywords are not applied
here: the selector searches and ranks by them (full text on PostgreSQL)."""

import django_filters
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Exists, OuterRef, Q

from core.choice_filters import ListedChoiceFilter, ListedMultipleChoiceFilter
from partnerships.models import Region

from .models import COST_BANDS, MARYLAND_LEVELS, AreaType, Entry, Evaluation, Outcome, Theme

NOT_RATED = "none"
EVIDENCE_CHOICES = [(str(level), f"Maryland {label}") for level, label in MARYLAND_LEVELS] + [
    (NOT_RATED, "Not rated on the Maryland scale")
]


class SearchForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Field.text("q", label_size=Size.SMALL),
            Field.checkboxes("theme", small=True, legend_size=Size.SMALL),
            Field.checkboxes("outcome", small=True, legend_size=Size.SMALL),
            Field.checkboxes("maryland", small=True, legend_size=Size.SMALL),
            Field.checkboxes("evaluation", small=True, legend_size=Size.SMALL),
            Field.select("region"),
            Field.checkboxes("area_type", small=True, legend_size=Size.SMALL),
            Field.checkboxes("cost", small=True, legend_size=Size.SMALL),
        )


class EntryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search by keyword",
        method="filter_nothing",
        max_length=200,
        help_text="Words in the title, summary, problem, response, effect, mechanism, context "
        "or implementation",
    )
    theme = ListedMultipleChoiceFilter(
        label="Theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_themes",
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = django_filters.MultipleChoiceFilter(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # a column of the entry: no join, so no duplicates to remove
    )
    maryland = django_filters.MultipleChoiceFilter(
        label="Evidence: Maryland scale",
        choices=EVIDENCE_CHOICES,
        method="filter_maryland",
        widget=forms.CheckboxSelectMultiple,
    )
    evaluation = django_filters.MultipleChoiceFilter(
        label="Evidence: evaluation",
        choices=Evaluation.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    region = ListedChoiceFilter(
        label="Region of the partnership",
        queryset=Region.objects.all(),
        to_field_name="code",
        field_name="partnership__region",
        empty_label="Any region",
    )
    area_type = django_filters.MultipleChoiceFilter(
        label="Type of area",
        choices=AreaType.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    cost = django_filters.MultipleChoiceFilter(
        label="First-year cost (set-up plus a year’s running)",
        choices=[(key, label) for key, label, _, _ in COST_BANDS],
        method="filter_cost",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Entry
        fields = []
        form = SearchForm

    def __init__(self, data=None, *args, user=None, **kwargs):
        self.user = user
        super().__init__(data, *args, **kwargs)
        self.form.fields["q"].error_messages["max_length"] = (
            "Search words must be 200 characters or fewer"
        )
        for name in ("theme", "outcome", "maryland", "evaluation", "area_type", "cost"):
            self.form.fields[name].error_messages["invalid_choice"] = (
                f"Choose {self.form.fields[name].label.lower()} from the list"
            )
            self.form.fields[name].error_messages["invalid_list"] = (
                f"Choose {self.form.fields[name].label.lower()} from the list"
            )
        self.form.fields["region"].error_messages["invalid_choice"] = (
            "Choose a region from the list"
        )

    @property
    def keywords(self) -> str:
        if not self.is_bound or not self.form.is_valid():
            return ""
        return (self.form.cleaned_data.get("q") or "").strip()

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_themes(self, queryset, name, value):
        if not value:
            return queryset
        through = Entry.themes.through
        return queryset.filter(
            Exists(through.objects.filter(entry_id=OuterRef("pk"), theme__in=value))
        )

    def filter_maryland(self, queryset, name, value):
        condition = Q()
        levels = [int(v) for v in value if v != NOT_RATED]
        if levels:
            condition |= Q(maryland_level__in=levels)
        if NOT_RATED in value:
            condition |= Q(maryland_level__isnull=True)
        return queryset.filter(condition)

    def filter_cost(self, queryset, name, value):
        condition = Q()
        for key, _label, low, high in COST_BANDS:
            if key in value:
                band = Q(first_year_cost__gte=low)
                if high is not None:
                    band &= Q(first_year_cost__lte=high)
                condition |= band
        return queryset.filter(condition)

    def chosen(self) -> list[dict]:
        """The filters in use, for the "Selected filters" list, each with a link that drops it."""
        if not self.is_bound or not self.form.is_valid():
            return []
        chosen = []
        data = self.form.cleaned_data
        for name, field in self.form.fields.items():
            value = data.get(name)
            if value in (None, "", []) or (hasattr(value, "exists") and not value):
                continue
            if name == "theme":
                text = ", ".join(str(t) for t in value)
            elif isinstance(value, list):
                labels = dict(field.choices)
                text = ", ".join(str(labels.get(v, v)) for v in value)
            else:
                text = str(value)
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            chosen.append({"label": field.label, "text": text, "remove": remaining.urlencode()})
        return chosen
