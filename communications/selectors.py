"""Reads for the communications overview, publicity budgets, perception and region pages.

Every function reads many partnerships (or many records of one) in a fixed number of queries.
The rules these pages and the regional review state are kept here, so the rules page, the
pages and the review's communications dimension (reviews/ratings.py) say the same thing:

- The last quarter: the 3 months up to and including today (from the same day 3 months ago).
- Coverage balance: pieces of coverage published in a period, counted by tone (positive,
  neutral, negative), with the share of them in which the partnership was quoted.
- Perception gap: the latest 12 months' share of survey respondents who feel unsafe walking
  alone after dark, beside recorded violence against the person in the same 12 months written
  as offences per 100 residents (the rate per 1,000 divided by 10); the gap is how many times
  larger the first is.
- Regional review, communications dimension (REVIEW_* below): red when the partnership has no
  brand and issued no story in the last quarter; green when it has all four of a brand, a
  current communications plan in its document register, at least one story issued in the last
  quarter and more positive than negative coverage in the last quarter; amber otherwise.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from outcomes import periods
from outcomes import selectors as outcome_selectors
from outcomes.models import Figure
from partnerships.models import Action, Document, DocumentKind, Partnership

from .models import Brand, CalendarItem, Channel, Coverage, PublicityBudget, Stage, Story, Tone

# The rules, in one place -------------------------------------------------------------------
LAST_QUARTER_MONTHS = 3  # "the last quarter": this many months up to and including today
SURVEY_CODE = "feel-unsafe-after-dark"
VIOLENCE_CODES = ("violence-against-the-person", "violence-with-injury")
PERCEPTION_QUARTERS = 8  # the perception table: the last 8 financial quarters (24 months)
CALENDAR_AHEAD = 5  # the overview shows this many calendar items to come
# Regional review, communications dimension: a story counts as issued in the last quarter if
# its issued date falls in it; a communications plan is current if its review date and the end
# of the period it covers (where given) are not past.
REVIEW_MIN_STORIES_ISSUED = 1
REVIEW_RED = "No brand is set and no story was issued in the last quarter"
REVIEW_AMBER = (
    "Some but not all of: a brand, a current communications plan, a story issued in the last "
    "quarter, and more positive than negative coverage in the last quarter"
)
REVIEW_GREEN = (
    "All four: a brand, a current communications plan in the document register, at least one "
    "story issued in the last quarter, and more positive than negative coverage in the last "
    "quarter"
)


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of that month if it is shorter)."""
    first = periods.add_months(day.replace(day=1), -months)
    last_day = calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=min(day.day, last_day))


def last_quarter(today: date) -> tuple[date, date]:
    """The first and last day of the last quarter (see LAST_QUARTER_MONTHS)."""
    return months_before(today, LAST_QUARTER_MONTHS), today


# Coverage and stories ----------------------------------------------------------------------


@dataclass
class Balance:
    """Coverage counted by tone, with how many quoted the partnership."""

    positive: int = 0
    neutral: int = 0
    negative: int = 0
    quoted: int = 0

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def quoted_percent(self) -> int | None:
        return round(100 * self.quoted / self.total) if self.total else None

    @property
    def more_positive(self) -> bool:
        return self.positive > self.negative


def _balance_aggregates() -> dict:
    return {
        "positive": Count("id", filter=Q(tone=Tone.POSITIVE)),
        "neutral": Count("id", filter=Q(tone=Tone.NEUTRAL)),
        "negative": Count("id", filter=Q(tone=Tone.NEGATIVE)),
        "quoted": Count("id", filter=Q(partnership_quoted=True)),
    }


def coverage_balances(partnership_ids, *, start: date, end: date) -> dict[int, Balance]:
    """Each partnership's coverage balance for [start, end]. One query."""
    rows = (
        Coverage.objects.filter(
            partnership_id__in=list(partnership_ids),
            published_on__gte=start,
            published_on__lte=end,
        )
        .values("partnership_id")
        .annotate(**_balance_aggregates())
        .order_by()
    )
    found = {pk: Balance() for pk in partnership_ids}
    for row in rows:
        pk = row.pop("partnership_id")
        found[pk] = Balance(**row)
    return found


