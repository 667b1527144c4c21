"""Reads for funding, scoped by the requesting user."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.utils import dateformat, timezone

from accounts.models import Role, User
from core import clock
from core.addresses import address_maker
from core.templatetags.govuk_time import govuk_time
from partnerships.models import Membership, Partnership, Region
from partnerships.selectors import visible_partnership_ids

from .filters import SORT_ORDER, FinderFilterSet
from .models import (
    ACTIVE_BID_STATUSES,
    MAX_REMINDER_OFFSET,
    Bid,
    BidStatus,
    FundingPreferences,
    Opportunity,
    ReminderKind,
    ReminderSent,
    SavedSearch,
    Theme,
    Watch,
    parse_offsets,
)
from .queries import user_partnership_ids

# A bid's effort is costed at this many pounds a staff-day; a bid is flagged when that cost is
# more than EFFORT_FLAG_SHARE of the money it asks for (or won).
STAFF_DAY_COST = 300
EFFORT_FLAG_SHARE = Decimal("0.20")


# Opportunities -------------------------------------------------------------------------------


def opportunity_base(*, user) -> QuerySet[Opportunity]:
    """Every opportunity (all are visible to anyone signed in), with whether the user watches it."""
    return Opportunity.objects.select_related("funder").annotate(
        is_watched=Exists(Watch.objects.filter(opportunity=OuterRef("pk"), user=user))
    )


def opportunity_search(*, user, data, now: datetime | None = None):
    """The finder: returns (filterset, queryset) for the query parameters in `data`."""
    now = now or clock.now()
    filterset = FinderFilterSet(
        data or None, queryset=opportunity_base(user=user), user=user, now=now
    )
    if not data:
        queryset = filterset.queryset.filter(closes_at__gt=now)
    else:
        queryset = filterset.qs
    queryset = queryset.prefetch_related("themes").order_by(*SORT_ORDER[filterset.sort_key])
    return filterset, queryset


def with_theme_names(opportunities) -> list[Opportunity]:
    """The opportunities, each with `theme_names` in the themes' order, read in one query of
    names: for a page of the finder, where prefetching the themes as records took as long as
    reading the page."""
    opportunities = list(opportunities)
    names = defaultdict(list)
    for opportunity_id, name in (
        Opportunity.themes.through.objects.filter(
            opportunity_id__in=[opportunity.pk for opportunity in opportunities]
        )
        .order_by("theme__order", "theme__name")
        .values_list("opportunity_id", "theme__name")
    ):
        names[opportunity_id].append(name)
    for opportunity in opportunities:
        opportunity.theme_names = names[opportunity.pk]
    return opportunities


def opportunity_detail(*, user) -> QuerySet[Opportunity]:
    return opportunity_base(user=user).prefetch_related(
        "themes", "applicant_types", "regions", "partnerships"
    )


def opportunity_api_list(*, user) -> QuerySet[Opportunity]:
    """Opportunities for the API: with only what its representation shows of the related
    records (theme names, region and partnership ids), not whole records."""
    return Opportunity.objects.select_related("funder").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("id", "name")),
        Prefetch("regions", queryset=Region.objects.only("id")),
        Prefetch("partnerships", queryset=Partnership.objects.only("id")),
    )


def watch_list(*, user) -> QuerySet[Opportunity]:
    return (
        opportunity_base(user=user)
        .filter(watches__user=user)
        .prefetch_related("themes")
        .order_by("closes_at", "id")
    )


def bids_of_user_for(*, user, opportunity) -> list[Bid]:
    """The bids for this opportunity from partnerships the user may read."""
    ids = visible_partnership_ids(user)
    qs = opportunity.bids.select_related("partnership")
    if ids is not None:
        qs = qs.filter(partnership_id__in=ids)
    return list(qs.order_by("partnership__name"))


def partnerships_user_can_bid_for(*, user, opportunity) -> list[Partnership]:
    """Partnerships the user manages that have no bid for this opportunity yet."""
    return list(
        Partnership.objects.filter(id__in=user.scope.managed_partnership_ids)
        .exclude(funding_bids__opportunity=opportunity)
        .order_by("name")
    )


# The timetable -------------------------------------------------------------------------------

TIMETABLE_MONTH_LIMIT = 20  # events shown per month before "see all" (one month in full)


@dataclass
class TimetableOpportunity:
    """What the timetable shows of an opportunity: read as values, not model objects."""

    pk: int
    title: str
    funder_name: str
    url: str = ""

    def get_absolute_url(self) -> str:
        return self.url


@dataclass
class TimetableEvent:
    when: datetime
    kind: str  # "opens" or "closes"
    opportunity: TimetableOpportunity
    label: str = ""  # `when` as the page shows it, e.g. "Mon 4 Jan, 09:30"


def _event_labeller():
    """Labels like "Tue 2 Dec, 11:18pm" for local times, formatting each day once."""
    days = {}

    def label(when: datetime) -> str:
        day = when.date()
        if day not in days:
            days[day] = dateformat.format(when, "D j M")
        # Already local: naive, govuk_time converts nothing (that was most of its time).
        return f"{days[day]}, {govuk_time(when.replace(tzinfo=None))}"

    return label


@dataclass
class TimetableMonth:
    first_day: date
    events: list[TimetableEvent] = field(default_factory=list)
    total: int = 0

    @property
    def key(self) -> str:
        return f"{self.first_day:%Y-%m}"

    @property
    def more(self) -> int:
        return self.total - len(self.events)


def _timetable_events(
    queryset, kind: str, ranges: list[tuple[datetime, datetime]], limit: int | None
):
    """One kind of event ("opens" or "closes") in each of the `ranges` (one per UK month), at
    most `limit` a month (all of them if None), and each month's total of that kind.

    Returns (rows, totals): rows of (pk, title, moment, funder name); totals keyed (year, month).
    Two queries: the totals grouped by UK month (TruncMonth in the current time zone), and the
    events as one UNION ALL of a slice per month, each slice an index range scan that stops
    after `limit` rows. (Numbering every event of the year with a window function instead
    sorted some 8,000 rows per kind at national scale: 19 ms against about 5.)
    """
    moment = f"{kind}_at"
    base = queryset.order_by()
    whole = Q(**{f"{moment}__gte": ranges[0][0], f"{moment}__lt": ranges[-1][1]})
    month = TruncMonth(moment, tzinfo=timezone.get_current_timezone())
    totals = {}
    for first, count in (
        base.filter(whole)
        .annotate(event_month=month)
        .values("event_month")
        .annotate(n=Count("pk"))
        .values_list("event_month", "n")
    ):
        local = timezone.localtime(first)
        totals[(local.year, local.month)] = count
    fields = ("pk", "title", moment, "funder__name")
    if limit is None:
        return base.filter(whole).order_by(moment, "pk").values_list(*fields), totals
    slices = [
        base.filter(**{f"{moment}__gte": low, f"{moment}__lt": high})
        .order_by(moment, "pk")
        .values_list(*fields)[:limit]
        for low, high in ranges
    ]
    if not connection.features.supports_slicing_ordering_in_compound:
        # SQLite allows no LIMIT inside a UNION: a query a month there.
        return [row for part in slices for row in part], totals
    return slices[0].union(*slices[1:], all=True), totals


def _timetable_rows(queryset, ranges: list[tuple[datetime, datetime]], limit: int | None):
    """Both kinds from `_timetable_events`: rows of (kind, pk, title, moment, funder name),
    and totals keyed (year, month), then by kind."""
    rows, totals = [], defaultdict(dict)
    for kind in ("opens", "closes"):
        kind_rows, kind_totals = _timetable_events(queryset, kind, ranges, limit)
        rows += [(kind, *row) for row in kind_rows]
        for key, total in kind_totals.items():
            totals[key][kind] = total
    return rows, totals


def _timetable_postgresql(queryset, ranges: list[tuple[datetime, datetime]], limit: int | None):
    """`_timetable_events` for both kinds at once, in two queries instead of four.

    Returns (rows, totals): rows of (kind, pk, title, moment, funder name); totals keyed by
    the index of the range, then by kind. The totals come from one scan that puts each
    opening and closing in its range with width_bucket (no time zone arithmetic per row).
    The events are a LATERAL slice of at most `limit` per range and kind, one plan for all
    ranges rather than one per range (planning 24 slices took longer than running them).
    """
    base = queryset.order_by()
    low, high = ranges[0][0], ranges[-1][1]
    bounds = [first for first, _ in ranges] + [high]
    count_sql, count_params = (
        base.filter(
            Q(opens_at__gte=low, opens_at__lt=high) | Q(closes_at__gte=low, closes_at__lt=high)
        )
        .values_list("opens_at", "closes_at")
        .query.sql_with_params()
    )
    totals = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(
            # The ORM's own SQL and parameters, put in a query it cannot write.
            "SELECT width_bucket(t.o, %s::timestamptz[]), width_bucket(t.c, %s::timestamptz[]),"  # noqa: S608
            f" count(*) FROM ({count_sql}) AS t(o, c) GROUP BY 1, 2",
            [bounds, bounds, *count_params],
        )
        for opens_in, closes_in, count in cursor.fetchall():
            for kind, bucket in (("opens", opens_in), ("closes", closes_in)):
                if 1 <= bucket <= len(ranges):
                    index = bucket - 1
                    totals[index][kind] = totals[index].get(kind, 0) + count
    if limit is None:
        rows = [
            (kind, *row)
            for kind in ("opens", "closes")
            for row in base.filter(**{f"{kind}_at__gte": low, f"{kind}_at__lt": high})
            .order_by(f"{kind}_at", "pk")
            .values_list("pk", "title", f"{kind}_at", "funder__name")
        ]
        return rows, totals
    parts, params = [], []
    for kind in ("opens", "closes"):
        moment = f"{kind}_at"
        inner_sql, inner_params = (
            base.filter(
                **{
                    f"{moment}__gte": RawSQL("bounds.low", ()),
                    f"{moment}__lt": RawSQL("bounds.high", ()),
                }
            )
            .order_by(moment, "pk")
            .values_list("pk", "title", moment, "funder__name")[:limit]
            .query.sql_with_params()
        )
        parts.append(
            "SELECT %s, e.* FROM unnest(%s::timestamptz[], %s::timestamptz[])"  # noqa: S608
            f" AS bounds(low, high) CROSS JOIN LATERAL ({inner_sql}) AS e"
        )
        params += [kind, [first for first, _ in ranges], [after for _, after in ranges]]
        params += inner_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall(), totals


def timetable(*, user, data, today: date | None = None, month: str = "", whole: bool = False):
    """The next 12 months, month by month: each filtered opportunity's opening and closing.

    Each month shows its first TIMETABLE_MONTH_LIMIT events and counts the rest; `month`
    ("2027-03", one of the twelve) shows that month alone, in full. The database counts each
    month's openings and closings and returns only the first TIMETABLE_MONTH_LIMIT of each
    kind a month, so the page reads a few hundred rows however many opportunities match: on
    PostgreSQL two queries (`_timetable_postgresql`), elsewhere four or more.
    `whole` shows every event of every month (the CSV). Returns (filterset, months).
    """
    today = today or clock.today()
    tz = timezone.get_current_timezone()
    start = datetime(today.year, today.month, today.day, tzinfo=tz)
    end_month = date(today.year + 1, today.month, 1)
    end = datetime(end_month.year, end_month.month, 1, tzinfo=tz)
    filterset, queryset = opportunity_search(user=user, data=data)
    months = []
    cursor = date(today.year, today.month, 1)
    for _ in range(12):
        months.append(TimetableMonth(cursor))
        cursor = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
    chosen = next((m for m in months if m.key == month), None)
    limit = None if whole else TIMETABLE_MONTH_LIMIT
    if chosen is not None:
        months = [chosen]
        first = chosen.first_day
        after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        start = max(start, datetime(first.year, first.month, 1, tzinfo=tz))
        end = datetime(after.year, after.month, 1, tzinfo=tz)
        limit = None
    by_month = {(m.first_day.year, m.first_day.month): m for m in months}
    ranges = []
    for entry in months:
        first = entry.first_day
        after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        ranges.append(
            (
                max(start, datetime(first.year, first.month, 1, tzinfo=tz)),
                min(end, datetime(after.year, after.month, 1, tzinfo=tz)),
            )
        )
    if connection.vendor == "postgresql":
        rows, by_range = _timetable_postgresql(queryset, ranges, limit)
        keys = list(by_month)
        totals = defaultdict(dict, {keys[index]: kinds for index, kinds in by_range.items()})
    else:
        rows, totals = _timetable_rows(queryset, ranges, limit)
    events = defaultdict(list)
    url_of = address_maker("funding:opportunity-detail", "pk", marker=987654321)
    label_of = _event_labeller()
    opportunities = {}
    for kind, pk, title, moment, funder_name in rows:
        local = moment.astimezone(tz)
        key = (local.year, local.month)
        if key not in by_month:
            continue
        opportunity = opportunities.get(pk)
        if opportunity is None:
            opportunity = opportunities[pk] = TimetableOpportunity(pk, title, funder_name)
        events[key].append(TimetableEvent(local, kind, opportunity))
    for key, entry in by_month.items():
        found = sorted(events[key], key=lambda e: (e.when, e.opportunity.pk))
        entry.total = sum(totals[key].values())
        entry.events = found if limit is None else found[:limit]
        for event in entry.events:  # only those shown: up to twice as many were read
            event.label = label_of(event.when)
            event.opportunity.url = event.opportunity.url or url_of(event.opportunity.pk)
    return filterset, months


# Saved searches and preferences -------------------------------------------------------------


def saved_search_list(*, user) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).order_by("name", "id")


def preferences_of(user) -> FundingPreferences:
    """A user's funding preferences; defaults (not saved) if they never changed them."""
    prefs = FundingPreferences.objects.filter(user=user).first()
    return prefs or FundingPreferences(user=user)


