"""Every list and detail page runs the same number of queries with 1 row and with 50.

Each page is measured at 1 and at 50 rows; the counts must be equal and within the pinned
maximum."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Level
from tests import factories
from tests.partnerships import factories as f

pytestmark = pytest.mark.django_db

# Session, user, role assignments and the partnership come first on every page.
MAX_QUERIES = {
    "partnership-detail": 14,
    "member-detail": 11,
    "contact-list": 8,
    "group-list": 8,
    "group-detail": 9,
    "meeting-detail": 9,
    "document-list": 8,
    "document-detail": 9,
    "action-list": 9,
    # Each export includes writing its audit-log entry.
    "export-members": 10,
    "export-contacts": 9,
    "export-actions": 9,
}


def _grow(world, n):
    """n members, each with contacts at two levels, meeting attendance, documents and actions;
    n groups, meetings and priorities."""
    partnership = world.partnership
    group = f.GroupFactory(partnership=partnership, name="Board")
    meeting = f.MeetingFactory(group=group)
    first = partnership.memberships.get()
    members = [first] + [
        factories.MembershipFactory(
            partnership=partnership,
            strategic=True,
            tactical=i % 2 == 0,
            agency=factories.AgencyFactory(
                agency_type=factories.agency_type(
                    ["police", "health-commissioner", "fire", "voluntary"][i % 4]
                )
            ),
        )
        for i in range(n - 1)
    ]
    for i, membership in enumerate(members):
        f.ContactFactory(
            membership=membership,
            level=Level.STRATEGIC,
            deputy_name="",
            deputy_email="",
            confirmed_on=datetime.date(2020, 1, 1),
        )
        f.ContactFactory(membership=membership, level=Level.TACTICAL)
        f.AttendanceFactory(meeting=meeting, membership=membership, attended=i % 2 == 0)
    for i in range(n - 1):
        f.GroupFactory(partnership=partnership)
        f.MeetingFactory(group=group, held_on=datetime.date.today() - datetime.timedelta(days=i))
    documents = []
    for i in range(n):
        priority = f.PriorityFactory(partnership=partnership)
        document = f.DocumentFactory(
            partnership=partnership,
            review_due_on=datetime.date.today() - datetime.timedelta(days=i - 5),
        )
        priority.documents.add(document)
        documents.append(document)
        f.ActionFactory(
            partnership=partnership,
            owner=members[i % len(members)].agency,
            priority=priority if i % 2 else None,
            due_on=datetime.date.today() - datetime.timedelta(days=i - 10),
        )
    return {"membership": first, "group": group, "meeting": meeting, "document": documents[0]}


def _count(client, name, world, records):
    kwargs = {"code": world.partnership.ons_code}
    if name in ("member-detail",):
        kwargs["pk"] = records["membership"].pk
    elif name == "group-detail":
        kwargs["pk"] = records["group"].pk
    elif name == "meeting-detail":
        kwargs["pk"] = records["meeting"].pk
    elif name == "document-detail":
        kwargs["pk"] = records["document"].pk
        records["document"].priorities.add(*world.partnership.priorities.all())
    path = reverse(f"partnerships:{name}", kwargs=kwargs)
    client.get(path)  # warm any per-process caches (templates, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def counts_at(world, client_for):
    def measure(n):
        records = _grow(world, n)
        client = client_for("manager_this")
        return {name: _count(client, name, world, records) for name in MAX_QUERIES}

    return measure


@pytest.mark.parametrize("n", [1, 50])
def test_page_query_counts_are_pinned(counts_at, n):
    counts = counts_at(n)
    too_many = {name: count for name, count in counts.items() if count > MAX_QUERIES[name]}
    assert not too_many, f"at {n} rows: {too_many} (pinned: {MAX_QUERIES})"


def test_query_counts_do_not_grow_with_rows(world, client_for):
    one = {}
    records = _grow(world, 1)
    client = client_for("manager_this")
    for name in MAX_QUERIES:
        one[name] = _count(client, name, world, records)
    # Grow the same partnership to 50 of everything.
    more = _grow_more(world, 49)
    fifty = {name: _count(client, name, world, {**records, **more}) for name in MAX_QUERIES}
    assert fifty == one


def _grow_more(world, extra):
    partnership = world.partnership
    group = partnership.groups.get(name="Board")
    meeting = group.meetings.first()
    for _i in range(extra):
        membership = factories.MembershipFactory(partnership=partnership, strategic=True)
        f.ContactFactory(
            membership=membership, level=Level.STRATEGIC, deputy_name="", deputy_email=""
        )
        f.AttendanceFactory(meeting=meeting, membership=membership)
        f.GroupFactory(partnership=partnership)
        f.MeetingFactory(group=group)
        priority = f.PriorityFactory(partnership=partnership)
        priority.documents.add(f.DocumentFactory(partnership=partnership))
        f.ActionFactory(partnership=partnership, owner=membership.agency, priority=priority)
        f.ContactFactory(membership=partnership.memberships.first(), level=Level.OPERATIONAL)
    return {}


def test_overview_runs_the_same_queries_with_1_and_50_members(
    world, client_for, django_assert_num_queries, settings
):
    """The issue's own check, pinned exactly, on the work itself (nothing kept)."""
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for("manager_this")
    path = reverse("partnerships:partnership-detail", kwargs={"code": world.partnership.ons_code})
    client.get(path)
    with CaptureQueriesContext(connection) as one:
        client.get(path)
    # Session, user, roles, the partnership, then the overview's own (partnerships.selectors
    # partnership_overview): members, contacts, agency types, groups, actions, documents,
    # priorities and the documents they cite (with none cited and no priority, the data
    # drawn on and the indicators are not looked up).
    assert len(one) == 12
    for _ in range(49):
        membership = factories.MembershipFactory(partnership=world.partnership, strategic=True)
        f.ContactFactory(membership=membership)
    assert world.partnership.memberships.count() == 50
    with django_assert_num_queries(len(one)):
        response = client.get(path)
    assert response.content.decode().count("/members/") >= 50
