"""A search's result count is kept, and a change to any entry ends it at once."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from goodpractice import selectors

from .factories import published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_counts(settings):
    settings.GOODPRACTICE_COUNT_CACHE_SECONDS = 300  # in the test's own cache (conftest)
    yield


def count(user, q, **filters):
    data = QueryDict(mutable=True)
    data["q"] = q
    for name, value in filters.items():
        data[name] = value
    queryset = selectors.entry_search(user=user, query=q, filters=data)[1]
    with CaptureQueriesContext(connection) as queries:
        total = queryset.count()
    return total, sum("COUNT(" in q["sql"] for q in queries.captured_queries)


def test_the_count_is_kept_per_search_and_ends_when_an_entry_changes(world):
    user = world.users["manager_this"]
    published(partnership=world.partnership, title="Youth diversion in the evenings")
    assert count(user, "youth") == (1, 1)  # counted
    assert count(user, "youth") == (1, 0)  # kept
    assert count(user, "diversion") == (1, 1)  # other words, another count

    second = published(partnership=world.other_partnership, title="Youth outreach on buses")
    assert count(user, "youth") == (2, 1)  # a new entry: counted again
    assert count(user, "youth") == (2, 0)

    second.save()  # any edit ends it too
    assert count(user, "youth") == (2, 1)
