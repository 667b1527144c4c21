"""Every rule at, just below and just above each of its thresholds: the rule functions with
counts, and the date thresholds through the data (rate_partnerships)."""

from datetime import timedelta

import pytest

from core import clock
from reviews import ratings as r
from reviews.ratings import AMBER, GREEN, RED
from tests import factories

FIVE = ["Police", "Council", "Fire", "Health", "Probation"]


@pytest.mark.parametrize(
    "missing,rating",
    [
        (0, GREEN),
        (r.STATUTORY_AMBER_MAX_MISSING, AMBER),  # at the threshold
        (r.STATUTORY_AMBER_MAX_MISSING + 1, RED),  # just above
        (len(FIVE), RED),
    ],
)
def test_statutory_members(missing, rating):
    result = r.rate_statutory(expected=FIVE, present=FIVE[: len(FIVE) - missing])
    assert result.rating == rating
    assert result.facts["missing"] == FIVE[len(FIVE) - missing :]


DEEP = {"strategic", "tactical", "operational"}


@pytest.mark.parametrize(
    "strategic_only,rating",
    [
        (0, GREEN),
        (1, AMBER),
        (r.DEPTH_AMBER_MAX_STRATEGIC_ONLY, AMBER),  # at the threshold
        (r.DEPTH_AMBER_MAX_STRATEGIC_ONLY + 1, RED),  # just above
    ],
)
def test_depth_strategic_only_count(strategic_only, rating):
    # Health stays engaged deeply, so only the count of board-only authorities decides.
    others = ["Police", "Council", "Fire", "Probation", "Housing"]
    levels = {"Health": DEEP} | {
        name: ({"strategic"} if i < strategic_only else DEEP) for i, name in enumerate(others)
    }
    result = r.rate_depth(levels=levels, health_name="Health")
    assert result.rating == rating
    assert result.facts["strategic_only"] == others[:strategic_only]


@pytest.mark.parametrize(
    "health_levels,rating",
    [
        ({"strategic"}, AMBER),
        ({"strategic", "tactical"}, GREEN),
        ({"operational"}, GREEN),
        (set(), AMBER),
    ],
)
def test_depth_calls_out_health_at_tactical_and_operational_level(health_levels, rating):
    levels = {"Police": DEEP, "Health": health_levels} if health_levels else {"Police": DEEP}
    result = r.rate_depth(levels=levels, health_name="Health" if health_levels else "")
    assert result.rating == rating
    assert "health" in result.explanation.lower()


@pytest.mark.parametrize(
    "gaps,rating",
    [
        (r.COVERAGE_GREEN_MAX_GAP_PERCENT - 1, GREEN),
        (r.COVERAGE_GREEN_MAX_GAP_PERCENT, GREEN),  # at
        (r.COVERAGE_GREEN_MAX_GAP_PERCENT + 1, AMBER),  # just above
        (r.COVERAGE_AMBER_MAX_GAP_PERCENT - 1, AMBER),
        (r.COVERAGE_AMBER_MAX_GAP_PERCENT, AMBER),  # at
        (r.COVERAGE_AMBER_MAX_GAP_PERCENT + 1, RED),  # just above
    ],
)
def test_coverage_gap_share(gaps, rating):
    result = r.rate_coverage(expected=100, gaps=gaps, due=100, on_time=100)
    assert result.rating == rating
    assert f"{gaps} of 100 prescribed datasets" in result.explanation


@pytest.mark.parametrize(
    "on_time,rating",
    [
        (r.ON_TIME_GREEN_MIN_PERCENT + 1, GREEN),
        (r.ON_TIME_GREEN_MIN_PERCENT, GREEN),  # at
        (r.ON_TIME_GREEN_MIN_PERCENT - 1, AMBER),  # just below
        (r.ON_TIME_AMBER_MIN_PERCENT + 1, AMBER),
        (r.ON_TIME_AMBER_MIN_PERCENT, AMBER),  # at
        (r.ON_TIME_AMBER_MIN_PERCENT - 1, RED),  # just below
    ],
)
def test_coverage_on_time_share(on_time, rating):
    result = r.rate_coverage(expected=100, gaps=0, due=100, on_time=on_time)
    assert result.rating == rating
    assert f"{on_time} of 100 due deliveries on time ({on_time}%)" in result.explanation


@pytest.mark.parametrize(
    "overdue,rating",
    [
        (0, GREEN),
        (r.DOCUMENTS_AMBER_MAX_OVERDUE, AMBER),  # at
        (r.DOCUMENTS_AMBER_MAX_OVERDUE + 1, RED),  # just above
    ],
)
def test_documents_overdue_count(overdue, rating):
    titles = [f"Document {i}" for i in range(overdue)]
    assert r.rate_documents(total=5, overdue=titles).rating == rating


@pytest.mark.parametrize(
    "overdue,rating",
    [
        (r.ACTIONS_GREEN_MAX_OVERDUE_PERCENT - 1, GREEN),
        (r.ACTIONS_GREEN_MAX_OVERDUE_PERCENT, GREEN),  # at
        (r.ACTIONS_GREEN_MAX_OVERDUE_PERCENT + 1, AMBER),  # just above
        (r.ACTIONS_AMBER_MAX_OVERDUE_PERCENT - 1, AMBER),
        (r.ACTIONS_AMBER_MAX_OVERDUE_PERCENT, AMBER),  # at
        (r.ACTIONS_AMBER_MAX_OVERDUE_PERCENT + 1, RED),  # just above
    ],
)
def test_action_plan_overdue_share(overdue, rating):
    assert r.rate_actions(total=100, overdue=overdue).rating == rating


