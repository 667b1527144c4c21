"""Writes for outcomes, one function per use case (keyword-only arguments)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncMonth
from django.utils import timezone

from core import clock
from partnerships.models import Partnership

from . import ons, periods
from .changes import figures_changed
from .models import Figure, Indicator, PeriodType, Population, Source, Target
from .reference_data import LICENSED_PREMISES_LOCATION_TYPES

ED = "emergency-department"
ED_ATTENDANCES = "ed-assault-attendances"
NIGHT_TIME_ECONOMY = "night-time-economy-assaults"


# Uploads ----------------------------------------------------------------------------------


def upload_scope(user) -> frozenset[int] | None:
    """The partnerships a user may load figures for: all (None) for administrators, managed
    ones for managers."""
    if user.scope.is_admin:
        return None
    return frozenset(user.scope.managed_partnership_ids)


def _codes() -> dict[str, int]:
    return dict(Partnership.objects.values_list("ons_code", "id"))


def crime_columns() -> dict[str, int]:
    """The offence-group column (normalised) each active recorded-crime indicator reads."""
    return {
        ons.normalise(column): pk
        for pk, column in Indicator.objects.filter(source=Source.RECORDED_CRIME, is_active=True)
        .exclude(ons_column="")
        .values_list("id", "ons_column")
    }


def crime_check(*, user, text: str) -> ons.Result:
    return ons.check_crime(
        text=text, partnerships=_codes(), columns=crime_columns(), allowed=upload_scope(user)
    )


@transaction.atomic
def crime_import(*, user, text: str, file_name: str = "") -> ons.Result:
    """Import a whole recorded-crime file, or nothing: a file with any problem raises."""
    result = crime_check(user=user, text=text)
    if not result.ok:
        raise ValidationError([str(problem) for problem in result.problems[:50]])
    note = f"ONS recorded crime, uploaded {clock.today():%-d %b %Y}" + (
        f" ({file_name[:100]})" if file_name else ""
    )
    now = clock.now()
    figures = [
        Figure(
            partnership_id=row.partnership_id,
            indicator_id=indicator_id,
            period_type=PeriodType.QUARTER,
            period_start=row.period_start,
            value=Decimal(count),
            source_note=note,
            recorded_by=user,
            recorded_at=now,
        )
        for row in result.rows
        for indicator_id, count in row.counts.items()
    ]
    _upsert_figures(figures)
    figures_changed({row.partnership_id for row in result.rows})
    return result


def _upsert_figures(figures: list[Figure]) -> None:
    Figure.objects.bulk_create(
        figures,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["partnership", "indicator", "period_type", "period_start"],
        update_fields=["value", "sample_size", "source_note", "recorded_by", "recorded_at"],
    )


def population_check(*, user, text: str) -> ons.Result:
    return ons.check_population(text=text, partnerships=_codes(), allowed=upload_scope(user))


@transaction.atomic
def population_import(*, user, text: str, file_name: str = "") -> ons.Result:
    """Import a whole population file, or nothing."""
    result = population_check(user=user, text=text)
    if not result.ok:
        raise ValidationError([str(problem) for problem in result.problems[:50]])
    note = f"ONS mid-year estimate, uploaded {clock.today():%-d %b %Y}"
    Population.objects.bulk_create(
        [
            Population(
                partnership_id=row.partnership_id,
                year=row.year,
                population=row.population,
                source_note=note,
            )
            for row in result.rows
        ],
        update_conflicts=True,
        unique_fields=["partnership", "year"],
        update_fields=["population", "source_note"],
    )
    figures_changed({row.partnership_id for row in result.rows})
    return result


# Survey results and targets ----------------------------------------------------------------


@transaction.atomic
def survey_figure_record(
    *,
    user,
    partnership: Partnership,
    indicator: Indicator,
    period_type: str,
    period_start: date,
    value: Decimal,
    sample_size: int,
    source_note: str,
) -> Figure:
    """Record (or correct) a survey result: the share of respondents, with its sample size."""
    if indicator.source != Source.SURVEY:
        raise ValidationError("Only survey indicators are entered by hand")
    if not Decimal(0) <= value <= Decimal(100):
        raise ValidationError("The share must be between 0 and 100 per cent")
    start = period_start.replace(day=1)
    if period_type == PeriodType.QUARTER:
        year, quarter = periods.financial_quarter_of(start)
        start = periods.quarter_start(year, quarter)
    figure = Figure.objects.filter(
        partnership=partnership, indicator=indicator, period_type=period_type, period_start=start
    ).first() or Figure(
        partnership=partnership, indicator=indicator, period_type=period_type, period_start=start
    )
    figure.value = value
    figure.sample_size = sample_size
    figure.source_note = source_note[:200]
    figure.recorded_by = user
    figure.recorded_at = clock.now()
    figure._history_user = user
    figure.save()
    return figure


@transaction.atomic
def target_set(
    *,
    user,
    priority,
    indicator: Indicator,
    baseline_end: date,
    target_change: Decimal,
    target_date: date,
) -> Target:
    """Set (or change) a priority's target for an indicator."""
    if target_date <= baseline_end:
        raise ValidationError("The target date must be after the end of the baseline year")
    target = Target.objects.filter(priority=priority, indicator=indicator).first() or Target(
        priority=priority, indicator=indicator
    )
    target.baseline_end = baseline_end
    target.target_change = target_change
    target.target_date = target_date
    target._history_user = user
    target.save()
    return target


