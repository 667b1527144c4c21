"""Who may do what in regional reviews. One place; views declare the permission.

The region dashboard, its export and the peers page are for administrators and regional
reviewers. The savings estimator's figures (unit costs and benefit shares) are changed in the
portal by administrators only (everyone else is refused, 403). A partnership's review (ratings,
notes, follow-up actions) is for the reviewers of its region and administrators; anyone else
who may read the partnership is refused (403) and everyone else is told it does not exist (404).
The partnership's manager reads the notes shared with them. The rules page and the savings
estimator are for everyone signed in.
"""

import rules

from accounts.rules import is_administrator
from partnerships.rules import is_any_reviewer, is_manager_of_partnership


@rules.predicate
def reviews_partnership_region(user, partnership) -> bool:
    return partnership is not None and partnership.region_id in user.scope.region_ids


rules.add_perm("reviews.view_dashboard", is_administrator | is_any_reviewer)
rules.add_perm("reviews.view_rules", rules.is_authenticated)
rules.add_perm("reviews.use_estimator", rules.is_authenticated)
rules.add_perm("reviews.edit_unit_costs", is_administrator)
# With the partnership as the object.
rules.add_perm("reviews.review_partnership", is_administrator | reviews_partnership_region)
rules.add_perm("reviews.view_shared_notes",
               is_administrator | reviews_partnership_region | is_manager_of_partnership)
