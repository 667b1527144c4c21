"""The ratings kept in StoredRatings: read when they are current, worked out and kept when not.

`stored_ratings` gives the same answer as `ratings.rate_partnerships` for the same day. It reads
the kept rows of all the partnerships in one query; those worked out for another day, marked
stale, or never worked out are rated together in one `rate_partnerships` call and written back
in one upsert. So it runs one query when everything is kept, and one plus the fixed cost of
rating plus one when anything is missing, whether for one partnership or hundreds.
"""

from datetime import date

from cdrp_portal import clock

from . import ratings
from .models import StoredRatings

REFRESH_BATCH = 100  # partnerships rated together by the nightly refresh


def encode(results: dict[str, ratings.Result]) -> dict:
    return {key: {"rating": r.rating, "explanation": r.explanation, "facts": r.facts}
            for key, r in results.items()}


def decode(stored: dict) -> dict[str, ratings.Result]:
    return {key: ratings.Result(value["rating"], value["explanation"], value["facts"])
            for key, value in stored.items()}


def store(rows: list[ratings.PartnershipRatings], *, today: date) -> None:
    """Keep freshly worked-out ratings for `today`, replacing whatever was kept (one query)."""
    if not rows:
        return
    now = clock.now()
    StoredRatings.objects.bulk_create(
        [StoredRatings(partnership_id=row.partnership.pk, rated_on=today,
                       results=encode(row.results), stale=False, computed_at=now)
         for row in rows],
        update_conflicts=True, unique_fields=["partnership"],
        update_fields=["rated_on", "results", "stale", "computed_at"],
    )


def stored_ratings(partnerships, *, today: date) -> list[ratings.PartnershipRatings]:
    """Ratings on every dimension for each partnership, in the order given, as of `today`."""
    partnerships = list(partnerships)
    if not partnerships:
        return []
    kept = dict(StoredRatings.objects.filter(
        partnership_id__in=[p.pk for p in partnerships], rated_on=today, stale=False,
    ).values_list("partnership_id", "results"))
    missing = [p for p in partnerships if p.pk not in kept]
    fresh = {}
    if missing:
        rated = ratings.rate_partnerships(missing, today=today)
        store(rated, today=today)
        fresh = {row.partnership.pk: row.results for row in rated}
    return [ratings.PartnershipRatings(
        p, fresh[p.pk] if p.pk in fresh else decode(kept[p.pk])) for p in partnerships]


def refresh_all(*, today: date, batch: int = REFRESH_BATCH) -> int:
    """Work out and keep every partnership's ratings for `today`, region by region in batches
    of at most `batch` partnerships (the nightly job). Returns how many were rated."""
    from partnerships.models import Partnership

    partnerships = list(Partnership.objects.order_by("region_id", "name", "id"))
    for start in range(0, len(partnerships), batch):
        chunk = partnerships[start:start + batch]
        store(ratings.rate_partnerships(chunk, today=today), today=today)
    return len(partnerships)
