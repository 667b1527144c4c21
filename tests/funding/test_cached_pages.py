"""The finder's and the timetable's content is kept until what it shows changes (funding.caching).

With the cache on (as in every test), a second visit reads the kept HTML instead of
searching again; a change to any record the pages show, made through the services or the
models, shows on the next visit, and so does the passing of time (an opportunity closing, the
day turning); and one user's kept page never reaches another user with other watches, other
partnerships or other permissions.
"""

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from funding import caching, services
from funding.models import Theme
from partnerships.models import Region

from .factories import FunderFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

FILTERED = "?q=youth&theme=violence&closing_within=90&sort=closing"


@pytest.fixture
def now(clock):
    clock.current = timezone.make_aware(datetime(2026, 11, 2, 9))
    return clock.current


def visit(client, path):
    """(the page's main content with its CSRF tokens blanked, number of queries)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert caching.CSRF_MARKER not in page
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", main), len(queries)


def finder(path=""):
    return reverse("funding:finder") + path


def timetable(path=""):
    return reverse("funding:timetable") + path


@pytest.mark.parametrize(
    "path", [finder(), finder(FILTERED), timetable(), timetable("?theme=violence")]
)
def test_a_second_visit_reads_the_kept_content(world, client_for, now, path):
    OpportunityFactory(title="Youth violence fund", closes_at=now + timedelta(days=20))
    OpportunityFactory(title="Safer streets", closes_at=now + timedelta(days=200))
    client = client_for("manager_this")
    first, worked_out = visit(client, path)
    second, kept_queries = visit(client, path)
    assert second == first
    assert "Youth violence fund" in first
    # Sign-in (session, user, roles) and when opportunities last opened or closed.
    assert kept_queries == 4
    assert worked_out >= kept_queries + 4, (worked_out, kept_queries)


def test_the_kept_finder_carries_this_requests_csrf_token(world, client_for, now):
    opportunity = OpportunityFactory(title="Youth violence fund")
    client = client_for("manager_this")
    client.get(finder())
    client.handler.enforce_csrf_checks = True
    page = client.get(finder()).content.decode()
    form = page[
        page.index(f'action="{reverse("funding:opportunity-watch", args=[opportunity.pk])}"') :
    ]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        reverse("funding:opportunity-watch", args=[opportunity.pk]),
        {"csrfmiddlewaretoken": token, "watch": "1", "next": finder()},
    )
    assert response.status_code == 302
    assert "Stop watching" in visit(client, finder())[0]


def test_catalogue_changes_show_at_once(world, client_for, now):
    admin = world.users["admin"]
    funder = FunderFactory(name="Home Office")
    opportunity = OpportunityFactory(
        title="Youth violence fund", funder=funder, closes_at=now + timedelta(days=20)
    )
    client = client_for("manager_this")
    for path in (finder(), finder(FILTERED), timetable()):
        assert "Youth violence fund" in visit(client, path)[0]

    services.opportunity_update(
        opportunity=opportunity, user=admin, title="Youth violence fund, round 2"
    )
    for path in (finder(), finder(FILTERED), timetable()):
        assert "Youth violence fund, round 2" in visit(client, path)[0], path

    opportunity.themes.set(Theme.objects.filter(slug="youth"))  # no longer "violence"
    assert "round 2" not in visit(client, finder(FILTERED))[0]
    assert "round 2" in visit(client, finder())[0]

    funder.name = "Ministry of Justice"
    funder.save()
    assert "Ministry of Justice" in visit(client, finder())[0]
    assert "Ministry of Justice" in visit(client, timetable())[0]

    Theme.objects.create(slug="knife-crime", name="Knife crime", order=99)
    assert "Knife crime" in visit(client, finder())[0]  # a new box in the filter panel
    region = Region.objects.get(pk=world.region_in.pk)
    region.name = "Renamed region"
    region.save()
    assert "Renamed region" in visit(client, timetable())[0]

    OpportunityFactory(title="A new pot", closes_at=now + timedelta(days=40))
    assert "A new pot" in visit(client, finder())[0]
    assert "A new pot" in visit(client, timetable())[0]
    opportunity.delete()
    assert "round 2" not in visit(client, finder())[0]
    assert "round 2" not in visit(client, timetable())[0]


def test_watching_shows_at_once_and_only_to_the_watcher(world, client_for, now):
    opportunity = OpportunityFactory(title="Youth violence fund")
    this, other = client_for("manager_this"), client_for("manager_other")
    for client in (this, other):
        assert "Stop watching" not in visit(client, finder())[0]
    services.watch_add(user=world.users["manager_this"], opportunity=opportunity)
    assert "Stop watching" in visit(this, finder())[0]
    assert "Stop watching" not in visit(other, finder())[0]
    services.watch_remove(user=world.users["manager_this"], opportunity=opportunity)
    assert "Stop watching" not in visit(this, finder())[0]


def test_closing_and_opening_show_without_any_record_changing(world, client_for, clock, now):
    soon = OpportunityFactory(title="Pot closing today", closes_at=now + timedelta(hours=2))
    OpportunityFactory(
        title="Forthcoming", opens_at=now + timedelta(hours=1), closes_at=now + timedelta(days=100)
    )
    OpportunityFactory(
        title="Later", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=95)
    )

    # Each visit signs in afresh: an idle session times out as the clock moves on.
    def page(path):
        return visit(client_for("manager_this"), path)[0]

    assert "Pot closing today" in page(finder()) and "govuk-tag--blue" in page(finder())
    assert "Later" not in page(finder("?closing_within=90"))
    assert "Pot closing today" in page(timetable())

    clock.current = now + timedelta(hours=1, minutes=30)  # "Forthcoming" opened
    assert "govuk-tag--blue" not in page(finder())
    clock.current = now + timedelta(hours=3)  # "Pot closing today" closed
    assert soon.title not in page(finder())
    assert soon.title not in page(timetable())
    clock.current = now + timedelta(days=6)  # "Later" closes within 90 days
    assert "Later" in page(finder("?closing_within=90"))


def test_the_timetable_moves_on_with_the_day(world, client_for, clock, now):
    OpportunityFactory(
        title="Youth violence fund",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=60),
    )
    assert "November 2026" in visit(client_for("manager_this"), timetable())[0]
    clock.current = timezone.make_aware(datetime(2026, 12, 1, 9))
    page = visit(client_for("manager_this"), timetable())[0]
    assert "November 2026" not in page and "November 2027" in page


def test_eligibility_is_kept_per_partnership(world, client_for, now):
    mine = OpportunityFactory(title="Only for this partnership", is_national=False)
    mine.partnerships.set([world.partnership])
    path = finder("?eligible=on")
    assert "Only for this partnership" in visit(client_for("manager_this"), path)[0]
    assert "Only for this partnership" not in visit(client_for("manager_other"), path)[0]
    assert (
        "Only for this partnership"
        in visit(client_for("manager_this"), timetable("?eligible=on"))[0]
    )
    assert (
        "Only for this partnership"
        not in visit(client_for("manager_other"), timetable("?eligible=on"))[0]
    )
    # Reviewers work in no partnership: no "eligible" box for them.
    assert "Only opportunities my partnership" in visit(client_for("manager_this"), timetable())[0]
    assert (
        "Only opportunities my partnership" not in visit(client_for("reviewer_in"), timetable())[0]
    )


def test_links_follow_each_users_permissions(world, client_for, now):
    OpportunityFactory(title="Youth violence fund")
    publish = reverse("funding:opportunity-create")
    insight = reverse("funding:insight")
    assert publish not in visit(client_for("manager_this"), finder())[0]
    assert publish in visit(client_for("reviewer_in"), finder())[0]
    assert insight not in visit(client_for("manager_this"), timetable())[0]
    assert insight in visit(client_for("reviewer_in"), timetable())[0]


def test_a_bad_filter_still_says_error_in_the_title(world, client_for, now):
    client = client_for("manager_this")
    for _ in range(2):
        page = client.get(finder("?closing_within=0")).content.decode()
        assert "<title>Error: Find funding" in page
        page = client.get(timetable("?closing_within=0")).content.decode()
        assert "<title>Error: Funding timetable" in page
