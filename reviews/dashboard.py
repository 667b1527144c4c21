"""Home-page panels: for reviewers, their regions' ratings in brief and their overdue
follow-ups; for administrators, the same across the nation by region; for partnership managers,
the review notes shared with them."""

from cdrp_portal import clock
from cdrp_portal.dashboard import register_panel

from . import ratings, selectors


@register_panel(order=15)
def review_panel(request):
    user = request.user
    scope = user.scope
    if not (scope.is_admin or scope.is_reviewer):
        return None
    today = clock.today()
    data = selectors.dashboard(user=user, today=today)
    overdue = list(selectors.overdue_follow_ups(user=user, today=today)[:10])
    return "reviews/panels/review.html", {
        "national": scope.is_admin,
        "total": len(data.rows),
        "summaries": data.summaries,
        "region_summaries": data.regions if data.rows else [],
        "dimensions": ratings.DIMENSIONS,
        "overdue": overdue,
    }


@register_panel(order=16)
def shared_notes_panel(request):
    notes = selectors.shared_notes_for_manager(user=request.user)
    if not notes:
        return None
    return "reviews/panels/shared_notes.html", {"notes": notes}
