"""Who may do what in regional reviews. One place; views declare the permission.

The region dashboard, its export and the peers page are for administrators and regional
reviewers. The savings estimator's figures (unit costs and benefit shares) are changed in the
portal by administrators only (everyone else is refused, 403). A partnership's review (ratings,
notes, follow-up actions) is for the reviewers of its region and administrators; anyone else
who may read the partnership is refused (403) and everyone else is told it does not exist (404).
The partnership's manager reads the notes shared with them. The rules page and the savings
estimator are for everyone signed in.

The partnership's own review (its ratings, each reason, the responses to them and its
follow-up actions with their trail, never the reviewers' notes) is for everyone who may read
the partnership: its manager and its member agencies' staff as well as its region's reviewers
and administrators. Its manager answers a rating and updates a follow-up action; its region's
reviewers accept or reopen one marked done.
"""

import rules

from accounts.rules import is_administrator
from partnerships.rules import (
    can_read_partnership,
    is_any_reviewer,
    is_manager_of_partnership,
)


@rules.predicate
def reviews_partnership_region(user, partnership) -> bool:
    return partnership is not None and partnership.region_id in user.scope.region_ids


rules.add_perm("reviews.view_dashboard", is_administrator | is_any_reviewer)
rules.add_perm("reviews.view_rules", rules.is_authenticated)
rules.add_perm("reviews.use_estimator", rules.is_authenticated)
rules.add_perm("reviews.edit_unit_costs", is_administrator)
# With the partnership as the object.
rules.add_perm("reviews.review_partnership", is_administrator | reviews_partnership_region)
rules.add_perm(
    "reviews.view_shared_notes",
    is_administrator | reviews_partnership_region | is_manager_of_partnership,
)
rules.add_perm("reviews.view_own_review", rules.is_authenticated & can_read_partnership)
rules.add_perm("reviews.respond_to_review", is_administrator | is_manager_of_partnership)
rules.add_perm("reviews.update_follow_up", is_administrator | is_manager_of_partnership)
rules.add_perm("reviews.decide_follow_up", is_administrator | reviews_partnership_region)
