"""The partnership's own review in a real browser: the manager reads the ratings, answers
one, updates a follow-up action to done with evidence from the register, and the reviewer who
set it accepts it; the other partnership's manager finds none of it."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core import clock
from partnerships.models import Document, DocumentKind
from reviews.models import FollowUpAction, FollowUpStatus, RatingResponse, ReviewNote

pytestmark = pytest.mark.browser

ANSWER = "Agreed; ED sharing starts in January."
PRIVATE = "For reviewers only: the manager is new in post."


@pytest.fixture
def reviewed(world):
    reviewer = world.user("reviewer_in")
    ReviewNote.objects.create(partnership=world.partnership, author=reviewer, text=PRIVATE)
    FollowUpAction.objects.create(
        partnership=world.partnership,
        title="Agree an ISTV sharing agreement",
        owner_agency=world.agency,
        due_on=clock.today() + timedelta(days=14),
        created_by=reviewer,
    )
    Document.objects.create(
        partnership=world.partnership,
        kind=DocumentKind.PARTNERSHIP_PLAN,
        title="Signed ISTV agreement",
    )
    return world


def test_the_manager_answers_the_review_and_the_reviewer_accepts(
    page, reviewed, log_in_as, portal_server
):
    world = reviewed
    code = world.partnership.ons_code
    log_in_as(page, world.user("manager_this"))
    page.goto(f"/partnerships/{code}/")
    page.get_by_role("link", name="Regional review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your regional review: Leedsford")
    expect(page.get_by_text(PRIVATE)).to_have_count(0)
    istv = page.locator("#rating-istv")
    expect(istv.locator(".govuk-tag")).to_be_visible()

    # Answer the ISTV rating.
    istv.get_by_role("link", name="Respond").click()
    page.get_by_label("Your response").fill(ANSWER)
    page.get_by_role("button", name="Save the response").click()
    expect(page.locator("#rating-istv")).to_contain_text(ANSWER)
    expect(page.locator("#rating-istv")).to_contain_text(clock.today().strftime("%-d %B %Y"))
    assert RatingResponse.objects.get().author == world.user("manager_this")

    # Update the follow-up action to done, with a document from the register.
    page.get_by_role("link", name="Agree an ISTV sharing agreement").click()
    page.get_by_role("link", name="Update progress").click()
    page.get_by_label("Done: ask the reviewer to accept it").check()
    page.get_by_role("button", name="Save the update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the note")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a link to the evidence")
    page.get_by_label("Note").fill("Signed by every party on Monday.")
    page.get_by_label("Evidence: a document from the register").select_option(
        label="Signed ISTV agreement (partnership plan)"
    )
    page.get_by_role("button", name="Save the update").click()
    expect(page.locator("#follow-up-status")).to_contain_text("waiting for the reviewer")
    expect(page.get_by_role("link", name="Signed ISTV agreement")).to_be_visible()
    action = FollowUpAction.objects.get()
    assert action.status == FollowUpStatus.DONE

    # The reviewer is told, reads the answer beside the rating, and accepts the action.
    page.context.clear_cookies()
    log_in_as(page, world.user("reviewer_in"))
    from accounts.models import Notification

    assert Notification.objects.filter(
        user=world.user("reviewer_in"), subject__startswith="Follow-up marked done"
    ).exists()
    page.goto(f"/reviews/partnerships/{code}/")
    expect(page.locator("#rating-istv")).to_contain_text(ANSWER)
    page.get_by_role("link", name="Accept or reopen").first.click()
    expect(page.get_by_text("Signed by every party on Monday.")).to_be_visible()
    page.get_by_label("Accept: the action is done").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator("#follow-up-status")).to_have_text("Done and accepted")
    action.refresh_from_db()
    assert action.status == FollowUpStatus.ACCEPTED

    # The other partnership's manager finds none of it.
    page.context.clear_cookies()
    log_in_as(page, world.user("manager_other"))
    for path in (
        f"/reviews/partnerships/{code}/our-review/",
        f"/reviews/partnerships/{code}/our-review/follow-ups/{action.pk}/",
    ):
        assert page.goto(path).status == 404
