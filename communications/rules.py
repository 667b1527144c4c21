"""Who may read and change a partnership's communications. One place; views declare the
permission.

- Read the brand, channels, stories, coverage, calendar, budgets and perception: anyone who may
  read the partnership (its manager, its agencies' staff, its region's reviewers,
  administrators); everyone else is told they do not exist (404).
- Change them: the partnership's manager and administrators.
- Approve a story for an agency: that agency's press officer only, while the story awaits
  approval, as a signatory signs an agreement for their own agency.
- The region view of stories and coverage: the region's reviewers and administrators.
"""

import rules

from accounts.rules import is_administrator
from outcomes.rules import has_outcomes_scope
from partnerships.rules import (
    can_read_partnership,
    is_manager_of_partnership,
    is_reviewer_of_region,
)


@rules.predicate
def can_read_record(user, record) -> bool:
    """A story, channel, coverage, calendar item or budget, read through its partnership."""
    return record is not None and can_read_partnership(user, record.partnership)


@rules.predicate
def manages_record(user, record) -> bool:
    return record is not None and is_manager_of_partnership(user, record.partnership)


@rules.predicate
def can_read_approval(user, approval) -> bool:
    return approval is not None and can_read_partnership(user, approval.story.partnership)


@rules.predicate
def is_press_officer_for(user, approval) -> bool:
    return approval is not None and approval.agency_id in user.scope.press_officer_agency_ids


# A partnership's pages, with the partnership as the object.
rules.add_perm(
    "communications.view_partnership_comms", rules.is_authenticated & can_read_partnership
)
rules.add_perm("communications.change_comms", is_administrator | is_manager_of_partnership)
# A record of the partnership's (story, channel, coverage, calendar item, budget) as the object.
rules.add_perm("communications.view_record", rules.is_authenticated & can_read_record)
rules.add_perm("communications.change_record", is_administrator | manages_record)
# A story's approval by one agency, as the object.
rules.add_perm(
    "communications.approve_story",
    rules.is_authenticated & can_read_approval & is_press_officer_for,
)
# A region, as the object.
rules.add_perm("communications.view_region_comms", is_administrator | is_reviewer_of_region)
# The communications pages at all (the index and the header link): anyone with a partnership
# scope.
rules.add_perm("communications.use_communications", rules.is_authenticated & has_outcomes_scope)
