"""Review notes and follow-up actions say so when saved, and ask for what is missing in GOV.UK
words (issue 17, item 5)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reviews.models import FollowUpAction


def _banner(response) -> str:
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-notification-banner--success" in body
    return body


def test_a_saved_note_shows_a_success_banner(world, client_for):
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
        },
        follow=True,
    )
    assert "Review note saved" in _banner(response)


def test_an_empty_note_asks_for_the_note(world, client_for):
    response = client_for("reviewer_in").post(
        reverse("reviews:note-create", kwargs={"code": world.partnership.ons_code}), {}
    )
    body = response.content.decode()
    assert "Enter the note" in body and "Enter the date" in body
    assert "This field is required" not in body


def test_follow_ups_show_a_banner_when_added_updated_and_changed(world, client_for):
    client = client_for("reviewer_in")
    code = world.partnership.ons_code
    due = timezone.localdate() + timedelta(days=14)
    response = client.post(
        reverse("reviews:action-create", kwargs={"code": code}),
        {
            "title": "Invite the ED lead",
            "owner_agency": world.agency.pk,
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "status": "open",
        },
        follow=True,
    )
    assert "Follow-up action “Invite the ED lead” added" in _banner(response)
    action = FollowUpAction.objects.get()
    response = client.post(
        reverse("reviews:action-status", kwargs={"code": code, "pk": action.pk}),
        {"status": "done"},
        follow=True,
    )
    assert "“Invite the ED lead” is now done" in _banner(response)
    response = client.post(
        reverse("reviews:action-edit", kwargs={"code": code, "pk": action.pk}),
        {
            "title": "Invite the ED lead again",
            "owner_text": "Jo",
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
        },
        follow=True,
    )
    assert "Changes to “Invite the ED lead again” saved" in _banner(response)


def test_an_empty_follow_up_asks_in_govuk_words(world, client_for):
    response = client_for("reviewer_in").post(
        reverse("reviews:action-create", kwargs={"code": world.partnership.ons_code}), {}
    )
    body = response.content.decode()
    assert "Enter what needs to happen" in body and "Enter the due date" in body
    assert "Select the status" in body
    assert "This field is required" not in body and "---------" not in body
