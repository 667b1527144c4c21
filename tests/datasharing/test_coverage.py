"""The coverage matrix and the quarterly rule, with a controlled clock."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from datasharing import periods, services
from datasharing.models import PrescribedDataset
from datasharing.selectors import CoverageStatus, coverage_rows

from .helpers import make_agreement, member_agency

pytestmark = pytest.mark.django_db


def at(clock, day: date):
    clock.current = timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def row_for(partnership, code, today):
    return next(
        r for r in coverage_rows(partnership=partnership, today=today) if r.dataset.code == code
    )


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (date(2025, 10, 1), (date(2025, 4, 1), date(2025, 6, 30))),
        (date(2025, 9, 30), (date(2025, 1, 1), date(2025, 3, 31))),
        (date(2026, 1, 15), (date(2025, 7, 1), date(2025, 9, 30))),
    ],
)
def test_each_quarters_data_is_due_by_the_end_of_the_next_quarter(today, period):
    latest = periods.latest_due_period(today, "quarterly")
    assert (latest.start, latest.end) == period
    assert periods.due_date(latest, "quarterly") < today


def test_monthly_and_annual_periods():
    assert periods.due_date(
        periods.period_containing(date(2025, 1, 15), "monthly"), "monthly"
    ) == date(2025, 2, 28)
    year = periods.period_containing(date(2025, 2, 1), "annually")
    assert (year.start, year.end) == (date(2024, 4, 1), date(2025, 3, 31))


def test_rows_are_the_datasets_members_should_share_with_health_first(world):
    member_agency(world.partnership, type_slug="health-commissioner", name="City ICB")
    rows = coverage_rows(partnership=world.partnership, today=date(2025, 10, 1))
    codes = [r.dataset.code for r in rows]
    assert codes[0].startswith("health-")
    assert "police-recorded-crime" in codes and "fire-deliberate-primary" not in codes
    assert all(r.status == CoverageStatus.NO_AGREEMENT for r in rows)
    health = [r for r in rows if r.dataset.is_health]
    assert health and all(r.is_gap for r in health)


def test_active_agreement_then_delivery_on_time_then_a_later_quarter_late(world, clock):
    at(clock, date(2025, 7, 10))
    make_agreement(world, status="active", start=date(2025, 1, 1))
    partnership = world.partnership
    # Q1 2025 (Jan–Mar) is due by 30 June; nothing delivered: overdue (late).
    row = row_for(partnership, "police-recorded-crime", date(2025, 7, 10))
    assert row.agreement is not None and row.status == CoverageStatus.OVERDUE
    assert row.status_label == "Late"

    services.delivery_record(
        user=world.users["staff_this"],
        partnership=partnership,
        agency=world.agency,
        dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        received_on=date(2025, 6, 20),
        record_count=812,
    )
    row = row_for(partnership, "police-recorded-crime", date(2025, 7, 10))
    assert row.status == CoverageStatus.ON_TIME
    assert row.last_delivery.record_count == 812

    # On 1 October Q2 (Apr–Jun, due 30 September) has passed with no delivery: late.
    row = row_for(partnership, "police-recorded-crime", date(2025, 10, 1))
    assert row.status == CoverageStatus.OVERDUE
    assert "1 Apr to 30 Jun 2025" in row.detail and "30 Sep 2025" in row.detail


def test_delivered_after_the_due_date_is_late(world, clock):
    at(clock, date(2025, 10, 10))
    make_agreement(world, status="active", start=date(2025, 1, 1))
    services.delivery_record(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        dataset=PrescribedDataset.objects.get(code="police-recorded-crime"),
        period_start=date(2025, 4, 1),
        period_end=date(2025, 6, 30),
        received_on=date(2025, 10, 5),
        record_count=10,
    )
    row = row_for(world.partnership, "police-recorded-crime", date(2025, 10, 10))
    assert row.status == CoverageStatus.LATE


def test_agreement_not_yet_in_force_and_not_yet_due(world, clock):
    at(clock, date(2025, 7, 10))
    make_agreement(world, status="awaiting_signatures")
    row = row_for(world.partnership, "police-recorded-crime", date(2025, 7, 10))
    assert row.status == CoverageStatus.NOT_IN_FORCE
    make_agreement(world, status="active", start=date(2025, 7, 1), title="Newer")
    row = row_for(world.partnership, "police-recorded-crime", date(2025, 7, 10))
    assert row.status == CoverageStatus.NOT_YET_DUE


def test_the_agreements_own_frequency_is_used(world, clock):
    at(clock, date(2025, 7, 10))
    make_agreement(world, status="active", start=date(2025, 1, 1), values={"frequency": "monthly"})
    row = row_for(world.partnership, "police-recorded-crime", date(2025, 7, 10))
    assert row.frequency == "monthly"
    assert row.due_period.end == date(2025, 5, 31) and row.due_date == date(2025, 6, 30)


def test_other_partnerships_deliveries_do_not_count(world, clock):
    at(clock, date(2025, 7, 10))
    make_agreement(world, status="active", start=date(2025, 1, 1))
    assert (
        row_for(
            world.partnership, "police-recorded-crime", date(2025, 7, 10) + timedelta(days=0)
        ).last_delivery
        is None
    )


@pytest.mark.parametrize("frequency", ["quarterly", "monthly", "annually"])
def test_summary_facts_give_the_same_status_as_the_deliveries_themselves(world, clock, frequency):
    """The home page and the review dashboard read one summary fact per schedule and stream
    (delivery_facts, exact=False); the coverage page reads the deliveries. Over a history of
    on-time, late, overlapping and long-ago deliveries, both give every row the same status
    and the same explanation, day after day."""
    import random

    at(clock, date(2026, 6, 1))
    make_agreement(world, status="active", start=date(2022, 1, 1), values={"frequency": frequency})
    dataset = PrescribedDataset.objects.get(code="police-recorded-crime")
    rng = random.Random(frequency)
    start = date(2022, 1, 1)
    while start < date(2025, 9, 1):
        length = {"monthly": 30, "quarterly": 90, "annually": 364}[frequency]
        end = start + timedelta(days=length)
        if rng.random() < 0.8:  # some periods never arrive
            services.delivery_record(
                user=world.users["staff_this"],
                partnership=world.partnership,
                agency=world.agency,
                dataset=dataset,
                period_start=start,
                period_end=end,
                received_on=min(
                    date(2026, 5, 30), end + timedelta(days=rng.choice([5, 40, 100, 200]))
                ),
                record_count=rng.randint(1, 500),
            )
        start = end + timedelta(days=1)
    for today in [date(2024, 6, 1) + timedelta(days=23 * n) for n in range(24)]:
        exact = coverage_rows(partnership=world.partnership, today=today)
        summary = coverage_rows(partnership=world.partnership, today=today, exact=False)
        assert [(r.dataset.code, r.agency.pk, r.status, r.detail) for r in exact] == [
            (r.dataset.code, r.agency.pk, r.status, r.detail) for r in summary
        ], today
    assert {r.status for r in exact} - {CoverageStatus.NO_AGREEMENT}, "nothing was due"
