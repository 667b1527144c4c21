"""Home-page panels. Each app registers its panels in its AppConfig.ready().

A panel is a function taking the request and returning (template name, context) or None when
it has nothing to show that user. Panels render in order of their `order` number, each from
its own template with only `panel` in its context (no request, user or CSRF token), so a
panel's HTML depends only on what its function read.

A panel registered with `cached` has its HTML cached (core.cache.fragment): `cached(request)`
returns fragment's keyword arguments (`depends_on`, and `vary` or `shared` if needed), or None
to render it afresh.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import cache, changes


@dataclass(frozen=True)
class Panel:
    order: int
    render: Callable
    cached: Callable | None = None


_PANELS: list[Panel] = []


def register_panel(*, order: int, cached: Callable | None = None):
    def decorator(func):
        _PANELS.append(Panel(order=order, render=func, cached=cached))
        _PANELS.sort(key=lambda p: p.order)
        return func

    return decorator


def render_panel(panel: Panel, request) -> str:
    """The panel's HTML, or "" when it has nothing to show."""
    result = panel.render(request)
    if result is None:
        return ""
    template_name, context = result
    return render_to_string(template_name, {"panel": context})


def panels_for(request) -> list[SafeString]:
    """The HTML of each panel the user sees, in order."""
    rendered = []
    for panel in _PANELS:
        how = panel.cached(request) if panel.cached is not None else None
        if how is None:
            html = mark_safe(render_panel(panel, request))  # noqa: S308 - our templates
        else:
            name = f"panel:{panel.render.__module__}.{panel.render.__qualname__}"
            html = cache.fragment(
                request, name, lambda panel=panel: render_panel(panel, request), **how
            )
        if html:
            rendered.append(html)
    return rendered


def worked_partnership_ids(request) -> list[int]:
    """Every partnership whose records a manager's or agency staff's panel may show: those
    they manage, those their agencies are members of, and those of agreements their agencies
    are parties to (one query, once per request)."""
    if hasattr(request, "_worked_partnership_ids"):
        return request._worked_partnership_ids
    scope = request.user.scope
    ids = set(scope.managed_partnership_ids)
    if scope.agency_ids:
        ids.update(changes.agency_partnerships(scope.agency_ids))
    request._worked_partnership_ids = sorted(ids)
    return request._worked_partnership_ids


def cached_for_workers(request):
    """`cached` for panels of managers and agency staff about the partnerships they work in."""
    scope = request.user.scope
    if not (scope.is_manager or scope.is_agency_staff):
        return None
    return {"depends_on": [*worked_partnership_ids(request), cache.TODAY]}