# Bids ----------------------------------------------------------------------------------------


def bid_detail_queryset() -> QuerySet[Bid]:
    return Bid.objects.select_related(
        "partnership__region", "opportunity__funder", "lead_officer", "priority"
    )


def effort_cost(bid: Bid) -> int:
    return int(bid.staff_days * STAFF_DAY_COST)


def effort_is_large(bid: Bid) -> bool:
    """The effort costs more than a fifth of the money at stake (awarded, or else asked for)."""
    amount = bid.amount_awarded if bid.amount_awarded is not None else bid.amount_requested
    if not bid.staff_days:
        return False
    if not amount:
        return True
    return Decimal(effort_cost(bid)) > EFFORT_FLAG_SHARE * amount


@dataclass
class Pipeline:
    partnership: Partnership
    bids: list[Bid]
    by_status: list[tuple[str, list[Bid]]]
    requested: int
    awarded: int
    staff_days: Decimal
    in_play: int  # amount requested by bids not yet decided or withdrawn

    @property
    def flagged(self) -> list[Bid]:
        return [bid for bid in self.bids if bid.effort_flag]


def partnership_pipeline(*, partnership: Partnership) -> Pipeline:
    bids = list(
        bid_detail_queryset()
        .filter(partnership=partnership)
        .order_by("opportunity__closes_at", "id")
    )
    for bid in bids:
        bid.effort_cost = effort_cost(bid)
        bid.effort_flag = effort_is_large(bid)
    grouped = defaultdict(list)
    for bid in bids:
        grouped[bid.status].append(bid)
    by_status = [(label, grouped.get(value, [])) for value, label in BidStatus.choices]
    undecided = (BidStatus.CONSIDERING, BidStatus.PREPARING, BidStatus.SUBMITTED)
    return Pipeline(
        partnership=partnership,
        bids=bids,
        by_status=by_status,
        requested=sum(b.amount_requested or 0 for b in bids if b.status != BidStatus.WITHDRAWN),
        awarded=sum(b.amount_awarded or 0 for b in bids),
        staff_days=sum((b.staff_days for b in bids), Decimal(0)),
        in_play=sum(b.amount_requested or 0 for b in bids if b.status in undecided),
    )


