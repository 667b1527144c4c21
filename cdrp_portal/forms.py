"""Shared form pieces: every portal form renders with crispy-forms-gds and a submit button."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit


class GovukFormMixin:
    """Gives a form a GOV.UK helper: labels, hints, error messages and the error summary."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", self.submit_label))
