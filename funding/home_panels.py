"""Home-page panel: bids whose deadline is near, and watched opportunities closing soon."""

from core.home_panels import register_panel

from . import caching
from .selectors import closing_soon

DAYS = 28  # what "soon" means


def cached_closing_soon(request):
    """The panel is cached until a bid of a partnership the user manages, the catalogue or the
    user's watches change, or time passes a moment when an opportunity closed or came within
    DAYS of closing (funding.caching.last_turn)."""
    user = request.user
    return {
        "depends_on": [
            caching.CATALOGUE,
            caching.watches(user.pk),
            *sorted(user.scope.managed_partnership_ids),
        ],
        "vary": [caching.last_turn({"closing_within": str(DAYS)})],
    }


@register_panel(order=40, cached=cached_closing_soon)
def funding_panel(request):
    user = request.user
    bids, watched = closing_soon(user=user, days=DAYS)
    if not user.scope.is_manager and not watched:
        return None
    return "funding/panels/closing_soon.html", {"bids": bids, "watched": watched}