def lead_officer_choices(*, partnership: Partnership) -> QuerySet[User]:
    """People who may lead a bid: the partnership's managers and its member agencies' staff."""
    agency_ids = Membership.objects.filter(partnership=partnership).values("agency_id")
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role_assignments__role=Role.MANAGER, role_assignments__partnership=partnership)
            | Q(
                role_assignments__role=Role.AGENCY_STAFF, role_assignments__agency_id__in=agency_ids
            )
        )
        .distinct()
        .order_by("full_name", "email")
    )


def awarded_bids(*, user) -> QuerySet[Bid]:
    """Awarded bids of the partnerships the user may read, for the 360Giving export."""
    changes = Bid.history.filter(id=OuterRef("pk")).order_by("-history_date")
    qs = (
        Bid.objects.filter(status=BidStatus.AWARDED)
        .select_related("partnership__region", "opportunity__funder")
        .annotate(last_modified=Subquery(changes.values("history_date")[:1]))
        .order_by("decided_on", "id")
    )
    ids = visible_partnership_ids(user)
    return qs if ids is None else qs.filter(partnership_id__in=ids)


# The calendar feed -------------------------------------------------------------------------


def _changes(model, ref: str) -> dict:
    """How many times a record was saved and when last (from its history), as annotations:
    the feed's SEQUENCE and LAST-MODIFIED, so calendar apps take a moved deadline."""
    rows = model.history.filter(id=OuterRef(ref)).order_by()
    prefix = model._meta.model_name
    return {
        f"{prefix}_saves": Subquery(rows.values("id").annotate(n=Count("history_id")).values("n")),
        f"{prefix}_saved_at": Subquery(rows.order_by("-history_date").values("history_date")[:1]),
    }


