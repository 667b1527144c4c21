"""Reads for outcomes: series, rolling 12-month rates, trends and most-similar-group bands.

The method (stated on the rules page, RULES below):

- Rates per 1,000 residents: the count divided by the partnership's ONS mid-year population
  for the year the period's middle falls in (the nearest year uploaded, else the profile's
  population), times 1,000.
- The latest 12 months of an indicator end with the latest month or quarter any partnership
  has a figure for, so every partnership is compared over the same months. A rate needs every
  month of the 12 (four quarters); a survey share is the mean of the results in the 12 months.
- Trend: the latest 12 months against the 12 before, in per cent.
- Band: the group's mean and standard deviation of the latest 12-month values of the
  partnerships in the most similar group with one; above mean + 1 SD is "significantly
  higher", below mean - 1 SD "significantly lower", otherwise "within the normal range".
  Needs at least three partnerships with a value.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import OuterRef, Q, Subquery

from partnerships.models import Partnership

from . import periods
from .models import Figure, Indicator, PeriodType, Population, Target, Unit

TREND_STEADY_PERCENT = 5  # a change smaller than this either way is "about the same"
MIN_GROUP = 3
HIGHER, WITHIN, LOWER = "higher", "within", "lower"
BAND_LABELS = {
    HIGHER: "Significantly higher",
    WITHIN: "Within the normal range",
    LOWER: "Significantly lower",
}
METHOD_SOURCE = (
    "Home Office iQuanta: an area’s rate beside its most similar group’s average and peer range "
    "(the group mean plus or minus one standard deviation)"
)


def indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(is_active=True))


@dataclass(frozen=True)
class Window:
    """The latest 12 months of an indicator, and the 12 before."""

    indicator_id: int
    start: date  # first day of the latest 12 months
    end: date  # last day

    @property
    def previous_start(self) -> date:
        return periods.add_months(self.start, -12)

    @property
    def label(self) -> str:
        return f"{self.start:%b %Y} to {self.end:%b %Y}"

    @property
    def population_year(self) -> int:
        return periods.add_months(self.start, 6).year


def windows() -> dict[int, Window]:
    """Each indicator's latest 12 months, in one query.

    The latest period of each indicator and period type is read from the end of the index on
    (indicator, period type, start) rather than by grouping every figure, which at national
    scale cost more than the rest of the page."""

    def latest(kind):
        return Subquery(
            Figure.objects.filter(indicator=OuterRef("pk"), period_type=kind)
            .order_by("-period_start")
            .values("period_start")[:1]
        )

    found = {}
    rows = (
        Indicator.objects.order_by()
        .values_list("pk")
        .annotate(month=latest(PeriodType.MONTH), quarter=latest(PeriodType.QUARTER))
    )
    for indicator_id, *ends in rows:
        for kind, last in zip((PeriodType.MONTH, PeriodType.QUARTER), ends, strict=True):
            if last is None:
                continue
            months = 3 if kind == PeriodType.QUARTER else 1
            following = periods.add_months(last, months)
            end = periods.period_end(last, months=months)
            current = found.get(indicator_id)
            if current is None or end > current.end:
                found[indicator_id] = Window(indicator_id, periods.add_months(following, -12), end)
    return found


class Populations:
    """Partnerships' populations by year, read once for a set of partnerships."""

    def __init__(self, partnerships):
        self.fallback = {p.pk: p.population for p in partnerships}
        self.by_year: dict[int, dict[int, int]] = defaultdict(dict)
        for pk, year, population in Population.objects.filter(
            partnership_id__in=list(self.fallback)
        ).values_list("partnership_id", "year", "population"):
            self.by_year[pk][year] = population

    def of(self, partnership_id: int, year: int) -> int | None:
        years = self.by_year.get(partnership_id)
        if years:
            nearest = min(years, key=lambda y: (abs(y - year), -y))
            return years[nearest]
        return self.fallback.get(partnership_id) or None


