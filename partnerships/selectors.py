"""Reads for partnerships, always scoped by the requesting user."""

from django.db.models import Count, QuerySet

from .models import Agency, Membership, Partnership, Region


def visible_partnership_ids(user) -> frozenset[int] | None:
    """Ids of the partnerships a user may read; None means all of them (administrators).

    Computed once per user object (that is, once per request).
    """
    cached = getattr(user, "_visible_partnership_ids", False)
    if cached is not False:
        return cached
    scope = user.scope
    if scope.is_admin:
        result = None
    else:
        ids = set(scope.managed_partnership_ids)
        if scope.region_ids:
            ids.update(
                Partnership.objects.filter(region_id__in=scope.region_ids).values_list("id", flat=True)
            )
        if scope.agency_ids:
            ids.update(
                Membership.objects.filter(agency_id__in=scope.agency_ids)
                .values_list("partnership_id", flat=True)
            )
        result = frozenset(ids)
    user._visible_partnership_ids = result
    return result


def partnership_list(*, user) -> QuerySet[Partnership]:
    qs = Partnership.objects.select_related("region")
    ids = visible_partnership_ids(user)
    return qs if ids is None else qs.filter(id__in=ids)


def region_list(*, user) -> QuerySet[Region]:
    qs = Region.objects.annotate(partnership_count=Count("partnerships"))
    if user.scope.is_admin:
        return qs
    return qs.filter(id__in=user.scope.region_ids)


def partnership_members(*, partnership: Partnership) -> QuerySet[Membership]:
    return partnership.memberships.select_related("agency__agency_type").order_by(
        "agency__agency_type__order", "agency__name"
    )


def agencies_of_user(*, user) -> QuerySet[Agency]:
    return Agency.objects.filter(id__in=user.scope.agency_ids).select_related("agency_type")
