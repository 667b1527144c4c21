"""The outcomes dimension of the review: each branch of its rule."""

import pytest

from reviews import ratings as r
from tests.outcomes.test_comparison import group  # noqa: F401 - fixture


def ind(name="Violence with injury", position=r.WITHIN, trend=r.STEADY):
    return {"name": name, "position": position, "trend": trend}


@pytest.mark.parametrize(
    ("position", "trend", "verdict"),
    [
        (r.WORSE, r.WORSENING, r.RED),
        (r.WORSE, r.STEADY, r.RED),
        (r.WORSE, None, r.RED),
        (r.WORSE, r.IMPROVING, r.AMBER),
        (r.WITHIN, r.WORSENING, r.AMBER),
        (r.WITHIN, r.STEADY, r.GREEN),
        (r.WITHIN, r.IMPROVING, r.GREEN),
        (r.BETTER, r.WORSENING, r.GREEN),
        (None, r.WORSENING, r.GREEN),
    ],
)
def test_each_indicator_verdict(position, trend, verdict):
    assert r.outcome_verdict(position=position, trend=trend) == verdict


def test_red_names_the_indicators_worse_and_not_improving():
    result = r.rate_outcomes(
        indicators=[ind("Robbery", r.WORSE, r.STEADY), ind("Burglary", r.WITHIN, r.WORSENING)]
    )
    assert result.rating == r.RED
    assert result.reason.endswith("not improving: Robbery")


def test_amber_when_worse_but_improving_or_within_and_getting_worse():
    result = r.rate_outcomes(
        indicators=[ind("Robbery", r.WORSE, r.IMPROVING), ind("Burglary", r.WITHIN, r.WORSENING)]
    )
    assert result.rating == r.AMBER
    assert result.reason.endswith(": Robbery, Burglary")


def test_amber_when_nothing_can_be_compared():
    result = r.rate_outcomes(indicators=[ind(position=None, trend=None)])
    assert result.rating == r.AMBER
    assert "no indicator has figures" in result.reason
    assert r.rate_outcomes(indicators=[]).rating == r.AMBER


def test_green_otherwise():
    result = r.rate_outcomes(
        indicators=[ind("Robbery", r.BETTER, r.WORSENING), ind("Burglary", r.WITHIN, r.STEADY)]
    )
    assert result.rating == r.GREEN
    assert result.facts["indicators"][0]["name"] == "Robbery"


def test_the_rules_page_states_the_rule(world, client_for):
    body = client_for("admin").get("/reviews/rules/").content.decode()
    assert 'id="outcomes"' in body
    assert "significantly worse than the group and not improving" in body


def test_a_partnership_worse_than_its_group_and_rising_is_red(group):  # noqa: F811 - the fixture
    from datetime import date

    rated = {row.partnership.pk: row for row in r.rate_partnerships(group, today=date(2025, 6, 1))}
    assert rated[group[3].pk].results["outcomes"].rating == r.RED
    assert "Violence against the person" in rated[group[3].pk].results["outcomes"].reason
    assert rated[group[0].pk].results["outcomes"].rating == r.GREEN


def test_a_peers_new_figure_makes_the_whole_groups_kept_ratings_stale(group):  # noqa: F811 - the fixture
    from datetime import date
    from decimal import Decimal

    from outcomes.models import Figure
    from reviews.models import StoredRatings
    from reviews.stored import stored_ratings

    stored_ratings(group, today=date(2025, 6, 1))
    assert not StoredRatings.objects.filter(stale=True).exists()
    figure = Figure.objects.filter(partnership=group[3]).first()
    figure.value = Decimal(1)
    figure.save()
    assert set(
        StoredRatings.objects.filter(stale=True).values_list("partnership_id", flat=True)
    ) == {p.pk for p in group}
