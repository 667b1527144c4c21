"""Reading stories: a partnership's list with approval counts, one story with its approvals,
a press officer's queue, and the working days an approval has waited."""

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import Stage, Story, StoryApproval


def _approvals(**conditions):
    """How many approvals the story has (of those meeting `conditions`), as a subquery: a
    join and GROUP BY would make the list's count and page of ids join every approval too."""
    counted = (
        StoryApproval.objects.filter(story=OuterRef("pk"), **conditions)
        .order_by()
        .values("story")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def stories_for(*, partnership, stage: str = "") -> QuerySet[Story]:
    """The partnership's stories, newest first, each with how many approvals it has of how many
    (two counts in the one query)."""
    stories = (
        Story.objects.filter(partnership=partnership)
        .select_related("owner", "channel")
        .annotate(
            approvals_needed=_approvals(),
            approvals_given=_approvals(approved_at__isnull=False),
        )
        .order_by("-created_at", "-id")
    )
    if stage:
        stories = stories.filter(stage=stage)
    return stories


def stage_counts(*, partnership) -> dict[str, int]:
    """How many of the partnership's stories are at each stage."""
    found = dict(
        Story.objects.filter(partnership=partnership)
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {value: found.get(value, 0) for value in Stage.values}


def story_detail(*, pk: int) -> Story:
    """One story with its partnership, owner, channel and sources joined (raises DoesNotExist)."""
    return Story.objects.select_related(
        "partnership__region", "owner", "channel", "entry", "action", "indicator"
    ).get(pk=pk)


def approvals_of(story: Story) -> list[StoryApproval]:
    return list(story.approvals.select_related("agency", "approved_by").order_by("agency__name"))


def approval_queue(*, user) -> QuerySet[StoryApproval]:
    """The approvals awaiting this user's agencies (those they are press officer for), oldest
    request first, across partnerships."""
    return (
        StoryApproval.objects.filter(
            agency_id__in=user.scope.press_officer_agency_ids,
            approved_at__isnull=True,
            story__stage=Stage.AWAITING_APPROVAL,
        )
        .select_related("agency", "story__partnership", "story__owner")
        .order_by("story__sent_for_approval_at", "story_id", "id")
    )


# Working days -----------------------------------------------------------------------------


def _next_weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _last_weekday_of(year: int, month: int, weekday: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays of a year, worked out by the usual rules (a holiday on a
    weekend moves to the next free weekday). The few one-off moves (a coronation, a jubilee)
    are not known."""
    days: set[date] = set()

    def substitute(day: date) -> None:
        while day.weekday() >= 5 or day in days:
            day += timedelta(days=1)
        days.add(day)

    substitute(date(year, 1, 1))
    good_friday = easter(year) - timedelta(days=2)
    days.update({good_friday, good_friday + timedelta(days=3)})
    days.add(_next_weekday_on_or_after(date(year, 5, 1), 0))  # early May
    days.add(_last_weekday_of(year, 5, 0))  # spring
    days.add(_last_weekday_of(year, 8, 0))  # summer
    substitute(date(year, 12, 25))
    substitute(date(year, 12, 26))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start`, up to and including `end` (0 if end is not after start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