def calendar_contents(*, user) -> tuple[list[Opportunity], list[Bid]]:
    """What a user's private feed holds: watched opportunities and their partnerships' bids,
    each with its opportunity's (and bid's) save count and last save (`_changes`)."""
    watched = list(
        Opportunity.objects.filter(watches__user=user)
        .select_related("funder")
        .annotate(**_changes(Opportunity, "pk"))
        .order_by("closes_at", "id")
    )
    bids = list(
        Bid.objects.filter(partnership_id__in=user_partnership_ids(user))
        .exclude(status=BidStatus.WITHDRAWN)
        .select_related("partnership", "opportunity__funder")
        .annotate(**_changes(Opportunity, "opportunity_id"), **_changes(Bid, "pk"))
        .order_by("opportunity__closes_at", "id")
    )
    return watched, bids


# The home page -------------------------------------------------------------------------------


@dataclass
class ClosingBid:
    """What the home page's funding panel shows of a bid closing soon."""

    pk: int
    status: str
    partnership_name: str
    title: str
    closes_at: datetime


@dataclass
class ClosingOpportunity:
    """What the home page's funding panel shows of a watched opportunity closing soon."""

    pk: int
    title: str
    closes_at: datetime


def closing_soon(*, user, now: datetime | None = None, days: int = 28):
    """(bids closing soon, watched opportunities closing soon) for the dashboard panel: at most
    ten of each, soonest first, read as values with only the fields the panel shows."""
    now = now or clock.now()
    until = now + timedelta(days=days)
    bids = [
        ClosingBid(*row)
        for row in Bid.objects.filter(
            partnership_id__in=user.scope.managed_partnership_ids,
            status__in=ACTIVE_BID_STATUSES,
            opportunity__closes_at__gt=now,
            opportunity__closes_at__lte=until,
        )
        .order_by("opportunity__closes_at", "id")
        .values_list(
            "pk", "status", "partnership__name", "opportunity__title", "opportunity__closes_at"
        )[:10]
    ]
    watched = [
        ClosingOpportunity(*row)
        for row in Opportunity.objects.filter(
            watches__user=user, closes_at__gt=now, closes_at__lte=until
        )
        .order_by("closes_at", "id")
        .values_list("pk", "title", "closes_at")[:10]
    ]
    return bids, watched


