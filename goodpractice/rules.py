"""Who may do what with good practice. One place; views declare the permission.

Published entries are read by everyone signed in. An unpublished (draft, submitted, changes
requested, archived) entry is read only by its partnership (the manager and the staff of its
member agencies), the reviewers of the partnership's region and administrators; anyone else is
told it does not exist (404). The partnership writes and revises its entries; reviewers of the
region (and administrators) moderate them. Another partnership records an adoption of a
published entry.
"""

import rules

from accounts.rules import is_administrator
from partnerships.rules import is_manager_of_partnership

from .models import EDITABLE_STATUSES, Status
from .selectors import writable_partnership_ids


@rules.predicate
def is_published(user, entry) -> bool:
    return entry is not None and entry.status == Status.PUBLISHED


@rules.predicate
def writes_for_entry_partnership(user, entry) -> bool:
    if entry is None or not user.is_authenticated:
        return False
    ids = writable_partnership_ids(user)
    return ids is None or entry.partnership_id in ids


@rules.predicate
def reviews_entry_region(user, entry) -> bool:
    return (
        entry is not None
        and user.is_authenticated
        and entry.partnership.region_id in user.scope.region_ids
    )


@rules.predicate
def manages_entry_partnership(user, entry) -> bool:
    return entry is not None and is_manager_of_partnership(user, entry.partnership)


@rules.predicate
def is_editable(user, entry) -> bool:
    return entry is not None and entry.status in EDITABLE_STATUSES


@rules.predicate
def is_submitted(user, entry) -> bool:
    return entry is not None and entry.status == Status.SUBMITTED


@rules.predicate
def writes_for_some_partnership(user) -> bool:
    if not user.is_authenticated:
        return False
    ids = writable_partnership_ids(user)
    return ids is None or bool(ids)


@rules.predicate
def writes_for_another_partnership(user, entry) -> bool:
    """The user works in a partnership other than the entry's (one that could adopt it)."""
    if entry is None or not user.is_authenticated:
        return False
    ids = writable_partnership_ids(user)
    return ids is None or bool(ids - {entry.partnership_id})


can_read_unpublished = is_administrator | writes_for_entry_partnership | reviews_entry_region

rules.add_perm(
    "goodpractice.view_entry", rules.is_authenticated & (is_published | can_read_unpublished)
)
rules.add_perm("goodpractice.view_moderation", rules.is_authenticated & can_read_unpublished)
rules.add_perm("goodpractice.add_entry", writes_for_some_partnership)
rules.add_perm(
    "goodpractice.change_entry", is_editable & (is_administrator | writes_for_entry_partnership)
)
rules.add_perm(
    "goodpractice.submit_entry", is_editable & (is_administrator | writes_for_entry_partnership)
)
rules.add_perm(
    "goodpractice.review_entry", is_submitted & (is_administrator | reviews_entry_region)
)
rules.add_perm(
    "goodpractice.archive_entry",
    is_published & (is_administrator | reviews_entry_region | manages_entry_partnership),
)
# The data an entry drew on is a fact about the work, recorded whatever the entry's status.
rules.add_perm("goodpractice.cite_data", is_administrator | writes_for_entry_partnership)
rules.add_perm("goodpractice.add_adoption", is_published & writes_for_another_partnership)
