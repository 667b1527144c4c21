"""One common search word is first ranked among the entries with it in their title
(`SearchQuerySet._best_title_matches`): every page must be the full ranking's page."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from core import cache, clock
from goodpractice import selectors, services
from goodpractice.models import Entry, Status
from tests import factories
from tests.goodpractice.factories import COMPLETE, bulk_published

pytestmark = pytest.mark.django_db


def _ranks(vectors: list[str]) -> list[float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_rank(v::tsvector, 'lantern'::tsquery, 32) FROM unnest(%s::text[]) v",
            [vectors],
        )
        return [row[0] for row in cursor.fetchall()]


def _vector(weights) -> str:
    return "'lantern':" + ",".join(f"{n}{w}" for n, w in enumerate(weights, start=1))


def test_no_entry_without_the_word_in_its_title_ranks_above_the_bound(require_postgres):
    # Every order of up to 7 occurrences weighted B, C or D, and long runs up to the 256
    # positions a tsvector keeps for a word.
    patterns = [p for n in range(1, 8) for p in itertools.product("BCD", repeat=n)]
    patterns += [["C"] * k + ["B"] * (256 - k) for k in range(12)]
    patterns += [["B"] * n for n in (16, 64, 256)]
    ranks = _ranks([_vector(p) for p in patterns])
    assert max(ranks) < selectors.NON_TITLE_RANK_BOUND
    assert max(ranks) > selectors.NON_TITLE_RANK_BOUND - 0.002  # the bound is close
    # A title occurrence (weight A, first) ranks above it, however few the occurrences.
    assert min(_ranks([_vector("A"), _vector("AC"), _vector("AB")])) > 0.378


@pytest.fixture
def spread(world):
    """Entries with "lantern" in the title, the summary or the rest, from the manager's own
    partnership, a partnership in their most similar group, one in their region and one
    elsewhere, published over several days so that ties fall to the newest."""
    region = world.other_partnership.region
    world.other_partnership.most_similar_group = "Group 7"
    world.other_partnership.save()
    similar = factories.PartnershipFactory(name="Similar", most_similar_group="Group 7")
    nearby = factories.PartnershipFactory(name="Nearby", region=region)
    partnerships = [world.other_partnership, similar, nearby, world.partnership]
    now = clock.now()
    entries = []
    for n in range(160):
        place = n % 5
        lantern = " lantern" * (1 + n % 4)
        values = dict(COMPLETE)
        title = f"Scheme {n}"
        if place == 0:
            title = f"Lantern scheme {n}"
        elif place == 1:
            values["summary"] = f"A scheme with{lantern}."
        elif place == 2:
            values["problem"] = f"Dark streets{lantern}."
        elif place == 3:
            values["summary"] = f"Lantern{lantern}."
            values["effect"] = f"Fewer falls{lantern}."
        entry = Entry(
            partnership=partnerships[(n * 7) % 4],
            title=title,
            status=Status.PUBLISHED,
            published_at=now - timedelta(days=n % 9),
            **values,
        )
        services._refresh_derived(entry)
        entries.append(entry)
    Entry.objects.bulk_create(entries)
    cache.bump([selectors.VERSION])
    return world


def _search(user, query):
    return selectors.entry_search(user=user, query="", filters=QueryDict(f"q={query}"))[1]


def _full_ranking(user, query) -> list[int]:
    return [entry.pk for entry in _search(user, query)]  # iterating is the plain query


@pytest.mark.parametrize("role", ["manager_other", "manager_this", "admin"])
@pytest.mark.parametrize("query", ["lantern", "scheme", "Lantern", "street", "falls"])
def test_every_page_is_the_full_rankings(spread, require_postgres, monkeypatch, role, query):
    monkeypatch.setattr(selectors, "TITLE_MATCHES_FROM", 0)
    user = spread.user(role)
    full = _full_ranking(user, query)
    assert len(full) >= 30
    used = []
    for start in range(0, len(full) + 20, 20):
        queryset = _search(user, query)
        queryset.count()
        used.append(queryset._best_title_matches(start, start + 20) is not None)
        page = [entry.pk for entry in _search(user, query)[start : start + 20]]
        assert page == full[start : start + 20], (start, used)
        with_count = _search(user, query)
        with_count.count()
        assert [entry.pk for entry in with_count[start : start + 20]] == full[start : start + 20]
    if query.lower() in ("lantern", "scheme"):
        assert used[0], "the first page of a word common in titles comes from title matches"
    assert not all(used)  # and some pages need the full ranking


def test_a_word_in_few_titles_is_ranked_in_full(spread, require_postgres, monkeypatch):
    monkeypatch.setattr(selectors, "TITLE_MATCHES_FROM", 0)
    user = spread.user("manager_other")
    queryset = _search(user, "street")  # never in a title
    assert queryset.count() >= 20
    assert queryset._best_title_matches(0, 20) is None
    assert [e.pk for e in queryset[0:20]] == _full_ranking(user, "street")[:20]


def test_several_words_and_rare_words_skip_title_matches(spread, require_postgres):
    user = spread.user("manager_other")
    assert _search(user, "lantern scheme").title_matches is None
    assert _search(user, '"lantern scheme"').title_matches is None
    assert _search(user, "lantern-scheme").title_matches is None
    rare = _search(user, "falls")
    assert 20 < rare.count() < selectors.TITLE_MATCHES_FROM
    assert rare._best_title_matches(0, 20) is None


def test_a_common_word_page_query_count(
    world, client_for, require_postgres, monkeypatch, django_assert_max_num_queries
):
    """A common word's page asks for its title matches' ids instead of all matches' (the same
    count as `test_search_page_query_count_is_constant`); when they cannot settle the page, the
    full ranking's ids too: one more."""
    monkeypatch.setattr(selectors, "TITLE_MATCHES_FROM", 10)
    client = client_for("manager_other")
    bulk_published(partnership=world.partnership, count=51, title="Many")
    with django_assert_max_num_queries(16):
        titles = client.get(reverse("goodpractice:search"), {"q": "many"})
    with django_assert_max_num_queries(17):
        elsewhere = client.get(reverse("goodpractice:search"), {"q": "city"})
    assert titles.status_code == elsewhere.status_code == 200
    assert b"51 entries" in titles.content and b"51 entries" in elsewhere.content
