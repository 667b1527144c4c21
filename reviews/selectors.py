"""Reads for regional reviews, always scoped by the requesting user."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from partnerships.models import Partnership, Region

from . import ratings
from .models import FollowUpAction, FollowUpStatus, ReviewNote
from .stored import REASONS, stored_ratings


def reviewable_partnerships(*, user) -> QuerySet[Partnership]:
    """The partnerships a user reviews: those in their regions; all for administrators."""
    qs = Partnership.objects.select_related("region").order_by("name")
    if user.scope.is_admin:
        return qs
    return qs.filter(region_id__in=user.scope.region_ids)


def reviewable_regions(*, user) -> QuerySet[Region]:
    qs = Region.objects.order_by("name")
    return qs if user.scope.is_admin else qs.filter(id__in=user.scope.region_ids)


@dataclass
class Dashboard:
    rows: list  # ratings.PartnershipRatings, filtered and sorted
    summaries: list[dict]  # per dimension, over every partnership shown before filtering
    regions: list[dict]  # per region (see region_summaries), before filtering by rating


def dashboard(
    *,
    user,
    today: date,
    region_code: str = "",
    dimension: str = "",
    rating: str = "",
    sort: str = "",
    descending: bool = False,
    detail: str = REASONS,
) -> Dashboard:
    """Ratings of every partnership the user reviews, filtered and sorted, with `detail`
    (reviews.stored: REASONS, each rating and its explanation; RATINGS, the rating alone).

    region_code: only that region. dimension + rating: only partnerships rated so on it.
    sort: a dimension key (worst first; best first when descending), otherwise by name.
    """
    qs = reviewable_partnerships(user=user)
    regions = list(reviewable_regions(user=user))
    if region_code:
        qs = qs.filter(region__code=region_code)
        regions = [region for region in regions if region.code == region_code]
    # Only what the rows show; each partnership's region is one of `regions`, read already.
    qs = qs.select_related(None).only("name", "ons_code", "region_id")
    rows = stored_ratings(qs, today=today, detail=detail)
    by_id = {region.pk: region for region in regions}
    for row in rows:
        row.partnership.region = by_id[row.partnership.region_id]
    summaries = dimension_summaries(rows)
    per_region = region_summaries(rows, regions)
    if dimension in ratings.DIMENSIONS_BY_KEY and rating in ratings.RATING_ORDER:
        rows = [row for row in rows if row.results[dimension].rating == rating]
    if sort in ratings.DIMENSIONS_BY_KEY:
        sign = -1 if descending else 1  # worst first, or best first; names A-Z within
        rows.sort(
            key=lambda row: (
                sign * ratings.RATING_ORDER[row.results[sort].rating],
                row.partnership.name,
            )
        )
    elif descending:
        rows.reverse()
    return Dashboard(rows, summaries, per_region)


def dashboard_partnerships(*, user, today: date, region_code: str = "") -> tuple[list, bool, str]:
    """The ids of the partnerships dashboard() shows (before filtering by rating); whether every
    one of them has ratings kept for `today` and not stale; and when the latest of those was
    worked out (one query).

    The view caches the dashboard's rendered results only when all are current (a missing,
    stale or older row must be rated again before it is shown), under these partnerships'
    versions and the latest time: ratings worked out again make a new key even when no
    version changed (a row marked stale directly, by reviews.invalidation).
    """
    qs = reviewable_partnerships(user=user)
    if region_code:
        qs = qs.filter(region__code=region_code)
    found = list(
        qs.order_by().values_list(
            "pk", "stored_ratings__rated_on", "stored_ratings__stale", "stored_ratings__computed_at"
        )
    )
    current = all(rated_on == today and stale is False for _pk, rated_on, stale, _at in found)
    latest = max((at for *_, at in found if at is not None), default=None)
    return sorted(row[0] for row in found), current, latest.isoformat() if latest else ""


def dashboard_rows(*, user, today: date, **query):
    """(rows, summaries) of dashboard()."""
    result = dashboard(user=user, today=today, **query)
    return result.rows, result.summaries


COUNT_ORDER = [
    (key, ratings.RATING_LABELS[key]) for key in (ratings.GREEN, ratings.AMBER, ratings.RED)
]


def dimension_summaries(rows) -> list[dict]:
    total = len(rows)
    summaries = []
    for dimension in ratings.DIMENSIONS:
        counts = {key: 0 for key in ratings.RATING_ORDER}
        for row in rows:
            counts[row.results[dimension.key].rating] += 1
        summaries.append(
            {
                "dimension": dimension,
                "counts": counts,
                "text": dimension.summary_text(red=counts[ratings.RED], total=total),
                "counts_text": ", ".join(
                    f"{counts[key]} {label.lower()}" for key, label in COUNT_ORDER if counts[key]
                ),
            }
        )
    return summaries


def region_summaries(rows, regions) -> list[dict]:
    """For each region, how many of its partnerships are rated red, amber and green on each
    dimension: the national view, and a reviewer's view across several regions."""
    by_region = {region.pk: [] for region in regions}
    for row in rows:
        by_region.setdefault(row.partnership.region_id, []).append(row)
    summaries = []
    for region in regions:
        region_rows = by_region[region.pk]
        cells = []
        for dimension in ratings.DIMENSIONS:
            counts = {key: 0 for key in ratings.RATING_ORDER}
            for row in region_rows:
                counts[row.results[dimension.key].rating] += 1
            cells.append({"dimension": dimension, "counts": counts})
        summaries.append({"region": region, "partnerships": len(region_rows), "cells": cells})
    return summaries


