"""Filters shared by the API's lists. Ids are declared explicitly: a query parameter that is not
a whole number in the id range is a 400 naming the parameter, never a database error."""

import datetime

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions

MAX_ID = 2_147_483_647
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


class IdField(forms.IntegerField):
    default_error_messages = {
        "invalid": "Enter a whole number that is an id",
        "min_value": "Enter an id of 1 or more",
        "max_value": f"Enter an id of {MAX_ID} or less",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field(ID_SCHEMA)
class IdFilter(django_filters.Filter):
    """One record's id: ``?partnership=12``."""

    field_class = IdField


YEAR_SCHEMA = {"type": "integer", "minimum": 1990, "maximum": 2100}


class YearField(forms.IntegerField):
    default_error_messages = {
        "invalid": "Enter a year as a whole number, like 2024",
        "min_value": "Enter a year of 1990 or later",
        "max_value": "Enter a year of 2100 or earlier",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1990)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


@extend_schema_field(YEAR_SCHEMA)
class YearFilter(django_filters.Filter):
    """A calendar year: ``?year=2024``."""

    field_class = YearField


class StrictBooleanField(forms.Field):
    """True or false as the schema documents it (and the words django-filter always took);
    anything else is an error, where django-filter's own boolean would drop the filter and
    list every record."""

    widget = forms.TextInput
    default_error_messages = {"invalid": "Enter true or false"}
    VALUES = {"true": True, "True": True, "1": True, "false": False, "False": False, "0": False}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value not in self.VALUES:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return self.VALUES[value]


class BooleanFilter(django_filters.BooleanFilter):
    """A yes-or-no field: ``?is_active=true``."""

    field_class = StrictBooleanField


class IdListFilter(django_filters.BaseInFilter, IdFilter):
    """Several ids, comma-separated: ``?id=3,5,8`` (at most 100)."""

    def filter(self, qs, value):
        if value and len(value) > 100:
            from django.core.exceptions import ValidationError

            raise ValidationError({self.field_name: "Give at most 100 ids"})
        return super().filter(qs, value)


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date and time, turned into UTC before it reaches the database (which refuses
    offsets beyond ±15:59 and dates its UTC form would push out of range)."""

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return None
        try:
            return result.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError(
                "Enter a date and time from year 1 to 9999", code="invalid"
            ) from error


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that a filter given with no value (``?status=``) is
    refused (400) instead of being taken as no filter: a script that sends one has a bug and
    would otherwise read every record as if it had filtered them."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            empty = [
                name
                for name in request.query_params
                if name in filterset.filters
                and any(not value.strip() for value in request.query_params.getlist(name))
            ]
            if empty:
                raise exceptions.ValidationError(
                    {name: ["Enter a value, or leave the parameter out"] for name in empty}
                )
        return filterset
