"""Matrix rows for the communications API: stories, coverage, channels, calendar items and
publicity budgets, read only, each record only to those who may read its partnership."""

from .matrix import Row
from .rows_api import SIGNED_IN, THIS_PARTNERSHIP


def communication_records(world) -> dict[str, int]:
    """One record of each kind in the world's partnership: API path prefix -> its id."""
    from datetime import date

    from communications.models import (
        CalendarItem,
        Channel,
        Coverage,
        PublicityBudget,
        Story,
        Tone,
    )

    partnership = world.partnership
    channel, _ = Channel.objects.get_or_create(
        partnership=partnership,
        name="Leedsford Echo",
        defaults={"kind": "local_paper", "frequency": "weekly"},
    )
    story, _ = Story.objects.get_or_create(
        partnership=partnership,
        title="Help points open in the city centre",
        defaults={"owner": world.users["manager_this"], "channel": channel},
    )
    coverage, _ = Coverage.objects.get_or_create(
        partnership=partnership,
        headline="City centre help points open",
        defaults={
            "channel": channel,
            "story": story,
            "published_on": date(2026, 5, 1),
            "tone": Tone.POSITIVE,
        },
    )
    item, _ = CalendarItem.objects.get_or_create(
        partnership=partnership,
        title="Weekly media briefing",
        defaults={"kind": "briefing", "starts_on": date(2026, 12, 7)},
    )
    budget, _ = PublicityBudget.objects.get_or_create(
        partnership=partnership,
        initiative="Safe nights out",
        defaults={"total": 10_000, "publicity": 500},
    )
    return {
        "stories": story.pk,
        "coverage": coverage.pk,
        "channels": channel.pk,
        "calendar-items": item.pk,
        "publicity-budgets": budget.pk,
    }


def _record(prefix):
    def kwargs(world):
        return {"pk": communication_records(world)[prefix]}

    return kwargs


ROWS = [
    row
    for name, prefix in (
        ("story", "stories"),
        ("coverage", "coverage"),
        ("channel", "channels"),
        ("calendar-item", "calendar-items"),
        ("publicity-budget", "publicity-budgets"),
    )
    for row in (
        Row(f"api:{name}-list", SIGNED_IN),
        Row(f"api:{name}-detail", THIS_PARTNERSHIP, kwargs=_record(prefix)),
    )
]
