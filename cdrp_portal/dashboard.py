"""Home-page panels. Each app registers its panels in its AppConfig.ready().

A panel is a function taking the request and returning (template name, context) or None when
it has nothing to show that user. Panels render in order of their `order` number.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    render: Callable


_PANELS: list[Panel] = []


def register_panel(*, order: int):
    def decorator(func):
        _PANELS.append(Panel(order=order, render=func))
        _PANELS.sort(key=lambda p: p.order)
        return func

    return decorator


def panels_for(request) -> list[tuple[str, dict]]:
    rendered = []
    for panel in _PANELS:
        result = panel.render(request)
        if result is not None:
            rendered.append(result)
    return rendered
