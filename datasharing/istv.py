"""Reading and checking an ISTV return (NHS ISB 1594 minimum dataset) from a CSV file.

The file is checked row by row and every problem is reported with its row and field; the caller
imports it only when there are no problems at all. Columns that would identify a person are
refused outright, as are free-text values that look like a full postcode, an NHS number or a
phone number.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000

COLUMNS = [
    ("site_code", "Site code of treatment", "Mandatory, 3 to 12 characters, the same on every row"),
    (
        "arrival_datetime",
        "Arrival date and time at A&E",
        "Required if known; YYYY-MM-DD HH:MM, within the reporting period",
    ),
    ("assault_datetime", "Assault date and time", "Mandatory; YYYY-MM-DD HH:MM"),
    ("assault_method", "Assault method", "Mandatory; a code from the method list"),
    (
        "assault_method_other",
        "Assault method other description",
        "Required when the method is an “other” code",
    ),
    (
        "assault_location_type",
        "Assault location type",
        "Mandatory; a code from the location type list",
    ),
    (
        "assault_location_description",
        "Assault location description",
        "Required if known: a place name or street, never a full postcode",
    ),
]
COLUMN_NAMES = [name for name, _label, _rule in COLUMNS]
LABELS = {name: label for name, label, _rule in COLUMNS}
MANDATORY = ("site_code", "assault_datetime", "assault_method", "assault_location_type")

# Words that, in a column name, mean the column would identify a person.
IDENTIFYING_WORDS = {
    "name",
    "names",
    "forename",
    "forenames",
    "surname",
    "firstname",
    "lastname",
    "fullname",
    "dob",
    "birth",
    "nhs",
    "nhsno",
    "nhsnumber",
    "postcode",
    "postcodes",
    "phone",
    "telephone",
    "mobile",
    "tel",
    "email",
    "address",
    "patient",
    "mrn",
    "hospitalnumber",
}
IDENTIFYING_NAMES = {"date_of_birth", "birth_date", "nhs_number", "hospital_number"}

POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
NHS_NUMBER = re.compile(r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b")
PHONE = re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b")
DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
)


@dataclass
class Problem:
    row: int | None  # file line number (the header is line 1); None for the whole file
    field: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "File"
        column = f", {LABELS.get(self.field, self.field)}" if self.field else ""
        return f"{where}{column}: {self.message}"


@dataclass
class ParsedRow:
    row_number: int
    site_code: str
    arrival_datetime: datetime | None
    assault_datetime: datetime
    method_id: int
    method_other: str
    location_type_id: int
    location_description: str


@dataclass
class Result:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    site_code: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", (header or "").strip().lower()).strip("_")


def identifying_column(header: str) -> bool:
    name = _normalise(header)
    if name in IDENTIFYING_NAMES:
        return True
    words = set(name.split("_"))
    return bool(words & IDENTIFYING_WORDS) or name.replace("_", "") in IDENTIFYING_WORDS


def looks_identifying(value: str) -> str | None:
    if POSTCODE.search(value):
        return "contains what looks like a full postcode: give at most the outward part (like LS1)"
    if NHS_NUMBER.search(value):
        return "contains what looks like an NHS number: the return must not identify anyone"
    if PHONE.search(value):
        return "contains what looks like a phone number: the return must not identify anyone"
    return None


def parse_datetime(value: str) -> datetime | None:
    value = value.strip()
    for pattern in DATETIME_FORMATS:
        try:
            naive = datetime.strptime(value, pattern)
        except ValueError:
            continue
        return timezone.make_aware(naive)
    return None


def decode(raw: bytes) -> str | None:
    if b"\x00" in raw:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def check(
    *,
    text: str,
    period_start: date,
    period_end: date,
    expected_site_code: str,
    methods: dict,
    location_types: dict,
) -> Result:
    """Check a whole file. `methods` and `location_types` map lower-case code -> code object."""
    result = Result()
    problems = result.problems
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
    except csv.Error as error:
        problems.append(Problem(None, "", f"The file is not a readable CSV file ({error})"))
        return result
    if not header or not any(cell.strip() for cell in header):
        problems.append(
            Problem(None, "", "The file is empty: it needs a header row and at least one assault")
        )
        return result
    names = [_normalise(cell) for cell in header]
    identifying = [cell.strip() for cell in header if identifying_column(cell)]
    if identifying:
        problems.append(
            Problem(
                None,
                "",
                "The file has columns that would identify a person, so it was refused: "
                + ", ".join(f"“{name}”" for name in identifying)
                + ". Remove them: an ISTV return is anonymised.",
            )
        )
    unknown = [
        cell.strip()
        for cell, name in zip(header, names, strict=True)
        if name not in COLUMN_NAMES and not identifying_column(cell) and name
    ]
    if unknown:
        problems.append(
            Problem(
                None,
                "",
                "The file has columns that are not in the ISTV template: "
                + ", ".join(f"“{name}”" for name in unknown),
            )
        )
    missing = [LABELS[name] for name in COLUMN_NAMES if name not in names]
    if missing:
        problems.append(Problem(None, "", "The file is missing columns: " + ", ".join(missing)))
        return result  # the rows cannot be read without their columns
    # Forbidden or unknown columns are reported with every row's problems, in one pass: the
    # rows' template columns are still checked (the identifying cells are never read).
    index = {name: names.index(name) for name in COLUMN_NAMES}
    site_codes = set()
    expected = (expected_site_code or "").strip().upper()
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(result.rows) + len(problems) > MAX_ROWS:
                problems.append(
                    Problem(
                        None,
                        "",
                        f"The file has more than {MAX_ROWS:,} rows: "
                        "split it into shorter reporting periods",
                    )
                )
                break
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        line,
                        "",
                        f"has {len(cells)} values but the header has {len(header)} columns",
                    )
                )
                continue
            parsed = _check_row(
                line,
                {name: cells[i].strip() for name, i in index.items()},
                period_start=period_start,
                period_end=period_end,
                expected_site_code=expected,
                methods=methods,
                location_types=location_types,
                problems=problems,
            )
            if parsed is not None:
                site_codes.add(parsed.site_code)
                result.rows.append(parsed)
    except csv.Error as error:
        problems.append(Problem(None, "", f"The file is not a readable CSV file ({error})"))
        return result
    if len(site_codes) > 1:
        problems.append(
            Problem(
                None,
                "site_code",
                "every row must have the same site code; found " + ", ".join(sorted(site_codes)),
            )
        )
    if not result.rows and not problems:
        problems.append(Problem(None, "", "The file has a header row but no assaults"))
    if site_codes:
        result.site_code = sorted(site_codes)[0]
    return result


def count_rows(text: str) -> int:
    """The assaults in a file that passed the check: its non-blank rows after the header."""
    rows = csv.reader(io.StringIO(text, newline=""))
    next(rows, None)
    return sum(1 for cells in rows if any(cell.strip() for cell in cells))


# A replacement with fewer than this share of the rows it replaces is asked about: the wrong
# month's file, or a part of one (160 assaults replaced by 3).
MUCH_SMALLER = 0.5


def _check_row(
    line, values, *, period_start, period_end, expected_site_code, methods, location_types, problems
) -> ParsedRow | None:
    found = []

    def problem(field_name, message):
        found.append(Problem(line, field_name, message))

    for name in MANDATORY:
        if not values[name]:
            problem(name, "is missing (it is mandatory)")
    site_code = values["site_code"].upper()
    if site_code and not 3 <= len(site_code) <= 12:
        problem("site_code", "must be 3 to 12 characters")
    elif site_code and expected_site_code and site_code != expected_site_code:
        problem(
            "site_code", f"is {site_code}, but your department’s site code is {expected_site_code}"
        )
    assault = arrival = None
    if values["assault_datetime"]:
        assault = parse_datetime(values["assault_datetime"])
        if assault is None:
            problem(
                "assault_datetime",
                f"“{values['assault_datetime'][:30]}” is not a date and time like 2025-04-05 23:30",
            )
    if values["arrival_datetime"]:
        arrival = parse_datetime(values["arrival_datetime"])
        if arrival is None:
            problem(
                "arrival_datetime",
                f"“{values['arrival_datetime'][:30]}” is not a date and time like 2025-04-05 23:45",
            )
        elif not period_start <= timezone.localdate(arrival) <= period_end:
            problem(
                "arrival_datetime",
                "must be within the reporting period "
                f"({period_start:%-d %b %Y} to {period_end:%-d %b %Y})",
            )
    if assault is not None:
        if timezone.localdate(assault) > period_end:
            problem("assault_datetime", "is after the end of the reporting period")
        elif arrival is not None and assault > arrival:
            problem("assault_datetime", "is after the arrival at A&E")
        elif arrival is None and timezone.localdate(assault) < period_start:
            problem(
                "assault_datetime",
                "is before the reporting period and there is no arrival date and time",
            )
    method = location_type = None
    if values["assault_method"]:
        method = methods.get(values["assault_method"].lower())
        if method is None:
            problem(
                "assault_method",
                f"“{values['assault_method'][:30]}” is not a code in the method list",
            )
    if values["assault_location_type"]:
        location_type = location_types.get(values["assault_location_type"].lower())
        if location_type is None:
            problem(
                "assault_location_type",
                f"“{values['assault_location_type'][:30]}” is not a code in the location type list",
            )
    if method is not None and method.needs_description and not values["assault_method_other"]:
        problem("assault_method_other", "is missing: describe the method when it is “other”")
    for name, limit in (("assault_method_other", 200), ("assault_location_description", 200)):
        if len(values[name]) > limit:
            problem(name, f"must be {limit} characters or fewer")
        reason = looks_identifying(values[name])
        if reason:
            problem(name, reason)
    problems.extend(found)
    if found:
        return None
    return ParsedRow(
        row_number=line,
        site_code=site_code,
        arrival_datetime=arrival,
        assault_datetime=assault,
        method_id=method.pk,
        method_other=values["assault_method_other"],
        location_type_id=location_type.pk,
        location_description=values["assault_location_description"],
    )


def template_rows() -> list:
    """The empty template: the header row only."""
    return [COLUMN_NAMES]


def sample_rows(*, site_code: str = "RR801") -> list:
    """A small made-up return, header first."""
    return [
        COLUMN_NAMES,
        (
            site_code,
            "2025-04-05 23:52",
            "2025-04-05 23:10",
            "body",
            "",
            "pub-bar",
            "Call Lane, city centre",
        ),
        (site_code, "2025-04-06 01:40", "2025-04-06 01:15", "glass", "", "street", "Briggate"),
        (
            site_code,
            "2025-04-12 14:05",
            "2025-04-12 13:30",
            "other",
            "Thrown drink can",
            "sport",
            "Football ground concourse",
        ),
        (site_code, "2025-04-19 22:30", "2025-04-19 21:50", "sharp", "", "home", ""),
    ]
