"""CSV exports of the watch list and the funding insight tables."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from core import clock
from funding.models import Watch

from .factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_watch_list_export_has_only_the_users_watches(world, client_for):
    mine = OpportunityFactory(title="=Safer streets")  # a formula is written as text
    theirs = OpportunityFactory(title="Someone else's")
    Watch.objects.create(user=world.users["manager_this"], opportunity=mine)
    Watch.objects.create(user=world.users["manager_other"], opportunity=theirs)
    (row,) = rows(client_for("manager_this").get(reverse("funding:watch-list-export")))
    assert row["Title"] == "'=Safer streets"


def test_the_insight_export_has_both_tables(world, client_for):
    now = clock.now()
    funder = FunderFactory(name="Home Office")
    OpportunityFactory(
        funder=funder,
        total_pot=5_000,
        published_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=1),
        themes=["youth"],
    )
    found = rows(client_for("reviewer_in").get(reverse("funding:insight-export")))
    assert {(r["Breakdown"], r["Name"], r["Opportunities"]) for r in found} == {
        ("Funder", "Home Office", "1"),
        ("Theme", "Youth", "1"),
    }
    assert client_for("manager_this").get(reverse("funding:insight-export")).status_code == 403
