"""Rolling 12 months, trends, most-similar-group bands and target progress."""

from datetime import date
from decimal import Decimal

import pytest

from outcomes import selectors
from tests import factories

from .helpers import indicator, monthly, population, quarterly

pytestmark = pytest.mark.django_db
VAP = "violence-against-the-person"


@pytest.fixture
def group(world):
    """Four partnerships in one group, 100,000 residents each, eight quarters of violence
    against the person (2023/24 and 2024/25): the last four quarters add up to 1,000, 1,100,
    900 and 2,000 offences; the four before to 1,250 each."""
    members = [world.partnership] + [
        factories.PartnershipFactory(name=f"Peer {n}", region=world.region_in) for n in range(3)
    ]
    for member, latest in zip(members, (1000, 1100, 900, 2000), strict=True):
        member.most_similar_group = "Group X"
        member.save()
        population(member, 2023, 100_000)
        population(member, 2024, 100_000)
        quarterly(member, VAP, [312.5] * 4 + [latest / 4] * 4)
    return members


def _view(views, code=VAP):
    return next(v for v in views if v.indicator.code == code)


def test_rate_trend_and_band(group):
    views = selectors.partnership_outcomes(partnership=group[0])
    view = _view(views)
    assert view.window.start == date(2024, 4, 1) and view.window.end == date(2025, 3, 31)
    assert view.latest == pytest.approx(10.0)
    assert view.previous == pytest.approx(12.5)
    assert view.trend.change == pytest.approx(-20.0)
    assert view.trend.label == "Down 20% (better)"
    assert view.band.mean == pytest.approx(12.5)
    spread = (((10 - 12.5) ** 2 + (11 - 12.5) ** 2 + (9 - 12.5) ** 2 + (20 - 12.5) ** 2) / 4) ** 0.5
    assert view.band.high == pytest.approx(12.5 + spread)
    assert view.band.band == selectors.WITHIN
    bands = {member.name: peer.band.band for member, peer in view.peers}
    assert bands == {
        "Leedsford": "within",
        "Peer 0": "within",
        "Peer 1": "within",
        "Peer 2": "higher",
    }
    assert len(view.points) == 8
    assert view.points[-1].rate == pytest.approx(2.5)


def test_an_incomplete_year_has_no_rate_and_a_small_group_no_band(world):
    world.partnership.most_similar_group = "Alone"
    world.partnership.save()
    population(world.partnership, 2024, 50_000)
    quarterly(world.partnership, VAP, [100, 100, 100], start=date(2024, 4, 1))
    view = _view(selectors.partnership_outcomes(partnership=world.partnership))
    assert view.latest is None  # three quarters of four
    assert view.band.band is None
    assert view.band.label == "Not enough figures in the group to compare"
    assert view.trend.label == "Not enough figures for a trend"


def test_the_nearest_population_year_or_the_profile_is_used(world):
    world.partnership.population = 200_000
    world.partnership.save()
    monthly(world.partnership, "ed-assault-attendances", [10] * 12, start=date(2024, 1, 1))
    view = _view(
        selectors.partnership_outcomes(partnership=world.partnership), "ed-assault-attendances"
    )
    assert view.latest == pytest.approx(120 * 1000 / 200_000)
    population(world.partnership, 2020, 100_000)
    view = _view(
        selectors.partnership_outcomes(partnership=world.partnership), "ed-assault-attendances"
    )
    assert view.latest == pytest.approx(1.2)


def test_survey_share_is_the_mean_of_the_year(world):
    from outcomes.models import Figure

    ind = indicator("feel-unsafe-after-dark")
    for start, value in ((date(2024, 2, 1), 30), (date(2025, 1, 1), 20), (date(2025, 2, 1), 24)):
        Figure.objects.create(
            partnership=world.partnership,
            indicator=ind,
            period_type="month",
            period_start=start,
            value=Decimal(value),
            sample_size=500,
        )
    view = _view(selectors.partnership_outcomes(partnership=world.partnership), ind.code)
    assert view.latest == pytest.approx(22.0)
    assert view.previous == pytest.approx(30.0)


def test_region_view_bands_each_partnership_against_its_own_group(group, world):
    inds, rows = selectors.region_outcomes(region=world.region_in)
    names = [row.partnership.name for row in rows]
    assert names == sorted(names) and "Leedsford" in names
    by_name = {row.partnership.name: row for row in rows}
    vap = [i.code for i in inds].index(VAP)
    assert by_name["Peer 2"].views[vap].band.band == "higher"


def test_region_view_says_what_each_partnerships_own_page_says(group, world):
    """The region works out trends only for its own partnerships and bands against groups that
    reach outside it (a peer in another region here): each row equals the partnership's page."""
    outside = factories.PartnershipFactory(
        name="Far Peer", region=world.region_out, most_similar_group="Group X"
    )
    population(outside, 2023, 100_000)
    population(outside, 2024, 100_000)
    quarterly(outside, VAP, [312.5] * 4 + [400] * 4)
    inds, rows = selectors.region_outcomes(region=world.region_in)
    assert "Far Peer" not in [row.partnership.name for row in rows]
    for row in rows:
        own = selectors.partnership_outcomes(partnership=row.partnership, points=False)
        for shown, expected in zip(row.views, own, strict=True):
            assert shown.indicator == expected.indicator
            assert (shown.latest, shown.previous) == (expected.latest, expected.previous)
            assert shown.trend.change == expected.trend.change
            assert (shown.band.band, shown.band.mean, shown.band.count) == (
                expected.band.band,
                expected.band.mean,
                expected.band.count,
            )


def test_target_progress(group, world):
    from outcomes.models import Target
    from partnerships.models import Priority

    priority = Priority.objects.create(
        partnership=world.partnership, title="Violence down", problem_statement="Too much"
    )
    target = Target.objects.create(
        priority=priority,
        indicator=indicator(VAP),
        baseline_end=date(2024, 3, 31),
        target_change=Decimal("-10"),
        target_date=date(2026, 3, 31),
    )
    [progress] = selectors.target_progress(targets=[target])
    assert progress.baseline == pytest.approx(12.5)
    assert progress.latest == pytest.approx(10.0)
    assert progress.change == pytest.approx(-20.0)
    assert progress.status == "Target met"
    target.target_change = Decimal("-30")
    assert progress.status == "Moving towards the target"
