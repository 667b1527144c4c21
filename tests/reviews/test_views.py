"""Dashboard scoping and query count, notes and actions, the manager's shared notes, the
reminder sent once, and the estimator's sums."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from reviews import estimator, services
from reviews.models import BenefitShare, FollowUpAction, ReviewNote, UnitCost
from tests import factories


def test_dashboard_shows_only_the_reviewers_regions(world, client_for):
    response = client_for("reviewer_in").get(reverse("reviews:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Leedsford" in body and "Boltham" not in body
    assert "1 of 1 partnership has no A&amp;E data flowing" in body
    admin_body = client_for("admin").get(reverse("reviews:dashboard")).content.decode()
    assert "Leedsford" in admin_body and "Boltham" in admin_body


def test_dashboard_filters_and_sorts_by_query_string(world, client_for):
    client = client_for("admin")
    url = reverse("reviews:dashboard")
    body = client.get(url, {"region": world.region_out.code}).content.decode()
    assert "Boltham" in body and "Leedsford" not in body
    body = client.get(url, {"dimension": "istv", "rating": "green"}).content.decode()
    assert "No partnership matches" in body
    response = client.get(url, {"sort": "coverage", "order": "desc"})
    assert response.status_code == 200
    assert 'aria-sort="descending"' in response.content.decode()


def test_dashboard_export_has_reasons(world, client_for):
    response = client_for("reviewer_in").get(reverse("reviews:dashboard-export"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Leedsford" in text and "no emergency department is a member" in text


def _many_partnerships(region, n):
    police = factories.agency_type("police")
    for i in range(n):
        p = factories.PartnershipFactory(name=f"Town {i:02}", region=region)
        agency = factories.AgencyFactory(name=f"Town {i:02} Police", agency_type=police)
        factories.MembershipFactory(partnership=p, agency=agency, strategic=True)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_query_count_is_the_same_for_1_and_50_partnerships(world, client_for):
    client = client_for("reviewer_in")
    url = reverse("reviews:dashboard")
    client.get(url)  # warm the session and caches, and keep the ratings
    one = _queries(client, url)
    _many_partnerships(world.region_in, 49)
    client.get(url)  # keep the new partnerships' ratings
    fifty = _queries(client, url)
    assert fifty == one


def test_the_ratings_table_shows_fifty_partnerships_a_page(world, client_for):
    """Summaries and the caption count every partnership; the table pages through them in the
    chosen order, keeping the filters, and the export still holds them all."""
    _many_partnerships(world.region_in, 59)  # 60 with Leedsford
    client = client_for("reviewer_in")
    url = reverse("reviews:dashboard")
    first = client.get(url, {"sort": "coverage"}).content.decode()
    assert "60 partnerships" in first and "page 1 of 2" in first
    assert first.count('<th scope="row"') == 50
    assert 'href="?sort=coverage&amp;page=2"' in first
    second = client.get(url, {"sort": "coverage", "page": 2}).content.decode()
    assert second.count('<th scope="row"') == 10
    shown = {
        name for body in (first, second) for name in re.findall(r">(Town \d\d|Leedsford)<", body)
    }
    assert len(shown) == 60
    assert client.get(url, {"page": "last-but-one"}).status_code == 200  # not a number: page 1
    export = client.get(reverse("reviews:dashboard-export")).content.decode()
    assert export.count("Town ") == 59


def test_reviewer_writes_a_note_and_a_follow_up(world, client_for):
    client = client_for("reviewer_in")
    code = world.partnership.ons_code
    today = timezone.localdate()
    response = client.post(
        reverse("reviews:note-create", kwargs={"code": code}),
        {
            "written_on_0": today.day,
            "written_on_1": today.month,
            "written_on_2": today.year,
            "text": "Health attends the board only.",
            "shared_with_manager": "on",
        },
    )
    assert response.status_code == 302
    due = today + timedelta(days=14)
    response = client.post(
        reverse("reviews:action-create", kwargs={"code": code}),
        {
            "title": "Invite the ED lead to tasking",
            "owner_agency": world.agency.pk,
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "status": "open",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("reviews:review", kwargs={"code": code})).content.decode()
    assert "Health attends the board only." in page and "Invite the ED lead" in page
    note = ReviewNote.objects.get()
    assert note.author == world.user("reviewer_in") and note.shared_with_manager


def test_follow_up_needs_an_owner(world, client_for):
    due = timezone.localdate() + timedelta(days=3)
    response = client_for("reviewer_in").post(
        reverse("reviews:action-create", kwargs={"code": world.partnership.ons_code}),
        {
            "title": "Something",
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not FollowUpAction.objects.exists()


def test_manager_sees_only_shared_notes(world, client_for):
    ReviewNote.objects.create(
        partnership=world.partnership,
        text="Shared with you",
        shared_with_manager=True,
        author=world.user("reviewer_in"),
    )
    ReviewNote.objects.create(
        partnership=world.partnership, text="Reviewers only note", author=world.user("reviewer_in")
    )
    url = reverse("reviews:shared-notes", kwargs={"code": world.partnership.ons_code})
    body = client_for("manager_this").get(url).content.decode()
    assert "Shared with you" in body and "Reviewers only note" not in body
    assert (
        client_for("manager_this")
        .get(reverse("reviews:review", kwargs={"code": world.partnership.ons_code}))
        .status_code
        == 403
    )
    assert client_for("manager_other").get(url).status_code == 404


def test_reminder_is_sent_once(world):
    reviewer = world.user("reviewer_in")
    today = timezone.localdate()
    action = FollowUpAction.objects.create(
        partnership=world.partnership,
        title="Chase data",
        owner_text="Police",
        due_on=today,
        created_by=reviewer,
    )
    FollowUpAction.objects.create(
        partnership=world.partnership,
        title="Later",
        owner_text="Police",
        due_on=today + timedelta(days=5),
        created_by=reviewer,
    )
    assert services.follow_up_reminders_send(today=today) == 1
    assert services.follow_up_reminders_send(today=today) == 0
    assert services.follow_up_reminders_send(today=today + timedelta(days=1)) == 0
    notes = Notification.objects.filter(user=reviewer)
    assert notes.count() == 1 and action.title in notes.get().subject


def test_peers_are_the_most_similar_group_in_the_reviewers_regions(world, client_for):
    world.partnership.most_similar_group = "Group 7"
    world.partnership.save()
    factories.PartnershipFactory(
        name="Peerton", region=world.region_in, most_similar_group="Group 7"
    )
    factories.PartnershipFactory(
        name="Farpeer", region=world.region_out, most_similar_group="Group 7"
    )
    url = reverse("reviews:peers", kwargs={"code": world.partnership.ons_code})
    body = client_for("reviewer_in").get(url).content.decode()
    assert "Peerton" in body and "Farpeer" not in body
    assert "Farpeer" in client_for("admin").get(url).content.decode()


@pytest.mark.django_db
def test_estimator_sums_and_split():
    cost = UnitCost.objects.get(slug="violence-with-injury")
    result = estimator.estimate(unit_cost=cost, incidents=10, shares=BenefitShare.objects.all())
    assert result.total == 140_500
    assert [line.amount for line in result.lines] == [25_453, 32_987, 82_060]
    assert sum(line.amount for line in result.lines) == 140_500
    assert result.lines[0].share_percent == Decimal("18.1")


def test_estimator_page(world, client_for):
    url = reverse("reviews:estimator")
    body = (
        client_for("staff_this")
        .get(url, {"crime_type": "robbery", "incidents": "3"})
        .content.decode()
    )
    assert "£33,960" in body and "Heeks" in body and "Florence" in body
    bad = client_for("staff_this").get(url, {"crime_type": "robbery", "incidents": "0"})
    assert "govuk-error-summary" in bad.content.decode()


def test_rules_page_lists_every_dimension(world, client_for):
    body = client_for("staff_this").get(reverse("reviews:rules")).content.decode()
    for key in (
        "statutory",
        "depth",
        "coverage",
        "istv",
        "documents",
        "actions",
        "dependencies",
        "analysis",
        "funding",
    ):
        assert f'id="{key}"' in body
