"""Matrix rows for communications' records: the brand and its sheet, channels, the coverage log
and its export, the calendar, its address and its private feed."""

from .matrix import Row, everyone

READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
READ_POST = everyone(404, admin=405, reviewer_in=405, manager_this=405, staff_this=405)
READ_POST_DONE = everyone(404, admin=302, reviewer_in=302, manager_this=302, staff_this=302)
CHANGE = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
CHANGE_DONE = everyone(404, admin=302, manager_this=302, reviewer_in=403, staff_this=403)
# A form sent empty comes back with its errors (200) to those allowed to send it.
CHANGE_EMPTY = CHANGE
# The feed needs no session: its token is the key, for every visitor alike.
FEED = dict.fromkeys(everyone(200), 200)
FEED_REFUSED = dict.fromkeys(everyone(404), 404)


def _this(world):
    return {"code": world.partnership.ons_code}


def _channel(world):
    from communications.models import Channel

    channel, _ = Channel.objects.get_or_create(
        partnership=world.partnership,
        name="Leedsford Evening Post",
        defaults={"kind": "local_paper", "frequency": "daily"},
    )
    return {"code": world.partnership.ons_code, "pk": channel.pk}


def _coverage(world):
    from datetime import date

    from communications.models import Coverage

    piece, _ = Coverage.objects.get_or_create(
        partnership=world.partnership,
        headline="Violence falls in the city centre",
        defaults={"outlet_name": "Northern Daily", "published_on": date(2026, 11, 2)},
        tone="positive",
    )
    return {"code": world.partnership.ons_code, "pk": piece.pk}


def _item(world):
    from datetime import date

    from communications.models import CalendarItem

    item, _ = CalendarItem.objects.get_or_create(
        partnership=world.partnership,
        title="Safer nights out",
        defaults={"kind": "campaign", "starts_on": date(2026, 12, 1)},
    )
    return {"code": world.partnership.ons_code, "pk": item.pk}


def _feed_of(role):
    def kwargs(world):
        from funding.models import FundingPreferences

        prefs, _ = FundingPreferences.objects.get_or_create(user=world.users[role])
        if not prefs.calendar_token:
            prefs.calendar_token = f"matrix-token-of-{role.replace('_', '-')}"
            prefs.save(update_fields=["calendar_token"])
        return {"code": world.partnership.ons_code, "token": prefs.calendar_token}

    return kwargs


def _brand_data(world):
    return {"public_name": "Safer Leedsford", "primary_colour": "#1d70b8"}


def _channel_data(world):
    return {
        "name": "Radio Leedsford",
        "kind": "radio",
        "frequency": "weekly",
        "is_active": "yes",
    }


def _coverage_data(world):
    return {
        "headline": "Night-time violence down a fifth",
        "outlet_name": "Radio North",
        "published_on": "2026-11-20",
        "tone": "positive",
    }


def _item_data(world):
    return {"kind": "briefing", "title": "Weekly briefing", "starts_on": "2026-12-03"}


ROWS = [
    Row("communications:brand", READ, kwargs=_this),
    Row("communications:brand", READ_POST, method="post", kwargs=_this),
    Row("communications:brand-sheet", READ, kwargs=_this),
    Row("communications:brand-edit", CHANGE, kwargs=_this),
    Row("communications:brand-edit", CHANGE_DONE, method="post", kwargs=_this, data=_brand_data),
    Row("communications:channels", READ, kwargs=_this),
    Row("communications:channel-create", CHANGE, kwargs=_this),
    Row(
        "communications:channel-create",
        CHANGE_DONE,
        method="post",
        kwargs=_this,
        data=_channel_data,
    ),
    Row("communications:channel-edit", CHANGE, kwargs=_channel),
    Row(
        "communications:channel-edit",
        CHANGE_DONE,
        method="post",
        kwargs=_channel,
        data=_channel_data,
    ),
    Row("communications:coverage", READ, kwargs=_this),
    Row("communications:coverage-export", READ, kwargs=_this),
    Row("communications:coverage-create", CHANGE, kwargs=_this),
    Row(
        "communications:coverage-create",
        CHANGE_DONE,
        method="post",
        kwargs=_this,
        data=_coverage_data,
    ),
    Row("communications:coverage-create", CHANGE_EMPTY, method="post", kwargs=_this),
    Row("communications:coverage-edit", CHANGE, kwargs=_coverage),
    Row(
        "communications:coverage-edit",
        CHANGE_DONE,
        method="post",
        kwargs=_coverage,
        data=_coverage_data,
    ),
    Row("communications:calendar", READ, kwargs=_this),
    Row("communications:calendar-create", CHANGE, kwargs=_this),
    Row(
        "communications:calendar-create",
        CHANGE_DONE,
        method="post",
        kwargs=_this,
        data=_item_data,
    ),
    Row("communications:calendar-edit", CHANGE, kwargs=_item),
    Row("communications:calendar-edit", CHANGE_DONE, method="post", kwargs=_item, data=_item_data),
    Row("communications:calendar-address", READ_POST, kwargs=_this),
    Row("communications:calendar-address", READ_POST_DONE, method="post", kwargs=_this),
    Row("communications:calendar-feed", FEED, kwargs=_feed_of("staff_this")),
    Row("communications:calendar-feed", FEED_REFUSED, kwargs=_feed_of("staff_other")),
]
