"""The demo good practice: 30+ entries across themes and outcome labels, the report's examples,
adoptions, work waiting for the demo reviewer; seeding twice adds nothing."""

import pytest

from goodpractice import demo
from goodpractice.models import Adoption, Entry, Outcome, Status
from partnerships import demo as partnership_demo

pytestmark = pytest.mark.django_db


def test_demo_entries(world):
    partnership_demo.seed()
    demo.seed()
    counts = (Entry.objects.count(), Adoption.objects.count())
    published = Entry.objects.filter(status=Status.PUBLISHED)
    assert published.count() >= 30
    assert set(published.values_list("outcome", flat=True)) == set(Outcome.values)
    assert published.values("themes").distinct().count() >= 10
    titles = " ".join(published.values_list("title", flat=True)).lower()
    for example in ("behave or be banned", "local paper", "brand", "joint strategic assessment"):
        assert example in titles
    assert Adoption.objects.order_by().values("entry").distinct().count() >= 10
    assert Entry.objects.filter(status=Status.SUBMITTED, partnership__ons_code="E22000345")
    assert all(e.checks.filter(is_met=True).exists() for e in published[:5])
    demo.seed()
    assert (Entry.objects.count(), Adoption.objects.count()) == counts
