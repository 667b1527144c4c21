"""Who may read and change partnership records. One place; views declare the permission."""

import rules

from accounts.rules import is_administrator

from .selectors import visible_partnership_ids


@rules.predicate
def is_reviewer_of_region(user, region) -> bool:
    return region is not None and region.pk in user.scope.region_ids


@rules.predicate
def can_read_partnership(user, partnership) -> bool:
    if partnership is None or not user.is_authenticated:
        return False
    ids = visible_partnership_ids(user)
    return ids is None or partnership.pk in ids


@rules.predicate
def is_manager_of_partnership(user, partnership) -> bool:
    return partnership is not None and partnership.pk in user.scope.managed_partnership_ids


@rules.predicate
def is_any_reviewer(user) -> bool:
    return user.is_authenticated and user.scope.is_reviewer


rules.add_perm("partnerships.list_regions", is_administrator | is_any_reviewer)
rules.add_perm("partnerships.view_region", is_administrator | is_reviewer_of_region)
rules.add_perm("partnerships.view_partnership", rules.is_authenticated & can_read_partnership)
rules.add_perm("partnerships.change_partnership", is_administrator | is_manager_of_partnership)
# Contacts are personal data: readable exactly where the partnership is (its manager, its
# member agencies' staff, its region's reviewers and administrators). Named separately so a
# later narrowing is one line.
rules.add_perm("partnerships.view_contacts", rules.is_authenticated & can_read_partnership)