# Insight for reviewers ---------------------------------------------------------------------


@dataclass
class PotStats:
    label: str
    count: int
    median_pot: float | None
    smallest_pot: int | None
    median_notice_days: float | None
    small_share: int  # per cent of pots under £10,000
    short_notice_share: int  # per cent with under 28 days' notice


SMALL_POT = 10_000
SHORT_NOTICE_DAYS = 28


def _stats(label, rows) -> PotStats:
    pots = [pot for pot, _ in rows if pot is not None]
    notices = [notice for _, notice in rows]
    count = len(rows)
    return PotStats(
        label=label,
        count=count,
        median_pot=statistics.median(pots) if pots else None,
        smallest_pot=min(pots) if pots else None,
        median_notice_days=statistics.median(notices) if notices else None,
        small_share=round(100 * sum(1 for p in pots if p < SMALL_POT) / count) if count else 0,
        short_notice_share=round(100 * sum(1 for n in notices if n < SHORT_NOTICE_DAYS) / count)
        if count
        else 0,
    )


def funding_insight(*, now: datetime | None = None):
    """Per funder and per theme, opportunities published in the last 12 months: how many, how
    big, and how much notice they gave. Returns (by_funder, by_theme). Two queries."""
    now = now or clock.now()
    since = now - timedelta(days=365)
    opportunities = list(
        Opportunity.objects.filter(published_at__gte=since, published_at__lte=now)
        .select_related("funder")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name")))
        .only("id", "funder__name", "total_pot", "max_award", "published_at", "closes_at")
    )
    by_funder = defaultdict(list)
    by_theme = defaultdict(list)
    for opportunity in opportunities:
        row = (opportunity.pot_size, opportunity.notice_days)
        by_funder[opportunity.funder.name].append(row)
        for theme in opportunity.themes.all():
            by_theme[theme.name].append(row)
    return (
        [_stats(name, rows) for name, rows in sorted(by_funder.items())],
        [_stats(name, rows) for name, rows in sorted(by_theme.items())],
    )


