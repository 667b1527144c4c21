"""Object-level scope: a reviewer sees and changes only their regions' partnerships, on every
page and in both CSV exports; a manager reads only the notes shared on their own partnership."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from core import clock
from reviews.models import FollowUpAction, ReviewNote

# Pages go through the cache with its leak check on: a cached copy given to a reader of
# another scope fails the test.
pytestmark = pytest.mark.usefixtures("cache_check")


@pytest.fixture
def records(world):
    """A shared and a private note and a follow-up action on each of the two partnerships."""
    today = clock.today()
    made = {}
    for key, partnership, reviewer in (
        ("in", world.partnership, world.user("reviewer_in")),
        ("out", world.other_partnership, world.user("reviewer_out")),
    ):
        name = partnership.name
        made[key] = {
            "shared": ReviewNote.objects.create(
                partnership=partnership,
                author=reviewer,
                text=f"Shared note on {name}",
                shared_with_manager=True,
            ),
            "private": ReviewNote.objects.create(
                partnership=partnership, author=reviewer, text=f"Private note on {name}"
            ),
            "action": FollowUpAction.objects.create(
                partnership=partnership,
                title=f"Follow-up for {name}",
                owner_text="Police",
                due_on=today - timedelta(days=3),
                created_by=reviewer,
            ),
        }
    return made


def _rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_dashboard_and_export_hold_only_the_reviewers_regions(world, records, client_for):
    client = client_for("reviewer_out")
    body = client.get(reverse("reviews:dashboard")).content.decode()
    assert "Boltham" in body and "Leedsford" not in body
    assert world.region_in.name not in body  # not even offered as a filter
    rows = _rows(client.get(reverse("reviews:dashboard-export")))
    assert [row[0] for row in rows[1:]] == ["Boltham"]


def test_each_region_sees_its_own_cached_dashboard_in_turn(world, records, client_for):
    """Two reviewers of different regions in a row and then back, through the cache (with its
    leak check on): each is shown only their own region, on the first visit and the second."""
    clients = {role: client_for(role) for role in ("reviewer_in", "reviewer_out")}
    own = {"reviewer_in": ("Leedsford", "Boltham"), "reviewer_out": ("Boltham", "Leedsford")}
    for role in ("reviewer_in", "reviewer_out", "reviewer_in", "reviewer_out"):
        body = clients[role].get(reverse("reviews:dashboard")).content.decode()
        shown, hidden = own[role]
        assert shown in body and hidden not in body, role


def test_asking_for_another_region_by_filter_shows_nothing(world, records, client_for):
    client = client_for("reviewer_out")
    params = {"region": world.region_in.code}
    body = client.get(reverse("reviews:dashboard"), params).content.decode()
    assert "Leedsford" not in body and "No partnership matches" in body
    rows = _rows(client.get(reverse("reviews:dashboard-export"), params))
    assert rows[1:] == []


def _object_urls(world, records, key="in"):
    partnership = world.partnership if key == "in" else world.other_partnership
    code = {"code": partnership.ons_code}
    return [
        reverse("reviews:review", kwargs=code),
        reverse("reviews:peers", kwargs=code),
        reverse("reviews:note-create", kwargs=code),
        reverse("reviews:action-create", kwargs=code),
        reverse("reviews:action-status", kwargs={**code, "pk": records[key]["action"].pk}),
        reverse("reviews:action-history", kwargs={**code, "pk": records[key]["action"].pk}),
        reverse("reviews:action-export", kwargs=code),
        reverse("reviews:shared-notes", kwargs=code),
    ]


@pytest.mark.parametrize("index", range(8))
def test_a_reviewer_of_another_region_is_told_the_partnership_does_not_exist(
    world, records, client_for, index
):
    url = _object_urls(world, records)[index]
    client = client_for("reviewer_out")
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "x", "title": "x", "status": "done"}).status_code == 404
    assert client_for("reviewer_in").get(url).status_code == 200


def test_nothing_is_written_across_regions(world, records, client_for):
    client = client_for("reviewer_out")
    today = clock.today()
    date = {"_0": today.day, "_1": today.month, "_2": today.year}
    code = {"code": world.partnership.ons_code}
    client.post(
        reverse("reviews:note-create", kwargs=code),
        {**{f"written_on{k}": v for k, v in date.items()}, "text": "Sneaky"},
    )
    client.post(
        reverse("reviews:action-create", kwargs=code),
        {
            **{f"due_on{k}": v for k, v in date.items()},
            "title": "Sneaky",
            "owner_text": "Me",
            "status": "open",
        },
    )
    client.post(
        reverse("reviews:action-status", kwargs={**code, "pk": records["in"]["action"].pk}),
        {"status": "cancelled"},
    )
    assert not ReviewNote.objects.filter(text="Sneaky").exists()
    assert not FollowUpAction.objects.filter(title="Sneaky").exists()
    records["in"]["action"].refresh_from_db()
    assert records["in"]["action"].status == "open"


def test_an_action_is_found_only_under_its_own_partnership(world, records, client_for):
    """The other region's action, addressed through a partnership the reviewer does review."""
    url = reverse(
        "reviews:action-status",
        kwargs={"code": world.partnership.ons_code, "pk": records["out"]["action"].pk},
    )
    client = client_for("reviewer_in")
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse(
                "reviews:action-history",
                kwargs={"code": world.partnership.ons_code, "pk": records["out"]["action"].pk},
            )
        ).status_code
        == 404
    )
    assert client.post(url, {"status": "done"}).status_code == 404
    records["out"]["action"].refresh_from_db()
    assert records["out"]["action"].status == "open"


