"""Home-page panels: for reviewers, their regions' ratings in brief and their overdue
follow-ups; for administrators, the same across the nation by region; for partnership managers,
the review notes shared with them."""

from django.conf import settings

from core import cache, clock
from core.home_panels import register_panel

from . import ratings, selectors
from .stored import RATINGS


@register_panel(order=15)
def review_panel(request):
    user = request.user
    scope = user.scope
    if not (scope.is_admin or scope.is_reviewer):
        return None
    today = clock.today()
    summary = (
        national_summary(user=user, today=today)
        if scope.is_admin
        else _summary(request, user=user, today=today)
    )
    overdue = list(selectors.overdue_follow_ups(user=user, today=today)[:10])
    return "reviews/panels/review.html", {
        "national": scope.is_admin,
        **summary,
        "dimensions": ratings.DIMENSIONS,
        "overdue": overdue,
    }


def _worked_out_summary(*, user, today) -> dict:
    data = selectors.dashboard(user=user, today=today, detail=RATINGS)
    return {
        "total": len(data.rows),
        "summaries": data.summaries,
        "region_summaries": data.regions if data.rows else [],
        "worked_out_at": clock.now(),
    }


def _summary(request, *, user, today) -> dict:
    """A reviewer's summary of their regions. Cached as the review dashboard's results are
    (reviews.views.DashboardView.results)."""
    ids, current, latest = selectors.dashboard_partnerships(user=user, today=today)
    if not current:
        return _worked_out_summary(user=user, today=today)  # rates what is stale, keeps it
    regions = list(selectors.reviewable_regions(user=user).values_list("pk", "code", "name"))
    return cache.fragment(
        request,
        "reviews:summary",
        lambda: _worked_out_summary(user=user, today=today),
        depends_on=[*ids, cache.TODAY],
        shared=cache.PER_SCOPE,
        vary=[latest, regions],
    )


def national_summary(*, user, today) -> dict:
    """The national view is the same for every administrator. Its ratings are the stored ones
    (reviews/stored.py), but summarising every partnership still reads them all, so the summary
    is cached for REVIEW_NATIONAL_SUMMARY_SECONDS whatever changes, and says when it was
    worked out. The review dashboard itself always reads the stored ratings, which are current.
    """
    return cache.remember(
        ("reviews:national-summary", today),
        [],
        lambda: _worked_out_summary(user=user, today=today),
        timeout=getattr(settings, "REVIEW_NATIONAL_SUMMARY_SECONDS", 0),
    )


@register_panel(order=16)
def shared_notes_panel(request):
    notes = selectors.shared_notes_for_manager(user=request.user)
    if not notes:
        return None
    return "reviews/panels/shared_notes.html", {"notes": notes}
