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


def test_the_timetable_export_lists_every_event_of_the_filtered_year(world, client_for):
    """More closings than the page shows in a month, all in the CSV; filters apply as on the
    page, and titles are written so a spreadsheet never runs them."""
    now = clock.now()
    OpportunityFactory.create_batch(25, title="Youth pot", closes_at=now + timedelta(days=10))
    OpportunityFactory(title="=Sheet formula", closes_at=now + timedelta(days=40))
    client = client_for("manager_this")
    found = rows(client.get(reverse("funding:timetable-export")))
    closings = [r for r in found if r["What"] == "Closes"]
    assert len(closings) == 26
    assert "'=Sheet formula" in {r["Opportunity"] for r in closings}
    assert all(r["Link"].startswith("http://testserver/funding/opportunities/") for r in found)
    filtered = rows(client.get(reverse("funding:timetable-export"), {"q": "formula"}))
    assert {r["Opportunity"] for r in filtered} == {"'=Sheet formula"}
    page = client.get(reverse("funding:timetable"), {"q": "formula"}).content.decode()
    assert reverse("funding:timetable-export") + "?q=formula" in page
