"""Helpers for the outcomes tests: ONS-shaped files and figures made directly."""

import csv
import io
from datetime import date
from decimal import Decimal

CRIME_HEADER = [
    "CSP code",
    "CSP name",
    "Financial year",
    "Quarter",
    "Violence against the person",
    "Violence with injury",
    "Robbery",
    "Theft offences",
]


def csv_text(rows, header=CRIME_HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_file(rows, header=CRIME_HEADER, name="crime.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, csv_text(rows, header).encode(), content_type="text/csv")


def indicator(code):
    from outcomes.models import Indicator

    return Indicator.objects.get(code=code)


def add_months(start: date, months: int) -> date:
    from outcomes.periods import add_months as add

    return add(start, months)


def monthly(partnership, code, values, *, start=date(2023, 4, 1)):
    """Monthly figures of an indicator from `start`, one per value."""
    from outcomes.models import Figure

    ind = indicator(code)
    Figure.objects.bulk_create(
        Figure(
            partnership=partnership,
            indicator=ind,
            period_type="month",
            period_start=add_months(start, i),
            value=Decimal(value),
        )
        for i, value in enumerate(values)
    )


def quarterly(partnership, code, values, *, start=date(2023, 4, 1)):
    from outcomes.models import Figure

    ind = indicator(code)
    Figure.objects.bulk_create(
        Figure(
            partnership=partnership,
            indicator=ind,
            period_type="quarter",
            period_start=add_months(start, 3 * i),
            value=Decimal(value),
        )
        for i, value in enumerate(values)
    )


def population(partnership, year, people):
    from outcomes.models import Population

    return Population.objects.create(partnership=partnership, year=year, population=people)
