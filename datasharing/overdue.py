"""Each partnership's overdue data streams, kept in StoredOverdue for the home page.

`overdue_streams` gives the same streams, in the same order, as the OVERDUE rows of
`selectors.coverage_rows_for` for the same day. It reads the kept rows in one query; those of
another day, stale or never worked out are worked out together in one `coverage_rows_for` call
and written back in one upsert. A change to a partnership's records marks its row stale at
once and again when the change commits, so a row worked out from what was there before the
change is not kept as current.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from .models import StoredOverdue


@dataclass(frozen=True)
class OverdueStream:
    agency_id: int
    dataset_name: str
    agency_name: str
    detail: str


def overdue_streams(partnerships, *, today: date) -> dict[int, list[OverdueStream]]:
    """Every agency's overdue streams in each partnership, keyed by partnership id."""
    from .selectors import CoverageStatus, coverage_rows_for

    partnerships = list(partnerships)
    if not partnerships:
        return {}
    kept = dict(
        StoredOverdue.objects.filter(
            partnership_id__in=[p.pk for p in partnerships], worked_on=today, stale=False
        ).values_list("partnership_id", "streams")
    )
    missing = [p for p in partnerships if p.pk not in kept]
    if missing:
        worked_out = {
            pk: [
                [row.agency.pk, row.dataset.name, row.agency.name, row.detail]
                for row in rows
                if row.status == CoverageStatus.OVERDUE
            ]
            for pk, rows in coverage_rows_for(
                partnerships=missing, today=today, exact=False
            ).items()
        }
        StoredOverdue.objects.bulk_create(
            [
                StoredOverdue(partnership_id=pk, worked_on=today, streams=streams, stale=False)
                for pk, streams in worked_out.items()
            ],
            update_conflicts=True,
            unique_fields=["partnership"],
            update_fields=["worked_on", "streams", "stale"],
        )
        kept.update(worked_out)
    return {pk: [OverdueStream(*stream) for stream in streams] for pk, streams in kept.items()}


def mark_stale(partnership_ids: list[int] | None) -> None:
    """core.changes listener: the partnerships' kept rows (None: every row) are out of date."""
    rows = StoredOverdue.objects.filter(stale=False)
    if partnership_ids is not None:
        rows = rows.filter(partnership_id__in=partnership_ids)
    rows.update(stale=True)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: rows.update(stale=True))