def rate(count, population) -> float | None:
    if count is None or not population:
        return None
    return float(count) * 1000 / population


@dataclass
class Value12:
    """A partnership's latest and previous 12-month values of an indicator."""

    latest: float | None = None
    previous: float | None = None

    @property
    def change_percent(self) -> float | None:
        if self.latest is None or not self.previous:
            return None
        return (self.latest - self.previous) * 100 / self.previous


def twelve_month_values(
    partnerships, *, inds, windows_by_indicator, populations, previous_of=None
) -> dict:
    """{(partnership id, indicator id): Value12} for the partnerships and indicators `inds`, in
    one aggregate query.

    `previous_of`: the ids of the partnerships whose previous 12 months (their trend) are
    needed, when not all: the others' Value12 has no previous value (a group's range reads
    only the latest)."""
    ids = [p.pk for p in partnerships]
    previous_ids = ids if previous_of is None else list(previous_of)
    units = {indicator.pk: indicator.unit for indicator in inds}
    windows = [w for pk, w in windows_by_indicator.items() if pk in units]
    if not ids or not windows:
        return {}
    # Plain SQL: the same sums through the ORM built a filter per window for each of six
    # aggregates, and compiling that cost more than running it.
    placeholders = ", ".join(["(%s, %s::date, %s::date, %s::date)"] * len(windows))
    params = []
    for window in windows:
        following = periods.add_months(window.end.replace(day=1), 1)
        params += [window.indicator_id, window.previous_start, window.start, following]
    table = Figure._meta.db_table
    months = f"CASE WHEN f.period_type = '{PeriodType.QUARTER}' THEN 3 ELSE 1 END"
    latest, previous = "f.period_start >= w.start", "f.period_start < w.start"
    sql = f"""
        SELECT f.partnership_id, f.indicator_id,
            SUM(f.value) FILTER (WHERE {latest}), COUNT(*) FILTER (WHERE {latest}),
            SUM({months}) FILTER (WHERE {latest}),
            SUM(f.value) FILTER (WHERE {previous}), COUNT(*) FILTER (WHERE {previous}),
            SUM({months}) FILTER (WHERE {previous})
        FROM {table} f
        JOIN (VALUES {placeholders}) AS w (indicator_id, previous_start, start, following)
            ON f.indicator_id = w.indicator_id
            AND f.period_start >= w.previous_start AND f.period_start < w.following
            AND (f.period_start >= w.start OR f.partnership_id = ANY(%s))
        WHERE f.partnership_id = ANY(%s) AND f.period_start >= %s AND f.period_start < %s
        GROUP BY f.partnership_id, f.indicator_id
    """  # noqa: S608 - the table name and constants are ours; every value is a parameter
    first, last = min(params[1::4]), max(params[3::4])  # bounds for the index (partnership, date)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, previous_ids, ids, first, last])
        rows = [
            {
                "partnership_id": row[0],
                "indicator_id": row[1],
                "latest_sum": row[2],
                "latest_n": row[3],
                "latest_months": row[4],
                "previous_sum": row[5],
                "previous_n": row[6],
                "previous_months": row[7],
            }
            for row in cursor.fetchall()
        ]
    values = {}
    for row in rows:
        window = windows_by_indicator[row["indicator_id"]]
        pk = row["partnership_id"]
        result = Value12()
        for which, year in (
            ("latest", window.population_year),
            ("previous", window.population_year - 1),
        ):
            total, n, covered = row[f"{which}_sum"], row[f"{which}_n"], row[f"{which}_months"]
            if units.get(row["indicator_id"]) == Unit.PERCENT:
                value = float(total) / n if n else None
            else:
                value = rate(total, populations.of(pk, year)) if covered == 12 else None
            setattr(result, which, value)
        values[(pk, row["indicator_id"])] = result
    return values


@dataclass
class Band:
    band: str | None  # HIGHER, WITHIN, LOWER, or None without enough peers
    mean: float | None = None
    low: float | None = None
    high: float | None = None
    count: int = 0

    @property
    def label(self) -> str:
        return BAND_LABELS.get(self.band, "Not enough figures in the group to compare")


