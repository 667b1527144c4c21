"""The one CSV writer for every file the portal emits.

Each text cell that a spreadsheet would read as a formula is prefixed with an apostrophe
(OWASP CSV injection guidance), including the fullwidth and small forms of the trigger
characters and triggers hidden behind leading spaces. Files are UTF-8 with a byte-order mark,
so Excel shows "£" and "’", and lines end in CRLF as RFC 4180 says.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header

BOM = "\ufeff"
# =, +, -, @, tab, carriage return; their fullwidth forms; their small forms.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")


def safe_cell(value) -> str | int | float | Decimal:
    """The value as a spreadsheet should show it: numbers as they are, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


class Writer:
    """Writes rows of safe cells, CRLF-ended, to a text stream (the BOM is the caller's)."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def as_text(rows: Iterable[Iterable]) -> str:
    """A whole file: the byte-order mark, then the rows."""
    out = io.StringIO()
    out.write(BOM)
    Writer(out).writerows(rows)
    return out.getvalue()


def response(filename: str, rows: Iterable[Iterable] = ()) -> HttpResponse:
    """An attachment download never kept by a browser or proxy. Rows given are written now;
    more can be written through writer(response)."""
    answer = HttpResponse(content_type="text/csv; charset=utf-8")
    answer["Content-Disposition"] = content_disposition_header(True, filename)
    answer["Cache-Control"] = "no-store"
    answer.write(BOM)
    Writer(answer).writerows(rows)
    return answer


def writer(answer: HttpResponse) -> Writer:
    """A writer appending rows to a response made by response()."""
    return Writer(answer)
