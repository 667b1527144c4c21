"""Delivery lateness: the log, its CSV and the API say which period each delivery counts for,
when it was due and how late it was, by the coverage matrix's own rule (datasharing.periods)."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.api_tokens import token_create
from datasharing import periods, services
from datasharing.models import PrescribedDataset
from datasharing.selectors import CoverageStatus, coverage_rows

from .helpers import make_agreement

pytestmark = pytest.mark.django_db

Q = "quarterly"


def quarter(year, first_month):
    return periods.period_containing(date(year, first_month, 1), Q)


@pytest.mark.parametrize(
    ("period_end", "covered"),
    [
        (date(2025, 3, 31), (date(2025, 1, 1), date(2025, 3, 31))),  # a whole quarter
        (date(2025, 2, 15), (date(2024, 10, 1), date(2024, 12, 31))),  # part of one: the one before
        (date(2025, 9, 30), (date(2025, 7, 1), date(2025, 9, 30))),  # two quarters: the later
    ],
)
def test_a_delivery_counts_for_the_latest_whole_period_it_reaches(period_end, covered):
    period = periods.period_covered(period_end, Q)
    assert (period.start, period.end) == covered


def test_lateness_is_days_after_the_end_of_the_next_period():
    q1 = quarter(2025, 1)
    assert periods.lateness(q1, Q, date(2025, 6, 30)).label == "On time"
    late = periods.lateness(q1, Q, date(2025, 7, 1))
    assert (late.due, late.days_late, late.label) == (date(2025, 6, 30), 1, "1 day late")
    assert periods.lateness(q1, Q, date(2025, 7, 10)).label == "10 days late"
    assert (
        periods.delivery_lateness(
            period_end=date(2025, 3, 31),
            received_on=date(2025, 7, 1),
            dataset_frequency="as_needed",
        )
        is None
    )
    monthly = periods.delivery_lateness(
        period_end=date(2025, 1, 31),
        received_on=date(2025, 3, 3),
        dataset_frequency=Q,
        agreement_frequency="monthly",
    )
    assert (monthly.due, monthly.days_late) == (date(2025, 2, 28), 3)


# An irregular history of one quarterly stream: on time, late, a quarter sent in part (it counts
# for the quarter before), a missing quarter, a quarter sent twice, two quarters sent at once.
HISTORY = [
    (date(2024, 1, 1), date(2024, 3, 31), date(2024, 5, 10)),
    (date(2024, 4, 1), date(2024, 6, 30), date(2024, 10, 10)),
    (date(2024, 10, 1), date(2024, 11, 15), date(2025, 1, 20)),
    (date(2024, 11, 16), date(2024, 12, 31), date(2025, 3, 3)),
    (date(2025, 1, 1), date(2025, 3, 31), date(2025, 7, 5)),
    (date(2025, 1, 1), date(2025, 3, 31), date(2025, 8, 1)),
    (date(2025, 4, 1), date(2025, 9, 30), date(2025, 12, 30)),
]


def test_log_csv_api_and_matrix_agree_over_an_irregular_history(world, clock, client_for):
    clock.current = timezone.make_aware(datetime(2026, 6, 1, 12))
    make_agreement(world, status="active", start=date(2024, 1, 1))
    dataset = PrescribedDataset.objects.get(code="police-recorded-crime")
    for start, end, received in HISTORY:
        services.delivery_record(
            user=world.users["staff_this"],
            partnership=world.partnership,
            agency=world.agency,
            dataset=dataset,
            period_start=start,
            period_end=end,
            received_on=received,
            record_count=5,
        )

    client = client_for("manager_this")
    response = client.get(reverse("datasharing:delivery-export"))
    text = response.content.decode("utf-8-sig")
    by_csv = {
        (row["Period end"], row["Received"]): row for row in csv.DictReader(io.StringIO(text))
    }
    api = APIClient()
    _, raw = token_create(user=world.users["manager_this"], name="lateness")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    by_api = {
        (row["period_end"], row["received_on"]): row["lateness"]
        for row in api.get("/api/v1/deliveries/?page_size=100").json()["results"]
    }
    log = client.get(reverse("datasharing:delivery-list")).content.decode()
    assert len(by_csv) == len(by_api) == len(HISTORY)

    # Each quarter from Q1 2024 to Q4 2025, judged on a day when it is the latest one due.
    period, judged = quarter(2024, 1), 0
    while period.end <= date(2025, 12, 31):
        today = periods.due_date(period, Q) + timedelta(days=20)
        row = next(
            r
            for r in coverage_rows(partnership=world.partnership, today=today)
            if r.dataset == dataset and r.agency == world.agency
        )
        assert row.due_period == period and row.due_date == periods.due_date(period, Q)
        own = sorted(
            (received, end)
            for _, end, received in HISTORY
            if periods.period_covered(end, Q) == period
        )
        if not own:
            # Nothing counts for this quarter itself: the matrix is late unless a delivery of a
            # later quarter arrived in time, and no row of the log claims the quarter.
            assert not any(r["Counts for: end"] == str(period.end) for r in by_csv.values())
            assert row.status in (
                CoverageStatus.OVERDUE,
                CoverageStatus.ON_TIME,
                CoverageStatus.LATE,
            )
            period = periods.next_period(period, Q)
            continue
        received, end = own[0]  # the first received, which the matrix judges
        key = (str(end), str(received))
        lateness = row.lateness
        assert lateness is not None
        assert by_csv[key]["Counts for: start"] == str(period.start)
        assert by_csv[key]["Due by"] == str(row.due_date)
        assert by_csv[key]["Days late"] == str(lateness.days_late)
        assert by_csv[key]["On time"] == lateness.label
        assert by_api[key] == {
            "period_start": str(period.start),
            "period_end": str(period.end),
            "due_on": str(row.due_date),
            "days_late": lateness.days_late,
        }
        assert f"data for {period.label}, due by {row.due_date:%-d %b %Y}" in log
        expected = CoverageStatus.ON_TIME if lateness.on_time else CoverageStatus.LATE
        assert row.status == expected
        judged += 1
        period = periods.next_period(period, Q)
    assert judged == 6  # Q2 and Q4 2025 have no delivery of their own

    # The figures themselves, as the history was written.
    assert by_csv[("2024-06-30", "2024-10-10")]["On time"] == "10 days late"
    assert by_csv[("2024-11-15", "2025-01-20")]["Counts for: end"] == "2024-09-30"
    assert by_csv[("2025-03-31", "2025-08-01")]["Days late"] == "32"
    assert by_api[("2025-09-30", "2025-12-30")]["days_late"] == 0


def test_a_stream_without_a_schedule_says_so(world, clock, client_for):
    clock.current = timezone.make_aware(datetime(2026, 6, 1, 12))
    make_agreement(
        world, status="active", start=date(2024, 1, 1), values={"frequency": "as_needed"}
    )
    dataset = PrescribedDataset.objects.get(code="police-recorded-crime")
    dataset.expected_frequency = "as_needed"
    dataset.save()
    services.delivery_record(
        user=world.users["staff_this"],
        partnership=world.partnership,
        agency=world.agency,
        dataset=dataset,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        received_on=date(2025, 9, 1),
        record_count=5,
    )
    client = client_for("staff_this")
    text = client.get(reverse("datasharing:delivery-export")).content.decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert (row["Due by"], row["Days late"], row["On time"]) == ("", "", "No schedule")
    assert "No schedule" in client.get(reverse("datasharing:delivery-list")).content.decode()
