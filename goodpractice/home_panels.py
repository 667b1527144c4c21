"""Home-page panel: good practice waiting for the user (entries to review, changes asked for)."""

from core.home_panels import register_panel, worked_partnership_ids

from .models import Status
from .selectors import VERSION, review_queue, user_entries


def cached_waiting(request):
    """Cached until an entry (or a partnership or region it names) changes (VERSION), or the
    partnerships the user writes for do."""
    scope = request.user.scope
    workers = worked_partnership_ids(request) if (scope.is_manager or scope.is_agency_staff) else []
    return {"depends_on": [VERSION, *workers]}


@register_panel(order=50, cached=cached_waiting)
def goodpractice_panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    scope = user.scope
    to_review = list(review_queue(user=user)[:10]) if (scope.is_admin or scope.is_reviewer) else []
    to_revise = (
        list(user_entries(user=user).filter(status=Status.CHANGES_REQUESTED)[:10])
        if (scope.is_manager or scope.is_agency_staff)
        else []
    )
    if not to_review and not to_revise:
        return None
    return "goodpractice/panels/waiting.html", {"to_review": to_review, "to_revise": to_revise}
