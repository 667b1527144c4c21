"""Query pieces the funding filters and selectors share (kept apart so neither imports the
other)."""

from django.db.models import Exists, OuterRef, Q

from partnerships.models import Membership, Partnership

from .models import Opportunity


def user_partnership_ids(user) -> set[int]:
    """The partnerships a user works in: those they manage and their agencies' partnerships."""
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_funding_partnership_ids", None)
    if cached is not None:
        return cached
    scope = user.scope
    ids = set(scope.managed_partnership_ids)
    if scope.agency_ids:
        ids.update(
            Membership.objects.filter(agency_id__in=scope.agency_ids).values_list(
                "partnership_id", flat=True
            )
        )
    user._funding_partnership_ids = ids
    return ids


def eligible_condition(partnership_ids) -> Q:
    """Opportunities open to any of these partnerships: national ones, ones for their region,
    and ones naming the partnership."""
    partnership_ids = list(partnership_ids)
    region_ids = Partnership.objects.filter(id__in=partnership_ids).values("region_id")
    regions = Opportunity.regions.through
    partnerships = Opportunity.partnerships.through
    return (
        Q(is_national=True)
        | Exists(regions.objects.filter(opportunity_id=OuterRef("pk"), region_id__in=region_ids))
        | Exists(
            partnerships.objects.filter(
                opportunity_id=OuterRef("pk"), partnership_id__in=partnership_ids
            )
        )
    )
