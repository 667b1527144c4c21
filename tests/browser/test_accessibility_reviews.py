"""Every regional review page passes axe-core (WCAG 2.2 AA rules): empty, full and, for forms,
with errors; the home-page panels for reviewers, administrators and managers too."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import Page, at, axe_cases, submit_empty

pytestmark = pytest.mark.browser


def _code(world):
    return {"code": world.partnership.ons_code}


def _reviewed(world):
    """Notes (one shared) and follow-up actions (one overdue) on Leedsford; a peer."""
    from core import clock
    from partnerships.models import Partnership
    from reviews.models import FollowUpAction, ReviewNote

    reviewer = world.users["reviewer_in"]
    today = clock.today()
    if not ReviewNote.objects.exists():
        ReviewNote.objects.create(
            partnership=world.partnership,
            author=reviewer,
            text="Health attends the board only.",
            shared_with_manager=True,
        )
        ReviewNote.objects.create(
            partnership=world.partnership,
            author=reviewer,
            text="For reviewers: the manager is new in post.",
        )
        FollowUpAction.objects.create(
            partnership=world.partnership,
            title="Chase ISTV returns",
            owner_agency=world.agency,
            due_on=today - timedelta(days=4),
            created_by=reviewer,
        )
        FollowUpAction.objects.create(
            partnership=world.partnership,
            title="Invite the ICB",
            owner_text="Partnership manager",
            due_on=today + timedelta(days=10),
            created_by=reviewer,
        )
    Partnership.objects.filter(pk=world.partnership.pk).update(most_similar_group="Group 4")
    if not Partnership.objects.filter(name="Peerton").exists():
        Partnership.objects.create(
            name="Peerton",
            ons_code="E22099001",
            region=world.region_in,
            most_similar_group="Group 4",
        )


def _action_pk(world):
    from reviews.models import FollowUpAction

    _reviewed(world)
    return {
        "code": world.partnership.ons_code,
        "pk": FollowUpAction.objects.get(title="Chase ISTV returns").pk,
    }


def _status_changed(world):
    from reviews import services
    from reviews.models import FollowUpAction

    _reviewed(world)
    action = FollowUpAction.objects.get(title="Chase ISTV returns")
    if action.status == "open":
        services.follow_up_set_status(action=action, status="done")


def _answered(world):
    """The review as the partnership sees it: a response to a rating, and a follow-up action
    with an update carrying evidence."""
    from partnerships.models import Document, DocumentKind
    from reviews import services
    from reviews.models import FollowUpAction

    _reviewed(world)
    manager = world.users["manager_this"]
    if not world.partnership.rating_responses.exists():
        services.rating_respond(
            partnership=world.partnership,
            author=manager,
            dimension="istv",
            text="Agreed; ED sharing starts in January.",
        )
        document = Document.objects.create(
            partnership=world.partnership,
            kind=DocumentKind.PARTNERSHIP_PLAN,
            title="Partnership plan 2026",
        )
        services.follow_up_progress(
            action=FollowUpAction.objects.get(title="Invite the ICB"),
            author=manager,
            status="open",
            note="Invitation sent.",
            evidence_document=document,
            evidence_url="https://www.example.org/invitation",
        )


def _istv(world):
    return {"code": world.partnership.ons_code, "dimension": "istv"}


def _marked_done(world):
    from reviews import services
    from reviews.models import FollowUpAction

    _answered(world)
    action = FollowUpAction.objects.get(title="Invite the ICB")
    if action.status == "open":
        services.follow_up_progress(
            action=action,
            author=world.users["manager_this"],
            status="done",
            note="The ICB joined the board.",
            evidence_url="https://www.example.org/minutes",
        )


def _icb_pk(world):
    from reviews.models import FollowUpAction

    _reviewed(world)
    return {
        "code": world.partnership.ons_code,
        "pk": FollowUpAction.objects.get(title="Invite the ICB").pk,
    }


def bad_incidents(page):
    page.get_by_label("Incidents prevented each year").fill("0")
    page.get_by_role("button", name="Estimate the savings").click()
    page.wait_for_load_state()


def bad_due_date(page):
    page.get_by_label("What needs to happen").fill("Chase the data")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Save the follow-up action").click()
    page.wait_for_load_state()


def bad_edited_due_date(page):
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_load_state()


def _robbery(world):
    return {"slug": "robbery"}


def _unit_cost_changed(world):
    from reviews import services
    from reviews.models import UnitCost

    cost = UnitCost.objects.get(slug="robbery")
    services.unit_cost_update(
        unit_cost=cost, name=cost.name, cost=12_500, price_year="2019/20", source=cost.source
    )


def bad_unit_cost(page):
    page.get_by_label("Unit cost per incident (£)").fill("0")
    page.get_by_label("Price year").fill("last year")
    page.get_by_role("button", name="Save the unit cost").click()
    page.wait_for_load_state()


def _health(world):
    return {"slug": "health"}


def _benefit_share_changed(world):
    from decimal import Decimal

    from reviews import services
    from reviews.models import BenefitShare

    share = BenefitShare.objects.get(slug="health")
    services.benefit_share_update(
        benefit_share=share,
        beneficiary=share.beneficiary,
        amount=Decimal("2.50"),
        source=share.source,
    )


def bad_benefit_share(page):
    page.get_by_label("Who benefits").fill("")
    page.get_by_label("Saving to this beneficiary in the evaluation (£m)").fill("-1")
    page.get_by_role("button", name="Save the share").click()
    page.wait_for_load_state()


REVIEWS_PAGES = [
    Page("reviews-dashboard", "reviewer_in", at("reviews:dashboard"), setup=_reviewed),
    Page(
        "reviews-dashboard-sorted",
        "reviewer_in",
        lambda w: reverse("reviews:dashboard") + "?sort=coverage&order=desc",
    ),
    Page(
        "reviews-dashboard-none-match",
        "reviewer_in",
        lambda w: reverse("reviews:dashboard") + "?dimension=istv&rating=green",
    ),
    Page("reviews-dashboard-national", "admin", at("reviews:dashboard"), setup=_reviewed),
    Page("reviews-rules", "staff_this", at("reviews:rules")),
    Page("reviews-estimator", "staff_this", at("reviews:estimator"), error=bad_incidents),
    Page(
        "reviews-estimator-result",
        "manager_this",
        lambda w: reverse("reviews:estimator") + "?crime_type=robbery&incidents=12",
    ),
    Page("reviews-estimator-admin", "admin", at("reviews:estimator")),
    Page(
        "reviews-estimator-by-agency",
        "manager_this",
        lambda w: (
            reverse("reviews:estimator") + "?crime_type=robbery&incidents=12"
            f"&partnership={w.partnership.ons_code}"
        ),
    ),
    Page(
        "reviews-estimator-by-agency-error",
        "manager_other",
        lambda w: (
            reverse("reviews:estimator") + "?crime_type=robbery&incidents=12"
            f"&partnership={w.partnership.ons_code}"
        ),
    ),
    Page("reviews-unit-costs", "admin", at("reviews:unit-costs")),
    Page(
        "reviews-unit-cost-edit",
        "admin",
        at("reviews:unit-cost-edit", _robbery),
        error=bad_unit_cost,
    ),
    Page(
        "reviews-unit-cost-history",
        "admin",
        at("reviews:unit-cost-history", _robbery),
        setup=_unit_cost_changed,
    ),
    Page(
        "reviews-benefit-share-edit",
        "admin",
        at("reviews:benefit-share-edit", _health),
        error=bad_benefit_share,
    ),
    Page(
        "reviews-benefit-share-history",
        "admin",
        at("reviews:benefit-share-history", _health),
        setup=_benefit_share_changed,
    ),
    Page("reviews-review-empty", "reviewer_in", at("reviews:review", _code)),
    Page("reviews-review", "reviewer_in", at("reviews:review", _code), setup=_reviewed),
    Page(
        "reviews-note-create",
        "reviewer_in",
        at("reviews:note-create", _code),
        error=submit_empty("Save the note"),
    ),
    Page(
        "reviews-action-create",
        "reviewer_in",
        at("reviews:action-create", _code),
        error=submit_empty("Save the follow-up action"),
    ),
    Page(
        "reviews-action-create-bad-date",
        "reviewer_in",
        at("reviews:action-create", _code),
        error=bad_due_date,
    ),
    Page(
        "reviews-action-edit",
        "reviewer_in",
        at("reviews:action-edit", _action_pk),
        error=bad_edited_due_date,
    ),
    Page("reviews-action-status", "reviewer_in", at("reviews:action-status", _action_pk)),
    Page(
        "reviews-action-history",
        "reviewer_in",
        at("reviews:action-history", _action_pk),
        setup=_status_changed,
    ),
    Page("reviews-peers-alone", "reviewer_in", at("reviews:peers", _code)),
    Page("reviews-peers", "admin", at("reviews:peers", _code), setup=_reviewed),
    Page("reviews-shared-notes-empty", "manager_this", at("reviews:shared-notes", _code)),
    Page(
        "reviews-shared-notes", "manager_this", at("reviews:shared-notes", _code), setup=_reviewed
    ),
    Page("reviews-own-review-empty", "manager_this", at("reviews:own-review", _code)),
    Page("reviews-own-review", "manager_this", at("reviews:own-review", _code), setup=_answered),
    Page(
        "reviews-own-review-staff", "staff_this", at("reviews:own-review", _code), setup=_answered
    ),
    Page(
        "reviews-rating-respond",
        "manager_this",
        at("reviews:rating-respond", _istv),
        error=submit_empty("Save the response"),
    ),
    Page("reviews-follow-up-empty", "manager_this", at("reviews:follow-up", _icb_pk)),
    Page("reviews-follow-up", "reviewer_in", at("reviews:follow-up", _icb_pk), setup=_marked_done),
    Page(
        "reviews-follow-up-progress",
        "manager_this",
        at("reviews:follow-up-progress", _icb_pk),
        setup=_answered,
        error=submit_empty("Save the update"),
    ),
    Page(
        "reviews-follow-up-decision",
        "reviewer_in",
        at("reviews:follow-up-decision", _icb_pk),
        setup=_marked_done,
        error=submit_empty("Save the decision"),
    ),
    Page("reviews-home-reviewer", "reviewer_in", at("home"), setup=_reviewed),
    Page("reviews-home-national", "admin", at("home"), setup=_reviewed),
    Page("reviews-home-manager", "manager_this", at("home"), setup=_reviewed),
]


def test_page_names_are_unique():
    names = [case.name for case in REVIEWS_PAGES]
    assert len(names) == len(set(names))


def test_every_reviews_page_is_checked():
    """Each reviews URL pattern has at least one page here (CSV exports are not pages)."""
    from tests.permissions.matrix import url_pattern_names

    checked = set()
    for case in REVIEWS_PAGES:
        for name in (
            "dashboard",
            "rules",
            "estimator",
            "review",
            "note-create",
            "action-create",
            "action-edit",
            "action-status",
            "action-history",
            "peers",
            "shared-notes",
            "unit-costs",
            "unit-cost-edit",
            "unit-cost-history",
            "benefit-share-edit",
            "benefit-share-history",
            "own-review",
            "rating-respond",
            "follow-up",
            "follow-up-progress",
            "follow-up-decision",
        ):
            if case.name.startswith(f"reviews-{name}"):
                checked.add(f"reviews:{name}")
    pages = {name for name in url_pattern_names() if name.startswith("reviews:")}
    assert pages - checked == {
        "reviews:dashboard-export",
        "reviews:action-export",
        "reviews:actions-export",
    }


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(REVIEWS_PAGES)))
def test_reviews_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    if case.setup is not None:
        case.setup(world)
    log_in_as(page, world.user(case.role))
    path = case.url(world)
    response = page.goto(path)
    assert response.status == case.status, f"{path} answered {response.status}"
    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()
    assert_no_axe_violations(page)
