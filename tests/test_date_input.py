"""One GOV.UK date input everywhere a person types a date (issue 17, item 8): day, month and
year boxes, the month also as a name ("1 January 2027")."""

from datetime import date

import pytest
from django import forms

from core.forms import GovukDateField, GovukFormMixin, date_field
from datasharing.forms import (
    SECTION_FORMS,
    AnalysisFilterForm,
    DeliveryForm,
    IstvUploadForm,
    ReviewForm,
)
from tests.badinput.test_django_defaults import FORM_CLASSES


class _Form(GovukFormMixin, forms.Form):
    when = date_field("Start date", required=True)


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("1", "1", "2027"),
        ("1", "January", "2027"),
        ("1", "jan", "2027"),
        ("01", "JANUARY", "2027"),
        (" 1 ", " Jan. ", "2027"),
    ],
)
def test_the_month_may_be_a_number_or_a_name(day, month, year):
    form = _Form(data={"when_0": day, "when_1": month, "when_2": year})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("31", "February", "2026"), "Start date must be a real date"),
        (("1", "Janvier", "2026"), "Start date must be a real date"),
        (("1", "", "2026"), "Start date must include a month"),
        (("", "", ""), "Enter the start date"),
    ],
)
def test_bad_dates_are_explained(parts, message):
    form = _Form(data=dict(zip(("when_0", "when_1", "when_2"), parts, strict=True)))
    assert not form.is_valid()
    assert message in form.errors["when"]


def test_a_single_value_still_reads_as_the_api_and_links_send_it():
    assert _Form(data={"when": "2026-03-31"}).is_valid()
    assert _Form(data={"when": "31/03/2026"}).is_valid()
    bad = _Form(data={"when": "2026-13-45"})
    assert not bad.is_valid() and "Start date must be a real date" in bad.errors["when"]


def test_a_saved_date_is_shown_in_the_three_boxes():
    html = str(_Form(initial={"when": date(2026, 3, 31)})["when"])
    assert 'name="when_0" value="31"' in html and 'name="when_1" value="3"' in html
    assert 'name="when_2" value="2026"' in html


def test_the_agreement_delivery_and_istv_dates_are_govuk_date_inputs():
    """The forms that had single 31/03/2026 boxes."""
    classes = [
        *SECTION_FORMS.values(),
        DeliveryForm,
        IstvUploadForm,
        ReviewForm,
        AnalysisFilterForm,
    ]
    dates = [
        (cls.__name__, name)
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField | forms.MultiValueField)
    ]
    assert ("DatesForm", "start_date") in dates and ("DeliveryForm", "received_on") in dates
    for cls in classes:
        for name, field in cls.base_fields.items():
            assert not isinstance(field, forms.DateField), f"{cls.__name__}.{name}"


def test_every_date_a_person_types_uses_the_one_field():
    for cls in FORM_CLASSES:
        for name, field in cls.base_fields.items():
            assert not isinstance(field, forms.DateField | forms.DateTimeField), (
                f"{cls.__name__}.{name} is a single date box"
            )
            if isinstance(field, forms.MultiValueField):
                assert isinstance(field, GovukDateField), f"{cls.__name__}.{name}"
