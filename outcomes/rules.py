"""Who may read and record outcomes. One place; views declare the permission.

- Read a partnership's outcomes, its comparison with its most similar group and its export:
  anyone who may read the partnership (its manager, its agencies' staff, its region's
  reviewers, administrators); everyone else gets 404. The comparison names the other members
  of the group with their figures: those are published statistics, not the partnership's own
  records.
- Read a region's outcomes: its reviewers and administrators.
- Record survey figures and set targets: the partnership's manager and administrators.
- Upload recorded crime and population: administrators for every partnership, managers for
  their own (rows for other partnerships in a national file are left out and counted).
"""

import rules

from accounts.rules import is_administrator
from partnerships.rules import can_read_partnership, is_manager_of_partnership


@rules.predicate
def has_outcomes_scope(user) -> bool:
    scope = user.scope
    return scope.is_admin or scope.is_reviewer or scope.is_manager or scope.is_agency_staff


@rules.predicate
def is_any_manager(user) -> bool:
    return user.is_authenticated and user.scope.is_manager


@rules.predicate
def can_read_target(user, target) -> bool:
    return target is not None and can_read_partnership(user, target.priority.partnership)


@rules.predicate
def manages_target(user, target) -> bool:
    return target is not None and is_manager_of_partnership(user, target.priority.partnership)


rules.add_perm("outcomes.use_outcomes", rules.is_authenticated & has_outcomes_scope)
rules.add_perm("outcomes.view_outcomes", rules.is_authenticated & can_read_partnership)
rules.add_perm("outcomes.record_outcomes", is_administrator | is_manager_of_partnership)
rules.add_perm("outcomes.upload_figures", is_administrator | is_any_manager)
rules.add_perm("outcomes.view_target", rules.is_authenticated & can_read_target)
rules.add_perm("outcomes.change_target", is_administrator | manages_target)
