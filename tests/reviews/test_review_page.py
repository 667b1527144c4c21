"""The review page: an overview, and beside every rating the rule and the page with its facts."""

import re

from django.urls import reverse
from django.utils.html import escape

from reviews import ratings


def test_every_rating_links_to_its_rule_and_to_facts_the_reviewer_may_read(world, client_for):
    client = client_for("reviewer_in")
    body = client.get(
        reverse("reviews:review", kwargs={"code": world.partnership.ons_code})
    ).content.decode()
    assert "Local government" in body and "Most similar group" in body
    rules = re.findall(r'href="/reviews/rules/#(\w+)"', body)
    assert rules == ratings.DIMENSION_KEYS
    facts = re.findall(r'<a class="govuk-link" href="([^"]+)">The facts', body)
    assert len(facts) == len(ratings.DIMENSIONS)
    for url in set(facts):
        assert client.get(url.split("#")[0]).status_code == 200, url


def test_a_shared_note_is_sent_to_the_partnerships_managers_only(world, client_for):
    from accounts.models import Notification
    from core import clock

    today = clock.today()
    url = reverse("reviews:note-create", kwargs={"code": world.partnership.ons_code})
    date = {"written_on_0": today.day, "written_on_1": today.month, "written_on_2": today.year}
    client = client_for("reviewer_in")
    assert client.post(url, {**date, "text": "Private thoughts"}).status_code == 302
    assert not Notification.objects.exists()
    assert (
        client.post(
            url, {**date, "text": "Please invite health to tasking", "shared_with_manager": "on"}
        ).status_code
        == 302
    )
    notice = Notification.objects.get()
    assert notice.user == world.user("manager_this")
    assert "Please invite health to tasking" in notice.body
    assert notice.url == reverse(
        "reviews:shared-notes", kwargs={"code": world.partnership.ons_code}
    )


def test_bad_note_and_action_input_is_refused_with_an_error_summary(world, client_for):
    client = client_for("reviewer_in")
    code = {"code": world.partnership.ons_code}
    for url, data in [
        (
            reverse("reviews:note-create", kwargs=code),
            {"written_on_0": "31", "written_on_1": "2", "written_on_2": "2026", "text": ""},
        ),
        (
            reverse("reviews:action-create", kwargs=code),
            {"title": "x" * 300, "owner_agency": "999999", "due_on_0": "a", "status": "nope"},
        ),
        (reverse("reviews:estimator"), {"crime_type": "nonsense", "incidents": "-5"}),
    ]:
        method = client.get if "estimator" in url else client.post
        response = method(url, data)
        assert response.status_code == 200, url
        assert "govuk-error-summary" in response.content.decode(), url


def test_a_follow_up_actions_history_shows_who_changed_its_status(world, client_for):
    from reviews.models import FollowUpAction

    action = FollowUpAction.objects.create(
        partnership=world.partnership, title="Chase data", owner_text="Police", due_on="2026-12-01"
    )
    client = client_for("reviewer_in")
    kwargs = {"code": world.partnership.ons_code, "pk": action.pk}
    assert (
        client.post(reverse("reviews:action-status", kwargs=kwargs), {"status": "done"}).status_code
        == 302
    )
    body = client.get(reverse("reviews:action-history", kwargs=kwargs)).content.decode()
    assert "History" in body and "Status" in body and "done" in body
    assert escape(str(world.user("reviewer_in"))) in body
