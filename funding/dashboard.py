"""Home-page panel: bids whose deadline is near, and watched opportunities closing soon."""

from cdrp_portal.dashboard import register_panel

from .selectors import closing_soon


@register_panel(order=40)
def funding_panel(request):
    user = request.user
    bids, watched = closing_soon(user=user)
    if not user.scope.is_manager and not watched:
        return None
    return "funding/panels/closing_soon.html", {"bids": bids, "watched": watched}
