"""Which partnerships the communications records touch (core.changes): each its own, so the
regional review's kept communications rating goes stale when any of them changes."""

from core import changes


def _approval(instance):
    from .models import Story

    return Story.objects.filter(pk=instance.story_id).values_list("partnership_id", flat=True)


def declare() -> None:
    from .models import (
        Brand,
        CalendarItem,
        Channel,
        Coverage,
        PublicityBudget,
        Story,
        StoryApproval,
    )

    changes.touches(
        Brand, Channel, Story, Coverage, CalendarItem, PublicityBudget, rule=changes.own_partnership
    )
    changes.touches(StoryApproval, rule=_approval)
