"""Administrators change the savings estimator's unit costs in the portal: a list with their
sources, an edit form per unit cost checked by unit_cost_update, each change kept in the unit
cost's history; everyone else is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews import services
from reviews.models import UnitCost

ROBBERY = {
    "name": "Robbery",
    "cost": "12500",
    "price_year": "2019/20",
    "source": "Home Office, The economic and social costs of crime, 3rd ed.",
}


def _edit(slug="robbery"):
    return reverse("reviews:unit-cost-edit", kwargs={"slug": slug})


def test_the_list_shows_every_unit_cost_with_its_source_and_links(world, client_for):
    body = client_for("admin").get(reverse("reviews:unit-costs")).content.decode()
    for cost in UnitCost.objects.all():
        assert cost.name in body and f'href="{_edit(cost.slug)}"' in body
    assert "£11,320" in body and "2015/16" in body and "Heeks" in body
    assert reverse("reviews:unit-cost-history", kwargs={"slug": "robbery"}) in body


def test_the_estimator_links_administrators_to_the_list(world, client_for):
    url = reverse("reviews:estimator")
    assert (
        f'href="{reverse("reviews:unit-costs")}"' in client_for("admin").get(url).content.decode()
    )
    for role in ("reviewer_in", "manager_this", "staff_this"):
        assert reverse("reviews:unit-costs") not in client_for(role).get(url).content.decode()


def test_an_administrator_changes_a_unit_cost_and_the_estimator_uses_it(world, client_for):
    client = client_for("admin")
    form = client.get(_edit()).content.decode()
    assert 'value="11320"' in form and 'value="2015/16"' in form
    response = client.post(_edit(), ROBBERY)
    assert response.status_code == 302 and response["Location"] == reverse("reviews:unit-costs")
    cost = UnitCost.objects.get(slug="robbery")
    assert (cost.cost, cost.price_year, cost.source) == (12_500, "2019/20", ROBBERY["source"])
    latest = cost.history.latest()
    assert latest.history_type == "~" and latest.history_user == world.user("admin")
    estimate = client.get(
        reverse("reviews:estimator"), {"crime_type": "robbery", "incidents": "2"}
    ).content.decode()
    assert "£25,000" in estimate and "3rd ed." in estimate
    history = client.get(
        reverse("reviews:unit-cost-history", kwargs={"slug": "robbery"})
    ).content.decode()
    assert "11320" in history and "12500" in history


def test_saving_without_changes_adds_nothing_to_the_history(world, client_for):
    cost = UnitCost.objects.get(slug="robbery")
    before = cost.history.count()
    response = client_for("admin").post(
        _edit(),
        {
            "name": cost.name,
            "cost": cost.cost,
            "price_year": cost.price_year,
            "source": cost.source,
        },
    )
    assert response.status_code == 302
    assert cost.history.count() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cost": "0"}, "The unit cost must be £1 or more"),
        ({"cost": "-5"}, "The unit cost must be £1 or more"),
        ({"cost": "12.5"}, "Enter the unit cost in whole pounds, like 14050"),
        ({"cost": ""}, "Enter the unit cost"),
        ({"price_year": "last year"}, "Enter the price year like 2015/16 or 2016"),
        ({"price_year": "2015/16x"}, "Enter the price year like 2015/16 or 2016"),
        ({"source": ""}, "Enter where the figure comes from"),
        ({"name": ""}, "Enter the crime type"),
    ],
)
def test_bad_input_is_shown_in_the_error_summary_and_nothing_changes(
    world, client_for, fields, message
):
    response = client_for("admin").post(_edit(), {**ROBBERY, **fields})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    assert "<title>Error: " in body
    assert UnitCost.objects.get(slug="robbery").cost == 11_320


def test_the_service_checks_the_figures_as_well(db):
    cost = UnitCost.objects.get(slug="robbery")
    with pytest.raises(ValidationError) as error:
        services.unit_cost_update(unit_cost=cost, name="", cost=0, price_year="soon", source="")
    assert set(error.value.error_dict) == {"name", "cost", "price_year", "source"}
    cost.refresh_from_db()
    assert cost.cost == 11_320


def test_an_unknown_unit_cost_is_not_found(world, client_for):
    assert client_for("admin").get(_edit("arson")).status_code == 404


@pytest.mark.parametrize("role", ["reviewer_in", "reviewer_out", "manager_this", "staff_this"])
def test_everyone_else_is_refused(world, client_for, role):
    client = client_for(role)
    assert client.get(reverse("reviews:unit-costs")).status_code == 403
    assert client.get(_edit()).status_code == 403
    assert client.post(_edit(), ROBBERY).status_code == 403
    assert client.get(_edit("arson")).status_code == 403  # not told which slugs exist
    assert UnitCost.objects.get(slug="robbery").cost == 11_320
