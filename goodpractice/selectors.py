"""Reads for good practice, always scoped by the requesting user.

Search ranking: relevance × a small boost for entries from areas like the user's own.

- Relevance on PostgreSQL is `ts_rank(search_vector, websearch_to_tsquery(...), 32)`, in 0–1,
  over the stored, GIN-indexed tsvector (title weighted A, summary B, the rest C). On SQLite
  every search word must appear somewhere; relevance is 0.25–1 by where the words appear
  (title, summary, elsewhere).
- The boost is ×1.2 for an entry from a partnership in one of the user's most similar groups
  and ×1.1 for one from the user's region (their partnerships' regions, or the regions they
  review). A boost only reorders results whose relevance is within 20% (or 10%) of each other:
  a much better match still comes first.
- Without search words every result is equally relevant, so similar areas, then the region,
  then the newest come first.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable

from accounts.models import Role, RoleAssignment
from core import cache
from partnerships.models import Membership, Partnership

from .filters import EntryFilterSet
from .models import SEARCH_VECTOR_COLUMN, Adoption, Criterion, Entry, EntryDataSource, Status

SIMILAR_GROUP_BOOST = 1.2
REGION_BOOST = 1.1
MAX_SEARCH_WORDS = 10


def has_similar_groups() -> bool:
    """Partnerships carry a most-similar-group label (added with the partnership profile)."""
    return any(f.name == "most_similar_group" for f in Partnership._meta.get_fields())


# Who is where --------------------------------------------------------------------------------


def writable_partnership_ids(user) -> frozenset[int] | None:
    """Partnerships the user writes good practice for: those they manage and those their
    agencies are members of. None means every partnership (administrators)."""
    cached = getattr(user, "_gp_writable_ids", False)
    if cached is not False:
        return cached
    scope = user.scope
    if scope.is_admin:
        result = None
    else:
        ids = set(scope.managed_partnership_ids)
        if scope.agency_ids:
            ids.update(
                Membership.objects.filter(agency_id__in=scope.agency_ids).values_list(
                    "partnership_id", flat=True
                )
            )
        result = frozenset(ids)
    user._gp_writable_ids = result
    return result


def writable_partnerships(*, user) -> QuerySet[Partnership]:
    ids = writable_partnership_ids(user)
    qs = Partnership.objects.select_related("region").order_by("name")
    return qs if ids is None else qs.filter(id__in=ids)


@dataclass
class Neighbourhood:
    """What "an area like mine" means for a user."""

    partnership_ids: frozenset = frozenset()
    groups: frozenset = frozenset()
    region_ids: frozenset = frozenset()
    region_names: dict = field(default_factory=dict)


def neighbourhood_of(user) -> Neighbourhood:
    """The user's own partnerships, their most similar groups, and their regions (the regions
    of their partnerships and the regions they review). Administrators have none of their own.
    One query, cached on the user."""
    cached = getattr(user, "_gp_neighbourhood", None)
    if cached is not None:
        return cached
    scope = user.scope
    own = set(scope.managed_partnership_ids)
    agency_ids = list(scope.agency_ids)
    condition = Q(id__in=own)
    if agency_ids:
        condition |= Q(memberships__agency_id__in=agency_ids)
    fields = ["id", "region_id"] + (["most_similar_group"] if has_similar_groups() else [])
    rows = (
        list(Partnership.objects.filter(condition).values(*fields).distinct())
        if (own or agency_ids)
        else []
    )
    result = Neighbourhood(
        partnership_ids=frozenset(r["id"] for r in rows),
        groups=frozenset(r.get("most_similar_group") for r in rows if r.get("most_similar_group")),
        region_ids=frozenset({r["region_id"] for r in rows} | set(scope.region_ids)),
    )
    user._gp_neighbourhood = result
    return result


def visible_condition(user) -> Q | None:
    """Entries a user may read: every published one, and the unpublished ones of their own
    partnerships and of the regions they review. None means every entry (administrators)."""
    if user.scope.is_admin:
        return None
    condition = Q(status=Status.PUBLISHED)
    ids = writable_partnership_ids(user)
    if ids:
        condition |= Q(partnership_id__in=ids)
    if user.scope.region_ids:
        condition |= Q(partnership__region_id__in=user.scope.region_ids)
    return condition


def entries_visible_to(*, user) -> QuerySet[Entry]:
    condition = visible_condition(user)
    qs = Entry.objects.all()
    return qs if condition is None else qs.filter(condition)


# Search --------------------------------------------------------------------------------------


def _adoption_count():
    counts = (
        Adoption.objects.filter(entry_id=OuterRef("pk"))
        .order_by()
        .values("entry_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _ts_rank(query: str) -> RawSQL:
    """PostgreSQL's relevance (0–1) of an entry to the search words."""
    return RawSQL(  # noqa: S611 - our constant SQL; the words are a parameter
        f'ts_rank("goodpractice_entry"."{SEARCH_VECTOR_COLUMN}", '
        "websearch_to_tsquery('english', %s), 32)",
        [query],
        output_field=FloatField(),
    )


