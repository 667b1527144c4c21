"""Choices people need not make (issue 17, item 9): the role form reveals only the field the
chosen role needs, the agency list is marked for the search, and a list with one real option
has it chosen already."""

import re

from django.urls import reverse

from datasharing.forms import AgreementCreateForm
from partnerships.models import Agency, Partnership


def _conditional(html, role_value):
    """The block revealed by the radio for `role_value`."""
    radio = re.search(rf'<input[^>]*value="{role_value}"[^>]*>', html).group(0)
    target = re.search(r'data-reveals="([^"]+)"', radio).group(1)
    block = re.search(
        rf'<div class="govuk-radios__conditional[^"]*" id="{target}">(.*?)'
        r'</div>\s*(?=<div class="govuk-radios__item"|</div>\s*</fieldset>|$)',
        html,
        re.S,
    )
    return block.group(1)


def test_each_role_reveals_only_its_own_field(world, client_for):
    url = reverse("accounts:role-add", kwargs={"pk": world.users["staff_this"].pk})
    html = client_for("admin").get(url).content.decode()
    assert 'data-module="govuk-radios"' in html
    reviewer = _conditional(html, "reviewer")
    assert 'name="region"' in reviewer and 'name="agency"' not in reviewer
    manager = _conditional(html, "manager")
    assert 'name="partnership"' in manager and 'name="region"' not in manager
    staff = _conditional(html, "agency_staff")
    assert 'name="agency"' in staff and 'name="is_signatory"' in staff
    assert 'name="is_press_officer"' in staff and 'name="is_press_officer"' not in manager
    assert 'data-autocomplete="agency"' in staff
    assert "Not applicable" not in html and "---------" not in html


def test_a_reviewer_role_is_saved_from_the_revealed_field(world, client_for):
    person = world.users["staff_this"]
    url = reverse("accounts:role-add", kwargs={"pk": person.pk})
    response = client_for("admin").post(
        url, {"role": "reviewer", "region": world.region_in.pk, "agency": world.agency.pk}
    )
    assert response.status_code == 302
    added = person.role_assignments.get(role="reviewer")
    assert added.region == world.region_in and added.agency is None


def test_a_single_real_choice_is_chosen_already(world):
    form = AgreementCreateForm(
        partnerships=Partnership.objects.filter(pk=world.partnership.pk),
        agencies=Agency.objects.filter(pk=world.agency.pk),
    )
    html = str(form)
    assert re.search(rf'<option value="{world.partnership.pk}" selected>', html)
    assert re.search(rf'<option value="{world.agency.pk}" selected>', html)
    several = AgreementCreateForm(
        partnerships=Partnership.objects.all(), agencies=Agency.objects.all()
    )
    assert not re.search(r'<option value="\d+" selected>', str(several["partnership"]))