def stories_issued(partnership_ids, *, start: date, end: date) -> dict[int, int]:
    """How many stories each partnership issued in [start, end]. One query."""
    found = dict.fromkeys(partnership_ids, 0)
    for pk, count in (
        Story.objects.filter(
            partnership_id__in=list(partnership_ids), issued_on__gte=start, issued_on__lte=end
        )
        .values_list("partnership_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        found[pk] = count
    return found


def brand_ids(partnership_ids) -> set[int]:
    """The partnerships that have set a brand. One query."""
    return set(
        Brand.objects.filter(partnership_id__in=list(partnership_ids)).values_list(
            "partnership_id", flat=True
        )
    )


def current_plan_ids(partnership_ids, *, today: date) -> set[int]:
    """The partnerships with a current communications plan in their register. One query."""
    return set(
        Document.objects.filter(
            partnership_id__in=list(partnership_ids), kind=DocumentKind.COMMUNICATIONS_PLAN
        )
        .filter(Q(review_due_on__isnull=True) | Q(review_due_on__gte=today))
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=today))
        .values_list("partnership_id", flat=True)
    )


@dataclass
class ReviewFacts:
    """What the communications dimension of the regional review is worked out from."""

    brand: bool
    plan: bool
    stories_issued: int
    balance: Balance

    @property
    def met(self) -> list[bool]:
        """The four things green needs, in the order the rules state them."""
        return [
            self.brand,
            self.plan,
            self.stories_issued >= REVIEW_MIN_STORIES_ISSUED,
            self.balance.more_positive,
        ]


def review_facts(partnership_ids, *, today: date) -> dict[int, ReviewFacts]:
    """The communications facts of many partnerships for the regional review. Four queries."""
    ids = list(partnership_ids)
    start, end = last_quarter(today)
    brands = brand_ids(ids)
    plans = current_plan_ids(ids, today=today)
    issued = stories_issued(ids, start=start, end=end)
    balances = coverage_balances(ids, start=start, end=end)
    return {pk: ReviewFacts(pk in brands, pk in plans, issued[pk], balances[pk]) for pk in ids}


# The partnership's overview ----------------------------------------------------------------


@dataclass
class StageCount:
    value: str
    label: str
    count: int


@dataclass
class Overview:
    brand: Brand | None
    channels: list  # Channel in use
    stages: list  # StageCount, in the pipeline's order
    stories: int
    balance: Balance
    balance_start: date
    balance_end: date
    coming: list  # CalendarItem to come
    budgets: "BudgetTotals"
    gap: "Gap"

    @property
    def standing_slots(self) -> list:
        return [channel for channel in self.channels if channel.standing_slot]


