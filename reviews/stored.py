"""The ratings kept in StoredRatings: read when they are current, worked out and kept when not.

`stored_ratings` gives the same answer as `ratings.rate_partnerships` for the same day. It reads
the kept rows of all the partnerships in one query; those worked out for another day, marked
stale, or never worked out are rated together in one `rate_partnerships` call and written back
in one upsert. So it runs one query when everything is kept, and one plus the fixed cost of
rating plus one when anything is missing, whether for one partnership or hundreds.

Pages ask for as much of each rating as they show (`detail`): FACTS, everything; REASONS, the
rating and its explanation, which the database picks out of the kept JSON so that the facts,
half of each row, are never sent or decoded (the review dashboard's page of rows, its export);
RATINGS, the rating alone, from a small column of its own (the dashboard's counts and order,
the home-page summaries). Their Results leave out the rest, kept or freshly worked out alike.
"""

import json
from datetime import date

from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from core import clock
from partnerships.models import Partnership

from . import ratings
from .models import StoredRatings

REFRESH_BATCH = 100  # partnerships rated together by the nightly refresh
FACTS, REASONS, RATINGS = "facts", "reasons", "ratings"  # how much of each rating to read


def encode(results: dict[str, ratings.Result]) -> dict:
    return {
        key: {"rating": r.rating, "explanation": r.explanation, "facts": r.facts}
        for key, r in results.items()
    }


def decode(stored: dict) -> dict[str, ratings.Result]:
    return {
        key: ratings.Result(value["rating"], value["explanation"], value["facts"])
        for key, value in stored.items()
    }


def store(rows: list[ratings.PartnershipRatings], *, today: date) -> None:
    """Keep freshly worked-out ratings for `today`, replacing whatever was kept (one query)."""
    if not rows:
        return
    now = clock.now()
    StoredRatings.objects.bulk_create(
        [
            StoredRatings(
                partnership_id=row.partnership.pk,
                rated_on=today,
                results=encode(row.results),
                ratings={key: r.rating for key, r in row.results.items()},
                stale=False,
                computed_at=now,
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["partnership"],
        update_fields=["rated_on", "results", "ratings", "stale", "computed_at"],
    )


# Each dimension's [rating, explanation] out of a kept row's results, read once per row.
VERDICTS_SQL = (
    "SELECT json_object_agg(key, json_build_array(value->>'rating', value->>'explanation'))"
    "::text FROM jsonb_each(reviews_storedratings.results)"
)


def _kept_verdicts(ids: list[int], *, today: date) -> dict[int, dict[str, ratings.Result]]:
    """The kept rating and explanation on each dimension, without facts (one query). PostgreSQL
    leaves the facts out of what it sends; elsewhere (SQLite) the rows are read whole."""
    kept = StoredRatings.objects.filter(partnership_id__in=ids, rated_on=today, stale=False)
    keys = ratings.DIMENSION_KEYS
    if connection.vendor != "postgresql":
        return {
            pk: {
                key: ratings.Result(results[key]["rating"], results[key]["explanation"])
                for key in keys
            }
            for pk, results in kept.values_list("partnership_id", "results")
        }
    column = RawSQL(VERDICTS_SQL, (), output_field=TextField())  # noqa: S611 - constant SQL
    found = kept.values_list("partnership_id", column)
    found = {pk: json.loads(verdicts) for pk, verdicts in found}
    return {
        pk: {key: ratings.Result(*verdicts[key]) for key in keys} for pk, verdicts in found.items()
    }


def _kept(ids: list[int], *, today: date, detail: str) -> dict[int, dict[str, ratings.Result]]:
    """The kept Results of each partnership that has current ones, with `detail` (one query)."""
    if detail == REASONS:
        return _kept_verdicts(ids, today=today)
    kept = StoredRatings.objects.filter(partnership_id__in=ids, rated_on=today, stale=False)
    if detail == RATINGS:
        keys = ratings.DIMENSION_KEYS
        # Results with no explanation differ only by rating: share one of each.
        shared = {rating: ratings.Result(rating, "") for rating in ratings.RATING_ORDER}
        return {
            pk: {key: shared[alone[key]] for key in keys}
            for pk, alone in kept.values_list("partnership_id", "ratings")
        }
    return {pk: decode(results) for pk, results in kept.values_list("partnership_id", "results")}


def _trimmed(result: ratings.Result, detail: str) -> ratings.Result:
    if detail == FACTS:
        return result
    return ratings.Result(result.rating, result.explanation if detail == REASONS else "")


def stored_ratings(
    partnerships, *, today: date, detail: str = FACTS
) -> list[ratings.PartnershipRatings]:
    """Ratings on every dimension for each partnership, in the order given, as of `today`,
    with `detail` (see the module docstring)."""
    partnerships = list(partnerships)
    if not partnerships:
        return []
    kept = _kept([p.pk for p in partnerships], today=today, detail=detail)
    missing = [p for p in partnerships if p.pk not in kept]
    fresh = {}
    if missing:
        if any(p.get_deferred_fields() for p in missing):  # rating reads the whole profile
            missing = list(Partnership.objects.filter(pk__in=[p.pk for p in missing]))
        rated = ratings.rate_partnerships(missing, today=today)
        store(rated, today=today)
        fresh = {
            row.partnership.pk: {key: _trimmed(r, detail) for key, r in row.results.items()}
            for row in rated
        }
    return [
        ratings.PartnershipRatings(p, fresh[p.pk] if p.pk in fresh else kept[p.pk])
        for p in partnerships
    ]


def refresh_all(*, today: date, batch: int = REFRESH_BATCH) -> int:
    """Work out and keep every partnership's ratings for `today`, region by region in batches
    of at most `batch` partnerships (the nightly job). Returns how many were rated."""
    partnerships = list(Partnership.objects.order_by("region_id", "name", "id"))
    for start in range(0, len(partnerships), batch):
        chunk = partnerships[start : start + batch]
        store(ratings.rate_partnerships(chunk, today=today), today=today)
    return len(partnerships)
