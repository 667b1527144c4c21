"""Each rule at its thresholds."""

import pytest

from reviews import ratings as r
from reviews.ratings import AMBER, GREEN, RED


def test_statutory_thresholds():
    expected = ["Police", "Council", "Fire", "Health", "Probation"]
    assert r.rate_statutory(expected=expected, present=expected).rating == GREEN
    one = r.rate_statutory(expected=expected, present=expected[:4])
    assert one.rating == AMBER and "Probation" in one.explanation
    assert r.rate_statutory(expected=expected, present=expected[:3]).rating == RED


def test_depth_names_strategic_only_authorities_and_health():
    deep = {"tactical", "operational", "strategic"}
    levels = {
        "Police": deep,
        "Council": deep,
        "Fire": deep,
        "Health": {"strategic"},
        "Probation": {"strategic"},
    }
    result = r.rate_depth(levels=levels, health_name="Health")
    assert result.rating == AMBER
    assert result.explanation.startswith(
        "Amber: 2 of 5 responsible authorities engaged only at strategic level: Health, Probation"
    )
    assert "Health: Health is not engaged at tactical or operational level" in result.explanation
    levels["Fire"] = {"strategic"}
    assert r.rate_depth(levels=levels, health_name="Health").rating == RED
    all_deep = dict.fromkeys(levels, deep)
    green = r.rate_depth(levels=all_deep, health_name="Health")
    assert green.rating == GREEN and "is engaged at tactical" in green.explanation
    assert r.rate_depth(levels=all_deep, health_name="").rating == AMBER
    assert r.rate_depth(levels={}, health_name="").rating == RED


@pytest.mark.parametrize(
    "gaps,due,on_time,rating",
    [
        (1, 10, 8, GREEN),  # 10% gaps, 80% on time: both at the green limit
        (2, 10, 8, AMBER),  # 20% gaps
        (1, 10, 7, AMBER),  # 70% on time
        (4, 10, 5, AMBER),  # 40% gaps, 50% on time: at the amber limit
        (5, 10, 5, RED),  # 50% gaps
        (4, 10, 4, RED),  # 40% on time
        (0, 0, 0, GREEN),  # nothing due yet, no gaps
    ],
)
def test_coverage_thresholds(gaps, due, on_time, rating):
    assert r.rate_coverage(expected=10, gaps=gaps, due=due, on_time=on_time).rating == rating


def test_coverage_with_nothing_expected_is_amber():
    assert r.rate_coverage(expected=0, gaps=0, due=0, on_time=0).rating == AMBER


def test_istv_thresholds():
    assert r.rate_istv(departments=[], flowing=[]).rating == RED
    assert r.rate_istv(departments=["A", "B"], flowing=[]).rating == RED
    partly = r.rate_istv(departments=["A", "B"], flowing=["A"])
    assert partly.rating == AMBER and "B" in partly.explanation
    assert r.rate_istv(departments=["A", "B"], flowing=["A", "B"]).rating == GREEN


def test_documents_thresholds():
    assert r.rate_documents(total=0, overdue=[]).rating == RED
    assert r.rate_documents(total=3, overdue=[]).rating == GREEN
    assert r.rate_documents(total=3, overdue=["Plan"]).rating == AMBER
    assert r.rate_documents(total=3, overdue=["Plan", "Assessment"]).rating == RED


@pytest.mark.parametrize(
    "overdue,rating", [(0, GREEN), (10, GREEN), (11, AMBER), (25, AMBER), (26, RED)]
)
def test_actions_thresholds(overdue, rating):
    assert r.rate_actions(total=100, overdue=overdue).rating == rating


def test_actions_with_no_plan_is_amber():
    assert r.rate_actions(total=0, overdue=0).rating == AMBER


@pytest.mark.parametrize("n,rating", [(0, GREEN), (1, AMBER), (2, AMBER), (3, RED)])
def test_dependencies_thresholds(n, rating):
    assert r.rate_dependencies(single_points=[f"Agency {i}" for i in range(n)]).rating == rating


def test_analysis_and_funding():
    assert r.rate_analysis(capacity="dedicated", analysts=2).rating == GREEN
    assert r.rate_analysis(capacity="shared_police", analysts=0).rating == AMBER
    assert r.rate_analysis(capacity="none", analysts=0).rating == RED
    assert r.rate_funding(open_bids=0, recent_awards=1).rating == GREEN
    assert r.rate_funding(open_bids=2, recent_awards=0).rating == AMBER
    assert r.rate_funding(open_bids=0, recent_awards=0).rating == RED


def test_every_dimension_has_three_rules():
    assert len(r.DIMENSIONS) == 11
    assert all(len(d.rules) == 3 and all(d.rules) for d in r.DIMENSIONS)