def test_action_export_holds_only_that_partnerships_actions(world, records, client_for):
    response = client_for("reviewer_in").get(
        reverse("reviews:action-export", kwargs={"code": world.partnership.ons_code})
    )
    rows = _rows(response)
    assert rows[0][:5] == ["Partnership", "ONS code", "Region", "Action", "Owner agency"]
    assert [row[3] for row in rows[1:]] == ["Follow-up for Leedsford"]
    assert rows[1][8] == "Yes"  # overdue


def test_region_action_export_holds_only_the_reviewers_regions(world, records, client_for):
    url = reverse("reviews:actions-export")
    rows = _rows(client_for("reviewer_out").get(url))
    assert [(row[0], row[3]) for row in rows[1:]] == [("Boltham", "Follow-up for Boltham")]
    rows = _rows(client_for("reviewer_out").get(url, {"region": world.region_in.code}))
    assert rows[1:] == []
    rows = _rows(client_for("admin").get(url))
    assert [row[0] for row in rows[1:]] == ["Boltham", "Leedsford"]
    rows = _rows(client_for("admin").get(url, {"region": world.region_in.code}))
    assert [row[0] for row in rows[1:]] == ["Leedsford"]
    assert client_for("manager_this").get(url).status_code == 403


def test_review_page_shows_only_its_own_notes_and_actions(world, records, client_for):
    body = (
        client_for("reviewer_in")
        .get(reverse("reviews:review", kwargs={"code": world.partnership.ons_code}))
        .content.decode()
    )
    assert "Private note on Leedsford" in body and "Shared note on Leedsford" in body
    assert "Boltham" not in body


def test_manager_reads_only_the_shared_notes_of_their_own_partnership(world, records, client_for):
    client = client_for("manager_this")
    own = client.get(reverse("reviews:shared-notes", kwargs={"code": world.partnership.ons_code}))
    body = own.content.decode()
    assert "Shared note on Leedsford" in body
    assert "Private note on Leedsford" not in body and "Boltham" not in body
    other = reverse("reviews:shared-notes", kwargs={"code": world.other_partnership.ons_code})
    assert client.get(other).status_code == 404
    history = reverse(
        "reviews:action-history",
        kwargs={"code": world.partnership.ons_code, "pk": records["in"]["action"].pk},
    )
    for url in _object_urls(world, records)[:-1]:  # everything else is the reviewers'
        if url != history:  # a follow-up's history is the partnership's too
            assert client.get(url).status_code == 403, url
    response = client.get(history)
    assert response.status_code == 200
    assert "Private note on Leedsford" not in response.content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "Shared note on Leedsford" in home
    assert "Private note on Leedsford" not in home and "Shared note on Boltham" not in home


def test_agency_staff_see_no_review_notes(world, records, client_for):
    client = client_for("staff_this")
    url = reverse("reviews:shared-notes", kwargs={"code": world.partnership.ons_code})
    assert client.get(url).status_code == 403
    assert "Shared note on Leedsford" not in client.get(reverse("home")).content.decode()


def test_home_panel_lists_overdue_follow_ups_of_the_reviewers_regions_only(
    world, records, client_for
):
    body = client_for("reviewer_in").get(reverse("home")).content.decode()
    assert "Follow-up for Leedsford" in body and "Follow-up for Boltham" not in body
    national = client_for("admin").get(reverse("home")).content.decode()
    assert "Regional review: national view" in national
    assert world.region_in.name in national and world.region_out.name in national
    assert "Follow-up for Leedsford" in national and "Follow-up for Boltham" in national


def test_peers_never_include_another_regions_partnership(world, client_for):
    world.partnership.most_similar_group = "Group 3"
    world.partnership.save()
    world.other_partnership.most_similar_group = "Group 3"
    world.other_partnership.save()
    url = reverse("reviews:peers", kwargs={"code": world.partnership.ons_code})
    assert "Boltham" not in client_for("reviewer_in").get(url).content.decode()
    assert "Boltham" in client_for("admin").get(url).content.decode()
