"""Kept ratings go stale when a record they were worked out from changes.

core.changes says which partnerships each saved or deleted record touches (the records
the ratings read: see ratings.rate_partnerships and ratings.coverage_counts); `partnerships_changed`
marks their StoredRatings stale in one UPDATE, and the next read works them out again
(reviews/stored.py). reviews.demo marks everything stale after the demo loaders' bulk writes.
"""

from .models import StoredRatings


def mark_stale(**lookup) -> int:
    """Mark stale the kept ratings matching `lookup` (one UPDATE)."""
    return StoredRatings.objects.filter(stale=False, **lookup).update(stale=True)


def mark_partnerships_stale(partnership_ids) -> int:
    return mark_stale(partnership_id__in=list(partnership_ids))


def mark_all_stale() -> int:
    return mark_stale()


def partnerships_changed(partnership_ids: list[int] | None) -> None:
    """core.changes listener."""
    if partnership_ids is None:
        mark_all_stale()
    else:
        mark_partnerships_stale(partnership_ids)


def connect() -> None:
    from core import changes

    changes.listen(partnerships_changed)
