"""Matrix rows for regional reviews.

The dashboard, its export and the savings estimator/rules: see reviews/rules.py. The
estimator's unit costs are listed and changed by administrators only. Inside a
partnership: its region's reviewers and administrators review it; its manager and its agencies'
staff may read the partnership, so they are refused (403), except the manager reading the
notes shared with them; everyone else gets 404. The partnership's own review (its ratings,
follow-up actions and their history) is read by everyone who reads the partnership; its manager
(and administrators) answer ratings and update follow-ups; its region's reviewers (and
administrators) accept or reopen them. Every URL has a GET and a POST row.
"""

from datetime import timedelta

from django.utils import timezone

from .matrix import Row, everyone


def _this(world):
    return {"code": world.partnership.ons_code}


def _action(world):
    from reviews.models import FollowUpAction

    cached = getattr(world, "_review_action", None)
    if cached is None:
        cached = FollowUpAction.objects.create(
            partnership=world.partnership,
            title="Chase the ISTV returns",
            owner_text="Police",
            due_on=timezone.localdate() + timedelta(days=7),
        )
        world._review_action = cached
    return {"code": world.partnership.ons_code, "pk": cached.pk}


def _done_action(world):
    from reviews.models import FollowUpAction

    cached = getattr(world, "_done_review_action", None)
    if cached is None:
        cached = FollowUpAction.objects.create(
            partnership=world.partnership,
            title="Start sharing ISTV data",
            owner_text="Health",
            due_on=timezone.localdate() + timedelta(days=7),
            status="done",
        )
        world._done_review_action = cached
    return {"code": world.partnership.ons_code, "pk": cached.pk}


def _dimension(world):
    return {"code": world.partnership.ons_code, "dimension": "istv"}


def _unit_cost(world):
    return {"slug": "robbery"}


def _benefit_share(world):
    return {"slug": "health"}


def _date(prefix, days=0):
    day = timezone.localdate() + timedelta(days=days)
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


REVIEWERS = everyone(403, admin=200, reviewer_in=200, reviewer_out=200)
REVIEWERS_POST = everyone(403, admin=405, reviewer_in=405, reviewer_out=405)
SIGNED_IN = everyone(200)
SIGNED_IN_POST = everyone(405)
# The estimator's unit costs: administrators only.
ADMINS = everyone(403, admin=200)
ADMINS_READ_POST = everyone(403, admin=405)
ADMINS_CHANGE_POST = everyone(403, admin=302)
# Inside the partnership.
REVIEW_GET = everyone(404, admin=200, reviewer_in=200, manager_this=403, staff_this=403)
REVIEW_READ_POST = everyone(404, admin=405, reviewer_in=405, manager_this=403, staff_this=403)
REVIEW_CHANGE_POST = everyone(404, admin=302, reviewer_in=302, manager_this=403, staff_this=403)
SHARED_GET = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=403)
SHARED_POST = everyone(404, admin=405, reviewer_in=405, manager_this=405, staff_this=403)
# The partnership's own review.
OWN_GET = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
OWN_POST = everyone(404, admin=405, reviewer_in=405, manager_this=405, staff_this=405)
MANAGER_GET = everyone(404, admin=200, reviewer_in=403, manager_this=200, staff_this=403)
MANAGER_POST = everyone(404, admin=302, reviewer_in=403, manager_this=302, staff_this=403)
DECIDE_GET = everyone(404, admin=200, reviewer_in=200, manager_this=403, staff_this=403)
DECIDE_POST = everyone(404, admin=302, reviewer_in=302, manager_this=403, staff_this=403)