def overview(*, partnership: Partnership, today: date) -> Overview:
    """Everything the partnership's communications page shows. A fixed number of queries."""
    brand = Brand.objects.filter(partnership=partnership).first()
    channels = list(Channel.objects.filter(partnership=partnership, is_active=True))
    counts = dict(
        Story.objects.filter(partnership=partnership)
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    stages = [StageCount(value, label, counts.get(value, 0)) for value, label in Stage.choices]
    start, end = last_quarter(today)
    balance = coverage_balances([partnership.pk], start=start, end=end)[partnership.pk]
    coming = list(
        CalendarItem.objects.filter(partnership=partnership)
        .filter(Q(starts_on__gte=today) | Q(ends_on__gte=today))
        .order_by("starts_on", "start_time", "id")[:CALENDAR_AHEAD]
    )
    return Overview(
        brand=brand,
        channels=channels,
        stages=stages,
        stories=sum(counts.values()),
        balance=balance,
        balance_start=start,
        balance_end=end,
        coming=coming,
        budgets=budget_totals(partnership=partnership),
        gap=perception_gap(partnership=partnership),
    )


# Publicity budgets -------------------------------------------------------------------------


@dataclass
class BudgetSummary:
    budgets: list  # PublicityBudget, actions' first (by due date), then initiatives
    total: int
    publicity: int
    unbudgeted: list  # Action with no publicity budget

    @property
    def share(self) -> float | None:
        return 100 * self.publicity / self.total if self.total else None


@dataclass
class BudgetTotals:
    """What the overview says of the publicity budgets: their count and sums, and how many
    actions have none (the budgets page lists them)."""

    count: int
    total: int
    publicity: int
    unbudgeted: int

    @property
    def share(self) -> float | None:
        return 100 * self.publicity / self.total if self.total else None


def budget_totals(*, partnership: Partnership) -> BudgetTotals:
    """The partnership's publicity budgets counted and summed, and its actions with none
    counted. Two queries."""
    sums = PublicityBudget.objects.filter(partnership=partnership).aggregate(
        count=Count("id"), total=Sum("total"), publicity=Sum("publicity")
    )
    unbudgeted = Action.objects.filter(
        partnership=partnership, publicity_budget__isnull=True
    ).count()
    return BudgetTotals(
        count=sums["count"],
        total=sums["total"] or 0,
        publicity=sums["publicity"] or 0,
        unbudgeted=unbudgeted,
    )


def budget_summary(*, partnership: Partnership) -> BudgetSummary:
    """The partnership's publicity budgets, their totals, and the actions with none. Two
    queries."""
    budgets = list(
        PublicityBudget.objects.filter(partnership=partnership)
        .select_related("action")
        .order_by("action__due_on", "initiative", "id")
    )
    unbudgeted = list(
        Action.objects.filter(partnership=partnership, publicity_budget__isnull=True).order_by(
            "due_on", "id"
        )
    )
    return BudgetSummary(
        budgets=budgets,
        total=sum(b.total for b in budgets),
        publicity=sum(b.publicity for b in budgets),
        unbudgeted=unbudgeted,
    )


# Perception --------------------------------------------------------------------------------


@dataclass
class Gap:
    """The latest 12 months' fear of crime beside recorded violence (see the module's rules)."""

    window_label: str = ""
    unsafe: float | None = None  # % of respondents who feel unsafe after dark
    violence_rate: float | None = None  # violence against the person per 1,000 residents

    @property
    def violence_per_100(self) -> float | None:
        return None if self.violence_rate is None else self.violence_rate / 10

    @property
    def times(self) -> float | None:
        if self.unsafe is None or not self.violence_per_100:
            return None
        return self.unsafe / self.violence_per_100


def perception_gap(*, partnership: Partnership, indicators=None, populations=None) -> Gap:
    """The headline gap, from outcomes' own 12-month values. A fixed number of queries.

    Only the partnership's latest 12 months of the two indicators are summed: the gap needs
    neither their bands against the group nor their trends. `indicators` (code -> Indicator)
    and `populations`, when the caller has read them, save a query each."""
    from outcomes.models import Indicator

    codes = [SURVEY_CODE, VIOLENCE_CODES[0]]
    if indicators is None:
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    by_code = {code: i for code, i in indicators.items() if code in codes and i.is_active}
    windows = outcome_selectors.windows()
    values = outcome_selectors.twelve_month_values(
        [partnership],
        inds=list(by_code.values()),
        windows_by_indicator=windows,
        populations=populations or outcome_selectors.Populations([partnership]),
        previous_of=[],
    )
    gap = Gap()
    for code, attribute in ((SURVEY_CODE, "unsafe"), (VIOLENCE_CODES[0], "violence_rate")):
        indicator = by_code.get(code)
        value = values.get((partnership.pk, indicator.pk)) if indicator else None
        if value is None or value.latest is None:
            continue
        setattr(gap, attribute, value.latest)
        window = windows.get(indicator.pk)
        gap.window_label = gap.window_label or (window.label if window else "")
    return gap


@dataclass
class PerceptionRow:
    """One financial quarter of the perception table."""

    start: date
    end: date
    unsafe: float | None = None
    sample_size: int | None = None
    violence: dict = field(default_factory=dict)  # indicator code -> rate per 1,000, or None
    balance: Balance = field(default_factory=Balance)

    @property
    def label(self) -> str:
        return f"{self.start:%b} to {self.end:%b %Y}"

    @property
    def violence_rates(self) -> list:
        """The violence rates in VIOLENCE_CODES' order, for the table's columns."""
        return [self.violence.get(code) for code in VIOLENCE_CODES]


@dataclass
class Perception:
    gap: Gap
    rows: list  # PerceptionRow, oldest first
    has_survey: bool
    has_violence: bool
    has_coverage: bool
    indicators: dict  # code -> Indicator (those that exist)

    @property
    def violence_names(self) -> list[str]:
        return [
            self.indicators[code].name if code in self.indicators else code
            for code in VIOLENCE_CODES
        ]

    @property
    def start(self) -> date:
        return self.rows[0].start

    @property
    def end(self) -> date:
        return self.rows[-1].end


def _quarters(today: date) -> list[tuple[date, date]]:
    year, quarter = periods.financial_quarter_of(today)
    last = periods.quarter_start(year, quarter)
    starts = [periods.add_months(last, -3 * n) for n in reversed(range(PERCEPTION_QUARTERS))]
    return [(s, periods.period_end(s, months=3)) for s in starts]


def perception(*, partnership: Partnership, today: date) -> Perception:
    """The survey measure beside recorded violence and the coverage balance, quarter by
    quarter over the last 24 months. A fixed number of queries.

    A quarter's survey share is the mean of the results whose period starts in it; its
    violence rate needs figures for all three months (or the quarter), counted and divided by
    the population as outcomes does (outcomes.selectors.Populations and rate)."""
    from outcomes.models import Indicator

    quarters = _quarters(today)
    first, last = quarters[0][0], quarters[-1][1]
    indicators = {
        i.code: i for i in Indicator.objects.filter(code__in=[SURVEY_CODE, *VIOLENCE_CODES])
    }
    rows = [PerceptionRow(start, end) for start, end in quarters]
    figures = list(
        Figure.objects.filter(
            partnership=partnership,
            indicator__code__in=[SURVEY_CODE, *VIOLENCE_CODES],
            period_start__gte=first,
            period_start__lte=last,
        ).select_related("indicator")
    )
    populations = outcome_selectors.Populations([partnership])
    coverage = (
        Coverage.objects.filter(
            partnership=partnership, published_on__gte=first, published_on__lte=last
        )
        .values("published_on__year", "published_on__month")
        .annotate(**_balance_aggregates())
        .order_by()
    )
    by_month = {(r["published_on__year"], r["published_on__month"]): r for r in coverage}
    for row in rows:
        inside = [f for f in figures if row.start <= f.period_start <= row.end]
        survey = [f for f in inside if f.indicator.code == SURVEY_CODE]
        if survey:
            row.unsafe = float(sum(f.value for f in survey)) / len(survey)
            sizes = [f.sample_size for f in survey if f.sample_size]
            row.sample_size = sum(sizes) if sizes else None
        for code in VIOLENCE_CODES:
            counted = [f for f in inside if f.indicator.code == code]
            months = sum(f.months for f in counted)
            middle = periods.add_months(row.start, 1)
            row.violence[code] = (
                outcome_selectors.rate(
                    sum((f.value for f in counted), Decimal(0)),
                    populations.of(partnership.pk, middle.year),
                )
                if months == 3
                else None
            )
        for n in range(3):
            month = periods.add_months(row.start, n)
            found = by_month.get((month.year, month.month))
            if found:
                row.balance.positive += found["positive"]
                row.balance.neutral += found["neutral"]
                row.balance.negative += found["negative"]
                row.balance.quoted += found["quoted"]
    return Perception(
        gap=perception_gap(partnership=partnership, indicators=indicators, populations=populations),
        rows=rows,
        has_survey=any(r.unsafe is not None for r in rows),
        has_violence=any(v is not None for r in rows for v in r.violence.values()),
        has_coverage=any(r.balance.total for r in rows),
        indicators=indicators,
    )


# The region view ---------------------------------------------------------------------------


@dataclass
class RegionRow:
    partnership: Partnership
    brand: bool
    stories_issued: int
    balance: Balance


def region_rows(*, region, today: date) -> tuple[date, date, list[RegionRow]]:
    """Each partnership of the region with its stories issued and coverage in the last
    quarter and whether its brand is set. Four queries, however many partnerships."""
    start, end = last_quarter(today)
    partnerships = list(Partnership.objects.filter(region=region).order_by("name", "id"))
    ids = [p.pk for p in partnerships]
    if not ids:
        return start, end, []
    brands = brand_ids(ids)
    issued = stories_issued(ids, start=start, end=end)
    balances = coverage_balances(ids, start=start, end=end)
    rows = [RegionRow(p, p.pk in brands, issued[p.pk], balances[p.pk]) for p in partnerships]
    return start, end, rows


def region_totals(rows) -> tuple[int, Balance]:
    balance = Balance()
    for row in rows:
        balance.positive += row.balance.positive
        balance.neutral += row.balance.neutral
        balance.negative += row.balance.negative
        balance.quoted += row.balance.quoted
    return sum(row.stories_issued for row in rows), balance
