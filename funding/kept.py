"""The finder's and the timetable's content, kept in the cache until what it shows changes.

Both pages show the funding catalogue (opportunities, funders, themes, applicant types, regions
and the partnerships opportunities name), which is the same for everyone. A change to any of
those records replaces the ``funding`` generation (`connect`, called from FundingConfig.ready).

What else the kept HTML depends on is in its key:

- the address with its query string (filters, sort, page, and the "next" address of the watch
  buttons), and the links the user's permissions show;
- the partnerships the user works in (whether the "eligible" box is offered, and what it
  matches: with it ticked the partnerships' own generations count too, for their regions);
- for the timetable, today's date (its months start today);
- the moment the catalogue last changed by the passing of time (`last_turn`): an opportunity
  opening or closing changes its status and drops it from the default list, and one coming
  within "closing within" days joins that list. So nothing is kept past such a moment;
- for the finder, whose results carry watch buttons, the user and their watches' generation.

The finder's watch buttons hold a CSRF token, which is per request: the kept HTML holds a
marker in its place, replaced on every request.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import cache, clock

CATALOGUE = "funding"
CSRF_MARKER = "kept-csrf-token-6f1c2a"


def watches(user_id: int) -> str:
    """The generation of one user's watches."""
    return f"user:{user_id}:watches"


# Generations ---------------------------------------------------------------------------------

def _catalogue_changed(sender, action="", **kwargs):
    if not action.startswith("pre_"):  # post_save, post_delete, and m2m_changed's post_*
        cache.bump([CATALOGUE])


def _watch_changed(sender, instance, **kwargs):
    cache.bump([watches(instance.user_id)])


def connect() -> None:
    """Connect the signals that replace the catalogue's and the watches' generations."""
    from partnerships.models import Partnership, Region

    from .models import ApplicantType, Funder, Opportunity, Theme, Watch

    # A partnership moving region changes what the location filter finds.
    for model in (Opportunity, Funder, Theme, ApplicantType, Region, Partnership):
        post_save.connect(_catalogue_changed, sender=model,
                          dispatch_uid=f"funding-kept-{model.__name__}-save")
        post_delete.connect(_catalogue_changed, sender=model,
                            dispatch_uid=f"funding-kept-{model.__name__}-delete")
    for name in ("themes", "applicant_types", "regions", "partnerships"):
        through = getattr(Opportunity, name).through
        m2m_changed.connect(_catalogue_changed, sender=through,
                            dispatch_uid=f"funding-kept-{name}-m2m")
    post_save.connect(_watch_changed, sender=Watch, dispatch_uid="funding-kept-watch-save")
    post_delete.connect(_watch_changed, sender=Watch, dispatch_uid="funding-kept-watch-delete")


@dataclass(frozen=True)
class Content:
    """Kept content, and whether its filter form had errors (the page title says so: base.html
    reads `form.errors`, so the view passes this as `form`)."""

    html: str
    errors: bool


def _render(template_name: str, values: dict, request) -> dict:
    return {"html": render_to_string(template_name, values, request=request),
            "errors": bool(values["form"].errors)}


# Time ----------------------------------------------------------------------------------------

def _closing_within(data) -> int | None:
    value = data.get("closing_within", "")
    try:
        days = int(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return days if days is not None and 1 <= days <= 366 else None


def last_turn(now: datetime, data) -> tuple:
    """The latest moments at or before `now` when an opportunity opened, closed, or (with the
    "closing within" filter) came within that many days of closing. Until one of them changes,
    the passing of time changes nothing the finder or the timetable shows. One query, three
    index lookups."""
    from .models import Opportunity

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


# The pages -----------------------------------------------------------------------------------

def _scope_parts(request, partnership_ids) -> tuple[list, list[str]]:
    """Key parts and generation names for the user's partnerships and permissions."""
    user = request.user
    eligible = "eligible" in request.GET
    ids = sorted(partnership_ids)
    parts = [request.get_full_path(), bool(ids), ids if eligible else None,
             user.has_perm("funding.add_opportunity"), user.has_perm("funding.view_insight")]
    names = [CATALOGUE, *(cache.partnership(pk) for pk in ids)] if eligible else [CATALOGUE]
    return parts, names


def finder_content(request, partnership_ids, context) -> Content:
    """The finder's content (everything below the site's header), kept per user and address.

    `context` is a function of no arguments returning the template context; it runs only when
    the content is not kept.
    """
    now = clock.now()
    parts, names = _scope_parts(request, partnership_ids)
    user_id = request.user.pk

    def compute() -> dict:
        values = context()
        values["csrf_token"] = CSRF_MARKER
        return _render("funding/includes/finder_content.html", values, request)

    kept = cache.derived(["funding-finder", user_id, *parts, last_turn(now, request.GET)],
                               [*names, watches(user_id)], compute)
    html = kept["html"].replace(CSRF_MARKER, get_token(request))
    return Content(mark_safe(html), kept["errors"])  # noqa: S308 - our own template's output


def timetable_content(request, partnership_ids, context) -> Content:
    """The timetable's content, kept per address and day for everyone with the same scope."""
    now = clock.now()
    parts, names = _scope_parts(request, partnership_ids)

    def compute() -> dict:
        return _render("funding/includes/timetable_content.html", context(), request)

    kept = cache.derived(["funding-timetable", *parts, clock.today(),
                                last_turn(now, request.GET)], names, compute)
    return Content(mark_safe(kept["html"]), kept["errors"])  # noqa: S308 - our own template
