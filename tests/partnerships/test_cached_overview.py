"""The partnership overview's body is kept in the cache (core.cache): it is read
again without its queries, shows a change to any record it shows at once, follows the day,
and is never shown to anyone who may not read the partnership, nor with edit links to a
reader who may not change it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import services
from partnerships.models import ActionStatus, Membership
from tests import factories
from tests.partnerships import factories as f

pytestmark = pytest.mark.django_db


def overview_url(partnership):
    return reverse("partnerships:partnership-detail", kwargs={"code": partnership.ons_code})


def url(name, partnership):
    return reverse(f"partnerships:{name}", kwargs={"code": partnership.ons_code})


def get(client, partnership):
    """The page's main content (the header holds the per-request CSRF token) and the number
    of queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(overview_url(partnership))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")], len(queries)


def test_the_overview_is_read_again_without_its_queries(client_for, world):
    membership = world.partnership.memberships.get()
    f.ContactFactory(membership=membership, name="Pat Police")
    f.DocumentFactory(partnership=world.partnership, title="Needs assessment")
    f.ActionFactory(
        partnership=world.partnership,
        owner=world.agency,
        title="Late patrols",
        due_on=datetime.date.today() - datetime.timedelta(days=3),
    )
    client = client_for("manager_this")
    first, first_count = get(client, world.partnership)
    second, second_count = get(client, world.partnership)
    assert second == first
    assert "Pat Police" not in first  # confirmed today: not listed as unconfirmed
    assert "Needs assessment" in first and "Late patrols" in first
    assert first_count == 12  # with the priorities of the evidence chain
    # Session, user, roles, the partnership: the overview itself runs none.
    assert second_count == 4


def test_each_kind_of_record_shown_changes_the_overview_at_once(client_for, world):
    client = client_for("manager_this")
    partnership = world.partnership
    membership = partnership.memberships.get()
    get(client, partnership)

    services.partnership_update_profile(
        partnership=partnership, values={"most_similar_group": "Group Seven"}
    )
    assert "Group Seven" in get(client, partnership)[0]

    world.agency.name = "West Leedsford Police"
    world.agency.save()
    assert "West Leedsford Police" in get(client, partnership)[0]

    health = factories.AgencyFactory(name="Leedsford ICB")
    added = services.membership_add(partnership=partnership, agency=health)
    assert "Leedsford ICB" in get(client, partnership)[0]

    contact = f.ContactFactory(
        membership=membership,
        name="Casey Contact",
        confirmed_on=datetime.date.today() - datetime.timedelta(days=500),
    )
    assert "Casey Contact" in get(client, partnership)[0]
    services.contact_confirm(contact=contact)
    assert "Casey Contact" not in get(client, partnership)[0]

    group = services.group_create(partnership=partnership, name="Tasking Group", kind="tasking")
    assert "Tasking Group" in get(client, partnership)[0]

    held_on = datetime.date.today() - datetime.timedelta(days=10)
    meeting = services.meeting_record(
        group=group, held_on=held_on, expected=[membership, added], attended=[membership]
    )
    body = get(client, partnership)[0]
    assert f"{held_on:%-d %B %Y}" in body and "(1 of 1)" in body and "(0 of 1)" in body

    services.meeting_update(
        meeting=meeting, held_on=held_on, expected=[membership, added], attended=[membership, added]
    )
    assert "(0 of 1)" not in get(client, partnership)[0]

    document = services.document_add(
        partnership=partnership,
        values={
            "kind": "strategic_assessment",
            "title": "Assessment 2026",
            "published_on": datetime.date.today(),
        },
    )
    assert "Assessment 2026" in get(client, partnership)[0]
    services.document_update(document=document, values={"title": "Assessment 2027"})
    assert "Assessment 2027" in get(client, partnership)[0]

    action = services.action_create(
        partnership=partnership,
        values={
            "title": "Light the underpass",
            "owner": world.agency,
            "due_on": datetime.date.today() - datetime.timedelta(days=2),
        },
    )
    assert "Light the underpass" in get(client, partnership)[0]
    services.action_update(action=action, values={"status": ActionStatus.DONE})
    assert "Light the underpass" not in get(client, partnership)[0]

    Membership.objects.get(pk=added.pk).delete()
    assert "Leedsford ICB" not in get(client, partnership)[0]


def test_the_overview_follows_the_day(client_for, world, clock):
    today = clock.current.date()
    f.DocumentFactory(
        partnership=world.partnership,
        title="Safety plan",
        review_due_on=today + datetime.timedelta(days=1),
    )
    assert "document review overdue" not in get(client_for("manager_this"), world.partnership)[0]
    clock.advance(days=2)
    # Signed in afresh: the first session has timed out.
    assert "1 document review overdue" in get(client_for("manager_this"), world.partnership)[0]


def test_a_kept_overview_is_shown_only_to_readers_of_the_partnership(client_for, world):
    f.DocumentFactory(partnership=world.partnership, title="Leedsford plan")
    manager_body = get(client_for("manager_this"), world.partnership)[0]
    assert "Leedsford plan" in manager_body
    assert url("profile-edit", world.partnership) in manager_body
    for role in ("manager_other", "reviewer_out", "staff_other"):
        response = client_for(role).get(overview_url(world.partnership))
        assert response.status_code == 404, role
    # Readers who may not change the partnership never get the manager's edit links.
    for role in ("reviewer_in", "staff_this"):
        body = get(client_for(role), world.partnership)[0]
        assert "Leedsford plan" in body, role
        assert url("profile-edit", world.partnership) not in body, role
        assert url("member-add", world.partnership) not in body, role
    # The other partnership's manager sees their own partnership, not this one's kept page.
    other_body = get(client_for("manager_other"), world.other_partnership)[0]
    assert "Leedsford plan" not in other_body and "Boltham" in other_body