def group_stats(values: list[float]) -> tuple[float, float, float] | None:
    """(mean, low, high) of the peer range: mean -/+ one standard deviation."""
    if len(values) < MIN_GROUP:
        return None
    # The population standard deviation in floats: statistics.pstdev works in exact fractions,
    # which for a region's hundreds of groups cost more than the rest of the page.
    mean = math.fsum(values) / len(values)
    spread = math.sqrt(math.fsum((value - mean) ** 2 for value in values) / len(values))
    return mean, mean - spread, mean + spread


def band_of(value: float | None, stats) -> Band:
    if stats is None:
        return Band(None)
    mean, low, high = stats
    if value is None:
        return Band(None, mean, low, high)
    band = HIGHER if value > high else LOWER if value < low else WITHIN
    return Band(band, mean, low, high)


@dataclass
class Trend:
    change: float | None
    lower_is_better: bool

    @property
    def direction(self) -> str | None:
        if self.change is None:
            return None
        if abs(self.change) < TREND_STEADY_PERCENT:
            return "steady"
        return "down" if self.change < 0 else "up"

    @property
    def improving(self) -> bool | None:
        if self.direction in (None, "steady"):
            return None
        return (self.direction == "down") == self.lower_is_better

    @property
    def label(self) -> str:
        if self.change is None:
            return "Not enough figures for a trend"
        if self.direction == "steady":
            return f"About the same ({self.change:+.0f}%)"
        word = "Down" if self.direction == "down" else "Up"
        better = "better" if self.improving else "worse"
        return f"{word} {abs(self.change):.0f}% ({better})"


@dataclass
class IndicatorView:
    indicator: Indicator
    window: Window | None
    latest: float | None
    previous: float | None
    trend: Trend
    band: Band
    points: list = field(default_factory=list)  # Point, oldest first
    peers: list = field(default_factory=list)  # (partnership, latest value, band) in the group


@dataclass
class Point:
    label: str
    start: date
    value: Decimal
    rate: float | None
    sample_size: int | None
    source: str
    percent: int = 0  # bar length, of the largest in the series


def group_members(partnership) -> list[Partnership]:
    """The partnerships of `partnership`'s most similar group (itself only without a group)."""
    if not partnership.most_similar_group:
        return [partnership]
    return list(
        Partnership.objects.filter(most_similar_group=partnership.most_similar_group).order_by(
            "name"
        )
    )


def _views(partnership_ids, members, *, inds, wins, values):
    """IndicatorView per (partnership id, indicator id) with the band against `members`."""
    views = {}
    for indicator in inds:
        group_values = [
            v.latest
            for m in members
            if (v := values.get((m.pk, indicator.pk))) and v.latest is not None
        ]
        stats = group_stats(group_values)
        for pk in partnership_ids:
            v = values.get((pk, indicator.pk), Value12())
            band = band_of(v.latest, stats)
            band.count = len(group_values)
            views[(pk, indicator.pk)] = IndicatorView(
                indicator=indicator,
                window=wins.get(indicator.pk),
                latest=v.latest,
                previous=v.previous,
                trend=Trend(v.change_percent, indicator.lower_is_better),
                band=band,
            )
    return views


