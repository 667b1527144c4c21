"""Administrators change the savings estimator's benefit shares (who gains from a saving) in the
portal: listed with the unit costs and their sources, an edit form per share checked by
benefit_share_update, each change kept in the share's history; everyone else is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews import services
from reviews.models import BenefitShare


def _url(page, slug="health"):
    """A benefit share's page: "edit" or "history"."""
    return reverse(f"reviews:benefit-share-{page}", kwargs={"slug": slug})


HEALTH = {
    "beneficiary": "Health service",
    "amount": "2.50",
    "source": "Florence et al. 2014, updated evaluation",
}


def test_the_list_shows_every_share_with_its_source_and_links(world, client_for):
    body = client_for("admin").get(reverse("reviews:unit-costs")).content.decode()
    for share in BenefitShare.objects.all():
        assert share.beneficiary in body and f'href="{_url("edit", share.slug)}"' in body
        assert f'id="benefit-{share.slug}"' in body
    assert "£1.25m" in body and "Florence" in body
    assert _url("history") in body


def test_an_administrator_changes_a_share_and_the_estimator_uses_it(world, client_for):
    client = client_for("admin")
    form = client.get(_url("edit")).content.decode()
    assert 'value="1.25"' in form and "Change the benefit share of health service" in form
    assert _url("history") in form
    response = client.post(_url("edit"), HEALTH)
    assert response.status_code == 302 and response["Location"] == reverse("reviews:unit-costs")
    share = BenefitShare.objects.get(slug="health")
    assert (share.amount, share.source) == (Decimal("2.50"), HEALTH["source"])
    latest = share.history.latest()
    assert latest.history_type == "~" and latest.history_user == world.user("admin")
    # Health 2.50 of 2.50 + 1.62 + 4.03 = 8.15: 30.7% of a robbery's £11,320 is £3,472.
    estimate = client.get(
        reverse("reviews:estimator"), {"crime_type": "robbery", "incidents": "1"}
    ).content.decode()
    assert "30.7%" in estimate and "£3,472" in estimate
    history = client.get(_url("history")).content.decode()
    assert "1.25" in history and "2.50" in history
    assert f'href="{reverse("reviews:unit-costs")}#benefit-health"' in history


def test_saving_the_same_figures_again_adds_nothing_to_the_history(world, client_for):
    client = client_for("admin")
    assert client.post(_url("edit"), HEALTH).status_code == 302
    history = BenefitShare.objects.get(slug="health").history
    changes = history.count()
    assert client.post(_url("edit"), {**HEALTH, "amount": "2.5"}).status_code == 302
    assert history.count() == changes


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        pytest.param("amount", "-1", "The saving must be £0m or more", id="negative"),
        pytest.param(
            "amount",
            "1.255",
            "Enter the saving with no more than 2 decimal places",
            id="fraction-of-a-penny",
        ),
        pytest.param(
            "amount", "1000000", "The saving must be £999,999.99m or less", id="too-large"
        ),
        pytest.param(
            "amount",
            "a lot",
            "Enter the saving in millions of pounds, like 1.25",
            id="not-a-number",
        ),
        pytest.param("amount", "", "Enter the saving to this beneficiary", id="no-saving"),
        pytest.param("source", "", "Enter where the figure comes from", id="no-source"),
        pytest.param("beneficiary", "", "Enter who benefits", id="no-beneficiary"),
    ],
)
def test_bad_input_is_linked_from_the_error_summary_and_nothing_changes(
    world, client_for, field, value, message
):
    response = client_for("admin").post(_url("edit"), {**HEALTH, field: value})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body and "govuk-error-summary" in body
    assert f'href="#id_{field}">{message}</a>' in body
    share = BenefitShare.objects.get(slug="health")
    assert (share.beneficiary, share.amount) == ("Health service", Decimal("1.25"))


def test_a_share_of_nothing_is_allowed(world, client_for):
    response = client_for("admin").post(_url("edit"), {**HEALTH, "amount": "0"})
    assert response.status_code == 302
    assert BenefitShare.objects.get(slug="health").amount == 0


def test_the_service_checks_the_figures_as_well(db):
    share = BenefitShare.objects.get(slug="health")
    with pytest.raises(ValidationError) as error:
        services.benefit_share_update(
            benefit_share=share, beneficiary="", amount=Decimal("-0.01"), source=""
        )
    assert set(error.value.error_dict) == {"beneficiary", "amount", "source"}
    for amount in (None, Decimal("1.255"), Decimal("1000000")):
        with pytest.raises(ValidationError) as error:
            services.benefit_share_update(
                benefit_share=share, beneficiary="Health", amount=amount, source="Evaluation"
            )
        assert set(error.value.error_dict) == {"amount"}
    share.refresh_from_db()
    assert share.amount == Decimal("1.25")


def test_an_unknown_share_is_not_found(world, client_for):
    client = client_for("admin")
    assert client.get(_url("edit", "education")).status_code == 404
    assert client.get(_url("history", "education")).status_code == 404
    # A unit cost's slug is not a share's.
    assert client.get(_url("edit", "robbery")).status_code == 404


@pytest.mark.parametrize("role", ["reviewer_in", "reviewer_out", "manager_this", "staff_this"])
def test_everyone_else_is_refused(world, client_for, role):
    client = client_for(role)
    assert client.get(_url("edit")).status_code == 403
    assert client.post(_url("edit"), HEALTH).status_code == 403
    assert client.get(_url("history")).status_code == 403
    assert client.get(_url("edit", "education")).status_code == 403  # not told which slugs exist
    assert BenefitShare.objects.get(slug="health").amount == Decimal("1.25")
