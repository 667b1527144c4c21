"""The good-practice search page's body is kept (core.cache) and is shown again
only while nothing it shows has changed, and only to users whose ranking context (their own
partnerships, most similar groups and regions) and permission to write are the same."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.clock import today
from goodpractice import services
from goodpractice.models import AdoptionResult, Theme

from .factories import published, submitted

pytestmark = pytest.mark.django_db

SEARCH = reverse("goodpractice:search")
# A kept page reads the session, the user, their roles and their partnerships' ranking context.
KEPT_QUERIES = 4


@pytest.fixture
def clients(client_for):
    made = {}

    def get(role_name):
        if role_name not in made:
            made[role_name] = client_for(role_name)
        return made[role_name]

    return get


def fetch(client, query="?q=youth"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH + query)
    assert response.status_code == 200
    # Each response masks the CSRF token (of the sign-out form) afresh.
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return page, len(queries.captured_queries)


def test_the_second_request_reads_less_and_shows_the_same(world, clients):
    published(partnership=world.other_partnership, title="Youth diversion in the evenings")
    client = clients("manager_this")
    first, first_queries = fetch(client)
    second, second_queries = fetch(client)
    assert "Youth diversion in the evenings" in first
    assert second == first
    assert second_queries < first_queries
    assert second_queries == KEPT_QUERIES


def test_filtered_and_paged_searches_are_kept_apart(world, clients):
    published(partnership=world.other_partnership, title="Youth bus outreach", outcome="worked")
    client = clients("manager_this")
    plain, _ = fetch(client)
    filtered, _ = fetch(client, "?q=youth&outcome=did_not_work")
    assert "Youth bus outreach" in plain
    assert "Youth bus outreach" not in filtered
    assert fetch(client, "?q=youth&outcome=did_not_work")[0] == filtered


def test_bad_filters_still_give_an_error_title_when_kept(world, clients):
    client = clients("manager_this")
    for _ in range(2):
        page, _ = fetch(client, "?q=youth&outcome=glorious")
        assert "<title>Error:" in page
        assert "Choose outcome from the list" in page


def test_a_newly_published_entry_shows_at_once(world, clients):
    client = clients("manager_this")
    assert "Youth night patrols" not in fetch(client)[0]
    published(partnership=world.other_partnership, title="Youth night patrols")
    assert "Youth night patrols" in fetch(client)[0]


def test_an_archived_entry_goes_at_once(world, clients):
    entry = published(partnership=world.other_partnership, title="Youth night patrols")
    client = clients("manager_this")
    assert "Youth night patrols" in fetch(client)[0]
    services.entry_archive(entry=entry, user=None)
    assert "Youth night patrols" not in fetch(client)[0]


def test_an_adoption_shows_at_once(world, clients):
    entry = published(partnership=world.other_partnership, title="Youth night patrols")
    client = clients("manager_this")
    assert "Not yet" in fetch(client)[0]
    services.adoption_record(
        entry=entry,
        partnership=world.partnership,
        user=world.users["manager_this"],
        started_on=today(),
        result=AdoptionResult.choices[0][0],
        explanation="Tried it in the town centre",
    )
    page = fetch(client)[0]
    assert "1 partnership" in page and "Not yet" not in page


def test_themes_partnerships_and_regions_renamed_show_at_once(world, clients):
    entry = published(partnership=world.other_partnership, title="Youth night patrols")
    client = clients("manager_this")
    fetch(client)
    theme = entry.themes.first()
    theme.name = "Renamed theme"
    theme.save()
    assert "Renamed theme" in fetch(client)[0]
    world.other_partnership.name = "Renamed partnership"
    world.other_partnership.save()
    assert "Renamed partnership" in fetch(client)[0]
    world.region_out.name = "Renamed region"
    world.region_out.save()
    assert "Renamed region" in fetch(client)[0]


def test_an_entry_given_another_theme_shows_it_at_once(world, clients):
    entry = published(partnership=world.other_partnership, title="Youth night patrols")
    client = clients("manager_this")
    extra = Theme.objects.exclude(pk__in=entry.themes.all()).first()
    by_theme = f"?q=youth&theme={extra.slug}"
    assert "Youth night patrols" not in fetch(client, by_theme)[0]
    entry.themes.add(extra)
    assert "Youth night patrols" in fetch(client, by_theme)[0]


def test_unpublished_entries_are_never_kept_into_anyones_results(world, clients):
    """A submitted entry of the manager's own partnership is readable by that manager and the
    region's reviewer, but search (kept or not) shows published entries only."""
    submitted(partnership=world.partnership, title="Youth draft awaiting review")
    for role_name in ("manager_this", "reviewer_in", "admin", "manager_other"):
        for _ in range(2):
            assert "Youth draft awaiting review" not in fetch(clients(role_name))[0]


def test_a_kept_page_is_not_shown_to_a_user_ranked_differently(world, clients):
    published(partnership=world.partnership, title="Youth club in Leedsford")
    own, _ = fetch(clients("manager_this"))
    assert "From your own partnership" in own
    other, other_queries = fetch(clients("manager_other"))
    assert "Youth club in Leedsford" in other
    assert "From your own partnership" not in other
    assert other_queries > KEPT_QUERIES  # worked out for this user, not read from the other's
    reviewer, _ = fetch(clients("reviewer_in"))
    assert "From your own partnership" not in reviewer
    assert "From your region" in reviewer


def test_users_ranked_alike_share_the_kept_results(world, clients):
    """Staff of an agency in the manager's partnership have the same ranking context; whether
    they may write entries is part of the key, so the "Write an entry" link stays right."""
    published(partnership=world.partnership, title="Youth club in Leedsford")
    manager, _ = fetch(clients("manager_this"))
    staff, _ = fetch(clients("staff_this"))
    assert "From your own partnership" in manager and "From your own partnership" in staff
    for page, user in ((manager, world.users["manager_this"]), (staff, world.users["staff_this"])):
        can_write = user.has_perm("goodpractice.add_entry")
        assert (reverse("goodpractice:entry-create") in page) == can_write
