"""Home-page panels. Each app registers its panels in its AppConfig.ready().

A panel is a function taking the request and returning (template name, context) or None when
it has nothing to show that user. Panels render in order of their `order` number, each from
its own template with only `panel` in its context (no request, user or CSRF token), so a
panel's HTML depends only on what its function read.

A panel registered with `keep` has its HTML kept (core.cache): `keep(request)`
returns (parts, names), where `names` are the generations of every record the panel reads and
`parts` everything else it depends on (the user's scope, the day), or None to render it afresh.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import cache, changes, clock


@dataclass(frozen=True)
class Panel:
    order: int
    render: Callable
    keep: Callable | None = None


_PANELS: list[Panel] = []


def register_panel(*, order: int, keep: Callable | None = None):
    def decorator(func):
        _PANELS.append(Panel(order=order, render=func, keep=keep))
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
        kept = panel.keep(request) if panel.keep is not None else None
        if kept is None:
            html = render_panel(panel, request)
        else:
            parts, names = kept
            html = cache.derived(
                ("panel", panel.render.__module__, panel.render.__qualname__, *parts), names,
                lambda panel=panel: render_panel(panel, request))
        if html:
            rendered.append(mark_safe(html))  # noqa: S308 - rendered from our templates
    return rendered


def scope_parts(user) -> tuple:
    """What a user's scope is, for keys: their id and every id their roles reach."""
    scope = user.scope
    return (user.pk, scope.is_admin, *(tuple(sorted(ids)) for ids in (
        scope.region_ids, scope.managed_partnership_ids, scope.agency_ids,
        scope.signatory_agency_ids)))


def worked_partnership_names(request) -> list[str]:
    """The generations of every partnership whose records a manager's or agency staff's panel
    may show: those they manage, those their agencies are members of, and those of agreements
    their agencies are parties to (one query, once per request)."""
    if hasattr(request, "_worked_partnership_names"):
        return request._worked_partnership_names
    scope = request.user.scope
    ids = set(scope.managed_partnership_ids)
    if scope.agency_ids:
        ids.update(changes.agency_partnerships(scope.agency_ids))
    request._worked_partnership_names = [cache.partnership(pk) for pk in sorted(ids)]
    return request._worked_partnership_names


def keep_for_workers(request):
    """`keep` for panels of managers and agency staff about the partnerships they work in."""
    scope = request.user.scope
    if not (scope.is_manager or scope.is_agency_staff):
        return None
    return (*scope_parts(request.user), clock.today()), worked_partnership_names(request)