ROWS = [
    Row("reviews:dashboard", REVIEWERS),
    Row("reviews:dashboard", REVIEWERS_POST, method="post"),
    Row("reviews:dashboard-export", REVIEWERS),
    Row("reviews:dashboard-export", REVIEWERS_POST, method="post"),
    Row("reviews:actions-export", REVIEWERS),
    Row("reviews:actions-export", REVIEWERS_POST, method="post"),
    Row("reviews:rules", SIGNED_IN),
    Row("reviews:rules", SIGNED_IN_POST, method="post"),
    Row("reviews:estimator", SIGNED_IN),
    Row("reviews:estimator", SIGNED_IN_POST, method="post"),
    Row("reviews:unit-costs", ADMINS),
    Row("reviews:unit-costs", ADMINS_READ_POST, method="post"),
    Row("reviews:unit-cost-edit", ADMINS, kwargs=_unit_cost),
    Row(
        "reviews:unit-cost-edit",
        ADMINS_CHANGE_POST,
        method="post",
        kwargs=_unit_cost,
        data=lambda world: {
            "name": "Robbery",
            "cost": "12500",
            "price_year": "2019/20",
            "source": "Home Office, 3rd ed.",
        },
    ),
    Row("reviews:unit-cost-history", ADMINS, kwargs=_unit_cost),
    Row("reviews:unit-cost-history", ADMINS_READ_POST, method="post", kwargs=_unit_cost),
    Row("reviews:benefit-share-edit", ADMINS, kwargs=_benefit_share),
    Row(
        "reviews:benefit-share-edit",
        ADMINS_CHANGE_POST,
        method="post",
        kwargs=_benefit_share,
        data=lambda world: {
            "beneficiary": "Health service",
            "amount": "2.50",
            "source": "Florence et al. 2014, updated",
        },
    ),
    Row("reviews:benefit-share-history", ADMINS, kwargs=_benefit_share),
    Row("reviews:benefit-share-history", ADMINS_READ_POST, method="post", kwargs=_benefit_share),
    Row("reviews:review", REVIEW_GET, kwargs=_this),
    Row("reviews:review", REVIEW_READ_POST, method="post", kwargs=_this),
    Row("reviews:peers", REVIEW_GET, kwargs=_this),
    Row("reviews:peers", REVIEW_READ_POST, method="post", kwargs=_this),
    Row("reviews:action-export", REVIEW_GET, kwargs=_this),
    Row("reviews:action-export", REVIEW_READ_POST, method="post", kwargs=_this),
    Row("reviews:shared-notes", SHARED_GET, kwargs=_this),
    Row("reviews:shared-notes", SHARED_POST, method="post", kwargs=_this),
    Row("reviews:note-create", REVIEW_GET, kwargs=_this),
    Row(
        "reviews:note-create",
        REVIEW_CHANGE_POST,
        method="post",
        kwargs=_this,
        data=lambda world: {**_date("written_on"), "text": "Board attendance is thin."},
    ),
    Row("reviews:action-create", REVIEW_GET, kwargs=_this),
    Row(
        "reviews:action-create",
        REVIEW_CHANGE_POST,
        method="post",
        kwargs=_this,
        data=lambda world: {
            "title": "Agree an ISTV sharing agreement",
            "owner_text": "Health",
            **_date("due_on", 30),
            "status": "open",
        },
    ),
    Row("reviews:action-history", OWN_GET, kwargs=_action),
    Row("reviews:action-history", OWN_POST, method="post", kwargs=_action),
    Row("reviews:action-edit", REVIEW_GET, kwargs=_action),
    Row(
        "reviews:action-edit",
        REVIEW_CHANGE_POST,
        method="post",
        kwargs=_action,
        data=lambda world: {
            "title": "Chase the ISTV returns weekly",
            "owner_text": "Police",
            **_date("due_on", 14),
        },
    ),
    Row("reviews:action-status", REVIEW_GET, kwargs=_action),
    Row(
        "reviews:action-status",
        REVIEW_CHANGE_POST,
        method="post",
        kwargs=_action,
        data=lambda world: {"status": "done"},
    ),
    Row("reviews:own-review", OWN_GET, kwargs=_this),
    Row("reviews:own-review", OWN_POST, method="post", kwargs=_this),
    Row("reviews:rating-respond", MANAGER_GET, kwargs=_dimension),
    Row(
        "reviews:rating-respond",
        MANAGER_POST,
        method="post",
        kwargs=_dimension,
        data=lambda world: {"text": "Agreed: emergency-department sharing starts in January."},
    ),
    Row("reviews:follow-up", OWN_GET, kwargs=_action),
    Row("reviews:follow-up", OWN_POST, method="post", kwargs=_action),
    Row("reviews:follow-up-progress", MANAGER_GET, kwargs=_action),
    Row(
        "reviews:follow-up-progress",
        MANAGER_POST,
        method="post",
        kwargs=_action,
        data=lambda world: {
            "status": "done",
            "note": "The agreement is signed.",
            "evidence_url": "https://www.example.org/agreement",
        },
    ),
    Row("reviews:follow-up-decision", DECIDE_GET, kwargs=_done_action),
    Row(
        "reviews:follow-up-decision",
        DECIDE_POST,
        method="post",
        kwargs=_done_action,
        data=lambda world: {"decision": "accept"},
    ),
]
