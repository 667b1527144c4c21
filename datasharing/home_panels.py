"""Home-page panel for data sharing: signatures awaited, reviews due, overdue deliveries."""

from core import clock
from core.home_panels import cached_for_workers, register_panel

from . import selectors


@register_panel(order=30, cached=cached_for_workers)
def data_sharing_panel(request):
    scope = request.user.scope
    if not (scope.is_manager or scope.is_agency_staff):
        return None
    return "datasharing/panels/attention.html", selectors.attention_for(
        user=request.user, today=clock.today()
    )