@pytest.mark.parametrize(
    "n,rating",
    [
        (0, GREEN),
        (r.DEPENDENCIES_AMBER_MAX - 1, AMBER),
        (r.DEPENDENCIES_AMBER_MAX, AMBER),  # at
        (r.DEPENDENCIES_AMBER_MAX + 1, RED),  # just above
    ],
)
def test_single_person_dependencies(n, rating):
    result = r.rate_dependencies(single_points=[f"Agency {i} (board)" for i in range(n)])
    assert result.rating == rating


@pytest.mark.parametrize(
    "capacity,rating",
    [
        ("dedicated", GREEN),
        ("shared_police", AMBER),
        ("shared_council", AMBER),
        ("none", RED),
    ],
)
def test_analytical_capacity(capacity, rating):
    assert r.rate_analysis(capacity=capacity, analysts=1).rating == rating


@pytest.mark.parametrize(
    "open_bids,awards,rating",
    [
        (0, 0, RED),
        (1, 0, AMBER),
        (0, 1, GREEN),
        (3, 1, GREEN),
    ],
)
def test_funding_activity(open_bids, awards, rating):
    assert r.rate_funding(open_bids=open_bids, recent_awards=awards).rating == rating


@pytest.mark.parametrize("flowing,rating", [(0, RED), (1, AMBER), (2, AMBER), (3, GREEN)])
def test_istv_departments_flowing(flowing, rating):
    departments = ["A", "B", "C"]
    assert r.rate_istv(departments=departments, flowing=departments[:flowing]).rating == rating


# Date thresholds, through the data ------------------------------------------------------


def _rate(partnership, key):
    return r.rate_partnerships([partnership], today=clock.today())[0].results[key]


@pytest.fixture
def partnership(db):
    from tests.reference import ensure_reference_data

    ensure_reference_data()
    return factories.PartnershipFactory(name="Datesford")


@pytest.mark.parametrize(
    "days_ago,rating",
    [
        (r.ISTV_RECENT_DAYS - 1, GREEN),
        (r.ISTV_RECENT_DAYS, GREEN),  # at: still recent
        (r.ISTV_RECENT_DAYS + 1, RED),  # just past: not flowing
    ],
)
def test_istv_return_recent_enough(partnership, days_ago, rating):
    from datasharing.models import IstvReturn

    ed = factories.AgencyFactory(
        name="Datesford Hospital ED", agency_type=factories.agency_type("emergency-department")
    )
    factories.MembershipFactory(partnership=partnership, agency=ed, operational=True)
    end = clock.today() - timedelta(days=days_ago)
    IstvReturn.objects.create(
        agency=ed,
        site_code="RR801",
        period_start=end - timedelta(days=30),
        period_end=end,
        row_count=12,
    )
    result = _rate(partnership, "istv")
    assert result.rating == rating
    assert result.facts["flowing"] == (1 if rating == GREEN else 0)


@pytest.mark.parametrize("days,rating", [(1, GREEN), (0, GREEN), (-1, AMBER)])
def test_document_past_review_date_from_the_day_after(partnership, days, rating):
    from partnerships.models import Document, DocumentKind

    Document.objects.create(
        partnership=partnership,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Partnership plan",
        review_due_on=clock.today() + timedelta(days=days),
    )
    assert _rate(partnership, "documents").rating == rating


@pytest.mark.parametrize(
    "days,status,rating",
    [
        (0, "in_progress", GREEN),  # due today: not yet overdue
        (-1, "in_progress", RED),  # a day late: 1 of 1 overdue
        (-1, "done", GREEN),  # done actions are never overdue
    ],
)
def test_action_overdue_from_the_day_after_its_due_date(partnership, days, status, rating):
    from partnerships.models import Action

    owner = factories.AgencyFactory(name="Datesford Council")
    Action.objects.create(
        partnership=partnership,
        title="Lighting audit",
        owner=owner,
        due_on=clock.today() + timedelta(days=days),
        status=status,
    )
    assert _rate(partnership, "actions").rating == rating


@pytest.mark.parametrize(
    "days_ago,status,rating",
    [
        (r.FUNDING_RECENT_DAYS - 1, "awarded", GREEN),
        (r.FUNDING_RECENT_DAYS, "awarded", GREEN),  # at: still recent
        (r.FUNDING_RECENT_DAYS + 1, "awarded", RED),  # just past
        (r.FUNDING_RECENT_DAYS + 1, "submitted", AMBER),  # an open bid, whatever its age
        (1, "unsuccessful", RED),
    ],
)
def test_award_recent_enough(partnership, days_ago, status, rating):
    from tests.funding.factories import BidFactory

    BidFactory(
        partnership=partnership, status=status, decided_on=clock.today() - timedelta(days=days_ago)
    )
    assert _rate(partnership, "funding").rating == rating
