"""Home-page panel for outcomes: the targets of the partnerships a manager runs, and how far
each has moved since its baseline."""

from core.home_panels import register_panel
from partnerships.models import Partnership

from . import selectors
from .changes import OUTCOMES
from .models import Target


def _cached(request):
    ids = sorted(request.user.scope.managed_partnership_ids)
    return {"depends_on": [*ids, OUTCOMES]} if ids else None


@register_panel(order=35, cached=_cached)
def outcomes_panel(request):
    ids = request.user.scope.managed_partnership_ids
    if not ids:
        return None
    targets = Target.objects.filter(priority__partnership_id__in=ids).select_related(
        "priority__partnership", "indicator"
    )
    return "outcomes/panels/targets.html", {
        "progress": selectors.target_progress(targets=targets),
        "partnerships": list(Partnership.objects.filter(pk__in=ids).order_by("name")),
    }
