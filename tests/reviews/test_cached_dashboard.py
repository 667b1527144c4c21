"""The review dashboard's results (summaries, exports, ratings table) are kept in the cache
(reviews.views.DashboardView.results) and shown afresh whenever anything they show changes: a
record a rating reads, a partnership's name, a region's name, the day, or a kept rating marked
stale. A kept page is never shown to a user of another scope, nor for another query string."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from partnerships.models import Document, DocumentKind
from reviews import invalidation

# Signed-in request (session, user, second factor, roles), the regions for the filter, and the
# shown partnerships with the state of their kept ratings.
KEPT_QUERIES = 6


@pytest.fixture
def dashboard(world, client_for):
    """get(role, **query): the dashboard's body as that role sees it, and the queries it ran."""
    clients = {}

    def get(role, **query):
        client = clients.setdefault(role, client_for(role))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reviews:dashboard"), query)
        assert response.status_code == 200
        return response.content.decode(), len(queries)

    return get


def _ratings_table(body: str) -> str:
    """The kept part of the page: the summaries to the end of the ratings table."""
    return body[body.index('<h2 class="govuk-heading-m">Summary</h2>') : body.rindex("</table>")]


def test_the_second_request_reads_the_kept_results(dashboard):
    dashboard("admin")  # rates the partnerships and keeps their ratings; keeps no results
    first, cold = dashboard("admin")
    second, warm = dashboard("admin")
    # Regions, partnerships, every one's ratings, and the reasons of the page's rows.
    assert warm == KEPT_QUERIES < cold == KEPT_QUERIES + 4
    assert _ratings_table(second) == _ratings_table(first)
    assert "Leedsford" in second and "Boltham" in second


def test_a_record_a_rating_reads_shows_at_once(world, dashboard):
    before, _ = dashboard("admin")
    assert "past their review date" not in before
    Document.objects.create(
        partnership=world.partnership,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Old plan",
        review_due_on=clock.today() - timedelta(days=3),
    )
    after, _ = dashboard("admin")
    assert "1 of 1 documents past their review date: Old plan" in after


def test_a_renamed_partnership_and_region_show_at_once(world, dashboard):
    dashboard("admin")
    world.partnership.name = "Leedsford and Wakefell"
    world.partnership.save()
    assert "Leedsford and Wakefell" in dashboard("admin")[0]
    world.region_out.name = "The North West, renamed"
    world.region_out.save()
    assert "The North West, renamed" in _ratings_table(dashboard("admin")[0])


def test_the_next_day_rates_again(world, dashboard, monkeypatch):
    Document.objects.create(
        partnership=world.partnership,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Plan due tomorrow",
        review_due_on=clock.today() + timedelta(days=1),
    )
    today, _ = dashboard("admin")
    assert "none of 1 documents is past its review date" in today
    later = clock.today() + timedelta(days=2)
    monkeypatch.setattr(clock, "today", lambda: later)
    assert "past their review date: Plan due tomorrow" in dashboard("admin")[0]


def test_a_stale_kept_rating_is_rated_again_before_it_is_shown(world, dashboard):
    dashboard("admin")
    dashboard("admin")
    assert dashboard("admin")[1] == KEPT_QUERIES
    # Written without signals, so no generation changes; only the kept row is marked stale.
    Document.objects.bulk_create(
        [
            Document(
                partnership=world.partnership,
                kind=DocumentKind.PARTNERSHIP_PLAN,
                title="Bulk plan",
                review_due_on=clock.today() - timedelta(days=3),
            )
        ]
    )
    invalidation.mark_partnerships_stale([world.partnership.pk])
    body, queries = dashboard("admin")
    assert "past their review date: Bulk plan" in body and queries > KEPT_QUERIES
    assert "past their review date: Bulk plan" in dashboard("admin")[0]
    body, queries = dashboard("admin")
    assert "past their review date: Bulk plan" in body and queries == KEPT_QUERIES


def test_kept_results_are_never_shown_to_another_scope_or_query(world, dashboard):
    admin, _ = dashboard("admin")
    assert "Leedsford" in admin and "Boltham" in admin
    reviewer_in, _ = dashboard("reviewer_in")
    assert "Leedsford" in reviewer_in and "Boltham" not in reviewer_in
    reviewer_out, _ = dashboard("reviewer_out")
    assert "Boltham" in reviewer_out and "Leedsford" not in reviewer_out
    assert "Boltham" in dashboard("admin")[0]
    region_only, _ = dashboard("admin", region=world.region_out.code)
    assert "Boltham" in region_only and "Leedsford" not in _ratings_table(region_only)
    assert "No partnership matches" in dashboard("admin", dimension="istv", rating="green")[0]
    assert 'aria-sort="descending"' in dashboard("admin", sort="coverage", order="desc")[0]


def test_ratings_read_without_facts_are_the_kept_ratings_and_reasons(world):
    """Read with less detail, the kept ratings are those worked out, with their reasons
    (REASONS) or alone (RATINGS), whether kept or worked out on the read."""
    from partnerships.models import Partnership
    from reviews.models import StoredRatings
    from reviews.stored import RATINGS, REASONS, stored_ratings

    Document.objects.create(
        partnership=world.partnership,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Plan & <annex>",
        review_due_on=clock.today() - timedelta(days=3),
    )
    partnerships = list(Partnership.objects.order_by("name"))
    today = clock.today()
    full = stored_ratings(partnerships, today=today)  # rates and keeps
    brief = stored_ratings(partnerships, today=today, detail=REASONS)  # reads the kept rows
    alone = stored_ratings(partnerships, today=today, detail=RATINGS)
    StoredRatings.objects.all().delete()
    alone_fresh = stored_ratings(partnerships, today=today, detail=RATINGS)  # rates again
    StoredRatings.objects.all().delete()
    brief_fresh = stored_ratings(partnerships, today=today, detail=REASONS)
    for rows in (brief, alone, alone_fresh, brief_fresh):
        assert [row.partnership for row in rows] == partnerships
    for whole, *reads in zip(full, brief, brief_fresh, alone, alone_fresh, strict=True):
        for read in reads:
            assert list(read.results) == list(whole.results)
        for key, result in whole.results.items():
            for verdicts in reads[:2]:
                assert (verdicts.results[key].rating, verdicts.results[key].explanation) == (
                    result.rating,
                    result.explanation,
                )
            for rating in reads[2:]:
                assert (rating.results[key].rating, rating.results[key].explanation) == (
                    result.rating,
                    "",
                )
            for read in reads:
                assert read.results[key].facts == {}
    assert "Plan & <annex>" in brief[-1].results["documents"].explanation


def test_addresses_with_other_parameters_are_not_kept(dashboard):
    dashboard("admin", region="", utm="a")
    dashboard("admin", region="", utm="a")
    assert dashboard("admin", region="", utm="a")[1] > KEPT_QUERIES
    dashboard("admin", region="")
    assert dashboard("admin", region="")[1] == KEPT_QUERIES
