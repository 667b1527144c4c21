"""The perception page: fear of crime beside recorded violence and the coverage balance,
quarter by quarter, read from outcomes' figures; its empty states; its queries pinned."""

from datetime import timedelta

import pytest
from django.urls import reverse

from communications import selectors
from core import clock
from outcomes import periods
from tests.communications.test_overview import coverage, page, text_of
from tests.outcomes.helpers import monthly, population, quarterly

pytestmark = pytest.mark.django_db


def quarter_starts():
    """The start of the current financial quarter and of the four before it, oldest first."""
    year, quarter = periods.financial_quarter_of(clock.today())
    current = periods.quarter_start(year, quarter)
    return [periods.add_months(current, -3 * n) for n in (4, 3, 2, 1)], current


def label(start):
    return f"{start:%b} to {periods.period_end(start, months=3):%b %Y}"


def with_figures(world, *, unsafe="33.0", violence="1500"):
    """Four full quarters before this one: a survey result and violence against the person in
    each, violence with injury for two months of the last only, 200,000 residents."""
    p = world.partnership
    starts, _ = quarter_starts()
    for year in {s.year for s in starts}:
        population(p, year, 200_000)
    quarterly(p, "violence-against-the-person", [violence] * 4, start=starts[0])
    quarterly(p, "feel-unsafe-after-dark", [unsafe] * 4, start=starts[0])
    monthly(p, "violence-with-injury", ["100", "100"], start=starts[3])
    return starts


def test_the_gap_is_the_share_feeling_unsafe_over_violence_per_100_residents(world):
    with_figures(world)
    gap = selectors.perception_gap(partnership=world.partnership)
    assert gap.unsafe == pytest.approx(33.0)
    assert gap.violence_rate == pytest.approx(30.0)  # 6,000 offences for 200,000 residents
    assert gap.violence_per_100 == pytest.approx(3.0)
    assert gap.times == pytest.approx(11.0)


def test_each_quarter_shows_the_survey_beside_violence_and_the_coverage_balance(world, client_for):
    starts = with_figures(world)
    p = world.partnership
    middle = starts[2] + timedelta(days=40)
    coverage(p, tone="positive", published_on=middle)
    coverage(p, tone="positive", published_on=middle)
    coverage(p, tone="negative", published_on=middle)
    coverage(p, tone="neutral", published_on=starts[3])
    words = text_of(page(client_for, world, name="communications:perception"))
    assert "33.0% of residents asked said they feel unsafe walking alone after dark" in words
    assert "30.0 offences of violence against the person per 1,000 residents (3.0 per 100)" in words
    assert "The fear is 11.0 times the recorded risk" in words
    # Quarterly violence: 1,500 for 200,000 is 7.50 per 1,000; violence with injury has two
    # months of three in the last quarter, so no rate.
    assert f"{label(starts[2])} 33.0% 7.50 No figures 2 0 1" in words
    assert f"{label(starts[3])} 33.0% 7.50 No figures 0 1 0" in words
    assert "There are no survey results" not in words
    assert "No coverage is logged" not in words


def test_the_table_covers_the_last_eight_quarters(world):
    result = selectors.perception(partnership=world.partnership, today=clock.today())
    _, current = quarter_starts()
    assert len(result.rows) == 8
    assert result.rows[-1].start == current
    assert result.rows[0].start == periods.add_months(current, -21)


def test_without_survey_results_the_manager_is_sent_to_record_one(world, client_for):
    html = page(client_for, world, name="communications:perception")
    words = text_of(html)
    survey_url = reverse("outcomes:survey-create", kwargs={"code": world.partnership.ons_code})
    assert "There are no survey results for residents who feel unsafe" in words
    assert survey_url in html
    assert "No coverage is logged" in words
    assert "There are no recorded violence figures for these quarters yet" in words


def test_agency_staff_are_told_who_records_survey_results(world, client_for):
    html = page(client_for, world, role="staff_this", name="communications:perception")
    assert "The partnership’s manager records them on the outcomes page" in text_of(html)
    assert (
        reverse("outcomes:survey-create", kwargs={"code": world.partnership.ons_code}) not in html
    )


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# The request's reads (session, user, roles, the partnership), the page's (indicators, figures,
# populations, coverage by month) and the gap's latest 12 months (windows, and once figures
# exist their sums): the gap shares the page's indicators and populations.
PERCEPTION_QUERIES = 9
WITH_FIGURES = PERCEPTION_QUERIES + 1


def test_the_page_runs_the_same_queries_with_few_figures_or_many(world, client_for):
    client = client_for("manager_this")
    url = reverse("communications:perception", kwargs={"code": world.partnership.ons_code})
    client.get(url)
    assert _count(client, url) == PERCEPTION_QUERIES
    starts = with_figures(world)
    coverage(world.partnership, published_on=starts[1])
    assert _count(client, url) == WITH_FIGURES
    for n in range(20):
        coverage(world.partnership, tone="negative", published_on=starts[0] + timedelta(days=n))
    monthly(world.partnership, "violence-with-injury", ["90"] * 9, start=starts[0])
    assert _count(client, url) == WITH_FIGURES


def test_the_overview_reads_the_gap_in_the_same_queries_once_figures_exist(world, client_for):
    from tests.communications.test_overview import OVERVIEW_QUERIES

    with_figures(world)
    client = client_for("manager_this")
    url = reverse("communications:partnership", kwargs={"code": world.partnership.ons_code})
    client.get(url)
    assert _count(client, url) == OVERVIEW_QUERIES + 1
    assert "The fear is 11.0 times the recorded risk" in text_of(client.get(url).content.decode())
