"""Information periods and when each period's data is due.

SI 2007/1831: the "information period" is each quarter from 1 July 2007 (so calendar quarters),
and each period's data must be disclosed by the end of the following period. The same rule is
applied to an agreement's own frequency: monthly data is due by the end of the next month,
annual data (years from 1 April) by the end of the next year.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .models import SCHEDULED_FREQUENCIES, Frequency


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.start.year == self.end.year:
            return f"{self.start:%-d %b} to {self.end:%-d %b %Y}"
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_containing(day: date, frequency: str) -> Period:
    if frequency == Frequency.MONTHLY:
        return Period(day.replace(day=1), _month_end(day.year, day.month))
    if frequency == Frequency.ANNUALLY:
        year = day.year if day.month >= 4 else day.year - 1
        return Period(date(year, 4, 1), date(year + 1, 3, 31))
    first_month = 3 * ((day.month - 1) // 3) + 1
    return Period(date(day.year, first_month, 1), _month_end(day.year, first_month + 2))


def next_period(period: Period, frequency: str) -> Period:
    return period_containing(period.end + timedelta(days=1), frequency)


def previous_period(period: Period, frequency: str) -> Period:
    return period_containing(period.start - timedelta(days=1), frequency)


def due_date(period: Period, frequency: str) -> date:
    """A period's data is due by the end of the following period."""
    return next_period(period, frequency).end


def latest_due_period(today: date, frequency: str) -> Period:
    """The most recent period whose due date has passed (it is before today)."""
    current = period_containing(today, frequency)
    return previous_period(previous_period(current, frequency), frequency)


def schedule(*, dataset_frequency: str, agreement_frequency: str | None = None) -> str:
    """The schedule a stream's deliveries are judged by: the agreement's own, if it sets a
    regular one, else the dataset's expected frequency (the quarterly rule, mostly)."""
    if agreement_frequency in SCHEDULED_FREQUENCIES:
        return agreement_frequency
    return dataset_frequency


def period_covered(period_end: date, frequency: str) -> Period:
    """The latest whole period data up to period_end covers: the coverage matrix counts a
    delivery for every period ending on or before the end of the period it covers."""
    period = period_containing(period_end, frequency)
    return period if period.end == period_end else previous_period(period, frequency)


@dataclass(frozen=True)
class Lateness:
    period: Period
    due: date
    days_late: int  # 0 when received by the due date

    @property
    def on_time(self) -> bool:
        return self.days_late == 0

    @property
    def label(self) -> str:
        if self.on_time:
            return "On time"
        return f"{self.days_late} day{'' if self.days_late == 1 else 's'} late"


def lateness(period: Period, frequency: str, received_on: date) -> Lateness:
    """How late data for a period was, received on received_on: the one place the due date
    and the days late are worked out (delivery log, its CSV, the API, the coverage matrix)."""
    due = due_date(period, frequency)
    return Lateness(period, due, max(0, (received_on - due).days))


def delivery_lateness(
    *,
    period_end: date,
    received_on: date,
    dataset_frequency: str,
    agreement_frequency: str | None = None,
) -> Lateness | None:
    """A delivery's period, due date and days late; None when its stream has no schedule."""
    frequency = schedule(
        dataset_frequency=dataset_frequency, agreement_frequency=agreement_frequency
    )
    if frequency not in SCHEDULED_FREQUENCIES:
        return None
    return lateness(period_covered(period_end, frequency), frequency, received_on)
