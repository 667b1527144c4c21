"""The API's lists of agreements, deliveries and funding opportunities are read as plain values
(core.api.ValuesListMixin): a page costs the same number of queries with one row as with
many, and each row of the list is exactly what the serializer gives for that record on its own
page (the record's own address still goes through the serializer)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import clock
from datasharing.models import Delivery
from funding.models import Funder, Opportunity, Theme
from tests.datasharing.helpers import make_agreement, member_agency
from tests.permissions.rows_api import _dataset

pytestmark = pytest.mark.django_db

# Token, role assignments, count, the page, and one query per related list the rows show.
QUERIES = {
    "agreements": 5,  # ... the parties with their agencies' names
    "deliveries": 4,  # ... nothing more: related records are shown by id
    "funding-opportunities": 6,  # ... themes, regions and partnerships
}


def _agreements(world, n):
    second = member_agency(world.partnership, name="Second agency")
    for index in range(n):
        make_agreement(world, title=f"Agreement {index}", second=second)


def _deliveries(world, n):
    for index in range(n):
        Delivery.objects.create(
            partnership=world.partnership,
            agency=world.agency,
            dataset=_dataset(),
            period_start=date(2025, 4, 1),
            period_end=date(2025, 4, 30),
            received_on=date(2025, 5, 1) + timedelta(days=index % 3),
            record_count=10 + index,
            note="" if index % 2 else f"Note {index}",
            recorded_by=world.users["staff_this"] if index % 2 else None,
        )


def _opportunities(world, n):
    funder, _ = Funder.objects.get_or_create(identifier="360G-lists", defaults={"name": "Lists"})
    themes = list(Theme.objects.all()[:3])
    for index in range(n):
        opportunity = Opportunity.objects.create(
            funder=funder,
            title=f"Opportunity {index}",
            description="For the lists.",
            opens_at=clock.now() - timedelta(days=1),
            closes_at=clock.now() + timedelta(days=10 + index),
            min_award=1000 if index % 2 else None,
            total_pot=10**10 + index,
            decision_on=clock.today() + timedelta(days=40) if index % 2 else None,
            match_funding_required=bool(index % 2),
        )
        opportunity.themes.set(themes[: 1 + index % 3])
        opportunity.regions.set([world.region_in] if index % 2 else [])
        opportunity.partnerships.set([world.partnership] if index % 3 == 0 else [])


MAKERS = {
    "agreements": _agreements,
    "deliveries": _deliveries,
    "funding-opportunities": _opportunities,
}


def _list(client, prefix, query=""):
    client.get(f"/api/v1/{prefix}/{query}")  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{prefix}/{query}")
    assert response.status_code == 200
    return response.json(), len(queries)


@pytest.mark.parametrize("prefix", list(MAKERS))
@pytest.mark.parametrize("rows", [1, 7])
def test_list_queries_do_not_grow_with_rows(prefix, rows, world, api_for):
    MAKERS[prefix](world, rows)
    body, count = _list(api_for("manager_this"), prefix)
    assert body["count"] == rows
    assert count == QUERIES[prefix]


@pytest.mark.parametrize("prefix", list(MAKERS))
def test_list_rows_are_the_serializers_representation(prefix, world, api_for):
    MAKERS[prefix](world, 7)
    client = api_for("manager_this")
    body, _ = _list(client, prefix, "?page_size=5&page=2")
    assert body["count"] == 7
    assert body["previous"].endswith("/?page_size=5") and body["next"] is None
    assert len(body["results"]) == 2
    full, _ = _list(client, prefix)
    assert full["results"][5:] == body["results"]
    for row in full["results"]:
        assert row == client.get(f"/api/v1/{prefix}/{row['id']}/").json()