# Reminders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueReminder:
    opportunity_id: int
    user_id: int
    offset_days: int
    kind: str


def current_offset(offsets: list[int], days_left: int) -> int | None:
    """The reminder due with `days_left` days to go: the smallest offset not below it.

    With offsets 28, 14, 7, 1: 28 days left gives 28, 20 gives 28 (a late catch-up, sent only
    if the 28-day one never was), 14 gives 14, 0 (closes today) gives 1.
    """
    candidates = [offset for offset in offsets if offset >= days_left]
    return min(candidates) if candidates else None


def days_left(closes_at: datetime, today: date) -> int:
    return (timezone.localdate(closes_at) - today).days


def due_reminders(*, now: datetime | None = None) -> list[DueReminder]:
    """Every (opportunity, user, offset) whose reminder is due now and not yet sent.

    Watchers and the lead officers of bids still being considered or prepared; each user's
    own offsets (default 28, 14, 7, 1). A user who both leads a bid and watches gets one
    reminder per offset, as bid lead. Four queries, whatever the numbers.
    """
    now = now or clock.now()
    today = timezone.localdate(now)
    horizon = now + timedelta(days=MAX_REMINDER_OFFSET + 1)
    closing = dict(
        Opportunity.objects.filter(closes_at__gt=now, closes_at__lte=horizon).values_list(
            "id", "closes_at"
        )
    )
    if not closing:
        return []
    recipients: dict[tuple[int, int], str] = {}
    for opp_id, user_id in Watch.objects.filter(
        opportunity_id__in=closing, user__is_active=True
    ).values_list("opportunity_id", "user_id"):
        recipients[(opp_id, user_id)] = ReminderKind.WATCH
    for opp_id, user_id in Bid.objects.filter(
        opportunity_id__in=closing,
        status__in=ACTIVE_BID_STATUSES,
        lead_officer__isnull=False,
        lead_officer__is_active=True,
    ).values_list("opportunity_id", "lead_officer_id"):
        recipients[(opp_id, user_id)] = ReminderKind.BID
    if not recipients:
        return []
    user_ids = {user_id for _, user_id in recipients}
    offsets_by_user = {}
    for user_id, text in FundingPreferences.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "reminder_offsets"
    ):
        try:
            offsets_by_user[user_id] = parse_offsets(text)
        except ValueError:
            offsets_by_user[user_id] = list(parse_offsets(FundingPreferences().reminder_offsets))
    default = parse_offsets(FundingPreferences().reminder_offsets)
    sent = set(
        ReminderSent.objects.filter(opportunity_id__in=closing).values_list(
            "opportunity_id", "user_id", "offset_days"
        )
    )
    due = []
    for (opp_id, user_id), kind in sorted(recipients.items()):
        offset = current_offset(
            offsets_by_user.get(user_id, default), days_left(closing[opp_id], today)
        )
        if offset is not None and (opp_id, user_id, offset) not in sent:
            due.append(DueReminder(opp_id, user_id, offset, kind))
    return due


