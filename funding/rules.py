"""Who may do what with funding records. One place; views declare the permission.

Opportunities are read by everyone signed in. Regional reviewers publish and edit them for
their regions, administrators for everywhere. Bids belong to a partnership: its manager (and
administrators) change them; its agencies' staff and its region's reviewers read them; anyone
else is told they do not exist (404).
"""

import rules

from accounts.rules import is_administrator
from partnerships.rules import can_read_partnership, is_any_reviewer, is_manager_of_partnership


def opportunity_region_ids(opportunity) -> set[int]:
    """The regions an opportunity's locations lie in (its regions and its partnerships')."""
    cached = getattr(opportunity, "_location_region_ids", None)
    if cached is None:
        cached = set(opportunity.regions.values_list("id", flat=True)) | set(
            opportunity.partnerships.values_list("region_id", flat=True)
        )
        opportunity._location_region_ids = cached
    return cached


@rules.predicate
def reviews_every_location_of(user, opportunity) -> bool:
    """A reviewer may edit an opportunity whose every location lies in their regions."""
    if opportunity is None or opportunity.is_national or not user.scope.region_ids:
        return False
    regions = opportunity_region_ids(opportunity)
    return bool(regions) and regions <= user.scope.region_ids


@rules.predicate
def can_read_bid(user, bid) -> bool:
    return bid is not None and can_read_partnership(user, bid.partnership)


@rules.predicate
def manages_bid_partnership(user, bid) -> bool:
    return bid is not None and is_manager_of_partnership(user, bid.partnership)


@rules.predicate
def owns(user, record) -> bool:
    return record is not None and record.user_id == user.pk


rules.add_perm("funding.view_opportunity", rules.is_authenticated)
rules.add_perm("funding.add_opportunity", is_administrator | is_any_reviewer)
rules.add_perm("funding.change_opportunity", is_administrator | reviews_every_location_of)
rules.add_perm("funding.add_funder", is_administrator | is_any_reviewer)
rules.add_perm("funding.view_insight", is_administrator | is_any_reviewer)
# A partnership's funding page, with the partnership as the object.
rules.add_perm("funding.view_partnership_bids", rules.is_authenticated & can_read_partnership)
rules.add_perm("funding.add_bid", is_administrator | is_manager_of_partnership)
# A bid, with the bid as the object.
rules.add_perm("funding.view_bid", rules.is_authenticated & can_read_bid)
rules.add_perm("funding.change_bid", is_administrator | manages_bid_partnership)
rules.add_perm("funding.change_savedsearch", rules.is_authenticated & owns)