def _text_search(queryset, words: list[str], query: str):
    """Filter by the search words and annotate `relevance` (0–1)."""
    if not words:
        return queryset.annotate(relevance=Value(1.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        tsquery = "websearch_to_tsquery('english', %s)"
        column = f'"goodpractice_entry"."{SEARCH_VECTOR_COLUMN}"'
        return queryset.filter(
            # Our constant SQL; the words are a parameter.
            RawSQL(f"{column} @@ {tsquery}", [query], output_field=BooleanField())  # noqa: S611
        ).annotate(relevance=_ts_rank(query))
    relevance = Value(0.0, output_field=FloatField())
    for word in words:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(search_document__icontains=word)
        )
        relevance = (
            relevance
            + Value(0.25)
            + Case(
                When(title__icontains=word, then=Value(0.5)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + Case(
                When(summary__icontains=word, then=Value(0.25)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        )
    return queryset.annotate(
        relevance=ExpressionWrapper(relevance / Value(float(len(words))), output_field=FloatField())
    )


def _rank(queryset, neighbourhood: Neighbourhood):
    """Annotate `boost` and `score` (relevance × boost)."""
    whens = []
    if neighbourhood.groups and has_similar_groups():
        whens.append(
            When(
                partnership__most_similar_group__in=sorted(neighbourhood.groups),
                then=Value(SIMILAR_GROUP_BOOST),
            )
        )
    if neighbourhood.region_ids:
        whens.append(
            When(
                partnership__region_id__in=sorted(neighbourhood.region_ids),
                then=Value(REGION_BOOST),
            )
        )
    boost = (
        Case(*whens, default=Value(1.0), output_field=FloatField())
        if whens
        else Value(1.0, output_field=FloatField())
    )
    return queryset.annotate(boost=boost).annotate(
        score=ExpressionWrapper(F("relevance") * F("boost"), output_field=FloatField())
    )


NEWEST = ("-published_at", "-id")
# What a page of results shows and explains (the search page's rows, `explain_rank`): a page's
# entries are read with these fields only, not their whole text.
PAGE_FIELDS = (
    "title",
    "summary",
    "status",
    "outcome",
    "maryland_level",
    "evaluation",
    "area_type",
    "first_year_cost",
    "published_at",
    "partnership__name",
    "partnership__region_id",
    "partnership__region__name",
)


def _page_fields() -> tuple[str, ...]:
    return PAGE_FIELDS + (("partnership__most_similar_group",) if has_similar_groups() else ())


def _boost_levels(neighbourhood: Neighbourhood) -> list[Q]:
    """The conditions of `_rank`'s boost levels, best first: entries from similar areas, from
    the region, from elsewhere. Every entry meets exactly one."""
    conditions = []
    if neighbourhood.groups and has_similar_groups():
        conditions.append(Q(partnership__most_similar_group__in=sorted(neighbourhood.groups)))
    if neighbourhood.region_ids:
        conditions.append(Q(partnership__region_id__in=sorted(neighbourhood.region_ids)))
    levels, better = [], None
    for condition in conditions:
        levels.append(condition if better is None else condition & ~better)
        better = condition if better is None else better | condition
    levels.append(Q() if better is None else ~better)
    return levels


class SearchQuerySet(QuerySet):
    """Search results, ordered by score (relevance × boost), then newest (`NEWEST`).

    A slice (a page) is read in two steps: the ids of the slice, then those entries by id, so
    the sort carries ids and scores rather than whole entries (a common word matches 11,000
    entries nationally). For one common word the ids are first sought among the entries with
    the word in their title (`_best_title_matches`). With no words the score is the boost,
    which has only a few levels: the ids are then each level's newest from the (status,
    -published_at, -id) index, merged in Python, instead of a sort of every published entry.
    A page's entries are read with the fields it shows only (`PAGE_FIELDS`). Counting leaves
    out the ranking's joins. Everything else (iterating, the CSV export) is the plain ordered
    query.
    """

    boost_levels: list[Q] | None = None  # with no words: best level first
    unranked: QuerySet | None = None  # the same entries without the ranking's joins
    # For one word: makes (the entries with it in their title, ranked; the score no entry
    # without it there exceeds). Made only for a common word.
    title_matches: Callable[[], tuple[QuerySet, float]] | None = None
    counted: int | None = None  # this queryset's count, once asked (the paginator asks first)

    def _clone(self):
        clone = super()._clone()
        clone.boost_levels, clone.unranked = self.boost_levels, self.unranked
        clone.title_matches = self.title_matches
        return clone

    def _as_searched(self) -> bool:
        """Still the search's entries in the search's order (not values, not re-ordered)."""
        return (
            self.unranked is not None
            and self._result_cache is None
            and not self.query.is_sliced
            and self._iterable_class is ModelIterable
            and tuple(self.query.order_by) == ("-score", *NEWEST)
        )

    def count(self) -> int:
        if self._as_searched():
            if self.counted is None:
                self.counted = cached_count(self.unranked)
            return self.counted
        return super().count()

    def __getitem__(self, k):
        if not isinstance(k, slice) or k.step is not None or not self._as_searched():
            return super().__getitem__(k)
        start, stop = k.start or 0, k.stop
        if stop is None or start < 0 or stop <= start:
            return super().__getitem__(k)
        if self.boost_levels is not None:
            ids = self._newest_by_level(start, stop)
        else:
            ids = self._best_title_matches(start, stop)
            if ids is None:
                ids = list(self.values_list("pk", flat=True)[start:stop])
        found = self.filter(pk__in=ids).order_by().only(*_page_fields()) if ids else ()
        entries = {entry.pk: entry for entry in found}
        return [entries[pk] for pk in ids if pk in entries]

    def _best_title_matches(self, start: int, stop: int) -> list[int] | None:
        """The slice's ids ranked among the entries with the word in their title alone, or None
        when that might differ from the full ranking.

        Ranking a common word's 11,000 matches reads every one of them; about a third have it
        in their title, found from their own index. Any entry without the word in its title
        scores at most a bound (`NON_TITLE_RANK_BOUND`), so when the slice's last title match scores above it,
        every entry of the slice (and above it) beats every entry not ranked: the slice is the
        same as the full ranking's. Only worth a query when the word is common.
        """
        if self.title_matches is None or (self.counted or 0) < max(stop, TITLE_MATCHES_FROM):
            return None
        matches, bound = self.title_matches()
        rows = list(matches.values_list("pk", "score")[start:stop])
        if len(rows) < stop - start or rows[-1][1] <= bound:
            return None
        return [pk for pk, _ in rows]

    def _newest_by_level(self, start: int, stop: int) -> list[int]:
        parts = [
            self.filter(level)
            .order_by(*NEWEST)
            .annotate(browse_level=Value(number, output_field=IntegerField()))
            .values_list("browse_level", "published_at", "pk")[:stop]
            for number, level in enumerate(self.boost_levels)
        ]
        if len(parts) > 1 and connection.features.supports_slicing_ordering_in_compound:
            rows = list(parts[0].union(*parts[1:], all=True))
        else:  # one level, or SQLite, which allows no LIMIT inside a UNION
            rows = [row for part in parts for row in part]
        # As the database orders "-published_at": newest first, entries without a date first.
        rows.sort(key=lambda r: (r[0], r[1] is not None, -r[1].timestamp() if r[1] else 0, -r[2]))
        return [pk for _, _, pk in rows[start:stop]]


# The "goodpractice" version (core.cache): replaced when an entry, its themes, an adoption,
# a theme, a partnership or a region changes (GoodpracticeConfig declares them). Search result
# counts and the search page's body are cached under it.
VERSION = "goodpractice"


# Counting the matches of a common word reads thousands of index entries on every page of
# its results; the count depends only on the words and filters (not on who searches) and on
# the entries, so it is cached under the version above, and for
# settings.GOODPRACTICE_COUNT_CACHE_SECONDS at most (entries loaded in bulk send no signals,
# but their loaders replace the national version, which every cached value depends on).
def cached_count(queryset) -> int:
    sql, params = queryset.query.sql_with_params()
    return cache.remember(
        ("goodpractice-count", sql, params),
        [VERSION],
        queryset.count,
        timeout=settings.GOODPRACTICE_COUNT_CACHE_SECONDS,
    )


def ranking_context(user) -> tuple:
    """Everything about the user that the order of search results and the reasons given for it
    depend on: their own partnerships, their most similar groups and their regions (see
    `neighbourhood_of`). Users with the same context see the same ranked results, since search
    shows published entries only."""
    neighbourhood = neighbourhood_of(user)
    return (
        tuple(sorted(neighbourhood.partnership_ids)),
        tuple(sorted(neighbourhood.groups)),
        tuple(sorted(neighbourhood.region_ids)),
    )


# The planner's cost of a random page read while the search's queries run. The default (4,
# for spinning disks) makes PostgreSQL scan all 100,000 entries to test a common word (about
# 11,000 matches) rather than read the matches found by the GIN index: 45 ms against 8 ms
# on the national dataset. 1.1 is the usual figure for data on SSD or in memory.
SEARCH_RANDOM_PAGE_COST = "1.1"


@contextmanager
def search_plans():
    """Run a search's queries (count and page) in one transaction whose planner knows that
    reading the pages the GIN index finds is cheap. SET LOCAL ends with the transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = %s", [SEARCH_RANDOM_PAGE_COST])
        yield


# ts_rank(search_vector, one word, 32) of an entry without the word in its title, whose every
# occurrence is weighted B (0.4) or C (0.2), is at most 0.3171: ts_rank sums each occurrence's
# weight over its place squared (the heaviest counted as if first) and divides by pi^2/6, the
# heaviest 0.4 after two at 0.2 giving the most, 0.4642, and 32 maps r to r / (r + 1). With a
# title occurrence (A, 1.0) it is at least 0.378. A test checks the bound against PostgreSQL.
NON_TITLE_RANK_BOUND = 0.318
# A word with at least this many matches (after the filters) is first ranked among its title
# matches; ranking a few is quick anyway.
TITLE_MATCHES_FROM = 100
# The title words' index (migration 0006) is over exactly this expression.
TITLE_MATCH_SQL = (
    "to_tsvector('english', coalesce(\"goodpractice_entry\".\"title\", '')) "
    "@@ websearch_to_tsquery('english', %s)"
)
ONE_WORD = re.compile(r"[A-Za-z]+")


def _title_matches(queryset, query: str, neighbourhood: Neighbourhood):
    """A maker of the entries of `queryset` with the one search word in their title, ranked as
    `_rank` does, and the highest score an entry without it there can have; None when the
    words are not one plain word (several words are ranked by proximity, to which the bound
    does not apply), or off PostgreSQL."""
    if connection.vendor != "postgresql" or not ONE_WORD.fullmatch(query):
        return None
    return partial(_ranked_title_matches, queryset, query, neighbourhood)


def _ranked_title_matches(queryset, query: str, neighbourhood: Neighbourhood):
    matches = queryset.filter(
        RawSQL(TITLE_MATCH_SQL, [query], output_field=BooleanField())  # noqa: S611 - constant
    ).annotate(relevance=_ts_rank(query))
    ranked = _rank(matches, neighbourhood).order_by("-score", *NEWEST)
    return ranked, NON_TITLE_RANK_BOUND * _highest_boost(neighbourhood)


def _highest_boost(neighbourhood: Neighbourhood) -> float:
    if neighbourhood.groups and has_similar_groups():
        return SIMILAR_GROUP_BOOST
    return REGION_BOOST if neighbourhood.region_ids else 1.0


def search_words(query: str) -> list[str]:
    return [word for word in query.split() if word.strip('"-')][:MAX_SEARCH_WORDS]


def entry_search(*, user, query: str, filters) -> tuple[EntryFilterSet, QuerySet[Entry]]:
    """Published entries matching the search words and filters, best first.

    Returns (filterset, queryset); with invalid filters the queryset is empty. Each result
    carries `relevance`, `boost` and `score`; `explain_rank()` turns them into words.
    """
    base = (
        SearchQuerySet(Entry)
        .filter(status=Status.PUBLISHED)
        .select_related("partnership__region")
        .prefetch_related("themes")
        .annotate(adoption_count=_adoption_count())
    )
    filterset = EntryFilterSet(filters or None, queryset=base, user=user)
    if filters and not filterset.form.is_valid():
        return filterset, base.none()
    queryset = filterset.qs if filters else base
    # The checked words when there is a form (no NUL bytes, at most 200 characters).
    query = filterset.keywords if filters else (query or "").replace("\x00", "").strip()[:200]
    words = search_words(query)
    unranked = _text_search(queryset, words, query)
    ranked = _rank(unranked, neighbourhood_of(user)).order_by("-score", *NEWEST)
    ranked.unranked = unranked
    if not words:
        ranked.boost_levels = _boost_levels(neighbourhood_of(user))
    else:
        ranked.title_matches = _title_matches(queryset, query, neighbourhood_of(user))
    return filterset, ranked


def with_theme_names(entries) -> list[Entry]:
    """The entries, each with `theme_names` in the themes' order, read in one query of names:
    for a page of search results, where prefetching the themes as records cost more than
    reading the page's entries."""
    entries = list(entries)
    names = defaultdict(list)
    for entry_id, name in (
        Entry.themes.through.objects.filter(entry_id__in=[entry.pk for entry in entries])
        .order_by("theme__order", "theme__name")
        .values_list("entry_id", "theme__name")
    ):
        names[entry_id].append(name)
    for entry in entries:
        entry.theme_names = names[entry.pk]
    return entries


def explain_rank(entry: Entry, *, user, has_query: bool) -> list[str]:
    """Why an entry ranks where it does, in words."""
    neighbourhood = neighbourhood_of(user)
    reasons = []
    partnership = entry.partnership
    group = getattr(partnership, "most_similar_group", "")
    if partnership.pk in neighbourhood.partnership_ids:
        reasons.append("From your own partnership")
    elif group and group in neighbourhood.groups:
        reasons.append(
            f"From a similar area: {partnership.name} is in your most similar group ({group})"
        )
    elif partnership.region_id in neighbourhood.region_ids:
        reasons.append(f"From your region ({partnership.region.name})")
    if has_query:
        relevance = getattr(entry, "relevance", 0) or 0
        reasons.insert(
            0, "Strong match for your search" if relevance >= 0.5 else "Matches your search"
        )
    return reasons


# Entries -------------------------------------------------------------------------------------


def entry_detail_queryset() -> QuerySet[Entry]:
    return Entry.objects.select_related("partnership__region", "author").prefetch_related(
        "themes",
        "data_sources",
        Prefetch("adoptions", queryset=Adoption.objects.select_related("partnership__region")),
        Prefetch("checks", queryset=_checks()),
        Prefetch("decisions", queryset=_decisions()),
    )


def _checks():
    from .models import CriterionCheck

    return CriterionCheck.objects.select_related("criterion", "checked_by")


def _decisions():
    from .models import ReviewDecision

    return ReviewDecision.objects.select_related("reviewer")


def active_criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(is_active=True).order_by("order", "id"))


def checklist_for(entry: Entry) -> list[dict]:
    """Every active criterion with the reviewer's latest tick for this entry (if any)."""
    checks = {check.criterion_id: check for check in entry.checks.all()}
    return [
        {"criterion": criterion, "check": checks.get(criterion.pk)}
        for criterion in active_criteria()
    ]


def user_entries(*, user) -> QuerySet[Entry]:
    """Entries of the partnerships the user writes for, every status, newest change first."""
    ids = writable_partnership_ids(user)
    qs = Entry.objects.select_related("partnership").order_by("-updated_at", "-id")
    if ids is None:
        return qs.none()
    return qs.filter(partnership_id__in=ids)


def review_queue(*, user) -> QuerySet[Entry]:
    """Submitted entries the user may moderate: their regions' (administrators: all)."""
    qs = (
        Entry.objects.filter(status=Status.SUBMITTED)
        .select_related("partnership__region")
        .order_by("submitted_at", "id")
    )
    if user.scope.is_admin:
        return qs
    return qs.filter(partnership__region_id__in=user.scope.region_ids)


def reviewers_of(entry: Entry):
    """Users who moderate this entry: the reviewers of its partnership's region."""
    return [
        assignment.user
        for assignment in RoleAssignment.objects.filter(
            role=Role.REVIEWER,
            region_id=entry.partnership.region_id,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ]


def adoptable_partnerships(*, user, entry) -> QuerySet[Partnership]:
    """Partnerships the user may record an adoption for: their own, not the entry's."""
    return writable_partnerships(user=user).exclude(pk=entry.partnership_id)


def entries_citing_stream(partnership_id: int, agency_id: int, code: str) -> list[tuple[str, str]]:
    """core.evidence lookup: (title, url) of the partnership's entries that drew on a stream."""
    sources = (
        EntryDataSource.objects.filter(
            entry__partnership_id=partnership_id, agency_id=agency_id, dataset_code=code
        )
        .select_related("entry")
        .order_by("entry__title", "entry_id")
    )
    return [(source.entry.title, source.entry.get_absolute_url()) for source in sources]
