"""Home-page panels for partnerships: the user's scope with links into it."""

from django.db.models import Prefetch

from core.home_panels import cached_for_workers, register_panel

from . import selectors
from .models import Membership


@register_panel(order=10)
def scope_panel(request):
    user = request.user
    scope = user.scope
    context = {
        "is_admin": scope.is_admin,
        "regions": list(selectors.region_list(user=user))
        if (scope.is_admin or scope.is_reviewer)
        else [],
        "managed": list(
            selectors.partnership_list(user=user).filter(id__in=scope.managed_partnership_ids)
        )
        if scope.is_manager
        else [],
        "agencies": list(
            selectors.agencies_of_user(user=user).prefetch_related(
                Prefetch("memberships", queryset=Membership.objects.select_related("partnership")),
            )
        )
        if scope.is_agency_staff
        else [],
        "signatory_agency_ids": scope.signatory_agency_ids,
        "press_officer_agency_ids": scope.press_officer_agency_ids,
    }
    return "partnerships/panels/scope.html", context


@register_panel(order=20, cached=cached_for_workers)
def attention_panel(request):
    """For managers and agency staff: what needs attention in the partnerships they work in."""
    scope = request.user.scope
    if not (scope.is_manager or scope.is_agency_staff):
        return None
    items = selectors.attention_for(user=request.user)
    if not items:
        return None
    return "partnerships/panels/attention.html", {"items": items}
