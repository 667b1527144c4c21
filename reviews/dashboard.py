"""Home-page panel for reviewers: their regions' ratings in brief, and overdue follow-ups."""

from cdrp_portal import clock
from cdrp_portal.dashboard import register_panel

from . import selectors


@register_panel(order=15)
def review_panel(request):
    user = request.user
    if not user.scope.is_reviewer:
        return None
    today = clock.today()
    _rows, summaries = selectors.dashboard_rows(user=user, today=today)
    overdue = list(selectors.overdue_follow_ups(user=user, today=today)[:10])
    return "reviews/panels/review.html", {"summaries": summaries, "overdue": overdue}
