"""Shared form pieces: every portal form renders with crispy-forms-gds and a submit button."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError

# The largest id a database integer holds. SQLite cannot even compare a column with a larger
# number (OverflowError), so such a value is refused before any query, as an unknown id is.
LARGEST_ID = 2**63 - 1


def fits_an_id(value) -> bool:
    try:
        return -LARGEST_ID - 1 <= int(str(value)) <= LARGEST_ID
    except ValueError:
        return True  # not a number: left to the field's own checks


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records that refuses numbers no id can be (see LARGEST_ID)."""

    def _check_values(self, value):
        for pk in value:
            if not fits_an_id(pk):
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)


class GovukFormMixin:
    """Gives a form a GOV.UK helper: labels, hints, error messages and the error summary."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.ModelMultipleChoiceField:  # declared or from a ModelForm
                field.__class__ = RecordsChoiceField
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", self.submit_label))
