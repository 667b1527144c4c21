"""Demo outcome figures: three financial years of recorded crime and population for every demo
partnership, a yearly residents' survey, and the ISTV-derived figures worked out from the demo
ISTV returns. The story: Leeds falling, Bolton rising, Nottingham well above its group.

Made up, though of a believable size (violence against the person around 30 to 40 offences per
1,000 residents a year in cities). Idempotent: figures are written over on each run.
"""

import hashlib
from datetime import date
from decimal import Decimal

from django.db import transaction

from core import clock
from partnerships.models import Partnership, Priority

from . import periods, services
from .changes import figures_changed
from .models import Figure, Indicator, PeriodType, Population, Target

LEEDS, BOLTON, NOTTINGHAM = "E22000345", "E22000099", "E22000257"
# Offences per 1,000 residents a year, by most similar group label word.
BASE_RATES = {
    "violence-against-the-person": 34.0,
    "violence-with-injury": 11.0,
    "violence-without-injury": 14.0,
    "stalking-and-harassment": 8.5,
    "sexual-offences": 2.9,
    "robbery": 1.3,
    "possession-of-weapons": 0.6,
}
SHIRE_FACTOR = 0.6
# A change per year: Leeds falling, Bolton rising, the others a little either way.
YEARLY_CHANGE = {LEEDS: -0.09, BOLTON: 0.11}
ABOVE_GROUP = {NOTTINGHAM: 1.8}
SEASON = (1.02, 1.08, 0.97, 0.93)  # April-June to January-March


def _wobble(*parts) -> float:
    """A steady pseudo-random number in [-1, 1) for these parts (same on every run)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**31 - 1


def _last_full_quarter(today: date) -> tuple[int, int]:
    year, quarter = periods.financial_quarter_of(today)
    start = periods.quarter_start(year, quarter)
    return periods.financial_quarter_of(periods.add_months(start, -1))


@transaction.atomic
def seed() -> dict:
    today = clock.today()
    indicators = {i.code: i for i in Indicator.objects.all()}
    partnerships = list(Partnership.objects.filter(ons_code__startswith="E22")) + list(
        Partnership.objects.filter(ons_code__startswith="W14")
    )
    last_year, last_quarter = _last_full_quarter(today)
    quarters = []
    year, quarter = last_year, last_quarter
    for _ in range(12):
        quarters.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    quarters.reverse()
    figures, populations = [], []
    for partnership in partnerships:
        people = partnership.population or 250_000
        for offset in range(4):
            populations.append(
                Population(
                    partnership=partnership,
                    year=last_year - 3 + offset,
                    population=round(people * (1 - 0.006 * (3 - offset))),
                    source_note="Demo figure (made up)",
                )
            )
        shire = "shire" in (partnership.most_similar_group or "")
        level = (SHIRE_FACTOR if shire else 1.0) * ABOVE_GROUP.get(partnership.ons_code, 1.0)
        level *= 1 + 0.12 * _wobble(partnership.ons_code, "level")
        change = YEARLY_CHANGE.get(
            partnership.ons_code, 0.02 * _wobble(partnership.ons_code, "trend")
        )
        for index, (year, quarter) in enumerate(quarters):
            years_from_end = (len(quarters) - 1 - index) / 4
            trend = (1 + change) ** (-years_from_end)
            for code, rate in BASE_RATES.items():
                noise = 1 + 0.03 * _wobble(partnership.ons_code, code, year, quarter)
                count = people * rate / 1000 / 4 * level * trend * SEASON[quarter - 1] * noise
                figures.append(
                    Figure(
                        partnership=partnership,
                        indicator=indicators[code],
                        period_type=PeriodType.QUARTER,
                        period_start=periods.quarter_start(year, quarter),
                        value=Decimal(round(count)),
                        source_note="Demo figure (made up)",
                        recorded_at=clock.now(),
                    )
                )
        for years_back in range(3):  # a survey each autumn (quarter 3)
            share = 22 * level * (1 + change) ** (-years_back) + 3 * _wobble(
                partnership.ons_code, "survey", years_back
            )
            figures.append(
                Figure(
                    partnership=partnership,
                    indicator=indicators["feel-unsafe-after-dark"],
                    period_type=PeriodType.QUARTER,
                    period_start=periods.quarter_start(last_year - years_back, 3),
                    value=Decimal(f"{min(max(share, 2), 90):.1f}"),
                    sample_size=900 + round(300 * _wobble(partnership.ons_code, years_back)),
                    source_note=f"{partnership.name} residents’ survey (demo, made up)",
                    recorded_at=clock.now(),
                )
            )
    Population.objects.bulk_create(
        populations,
        update_conflicts=True,
        unique_fields=["partnership", "year"],
        update_fields=["population", "source_note"],
    )
    Figure.objects.bulk_create(
        figures,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["partnership", "indicator", "period_type", "period_start"],
        update_fields=["value", "sample_size", "source_note", "recorded_at"],
    )
    derived = services.istv_figures_refresh(partnership_ids=[p.pk for p in partnerships])
    targets = _leeds_target(indicators, baseline_year=last_year - 2)
    figures_changed(None)
    return {"figures": len(figures), "istv figures": derived, "targets": targets}


def _leeds_target(indicators, *, baseline_year: int) -> int:
    """Leeds's violence priority aims at violence with injury down 10% from its baseline."""
    leeds = Partnership.objects.filter(ons_code=LEEDS).first()
    if leeds is None:
        return 0
    priority = Priority.objects.filter(partnership=leeds).order_by("pk").first()
    if priority is None:
        return 0
    Target.objects.get_or_create(
        priority=priority,
        indicator=indicators["violence-with-injury"],
        defaults={
            "baseline_end": date(baseline_year + 1, 3, 31),
            "target_change": Decimal("-10"),
            "target_date": date(baseline_year + 4, 3, 31),
        },
    )
    return 1
