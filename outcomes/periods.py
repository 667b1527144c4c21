"""Months, quarters and financial years (April to March), as the ONS tables count them."""

import re
from datetime import date


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_end(start: date, *, months: int = 1) -> date:
    """The last day of the period of `months` months starting on `start`."""
    return date.fromordinal(add_months(start, months).toordinal() - 1)


# The month names strftime's %B writes (the C locale's, which Python keeps unless told
# otherwise); %b is their first three letters. Named here because a partnership's page labels
# hundreds of periods and strftime took a tenth of its time.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def period_label(start: date, *, months: int = 1) -> str:
    """ "March 2026" for a month, "Jan to Mar 2026" for a quarter."""
    if months == 3:
        end = add_months(start, 2)
        return f"{MONTH_NAMES[start.month - 1][:3]} to {MONTH_NAMES[end.month - 1][:3]} {end.year}"
    return f"{MONTH_NAMES[start.month - 1]} {start.year}"


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def financial_year_label(start_year: int) -> str:
    """2024 -> "2024/25"."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


FINANCIAL_YEAR = re.compile(r"^(?:FY\s*)?(\d{4})\s*(?:[/\-–]|to)\s*(\d{2}|\d{4})$", re.IGNORECASE)
QUARTER = re.compile(r"^(?:Q\s*)?([1-4])$", re.IGNORECASE)


def parse_financial_year(text: str) -> int | None:
    """ "2024/25", "2024-25", "2024 to 2025" -> 2024; None when it is not a financial year."""
    match = FINANCIAL_YEAR.match(text.strip())
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    following = int(second) if len(second) == 4 else (first + 1) // 100 * 100 + int(second)
    if following != first + 1 or not 1990 <= first <= 2100:
        return None
    return first


def parse_quarter(text: str) -> int | None:
    match = QUARTER.match(text.strip())
    return int(match.group(1)) if match else None


def quarter_start(financial_year: int, quarter: int) -> date:
    """Quarter 1 of 2024/25 starts on 1 April 2024, quarter 4 on 1 January 2025."""
    return add_months(date(financial_year, 4, 1), 3 * (quarter - 1))


def financial_quarter_of(day: date) -> tuple[int, int]:
    """(financial year, quarter) holding `day`."""
    year = day.year if day.month >= 4 else day.year - 1
    return year, (month_index(day) - month_index(date(year, 4, 1))) // 3 + 1
