"""The stories list, a story's page and the approvals queue read the same number of queries
for 1 story (or approval) as for 20: nothing is read once per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.communications.stories_helpers import council, press_officer, story

pytestmark = pytest.mark.django_db

# Pinned: a change that adds a query per page shows here.
LIST_QUERIES = 7
DETAIL_QUERIES = 6
QUEUE_QUERIES = 5


def queries(client, url) -> int:
    client.get(url)  # the first visit warms the session and the cache
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url)
    assert answer.status_code == 200
    return len(captured)


def make(world, n, agencies):
    return [
        story(world, stage="awaiting_approval", title=f"Story {i}", agencies=agencies)
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [1, 20])
def test_the_list_reads_a_fixed_number_of_queries(world, client_for, n):
    make(world, n, [world.agency])
    url = reverse("communications:stories", kwargs={"code": world.partnership.ons_code})
    assert queries(client_for("manager_this"), url) == LIST_QUERIES


@pytest.mark.parametrize("n", [1, 20])
def test_a_storys_page_reads_a_fixed_number_of_queries(world, n):
    agencies = [world.agency]
    for i in range(n - 1):
        agency = factories.AgencyFactory(name=f"Agency {i}")
        factories.MembershipFactory(partnership=world.partnership, agency=agency)
        agencies.append(agency)
    officer = press_officer(world.agency, "police.press@example.org")
    made = story(world, stage="awaiting_approval", agencies=agencies)
    from django.test import Client

    client = Client()
    factories.login_verified(client, officer)
    assert queries(client, made.get_absolute_url()) == DETAIL_QUERIES


@pytest.mark.parametrize("n", [1, 20])
def test_the_queue_reads_a_fixed_number_of_queries(world, n):
    other = council(world)
    officer = press_officer(world.agency, "police.press@example.org")
    make(world, n, [world.agency, other])
    from django.test import Client

    client = Client()
    factories.login_verified(client, officer)
    assert queries(client, reverse("communications:approvals")) == QUEUE_QUERIES
