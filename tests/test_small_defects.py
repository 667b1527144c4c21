"""Small defects outside tools found (issue 16): template syntax shown as text, raw status
values on a History page, and the secondary-fires dataset's wording."""

import pytest
from django.urls import reverse

from tests.datasharing.helpers import make_agreement
from tests.permissions.matrix import all_rows


@pytest.mark.parametrize("role", ["admin", "staff_this"])
def test_no_page_in_the_matrix_shows_template_syntax(world, client_for, role):
    """A `{# ... #}` comment over several lines is not a comment in Django: it shows as text."""
    client = client_for(role)
    shown = []
    for row in all_rows():
        if row.method != "get" or row.name == "admin:index":
            continue
        response = client.get(reverse(row.name, kwargs=row.kwargs(world)))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        for marker in ("{#", "{%", "#}", "%}"):
            if marker in text:
                at = text.index(marker)
                shown.append(f"{row.name}: …{text[max(0, at - 40) : at + 40]!r}")
    assert not shown, "\n".join(shown)


def test_an_agreements_history_shows_status_labels_not_values(world, client_for):
    agreement = make_agreement(world, status="awaiting_signatures")
    response = client_for("staff_this").get(
        reverse("datasharing:agreement-history", kwargs={"pk": agreement.pk})
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Awaiting signatures" in text
    assert "awaiting_signatures" not in text
    assert "in_negotiation" not in text


def test_the_secondary_fires_dataset_excludes_fires_in_vehicles_as_si_2007_1831_says(db):
    """Schedule para 3(c): "deliberate secondary fire (excluding deliberate secondary fires in
    vehicles)"; 3(a) excludes vehicles from primary fires too; 3(b) is primary fires in them."""
    from datasharing.models import PrescribedDataset

    secondary = PrescribedDataset.objects.get(code="fire-deliberate-secondary")
    assert "excluding deliberate secondary fires in vehicles" in secondary.description
    assert "not vehicles" in secondary.name
    primary = PrescribedDataset.objects.get(code="fire-deliberate-primary")
    assert "excluding" in primary.description
    in_vehicles = PrescribedDataset.objects.get(code="fire-deliberate-vehicle")
    assert "excluding" not in in_vehicles.description
