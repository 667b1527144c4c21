"""What the finder's, the timetable's and the funding panel's cached content depends on.

They show the funding catalogue (opportunities, funders, themes, applicant types, regions and
the partnerships opportunities name), the same for everyone: its version is ``funding``. The
finder's watch buttons also show the user's watches (`watches`), and hold a CSRF token, which
is per request: the cached HTML holds CSRF_MARKER in its place, replaced on every request.

Time changes what they show too: an opportunity opening or closing changes its status and
drops it from the default list, and one coming within "closing within" days joins that list.
`last_turn` is the latest such moment, so nothing is cached past one.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.context_processors import PermWrapper
from django.db import connection
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import cache

CATALOGUE = "funding"
CSRF_MARKER = "cached-csrf-token-6f1c2a"


def watches(user_id: int) -> str:
    """The version of one user's watches."""
    return f"user:{user_id}:watches"


def declare() -> None:
    """Declare which records replace the catalogue's and the watches' versions."""
    from partnerships.models import Partnership, Region

    from .models import ApplicantType, Funder, Opportunity, Theme, Watch

    # A partnership moving region changes what the location filter finds.
    cache.versioned(
        Opportunity,
        Funder,
        Theme,
        ApplicantType,
        Region,
        Partnership,
        *(
            getattr(Opportunity, name).through
            for name in ("themes", "applicant_types", "regions", "partnerships")
        ),
        version=CATALOGUE,
    )
    cache.versioned(Watch, version=lambda watch: [watches(watch.user_id)])


@dataclass(frozen=True)
class Content:
    """Cached content, and whether its filter form had errors (the page title says so:
    base.html reads `form.errors`, so the view passes this as `form`)."""

    html: str
    errors: bool


def render(template_name: str, values: dict, request, *, csrf_marker: bool = False) -> dict:
    """The content rendered, as plain data to cache.

    Rendered with the request and the user's permissions only, which is all the content reads
    of them: not with the context processors, which the page runs again around it (the
    navigation alone reverses an address for every item).
    """
    values.update(request=request, perms=PermWrapper(request.user))
    if csrf_marker:
        values["csrf_token"] = CSRF_MARKER
    return {
        "html": render_to_string(template_name, values),
        "errors": bool(values["form"].errors),
    }


def content(request, cached: dict) -> Content:
    """The cached content for this request, with its CSRF token in place of the marker."""
    html = cached["html"].replace(CSRF_MARKER, get_token(request))
    return Content(mark_safe(html), cached["errors"])  # noqa: S308 - our own template's output


def scope_vary(request, partnership_ids) -> tuple[list, list]:
    """What the finder and the timetable show that differs between readers (the address, the
    links their permissions show, the partnerships whose regions "eligible" matches), and the
    versions those partnerships add."""
    user = request.user
    eligible = "eligible" in request.GET
    ids = sorted(partnership_ids)
    vary = [
        request.get_full_path(),
        bool(ids),
        ids if eligible else None,
        user.has_perm("funding.add_opportunity"),
        user.has_perm("funding.view_insight"),
        last_turn(request.GET),
    ]
    return vary, (ids if eligible else [])


def _closing_within(data) -> int | None:
    value = data.get("closing_within", "")
    try:
        days = int(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return days if days is not None and 1 <= days <= 366 else None


def last_turn(data, now: datetime | None = None) -> tuple:
    """The latest moments at or before now when an opportunity opened, closed, or (with the
    "closing within" filter) came within that many days of closing. Until one of them changes,
    the passing of time changes nothing the finder or the timetable shows. One query, three
    index lookups."""
    from core import clock

    from .models import Opportunity

    now = clock.now() if now is None else now
    table = connection.ops.quote_name(Opportunity._meta.db_table)
    days = _closing_within(data)
    within = now + timedelta(days=days) if days else now
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT max(opens_at) FROM {table} WHERE opens_at <= %s),"  # noqa: S608
            f" (SELECT max(closes_at) FROM {table} WHERE closes_at <= %s),"
            f" (SELECT max(closes_at) FROM {table} WHERE closes_at <= %s)",
            [now, now, within],
        )
        return tuple(cursor.fetchone())
