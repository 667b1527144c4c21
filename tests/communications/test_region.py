"""The region view of stories and coverage, and the facts of the review's communications
dimension: counted for the last quarter only, in the same queries at 1 and 30 partnerships."""

from datetime import timedelta

import pytest
from django.urls import reverse

from communications import selectors
from communications.models import Stage
from core import clock
from tests import factories
from tests.communications.test_overview import brand, coverage, plan, story, text_of

pytestmark = pytest.mark.django_db


def region_page(client_for, world, role="reviewer_in"):
    response = client_for(role).get(
        reverse("communications:region", kwargs={"code": world.region_in.code})
    )
    assert response.status_code == 200
    return text_of(response.content.decode())


def busy(partnership, owner, *, old=False):
    today = clock.today()
    when = today - timedelta(days=200) if old else today - timedelta(days=5)
    story(partnership, owner, stage=Stage.ISSUED, issued_on=when)
    coverage(partnership, tone="positive", published_on=when)
    coverage(partnership, tone="negative", published_on=when)
    coverage(partnership, tone="neutral", published_on=when)


def test_each_partnership_of_the_region_with_its_last_quarter(world, client_for):
    owner = world.user("manager_this")
    brand(world.partnership)
    busy(world.partnership, owner)
    busy(world.partnership, owner, old=True)  # before the last quarter: not counted
    quiet = factories.PartnershipFactory(name="Quietville", region=world.region_in)
    busy(world.other_partnership, world.user("manager_other"))  # another region
    words = region_page(client_for, world)
    assert "Leedsford Yes 1 1 1 1" in words
    assert "Quietville No 0 0 0 0" in words
    assert "Boltham" not in words
    assert "In all: 1 story issued; coverage 1 positive, 1 neutral, 1 negative" in words
    html = client_for("reviewer_in").get(
        reverse("communications:region", kwargs={"code": world.region_in.code})
    )
    assert reverse("communications:partnership", kwargs={"code": quiet.ons_code}) in (
        html.content.decode()
    )


def test_the_review_facts_follow_the_stated_rules(world):
    today = clock.today()
    p, owner = world.partnership, world.user("manager_this")
    facts = selectors.review_facts([p.pk], today=today)[p.pk]
    assert facts.met == [False, False, False, False]
    brand(p)
    plan(p, review_due_on=today - timedelta(days=1))  # past its review date: not current
    busy(p, owner)
    coverage(p, tone="positive")
    facts = selectors.review_facts([p.pk], today=today)[p.pk]
    assert facts.met == [True, False, True, True]
    plan(p, review_due_on=today + timedelta(days=30))
    assert all(selectors.review_facts([p.pk], today=today)[p.pk].met)


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# The request's reads (session, user, roles, the second-factor device, the region) and the
# page's: partnerships, brands, stories issued, coverage balance.
REGION_QUERIES = 9


def test_the_region_view_runs_the_same_queries_at_1_and_30_partnerships(world, client_for):
    client = client_for("reviewer_in")
    url = reverse("communications:region", kwargs={"code": world.region_in.code})
    client.get(url)
    owner = world.user("manager_this")
    brand(world.partnership)
    busy(world.partnership, owner)
    one = _count(client, url)
    for n in range(29):
        other = factories.PartnershipFactory(name=f"Town {n:02}", region=world.region_in)
        brand(other, name=f"Safer Town {n}")
        busy(other, owner)
    thirty = _count(client, url)
    assert one == thirty == REGION_QUERIES
    assert "Town 28 Yes 1 1 1 1" in region_page(client_for, world)
