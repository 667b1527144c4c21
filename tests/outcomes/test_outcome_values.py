"""The outcomes pages' own number formatting writes what Django's filters wrote before it."""

import random
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat

from outcomes.templatetags.outcome_values import fixed

EDGES = [0, 1, -1, 0.5, 1.5, 2.5, -0.5, -0.004, 0.005, 0.015, 1.005, 2.675, 12345.678]
EDGES += [Decimal("2.675"), Decimal("-0.001"), Decimal("1E+3"), Decimal("0E-8"), 10**7, 100.0]


def _numbers():
    rng = random.Random(7)
    yield from EDGES
    yield from (rng.uniform(-2_000, 200_000) for _ in range(500))
    yield from (Decimal(str(round(rng.uniform(0, 500), 4))) for _ in range(500))
    yield from (rng.randint(0, 10**6) for _ in range(200))


@pytest.mark.parametrize("places", [0, 1, 2])
def test_fixed_writes_what_floatformat_writes(places):
    different = [n for n in _numbers() if fixed(n, places) != floatformat(n, places)]
    assert not different


def test_grouped_writes_what_floatformat_and_intcomma_write():
    different = [n for n in _numbers() if fixed(n, "0g") != intcomma(floatformat(n, 0))]
    assert not different


def test_nothing_to_write_is_empty():
    assert fixed(None, 2) == "" == floatformat(None, 2)
    assert fixed("not a number", 1) == ""
    assert fixed(float("nan"), 1) == ""


def test_period_labels_are_what_strftime_wrote():
    from datetime import date

    from outcomes.periods import period_end, period_label

    for year in (2019, 2024, 2026):
        for month in range(1, 13):
            start = date(year, month, 1)
            assert period_label(start) == f"{start:%B %Y}"
            quarter = f"{start:%b} to {period_end(start, months=3):%b %Y}"
            assert period_label(start, months=3) == quarter
