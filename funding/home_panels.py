"""Home-page panel: bids whose deadline is near, and watched opportunities closing soon."""

from core import cache, clock
from core.home_panels import register_panel

from . import kept
from .selectors import closing_soon

DAYS = 28  # what "soon" means


def keep_closing_soon(request):
    """The panel is kept until a bid of a partnership the user manages, the catalogue or the
    user's watches change, or time passes a moment when an opportunity closed or came within
    DAYS of closing (funding.kept.last_turn)."""
    user = request.user
    managed = sorted(user.scope.managed_partnership_ids)
    turn = kept.last_turn(clock.now(), {"closing_within": str(DAYS)})
    return ((user.pk, tuple(managed), turn),
            [kept.CATALOGUE, kept.watches(user.pk),
             *(cache.partnership(pk) for pk in managed)])


@register_panel(order=40, keep=keep_closing_soon)
def funding_panel(request):
    user = request.user
    bids, watched = closing_soon(user=user, days=DAYS)
    if not user.scope.is_manager and not watched:
        return None
    return "funding/panels/closing_soon.html", {"bids": bids, "watched": watched}