@transaction.atomic
def target_delete(*, user, target: Target) -> None:
    target._history_user = user
    target.delete()


# ISTV-derived figures ---------------------------------------------------------------------


def _nte_night() -> Q:
    """Friday or Saturday 21:00 to 03:00 the next morning (ISO weekdays: 5 Friday, 6
    Saturday, 7 Sunday), in the portal's time zone."""
    return (
        Q(weekday=5, hour__gte=21)
        | Q(weekday=6, hour__lt=3)
        | Q(weekday=6, hour__gte=21)
        | Q(weekday=7, hour__lt=3)
    )


def istv_counts(*, partnership_ids) -> dict[int, dict[str, dict[date, int]]]:
    """For each partnership: ED assault attendances and night-time-economy assaults by month,
    from the ISTV returns of the emergency departments that are its members. Every month a
    return covers is counted, with 0 where it has no assaults. Two aggregate queries."""
    from datasharing.models import IstvAssault, IstvReturn
    from partnerships.models import Membership

    members = Membership.objects.filter(agency__agency_type__slug=ED)
    if partnership_ids is not None:
        members = members.filter(partnership_id__in=partnership_ids)
    by_agency: dict[int, set[int]] = defaultdict(set)
    for partnership_id, agency_id in members.values_list("partnership_id", "agency_id"):
        by_agency[agency_id].add(partnership_id)
    counts: dict[int, dict[str, dict[date, int]]] = {
        pk: {ED_ATTENDANCES: {}, NIGHT_TIME_ECONOMY: {}}
        for pk in (
            partnership_ids
            if partnership_ids is not None
            else {p for s in by_agency.values() for p in s}
        )
    }
    if not by_agency:
        return counts
    for agency_id, start, end in IstvReturn.objects.filter(
        agency_id__in=list(by_agency)
    ).values_list("agency_id", "period_start", "period_end"):
        month = start.replace(day=1)
        while month <= end:
            for pk in by_agency[agency_id]:
                for series in counts[pk].values():
                    series.setdefault(month, 0)
            month = periods.add_months(month, 1)
    tz = timezone.get_current_timezone()
    rows = (
        IstvAssault.objects.filter(agency_id__in=list(by_agency))
        .annotate(
            month=TruncMonth("assault_datetime", tzinfo=tz),
            weekday=ExtractIsoWeekDay("assault_datetime", tzinfo=tz),
            hour=ExtractHour("assault_datetime", tzinfo=tz),
        )
        .values("agency_id", "month")
        .annotate(
            all_assaults=Count("id"),
            night=Count(
                "id",
                filter=_nte_night() & Q(location_type__code__in=LICENSED_PREMISES_LOCATION_TYPES),
            ),
        )
        .order_by()
    )
    for row in rows:
        month = row["month"]
        month = month.date() if hasattr(month, "date") else month
        for pk in by_agency[row["agency_id"]]:
            ed, nte = counts[pk][ED_ATTENDANCES], counts[pk][NIGHT_TIME_ECONOMY]
            ed[month] = ed.get(month, 0) + row["all_assaults"]
            nte[month] = nte.get(month, 0) + row["night"]
    return counts


@transaction.atomic
def istv_figures_refresh(*, partnership_ids) -> int:
    """Work out the ISTV-derived figures afresh (all partnerships when `partnership_ids` is
    None) and replace the stored ones; returns how many figures are kept. Idempotent."""
    indicators = dict(
        Indicator.objects.filter(code__in=[ED_ATTENDANCES, NIGHT_TIME_ECONOMY]).values_list(
            "code", "id"
        )
    )
    if not indicators:
        return 0
    counts = istv_counts(partnership_ids=partnership_ids)
    wanted = {
        (pk, indicators[code], month): Decimal(count)
        for pk, by_code in counts.items()
        for code, series in by_code.items()
        if code in indicators
        for month, count in series.items()
    }
    kept = Figure.objects.filter(indicator_id__in=indicators.values())
    if partnership_ids is not None:
        kept = kept.filter(partnership_id__in=partnership_ids)
    existing = {
        (pk, indicator_id, start): (figure_id, value)
        for figure_id, pk, indicator_id, start, value in kept.values_list(
            "id", "partnership_id", "indicator_id", "period_start", "value"
        )
    }
    now = clock.now()
    note = "Worked out from the ISTV returns in the portal"
    gone = [figure_id for key, (figure_id, _v) in existing.items() if key not in wanted]
    changed = [
        Figure(id=existing[key][0], value=value, recorded_at=now)
        for key, value in wanted.items()
        if key in existing and existing[key][1] != value
    ]
    new = [
        Figure(
            partnership_id=pk,
            indicator_id=indicator_id,
            period_type=PeriodType.MONTH,
            period_start=month,
            value=value,
            source_note=note,
            recorded_at=now,
        )
        for (pk, indicator_id, month), value in wanted.items()
        if (pk, indicator_id, month) not in existing
    ]
    # Derived figures are written in bulk, without a history row each: they are worked out
    # again from the ISTV returns, whose own history records every import.
    Figure.objects.filter(pk__in=gone).delete()  # rare: a return withdrawn
    Figure.objects.bulk_update(changed, ["value", "recorded_at"], batch_size=2000)
    Figure.objects.bulk_create(new, batch_size=2000)
    if changed or new:  # (deletions told the cache themselves)
        figures_changed(
            {figure.partnership_id for figure in new}
            | {
                key[0]
                for key, value in wanted.items()
                if key in existing and existing[key][1] != value
            }
        )
    return len(wanted)
