"""The demo data: idempotent, and it gives every partnership page realistic content."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships import demo, selectors
from partnerships.models import (
    Action,
    Attendance,
    Contact,
    Document,
    Group,
    Meeting,
    Membership,
    Partnership,
    Priority,
)

pytestmark = pytest.mark.django_db

MODELS = [Partnership, Membership, Contact, Group, Meeting, Attendance, Document, Priority, Action]


def test_seeding_twice_adds_nothing(leeds):
    counts = {model: model.objects.count() for model in MODELS}
    demo.seed()
    assert {model: model.objects.count() for model in MODELS} == counts


def test_leeds_shows_every_problem_the_report_describes(leeds):
    partnership, _users = leeds
    overview = selectors.partnership_overview(partnership=partnership)
    assert partnership.police_force_area == "West Yorkshire"
    assert partnership.population == 811200
    gaps = [row.agency_type.slug for row in overview.depth_gaps]
    assert "health-commissioner" in gaps
    assert overview.single_points, "a single point of failure"
    assert overview.unconfirmed, "an unconfirmed contact"
    assert overview.overdue_documents
    assert overview.progress.overdue
    assert sum(g.meeting_count for g in overview.groups) >= 20
    assert any(d.is_joint_with_police for d in overview.documents)


def _pages(partnership):
    code = partnership.ons_code
    group = partnership.groups.first()
    meeting = Meeting.objects.filter(group__partnership=partnership).first()
    membership = partnership.memberships.first()
    contact = Contact.objects.filter(membership__partnership=partnership).first()
    document = partnership.documents.first()
    action = partnership.actions.first()
    priority = partnership.priorities.first()
    names = [
        ("partnership-detail", {}),
        ("partnership-history", {}),
        ("profile-edit", {}),
        ("member-add", {}),
        ("contact-list", {}),
        ("group-list", {}),
        ("group-add", {}),
        ("document-list", {}),
        ("document-add", {}),
        ("action-list", {}),
        ("action-add", {}),
        ("priority-add", {}),
        ("export-members", {}),
        ("export-contacts", {}),
        ("export-actions", {}),
        ("member-detail", {"pk": membership.pk}),
        ("member-edit", {"pk": membership.pk}),
        ("member-history", {"pk": membership.pk}),
        ("contact-add", {"pk": membership.pk}),
        ("contact-edit", {"pk": contact.pk}),
        ("contact-history", {"pk": contact.pk}),
        ("group-detail", {"pk": group.pk}),
        ("group-edit", {"pk": group.pk}),
        ("group-history", {"pk": group.pk}),
        ("meeting-add", {"pk": group.pk}),
        ("meeting-detail", {"pk": meeting.pk}),
        ("meeting-edit", {"pk": meeting.pk}),
        ("meeting-history", {"pk": meeting.pk}),
        ("document-detail", {"pk": document.pk}),
        ("document-edit", {"pk": document.pk}),
        ("document-history", {"pk": document.pk}),
        ("action-edit", {"pk": action.pk}),
        ("action-history", {"pk": action.pk}),
        ("priority-edit", {"pk": priority.pk}),
        ("priority-history", {"pk": priority.pk}),
    ]
    return [reverse(f"partnerships:{name}", kwargs={"code": code, **kw}) for name, kw in names]


def test_every_leeds_page_renders_for_its_manager(leeds):
    partnership, users = leeds
    client = Client()
    client.force_login(
        users["manager@example.org"], backend="accounts.backends.EmailPasswordBackend"
    )
    for url in _pages(partnership):
        response = client.get(url)
        assert response.status_code == 200, url
    home = client.get(reverse("home"))
    assert b"What needs attention" in home.content


def test_leeds_summary_matches_its_table_and_counts_people(leeds):
    """Issue 17: only health is at strategic level alone (fire and probation also attend
    tactical meetings), and one person holding up three places is one person."""
    partnership, _users = leeds
    overview = selectors.partnership_overview(partnership=partnership)
    assert [row.agency_type.slug for row in overview.depth_gaps] == ["health-commissioner"]
    assert overview.single_point_people < len(overview.single_points)
    assert {flag.person for flag in overview.single_points} == {"Jess Young"}


def test_no_label_users_read_says_demo(leeds):
    groups = set(Partnership.objects.values_list("most_similar_group", flat=True))
    assert "Group 4: large cities" in groups
    assert not [group for group in groups if "demo" in group.lower()]
