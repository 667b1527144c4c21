"""The demo regional review gives the demo reviewer notes and follow-ups, and the demo manager
a shared note, so the pages are not empty in `make run`."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from core import clock
from reviews import demo
from reviews.home_panels import review_panel, shared_notes_panel
from reviews.models import FollowUpAction, ReviewNote


@pytest.fixture
def seeded(db):
    from partnerships import demo as partnerships_demo
    from tests.reference import ensure_reference_data

    ensure_reference_data()
    partnerships_demo.seed()
    return demo.seed()


def _panel(panel, email):
    """A home-page panel as the user would get it (the page itself is tested elsewhere)."""
    from accounts.models import User

    request = RequestFactory().get(reverse("home"))
    request.user = User.objects.get(email=email)
    template_name, context = panel(request)
    return render_to_string(template_name, {"panel": context}, request=request)


def test_demo_is_safe_to_run_again(seeded):
    counts = (ReviewNote.objects.count(), FollowUpAction.objects.count())
    assert counts == (len(demo.NOTES), len(demo.ACTIONS))
    again = demo.seed()
    assert again == {"notes": [], "actions": []}
    assert (ReviewNote.objects.count(), FollowUpAction.objects.count()) == counts


def test_demo_reviewer_has_an_overdue_follow_up_and_the_manager_a_shared_note(seeded):
    today = clock.today()
    overdue = FollowUpAction.objects.filter(
        status="open", due_on__lt=today, created_by__email=demo.REVIEWER
    )
    assert overdue.count() == 1
    home = _panel(review_panel, demo.REVIEWER)
    assert overdue.get().title.replace("'", "&#x27;") in home
    manager_home = _panel(shared_notes_panel, "manager@example.org")
    assert "Review notes shared with you" in manager_home
    assert "Thank you for the clear action plan" in manager_home
    assert "late quarterly crime extracts" not in manager_home
