"""The partnership's own review: its manager and member agencies' staff read its ratings and
follow-up actions (never the reviewers' private notes, never another partnership's); the
manager answers a rating and updates a follow-up with a note and evidence; the reviewer is told
and accepts or reopens it; every step is in the history."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Notification
from core import clock
from partnerships.models import Document, DocumentKind
from reviews import services
from reviews.models import (
    FollowUpAction,
    FollowUpEntry,
    FollowUpStatus,
    RatingResponse,
    ReviewNote,
)
from tests import factories

PRIVATE = "For reviewers only: the manager is new in post."


@pytest.fixture
def reviewed(world):
    reviewer = world.user("reviewer_in")
    ReviewNote.objects.create(partnership=world.partnership, author=reviewer, text=PRIVATE)
    ReviewNote.objects.create(
        partnership=world.partnership,
        author=reviewer,
        text="Shared: health attends the board only.",
        shared_with_manager=True,
    )
    action = FollowUpAction.objects.create(
        partnership=world.partnership,
        title="Agree an ISTV sharing agreement",
        owner_agency=world.agency,
        due_on=clock.today() + timedelta(days=10),
        created_by=reviewer,
    )
    document = Document.objects.create(
        partnership=world.partnership,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Partnership plan 2026",
    )
    return world, action, document


def _urls(world, action):
    code = world.partnership.ons_code
    return [
        reverse("reviews:own-review", kwargs={"code": code}),
        reverse("reviews:follow-up", kwargs={"code": code, "pk": action.pk}),
        reverse("reviews:action-history", kwargs={"code": code, "pk": action.pk}),
        reverse("reviews:shared-notes", kwargs={"code": code}),
    ]


@pytest.mark.parametrize("role", ["manager_this", "staff_this"])
def test_the_partnership_reads_its_ratings_reasons_and_follow_ups(reviewed, client_for, role):
    world, action, _document = reviewed
    body = client_for(role).get(_urls(world, action)[0]).content.decode()
    assert "Your regional review: Leedsford" in body
    assert "Statutory members present" in body or "statutory" in body.lower()
    assert reverse("reviews:rules") in body  # each rating links to its rule
    assert action.title in body
    assert PRIVATE not in body


def test_no_page_the_manager_reaches_shows_a_private_note(reviewed, client_for):
    world, action, document = reviewed
    client = client_for("manager_this")
    services.follow_up_progress(
        action=action,
        author=world.user("manager_this"),
        status="done",
        note="Signed.",
        evidence_document=document,
    )
    for url in [*_urls(world, action), reverse("home"), reverse("accounts:notifications")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert PRIVATE not in response.content.decode(), url


def test_another_partnerships_manager_is_told_none_of_it_exists(reviewed, client_for):
    world, action, _document = reviewed
    code = world.partnership.ons_code
    client = client_for("manager_other")
    urls = [
        *_urls(world, action),
        reverse("reviews:rating-respond", kwargs={"code": code, "dimension": "istv"}),
        reverse("reviews:follow-up-progress", kwargs={"code": code, "pk": action.pk}),
        reverse("reviews:follow-up-decision", kwargs={"code": code, "pk": action.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert (
            client.post(
                url, {"text": "x", "status": "done", "note": "x", "decision": "accept"}
            ).status_code
            == 404
        ), url
    assert not RatingResponse.objects.exists() and not FollowUpEntry.objects.exists()


def test_a_follow_up_of_another_partnership_is_not_found_under_this_one(world, client_for):
    other = FollowUpAction.objects.create(
        partnership=world.other_partnership,
        title="Theirs",
        owner_text="Police",
        due_on=clock.today(),
    )
    url = reverse("reviews:follow-up", kwargs={"code": world.partnership.ons_code, "pk": other.pk})
    assert client_for("manager_this").get(url).status_code == 404


def test_the_manager_answers_a_rating_and_the_reviewer_reads_it(reviewed, client_for):
    world, _action, _document = reviewed
    code = world.partnership.ons_code
    url = reverse("reviews:rating-respond", kwargs={"code": code, "dimension": "istv"})
    client = client_for("manager_this")
    empty = client.post(url, {"text": "  "})
    assert empty.status_code == 200 and "Enter the response" in empty.content.decode()
    response = client.post(url, {"text": "Agreed; ED sharing starts in January"})
    assert response.status_code == 302
    answer = RatingResponse.objects.get()
    assert (answer.dimension, answer.responded_on, answer.author) == (
        "istv",
        clock.today(),
        world.user("manager_this"),
    )
    assert answer.rating in ("red", "amber", "green")
    assert answer.history.count() == 1
    body = (
        client_for("reviewer_in")
        .get(reverse("reviews:review", kwargs={"code": code}))
        .content.decode()
    )
    assert "Agreed; ED sharing starts in January" in body
    assert clock.today().strftime("%-d %B %Y") in body
    assert (
        client.get(
            reverse("reviews:rating-respond", kwargs={"code": code, "dimension": "nonsense"})
        ).status_code
        == 404
    )


def test_marking_done_needs_evidence_from_this_partnership(reviewed):
    world, action, _document = reviewed
    manager = world.user("manager_this")
    with pytest.raises(ValidationError) as refused:
        services.follow_up_progress(action=action, author=manager, status="done", note="Done")
    assert "evidence_url" in refused.value.message_dict
    theirs = Document.objects.create(
        partnership=world.other_partnership, kind=DocumentKind.PARTNERSHIP_PLAN, title="Not ours"
    )
    with pytest.raises(ValidationError) as refused:
        services.follow_up_progress(
            action=action, author=manager, status="done", note="Done", evidence_document=theirs
        )
    assert "evidence_document" in refused.value.message_dict
    action.refresh_from_db()
    assert action.status == FollowUpStatus.OPEN and not FollowUpEntry.objects.exists()


def test_the_form_refuses_another_partnerships_document(reviewed, client_for):
    world, action, _document = reviewed
    theirs = Document.objects.create(
        partnership=world.other_partnership, kind=DocumentKind.PARTNERSHIP_PLAN, title="Not ours"
    )
    url = reverse(
        "reviews:follow-up-progress", kwargs={"code": world.partnership.ons_code, "pk": action.pk}
    )
    response = client_for("manager_this").post(
        url, {"status": "done", "note": "Done", "evidence_document": theirs.pk}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Choose a document from the partnership’s register" in body


def test_done_tells_the_reviewer_who_accepts_and_it_is_all_in_history(
    reviewed, client_for, django_capture_on_commit_callbacks
):
    world, action, document = reviewed
    code = world.partnership.ons_code
    manager_client = client_for("manager_this")
    progress = reverse("reviews:follow-up-progress", kwargs={"code": code, "pk": action.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            progress,
            {
                "status": "done",
                "note": "The agreement was signed on Monday.",
                "evidence_url": "https://www.example.org/istv-agreement",
                "evidence_document": document.pk,
            },
        )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == FollowUpStatus.DONE
    reviewer = world.user("reviewer_in")
    notice = Notification.objects.get(user=reviewer)
    assert notice.subject == "Follow-up marked done: Agree an ISTV sharing agreement (Leedsford)"
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert notice.url == reverse(
        "reviews:follow-up-decision", kwargs={"code": code, "pk": action.pk}
    )

    # The manager can no longer update it; the reviewer decides.
    assert (
        manager_client.get(reverse("reviews:follow-up", kwargs={"code": code, "pk": action.pk}))
        .content.decode()
        .count("Update progress")
        == 0
    )
    reviewer_client = client_for("reviewer_in")
    page = reviewer_client.get(notice.url).content.decode()
    assert "The agreement was signed on Monday." in page and "Partnership plan 2026" in page
    reopen_empty = reviewer_client.post(notice.url, {"decision": "reopen"})
    assert "Enter why you are reopening the action" in reopen_empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer_client.post(notice.url, {"decision": "accept"}).status_code == 302
    action.refresh_from_db()
    assert action.status == FollowUpStatus.ACCEPTED
    assert Notification.objects.filter(
        user=world.user("manager_this"), subject__startswith="Follow-up accepted"
    ).exists()
    statuses = [h.status for h in action.history.order_by("history_date", "history_id")]
    assert statuses == ["open", "done", "accepted"]
    assert [e.kind for e in FollowUpEntry.objects.order_by("created_at", "id")] == [
        "progress",
        "accepted",
    ]
    assert all(e.history.count() == 1 for e in FollowUpEntry.objects.all())
    history = manager_client.get(
        reverse("reviews:action-history", kwargs={"code": code, "pk": action.pk})
    ).content.decode()
    assert "Done and accepted" in history or "accepted" in history


def test_the_reviewer_reopens_with_a_reason(reviewed):
    world, action, document = reviewed
    services.follow_up_progress(
        action=action,
        author=world.user("manager_this"),
        status="done",
        note="Done",
        evidence_document=document,
    )
    with pytest.raises(ValidationError):
        services.follow_up_decide(
            action=action, reviewer=world.user("reviewer_in"), decision="reopen"
        )
    services.follow_up_decide(
        action=action,
        reviewer=world.user("reviewer_in"),
        decision="reopen",
        note="The agreement is not yet signed by health",
    )
    action.refresh_from_db()
    assert action.status == FollowUpStatus.OPEN
    with pytest.raises(ValidationError):  # nothing to decide on an open action
        services.follow_up_decide(
            action=action, reviewer=world.user("reviewer_in"), decision="accept"
        )


def test_a_reviewer_who_has_gone_is_replaced_by_the_regions_reviewers(reviewed):
    world, action, document = reviewed
    action.created_by = factories.UserFactory()  # reviews no region now
    action.save()
    services.follow_up_progress(
        action=action,
        author=world.user("manager_this"),
        status="done",
        note="Done",
        evidence_url="https://example.org/x",
    )
    assert list(Notification.objects.values_list("user", flat=True)) == [
        world.user("reviewer_in").pk
    ]


def test_pages_answer_with_the_same_queries_at_1_and_many_rows(reviewed, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world, action, document = reviewed
    code = world.partnership.ons_code
    manager = world.user("manager_this")
    client = client_for("manager_this")
    own = reverse("reviews:own-review", kwargs={"code": code})
    detail = reverse("reviews:follow-up", kwargs={"code": code, "pk": action.pk})
    services.rating_respond(
        partnership=world.partnership, author=manager, dimension="istv", text="One"
    )
    services.follow_up_progress(
        action=action, author=manager, status="open", note="One", evidence_document=document
    )
    client.get(own)  # warm the session and keep the ratings

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = count(own), count(detail)
    for n in range(30):
        services.rating_respond(
            partnership=world.partnership,
            author=manager,
            dimension=["istv", "coverage", "depth"][n % 3],
            text=f"R{n}",
        )
        FollowUpAction.objects.create(
            partnership=world.partnership,
            title=f"Action {n}",
            owner_agency=world.agency,
            created_by=manager,
            due_on=clock.today() + timedelta(days=n),
        )
        services.follow_up_progress(
            action=action,
            author=manager,
            status="open",
            note=f"Step {n}",
            evidence_document=document,
            evidence_url="https://example.org/e",
        )
    client.get(own)  # the responses changed nothing the ratings read; keep them again
    assert (count(own), count(detail)) == one