def reminder_still_due(
    *, opportunity: Opportunity, user, offset_days: int, now: datetime
) -> str | None:
    """Re-checks one reminder just before it is sent; returns its kind, or None if not due."""
    if not user.is_active or opportunity.closes_at <= now:
        return None
    prefs = FundingPreferences.objects.filter(user=user).first()
    offsets = prefs.offsets if prefs else parse_offsets(FundingPreferences().reminder_offsets)
    if (
        current_offset(offsets, days_left(opportunity.closes_at, timezone.localdate(now)))
        != offset_days
    ):
        return None
    if Bid.objects.filter(
        opportunity=opportunity, lead_officer=user, status__in=ACTIVE_BID_STATUSES
    ).exists():
        return ReminderKind.BID
    if Watch.objects.filter(opportunity=opportunity, user=user).exists():
        return ReminderKind.WATCH
    return None


def reminders_waiting_for_email(*, now: datetime) -> QuerySet[ReminderSent]:
    """Recent reminders recorded whose email has not gone (a worker died between the two)."""
    return ReminderSent.objects.filter(
        sent_at__gte=now - timedelta(days=7),
        notification__emailed_at__isnull=True,
        notification__user__email_notifications=True,
    ).exclude(user__funding_preferences__email_reminders=False)


def saved_search_matches(*, search: SavedSearch, since: datetime, until: datetime):
    """Opportunities added to the portal in (since, until] that match a saved search."""
    from django.http import QueryDict

    filterset = FinderFilterSet(
        QueryDict(search.query), queryset=Opportunity.objects.all(), user=search.user, now=until
    )
    return (
        filterset.qs.filter(created_at__gt=since, created_at__lte=until)
        .select_related("funder")
        .order_by("closes_at", "id")
    )
