"""Matrix rows for funding pages.

Opportunities are for everyone signed in; reviewers publish and edit them for their regions,
administrators everywhere. A partnership's bids: its manager and administrators change them;
its agencies' staff and its region's reviewers read them; everyone else gets 404.
"""

from datetime import timedelta

from .matrix import Row, everyone

# Inside the partnership: its manager, its agencies' staff, its region's reviewers, admins.
THIS_PARTNERSHIP_READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
THIS_PARTNERSHIP_CHANGE = everyone(
    404, admin=200, manager_this=200, reviewer_in=403, staff_this=403
)
REVIEWERS = everyone(403, admin=200, reviewer_in=200, reviewer_out=200)
REGION_IN_EDITORS = everyone(403, admin=200, reviewer_in=200)


def _opportunity(world):
    """An opportunity open in the world's inside region only."""
    from core import clock
    from funding.models import Funder, Opportunity

    funder, _ = Funder.objects.get_or_create(identifier="360G-matrix", defaults={"name": "Fund"})
    opportunity, created = Opportunity.objects.get_or_create(
        title="Matrix opportunity",
        defaults={
            "funder": funder,
            "description": "For the matrix.",
            "opens_at": clock.now() - timedelta(days=1),
            "closes_at": clock.now() + timedelta(days=20),
        },
    )
    if created:
        opportunity.regions.set([world.region_in])
    return opportunity


def _bid(world):
    from funding.models import Bid

    bid, _ = Bid.objects.get_or_create(
        partnership=world.partnership, opportunity=_opportunity(world)
    )
    return bid


def _opportunity_pk(world):
    return {"pk": _opportunity(world).pk}


def _bid_pk(world):
    return {"pk": _bid(world).pk}


def _this(world):
    return {"code": world.partnership.ons_code}


def _saved_search(world):
    from funding.models import SavedSearch

    search, _ = SavedSearch.objects.get_or_create(user=world.users["manager_this"], name="Violence")
    return {"pk": search.pk}


def _feed_token(world):
    from funding.services import calendar_token_reset

    return {"token": calendar_token_reset(user=world.users["manager_this"])}


ROWS = [
    Row("funding:finder", everyone(200)),
    Row("funding:finder-export", everyone(200)),
    Row("funding:timetable", everyone(200)),
    Row("funding:timetable-export", everyone(200)),
    Row("funding:watch-list", everyone(200)),
    Row("funding:watch-list-export", everyone(200)),
    Row("funding:insight", REVIEWERS),
    Row("funding:insight-export", REVIEWERS),
    Row("funding:opportunity-create", REVIEWERS),
    # An empty form comes back with its errors (200) to those who may publish.
    Row("funding:opportunity-create", REVIEWERS, method="post"),
    Row("funding:opportunity-detail", everyone(200), kwargs=_opportunity_pk),
    Row("funding:opportunity-history", everyone(200), kwargs=_opportunity_pk),
    Row("funding:opportunity-edit", REGION_IN_EDITORS, kwargs=_opportunity_pk),
    Row("funding:opportunity-edit", REGION_IN_EDITORS, method="post", kwargs=_opportunity_pk),
    Row(
        "funding:opportunity-watch",
        everyone(302),
        method="post",
        kwargs=_opportunity_pk,
        data=lambda world: {"watch": "1"},
    ),
    Row("funding:funder-create", REVIEWERS),
    Row("funding:funder-create", REVIEWERS, method="post"),
    Row("funding:saved-search-list", everyone(200)),
    Row("funding:saved-search-create", everyone(200)),
    Row(
        "funding:saved-search-create",
        everyone(302),
        method="post",
        data=lambda world: {"name": "Youth money", "frequency": "weekly", "query": "theme=youth"},
    ),
    Row(
        "funding:saved-search-delete",
        everyone(404, manager_this=302),
        method="post",
        kwargs=_saved_search,
    ),
    Row("funding:settings", everyone(200)),
    Row(
        "funding:settings",
        everyone(302),
        method="post",
        data=lambda world: {"reminder_offsets": "14, 3", "email_reminders": "on"},
    ),
    Row(
        "funding:calendar-token",
        everyone(302),
        method="post",
        data=lambda world: {"action": "reset"},
    ),
    # The feed is reached by its secret address alone (calendar programs cannot sign in).
    Row("funding:calendar-feed", everyone(200, anonymous=200), kwargs=_feed_token),
    Row("funding:partnership-funding", THIS_PARTNERSHIP_READ, kwargs=_this),
    Row("funding:partnership-funding-export", THIS_PARTNERSHIP_READ, kwargs=_this),
    Row("funding:bid-create", THIS_PARTNERSHIP_CHANGE, kwargs=_this),
    Row("funding:bid-create", THIS_PARTNERSHIP_CHANGE, method="post", kwargs=_this),
    Row("funding:bid-detail", THIS_PARTNERSHIP_READ, kwargs=_bid_pk),
    Row("funding:bid-history", THIS_PARTNERSHIP_READ, kwargs=_bid_pk),
    Row("funding:bid-edit", THIS_PARTNERSHIP_CHANGE, kwargs=_bid_pk),
    Row("funding:bid-edit", THIS_PARTNERSHIP_CHANGE, method="post", kwargs=_bid_pk),
    Row("funding:bid-status", THIS_PARTNERSHIP_CHANGE, kwargs=_bid_pk),
    Row(
        "funding:bid-status",
        everyone(404, admin=302, manager_this=302, reviewer_in=403, staff_this=403),
        method="post",
        kwargs=_bid_pk,
        data=lambda world: {"status": "preparing"},
    ),
    Row("funding:giving360-json", everyone(200)),
    Row("funding:giving360-csv", everyone(200)),
]