def partnership_ratings(*, partnership: Partnership, today: date) -> ratings.PartnershipRatings:
    """One partnership's ratings, as kept (and kept if they were not): the review page shows
    the same ratings as the dashboard and its peers table."""
    return stored_ratings([partnership], today=today)[0]


def peer_rows(*, user, partnership: Partnership, today: date):
    """The partnership and the others in its most similar group that the user reviews."""
    if not partnership.most_similar_group:
        peers = [partnership]
    else:
        peers = list(
            reviewable_partnerships(user=user).filter(
                most_similar_group=partnership.most_similar_group
            )
        )
        if partnership not in peers:
            peers.insert(0, partnership)
    return stored_ratings(peers, today=today)


def review_notes(*, partnership: Partnership, shared_only: bool = False) -> QuerySet[ReviewNote]:
    qs = partnership.review_notes.select_related("author")
    return qs.filter(shared_with_manager=True) if shared_only else qs


def follow_up_actions(*, partnership: Partnership) -> QuerySet[FollowUpAction]:
    return partnership.review_actions.select_related("owner_agency", "created_by")


def shared_notes_for_manager(*, user, limit: int = 5) -> list[ReviewNote]:
    """The latest review notes shared with the partnerships the user manages."""
    if not user.scope.managed_partnership_ids:
        return []
    return list(
        ReviewNote.objects.filter(
            partnership_id__in=user.scope.managed_partnership_ids,
            shared_with_manager=True,
        )
        .select_related("partnership", "author")
        .order_by("-written_on", "-id")[:limit]
    )


def follow_ups_reviewed(*, user, region_code: str = "") -> QuerySet[FollowUpAction]:
    """Every follow-up action on the partnerships the user reviews (optionally one region)."""
    partnerships = reviewable_partnerships(user=user)
    if region_code:
        partnerships = partnerships.filter(region__code=region_code)
    return (
        FollowUpAction.objects.filter(partnership__in=partnerships)
        .select_related("partnership__region", "owner_agency", "created_by")
        .order_by("partnership__name", "due_on", "id")
    )


def overdue_follow_ups(*, user, today: date) -> QuerySet[FollowUpAction]:
    return (
        FollowUpAction.objects.filter(
            partnership__in=reviewable_partnerships(user=user),
            status=FollowUpStatus.OPEN,
            due_on__lt=today,
        )
        .select_related("partnership")
        .order_by("due_on", "id")
    )


def benefit_agencies(*, partnership, shares) -> dict[int, list[str]]:
    """Share id -> names of the partnership's active member agencies of the types bearing it,
    for the savings estimator's split by agency. One query (the shares' types prefetched)."""
    from partnerships.models import Membership, MembershipStatus

    names_by_type = {}
    for type_id, name in (
        Membership.objects.filter(partnership=partnership, status=MembershipStatus.ACTIVE)
        .order_by("agency__name")
        .values_list("agency__agency_type_id", "agency__name")
    ):
        names_by_type.setdefault(type_id, []).append(name)
    return {
        share.pk: [
            name
            for agency_type in share.agency_types.all()
            for name in names_by_type.get(agency_type.pk, [])
        ]
        for share in shares
    }


def rating_responses(*, partnership: Partnership) -> dict[str, list]:
    """The partnership's responses to its ratings, newest first, by dimension key."""
    by_dimension: dict[str, list] = {}
    for response in partnership.rating_responses.select_related("author"):
        by_dimension.setdefault(response.dimension, []).append(response)
    return by_dimension


def follow_up_entries(*, action: FollowUpAction) -> QuerySet:
    """A follow-up action's trail of updates and decisions, newest first."""
    return action.entries.select_related("author", "evidence_document__partnership")
