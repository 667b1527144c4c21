"""Information periods and when each period's data is due.

SI 2007/1831: the "information period" is each quarter from 1 July 2007 (so calendar quarters),
and each period's data must be disclosed by the end of the following period. The same rule is
applied to an agreement's own frequency: monthly data is due by the end of the next month,
annual data (years from 1 April) by the end of the next year.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .models import Frequency


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