def partnership_outcomes(*, partnership, points: bool = True) -> list[IndicatorView]:
    """Every active indicator for the partnership: its figures (unless `points` is false),
    12-month value, trend and band against its most similar group, and the group's members
    with theirs. Constant queries."""
    inds = indicators()
    wins = windows()
    members = group_members(partnership)
    if partnership.pk not in {m.pk for m in members}:
        members.append(partnership)
    populations = Populations(members)
    values = twelve_month_values(
        members, inds=inds, windows_by_indicator=wins, populations=populations
    )
    views = _views([m.pk for m in members], members, inds=inds, wins=wins, values=values)
    by_indicator = defaultdict(list)
    figures = Figure.objects.filter(partnership=partnership) if points else Figure.objects.none()
    for row in figures.order_by("period_start").values_list(
        "indicator_id", "period_type", "period_start", "value", "sample_size", "source_note"
    ):
        by_indicator[row[0]].append(row)
    result = []
    for indicator in inds:
        view = views[(partnership.pk, indicator.pk)]
        view.peers = [(m, views[(m.pk, indicator.pk)]) for m in members]
        for _id, period_type, start, value, sample_size, source in by_indicator.get(
            indicator.pk, []
        ):
            months = 3 if period_type == PeriodType.QUARTER else 1
            middle = periods.add_months(start, months // 2)
            view.points.append(
                Point(
                    label=periods.period_label(start, months=months),
                    start=start,
                    value=value,
                    rate=(
                        rate(value, populations.of(partnership.pk, middle.year))
                        if indicator.is_rate
                        else float(value)
                    ),
                    sample_size=sample_size,
                    source=source,
                )
            )
        largest = max((p.rate or 0 for p in view.points), default=0)
        for point in view.points:
            point.percent = round((point.rate or 0) * 100 / largest) if largest else 0
        result.append(view)
    return result


@dataclass
class RegionRow:
    partnership: Partnership
    views: list  # IndicatorView per indicator, in the indicators' order


def region_outcomes(*, region) -> tuple[list[Indicator], list[RegionRow]]:
    """Each partnership of the region, each indicator's latest value, trend and band against
    its own most similar group (nationally). Constant queries."""
    inds = indicators()
    wins = windows()
    groups = (
        Partnership.objects.filter(region=region)
        .exclude(most_similar_group="")
        .values("most_similar_group")
    )
    members = list(
        Partnership.objects.filter(Q(region=region) | Q(most_similar_group__in=groups)).order_by(
            "name"
        )
    )
    in_region = [m for m in members if m.region_id == region.pk]
    populations = Populations(members)
    values = twelve_month_values(
        members,
        inds=inds,
        windows_by_indicator=wins,
        populations=populations,
        previous_of=[p.pk for p in in_region],
    )
    by_group = defaultdict(list)
    for member in members:
        by_group[member.most_similar_group or f"alone:{member.pk}"].append(member)
    in_group = defaultdict(list)
    for partnership in in_region:
        in_group[partnership.most_similar_group or f"alone:{partnership.pk}"].append(partnership.pk)
    views = {}
    for key, ids in in_group.items():
        views.update(_views(ids, by_group[key], inds=inds, wins=wins, values=values))
    rows = [RegionRow(p, [views[(p.pk, i.pk)] for i in inds]) for p in in_region]
    return inds, rows


def outcome_views(partnerships) -> dict[int, list[IndicatorView]]:
    """Each partnership's IndicatorView per active indicator (trend, and band against its own
    most similar group), for many partnerships at once. Constant queries."""
    partnerships = list(partnerships)
    if not partnerships:
        return {}
    inds = indicators()
    if not inds:
        return {p.pk: [] for p in partnerships}
    wins = windows()
    groups = {p.most_similar_group for p in partnerships if p.most_similar_group}
    members = {p.pk: p for p in partnerships}
    if groups:
        members.update((m.pk, m) for m in Partnership.objects.filter(most_similar_group__in=groups))
    members = list(members.values())
    populations = Populations(members)
    values = twelve_month_values(
        members, inds=inds, windows_by_indicator=wins, populations=populations
    )
    by_group = defaultdict(list)
    for member in members:
        by_group[member.most_similar_group or f"alone:{member.pk}"].append(member)
    result = {}
    for partnership in partnerships:
        peers = by_group[partnership.most_similar_group or f"alone:{partnership.pk}"]
        views = _views([partnership.pk], peers, inds=inds, wins=wins, values=values)
        result[partnership.pk] = [views[(partnership.pk, i.pk)] for i in inds]
    return result


@dataclass
class Progress:
    target: Target
    baseline: float | None
    latest: float | None
    window: Window | None

    @property
    def change(self) -> float | None:
        if self.baseline is None or self.latest is None or not self.baseline:
            return None
        return (self.latest - self.baseline) * 100 / self.baseline

    @property
    def goal(self) -> float | None:
        if self.baseline is None:
            return None
        return self.baseline * (1 + float(self.target.target_change) / 100)

    @property
    def status(self) -> str:
        if self.change is None:
            return "No figures yet"
        wanted = float(self.target.target_change)
        lower = self.target.indicator.lower_is_better
        met = self.change <= wanted if wanted < 0 or lower else self.change >= wanted
        if met:
            return "Target met"
        moving = self.change < 0 if lower else self.change > 0
        return "Moving towards the target" if moving else "Not moving towards the target"

    @property
    def summary(self) -> str:
        if self.change is None:
            return "No figures yet for the baseline or the latest 12 months"
        return (
            f"{self.change:+.1f}% since the baseline (target {float(self.target.target_change):+.1f}% "
            f"by {self.target.target_date:%B %Y})"
        )


def _value_for_12_months(figures, *, end: date, unit, population) -> float | None:
    start = periods.add_months(end.replace(day=1), -11)
    inside = [f for f in figures if start <= f.period_start <= end]
    if unit == Unit.PERCENT:
        return float(sum(f.value for f in inside)) / len(inside) if inside else None
    if sum(f.months for f in inside) != 12:
        return None
    return rate(sum(f.value for f in inside), population(periods.add_months(start, 6).year))


def target_progress(*, targets) -> list[Progress]:
    """Each target's baseline 12 months, latest 12 months and status. Three queries, however
    many targets (they may belong to several partnerships)."""
    targets = list(targets)
    if not targets:
        return []
    partnership_ids = {t.priority.partnership_id for t in targets}
    partnerships = list(Partnership.objects.filter(pk__in=partnership_ids))
    populations = Populations(partnerships)
    figures = defaultdict(list)
    for figure in Figure.objects.filter(
        partnership_id__in=partnership_ids, indicator_id__in={t.indicator_id for t in targets}
    ).order_by("period_start"):
        figures[(figure.partnership_id, figure.indicator_id)].append(figure)
    result = []
    for target in targets:
        pk = target.priority.partnership_id
        series = figures.get((pk, target.indicator_id), [])
        unit = target.indicator.unit

        def population(year, pk=pk):
            return populations.of(pk, year)

        baseline = _value_for_12_months(
            series, end=target.baseline_end, unit=unit, population=population
        )
        last = series[-1] if series else None
        latest_end = (
            periods.add_months(last.period_start, last.months - 1) if last is not None else None
        )
        latest = (
            _value_for_12_months(series, end=latest_end, unit=unit, population=population)
            if latest_end
            else None
        )
        window = (
            Window(
                target.indicator_id,
                periods.add_months(latest_end, -11),
                periods.period_end(latest_end),
            )
            if latest_end
            else None
        )
        result.append(Progress(target, baseline, latest, window))
    return result


def targets_for(*, partnership):
    return Target.objects.filter(priority__partnership=partnership).select_related(
        "priority__partnership", "indicator"
    )


def indicators_for_priorities(priority_ids: list[int]) -> dict[int, list[str]]:
    """core.evidence lookup: each priority's targets and their progress, as the overview and
    the action plan say them ("Violence with injury per 1,000 down 10.0% by March 2027:
    moving towards the target, -4.2% since the baseline ...")."""
    from .models import Target

    targets = Target.objects.filter(priority_id__in=priority_ids).select_related(
        "indicator", "priority"
    )
    found: dict[int, list[str]] = {}
    for progress in target_progress(targets=targets):
        target = progress.target
        found.setdefault(target.priority_id, []).append(
            f"{target}: {progress.status.lower()}, {progress.summary[0].lower()}"
            f"{progress.summary[1:]}"
        )
    return found
