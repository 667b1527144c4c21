"""PostgreSQL full-text search: the stored tsvector column is kept up to date by the database,
and the ranked top-20 search uses its GIN index (the query plan shows a Bitmap Index Scan on
gp_entry_search_gin), so it stays fast however many entries there are. See the README's
"Good practice" section for the 100,000-entry benchmark."""

import pytest
from django.db import connection
from django.http import QueryDict

from goodpractice import selectors, services
from goodpractice.models import SEARCH_INDEX_NAME, Entry, Status
from tests.goodpractice.factories import COMPLETE, published

pytestmark = pytest.mark.django_db

WORDS = [
    "lighting",
    "patrols",
    "wardens",
    "mentoring",
    "outreach",
    "licensing",
    "cameras",
    "gating",
    "taxi",
    "marshals",
    "youth",
    "clubs",
    "refuge",
    "advocates",
    "triage",
]


def _bulk_entries(partnership, count: int, rare_every: int) -> None:
    entries = []
    for n in range(count):
        word_a, word_b = WORDS[n % len(WORDS)], WORDS[(n * 7) % len(WORDS)]
        rare = " kaleidoscope" if n % rare_every == 1 else ""
        entry = Entry(
            partnership=partnership,
            title=f"{word_a.title()} and {word_b} {n}{rare}",
            status=Status.PUBLISHED if n % 10 else Status.DRAFT,
            **{**COMPLETE, "summary": f"A scheme about {word_a} and {word_b}."},
        )
        services._refresh_derived(entry)
        entries.append(entry)
    Entry.objects.bulk_create(entries, batch_size=1000)


def test_the_search_vector_follows_the_entry(world, require_postgres):
    entry = published(partnership=world.partnership, title="Help points")
    services.entry_archive(entry=entry, user=None)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM goodpractice_entry WHERE id = %s", [entry.pk]
        )
        vector = cursor.fetchone()[0]
    assert "'help':1A" in vector and "'point':2A" in vector
    assert "pubwatch" in vector  # from the response, weighted C


def test_ranked_top_20_uses_the_gin_index(world, require_postgres):
    _bulk_entries(world.partnership, 4000, rare_every=200)
    with connection.cursor() as cursor:
        # Bulk inserts sit in the GIN pending list, which the planner prices as a scan; flush
        # it so the plan reflects the index as autovacuum would leave it.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX_NAME])
        cursor.execute("ANALYZE goodpractice_entry")
    user = world.users["manager_other"]
    data = QueryDict("q=kaleidoscope")
    _, queryset = selectors.entry_search(user=user, query="kaleidoscope", filters=data)
    # A page is read as the ids of the top 20 (this query), then those entries by id.
    plan = queryset.values_list("pk", flat=True)[:20].explain()
    assert f"Bitmap Index Scan on {SEARCH_INDEX_NAME}" in plan, plan
    assert len(list(queryset[:20])) == 20
