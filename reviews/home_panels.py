"""Home-page panels: for reviewers, their regions' ratings in brief and their overdue
follow-ups; for administrators, the same across the nation by region; for partnership managers,
the review notes shared with them."""

from django.conf import settings
from django.core.cache import cache

from core import cache as page_cache
from core import clock
from core.cache import CACHE_ERRORS
from core.home_panels import register_panel

from . import ratings, selectors


@register_panel(order=15)
def review_panel(request):
    user = request.user
    scope = user.scope
    if not (scope.is_admin or scope.is_reviewer):
        return None
    today = clock.today()
    summary = national_summary(user=user, today=today) if scope.is_admin else \
        _summary(user=user, today=today)
    overdue = list(selectors.overdue_follow_ups(user=user, today=today)[:10])
    return "reviews/panels/review.html", {
        "national": scope.is_admin,
        **summary,
        "dimensions": ratings.DIMENSIONS,
        "overdue": overdue,
    }


def _worked_out_summary(*, user, today) -> dict:
    data = selectors.dashboard(user=user, today=today)
    return {"total": len(data.rows), "summaries": data.summaries,
            "region_summaries": data.regions if data.rows else [],
            "worked_out_at": clock.now()}


def _summary(*, user, today) -> dict:
    """A reviewer's summary of their regions. Kept as the review dashboard's results are
    (reviews.views.DashboardView.results): only when every partnership's kept ratings are
    current, under the partnerships' generations, the day, the regions' names and the time
    the latest rating was worked out."""
    ids, current, latest = selectors.dashboard_partnerships(user=user, today=today)
    if not current:
        return _worked_out_summary(user=user, today=today)  # rates what is stale, keeps it
    regions = list(selectors.reviewable_regions(user=user).values_list("pk", "code", "name"))
    return page_cache.derived(
        ("reviews:summary", tuple(sorted(user.scope.region_ids)), today, latest, regions),
        [page_cache.partnership(pk) for pk in ids],
        lambda: _worked_out_summary(user=user, today=today))


def national_summary(*, user, today) -> dict:
    """The national view is the same for every administrator. Its ratings are the kept ones
    (reviews/stored.py), but summarising every partnership still reads them all, so the summary
    is kept for REVIEW_NATIONAL_SUMMARY_SECONDS and says when it was worked out. The review
    dashboard itself always reads the kept ratings, which are current."""
    seconds = getattr(settings, "REVIEW_NATIONAL_SUMMARY_SECONDS", 0)
    key = f"reviews:national-summary:{today.isoformat()}"
    try:
        kept = cache.get(key) if seconds else None
    except CACHE_ERRORS:  # the cache is down: work it out, as when it is not kept
        kept, seconds = None, 0
    if kept is not None:
        return kept
    summary = _worked_out_summary(user=user, today=today)
    if seconds:
        try:
            cache.set(key, summary, seconds)
        except CACHE_ERRORS:
            pass
    return summary


@register_panel(order=16)
def shared_notes_panel(request):
    notes = selectors.shared_notes_for_manager(user=request.user)
    if not notes:
        return None
    return "reviews/panels/shared_notes.html", {"notes": notes}
