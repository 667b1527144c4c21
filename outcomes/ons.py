"""Reading and checking the ONS-shaped CSV files: recorded crime by Community Safety
Partnership, and mid-year population estimates.

Recorded crime: one row per CSP code and financial-year quarter, with offence-group columns
holding the number of offences recorded in that quarter (the shape of the ONS table
"Recorded crime data by Community Safety Partnership area"). Population: one row per CSP code
and year. Each file is checked whole and every problem is reported with its row; the caller
imports it only when there are none (as the ISTV upload does).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from . import periods

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COUNT = 10_000_000

# The offence groups of the ONS table (DOMAIN.md). A column with one of these names is read if
# an indicator counts it, and otherwise left alone; any other column is refused.
OFFENCE_GROUPS = (
    "Violence against the person",
    "Homicide",
    "Death or serious injury by unlawful driving",
    "Violence with injury",
    "Violence without injury",
    "Stalking and harassment",
    "Sexual offences",
    "Robbery",
    "Theft offences",
    "Criminal damage and arson",
    "Drug offences",
    "Possession of weapons offences",
    "Public order offences",
    "Miscellaneous crimes against society",
    "Total recorded crime (excluding fraud)",
)
CRIME_KEYS = ("csp_code", "financial_year", "quarter")
CRIME_OPTIONAL = ("csp_name", "force_name")
POPULATION_KEYS = ("csp_code", "year", "population")
POPULATION_OPTIONAL = ("csp_name",)
HEADER_LABELS = {
    "csp_code": "CSP code",
    "csp_name": "CSP name",
    "force_name": "Force name",
    "financial_year": "Financial year",
    "quarter": "Quarter",
    "year": "Year",
    "population": "Population",
}
# ONS tables mark a figure that is not available with "..", "[x]" or a blank cell.
NOT_AVAILABLE = {"", "..", "[x]", "[z]", "x", "-"}
GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+$")


@dataclass
class Problem:
    row: int | None  # file line number (the header is line 1); None for the whole file
    field: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "File"
        column = f", {self.field}" if self.field else ""
        return f"{where}{column}: {self.message}"


@dataclass
class CrimeRow:
    row_number: int
    partnership_id: int
    period_start: date
    counts: dict[int, int]  # indicator id -> offences recorded in the quarter


@dataclass
class PopulationRow:
    row_number: int
    partnership_id: int
    year: int
    population: int


@dataclass
class Result:
    rows: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # rows for partnerships the uploader may not load (left out, not wrong)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", (header or "").strip().lower()).strip("_")


def parse_count(text: str) -> int | None:
    """A whole number, possibly written 1,234; None when it is not one."""
    text = text.strip().replace("\u00a0", "")
    if GROUPED.match(text):
        text = text.replace(",", "")
    return int(text) if text.isdigit() else None


def _read(text: str, problems: list[Problem]) -> tuple[list[str], list] | None:
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            problems.append(Problem(None, "", "The file is empty: it needs a header row"))
            return None
        rows = []
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                problems.append(Problem(None, "", f"The file has more than {MAX_ROWS:,} rows"))
                return None
            rows.append((line, cells))
    except csv.Error as error:
        problems.append(Problem(None, "", f"The file is not a readable CSV file ({error})"))
        return None
    if not rows:
        problems.append(Problem(None, "", "The file has a header row but no rows of figures"))
        return None
    return header, rows


def _columns(header, *, keys, optional, extra, problems) -> dict[str, int] | None:
    """The position of each column by its normalised name; problems for missing, repeated
    or unknown columns."""
    names = [normalise(cell) for cell in header]
    known = set(keys) | set(optional) | set(extra)
    unknown = [cell.strip() for cell, name in zip(header, names, strict=True) if name not in known]
    if unknown:
        problems.append(
            Problem(
                None,
                "",
                "The file has columns that are not in the template: "
                + ", ".join(f"“{name}”" for name in unknown),
            )
        )
    repeated = sorted(
        {
            cell.strip()
            for cell, name in zip(header, names, strict=True)
            if name and names.count(name) > 1
        }
    )
    if repeated:
        problems.append(
            Problem(None, "", "The file has a column more than once: " + ", ".join(repeated))
        )
    missing = [HEADER_LABELS[name] for name in keys if name not in names]
    if missing:
        problems.append(Problem(None, "", "The file is missing columns: " + ", ".join(missing)))
        return None
    return {name: names.index(name) for name in names if name}


def _partnership(code, line, problems, *, partnerships, allowed) -> tuple[int | None, bool]:
    """(partnership id, allowed) for a CSP code, or a problem."""
    code = code.strip().upper()
    if not code:
        problems.append(Problem(line, "CSP code", "is missing"))
        return None, False
    found = partnerships.get(code)
    if found is None:
        problems.append(
            Problem(
                line,
                "CSP code",
                f"“{code[:12]}” is not the ONS code of a partnership in the portal",
            )
        )
        return None, False
    return found, allowed is None or found in allowed


def check_crime(*, text: str, partnerships: dict, columns: dict, allowed) -> Result:
    """Check a recorded-crime file. `partnerships` maps ONS code -> partnership id, `columns`
    maps an offence-group column's normalised name -> indicator id, `allowed` is the set of
    partnership ids the uploader may load (None: all)."""
    result = Result()
    problems = result.problems
    read = _read(text, problems)
    if read is None:
        return result
    header, rows = read
    offence_names = {normalise(name) for name in OFFENCE_GROUPS} | set(columns)
    index = _columns(
        header, keys=CRIME_KEYS, optional=CRIME_OPTIONAL, extra=offence_names, problems=problems
    )
    if index is None:
        return result
    read_columns = {name: indicator for name, indicator in columns.items() if name in index}
    if not read_columns:
        problems.append(
            Problem(
                None,
                "",
                "The file has none of the offence-group columns the indicators count: "
                + ", ".join(f"“{HEADER_LABELS.get(n, n)}”" for n in columns),
            )
        )
        return result
    labels = {normalise(name): name for name in OFFENCE_GROUPS}
    seen: dict[tuple, int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(
                Problem(
                    line, "", f"has {len(cells)} values but the header has {len(header)} columns"
                )
            )
            continue
        found: list[Problem] = []
        partnership_id, allowed_here = _partnership(
            cells[index["csp_code"]], line, found, partnerships=partnerships, allowed=allowed
        )
        year_text = cells[index["financial_year"]].strip()
        year = periods.parse_financial_year(year_text)
        if year is None:
            found.append(
                Problem(
                    line,
                    "Financial year",
                    f"“{year_text[:20]}” is not a financial year like 2024/25",
                )
            )
        quarter_text = cells[index["quarter"]].strip()
        quarter = periods.parse_quarter(quarter_text)
        if quarter is None:
            found.append(
                Problem(
                    line, "Quarter", f"“{quarter_text[:20]}” is not a quarter: Q1, Q2, Q3 or Q4"
                )
            )
        counts = {}
        for name, indicator_id in read_columns.items():
            cell = cells[index[name]].strip()
            if cell.lower() in NOT_AVAILABLE:
                continue
            count = parse_count(cell)
            label = labels.get(name, name)
            if count is None:
                found.append(
                    Problem(line, label, f"“{cell[:20]}” is not a whole number of offences")
                )
            elif count > MAX_COUNT:
                found.append(Problem(line, label, f"must be {MAX_COUNT:,} or fewer"))
            else:
                counts[indicator_id] = count
        if partnership_id is not None and year is not None and quarter is not None:
            key = (partnership_id, year, quarter)
            if key in seen:
                found.append(
                    Problem(
                        line,
                        "Quarter",
                        f"{periods.financial_year_label(year)} Q{quarter} for "
                        f"{cells[index['csp_code']].strip().upper()} is also on row {seen[key]}",
                    )
                )
            else:
                seen[key] = line
        problems.extend(found)
        if found:
            continue
        if not allowed_here:
            result.skipped += 1
            continue
        result.rows.append(
            CrimeRow(line, partnership_id, periods.quarter_start(year, quarter), counts)
        )
    if not result.rows and not problems:
        problems.append(
            Problem(None, "", "None of the rows is for a partnership you may load figures for")
        )
    return result


def check_population(*, text: str, partnerships: dict, allowed) -> Result:
    """Check a population file (ONS mid-year estimates), as check_crime does."""
    result = Result()
    problems = result.problems
    read = _read(text, problems)
    if read is None:
        return result
    header, rows = read
    index = _columns(
        header, keys=POPULATION_KEYS, optional=POPULATION_OPTIONAL, extra=(), problems=problems
    )
    if index is None:
        return result
    seen: dict[tuple, int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(
                Problem(
                    line, "", f"has {len(cells)} values but the header has {len(header)} columns"
                )
            )
            continue
        found: list[Problem] = []
        partnership_id, allowed_here = _partnership(
            cells[index["csp_code"]], line, found, partnerships=partnerships, allowed=allowed
        )
        year_text = cells[index["year"]].strip()
        year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
        if year is None or not 1990 <= year <= 2100:
            found.append(Problem(line, "Year", f"“{year_text[:20]}” is not a year like 2024"))
            year = None
        population_text = cells[index["population"]].strip()
        population = parse_count(population_text)
        if population is None or population == 0:
            found.append(
                Problem(
                    line, "Population", f"“{population_text[:20]}” is not a whole number of people"
                )
            )
        elif population > 100_000_000:
            found.append(Problem(line, "Population", "must be 100,000,000 or fewer"))
        if partnership_id is not None and year is not None:
            key = (partnership_id, year)
            if key in seen:
                found.append(
                    Problem(
                        line,
                        "Year",
                        f"{year} for {cells[index['csp_code']].strip().upper()} is also on row {seen[key]}",
                    )
                )
            else:
                seen[key] = line
        problems.extend(found)
        if found:
            continue
        if not allowed_here:
            result.skipped += 1
            continue
        result.rows.append(PopulationRow(line, partnership_id, year, population))
    if not result.rows and not problems:
        problems.append(
            Problem(None, "", "None of the rows is for a partnership you may load figures for")
        )
    return result


def crime_sample_rows() -> list:
    """A small made-up file in the ONS shape, header first (Leeds and Bolton, 2024/25)."""
    header = [
        "CSP code",
        "CSP name",
        "Financial year",
        "Quarter",
        "Violence against the person",
        "Violence with injury",
        "Violence without injury",
        "Robbery",
        "Theft offences",
    ]
    leeds = [(6210, 2010, 2620, 402, 8900), (6050, 1960, 2560, 388, 8700),
             (5890, 1905, 2490, 371, 8650), (5720, 1850, 2410, 355, 8420)]  # fmt: skip
    bolton = [(2410, 790, 1010, 101, 3100), (2460, 805, 1030, 104, 3150),
              (2495, 818, 1045, 107, 3190), (2540, 834, 1062, 110, 3230)]  # fmt: skip
    rows = [header]
    for code, name, figures in (("E22000345", "Leeds", leeds), ("E22000099", "Bolton", bolton)):
        for quarter, counts in enumerate(figures, start=1):
            rows.append([code, name, "2024/25", f"Q{quarter}", *counts])
    return rows


def population_sample_rows() -> list:
    return [
        ["CSP code", "CSP name", "Year", "Population"],
        ["E22000345", "Leeds", "2023", "822483"],
        ["E22000345", "Leeds", "2024", "829413"],
        ["E22000099", "Bolton", "2023", "301712"],
        ["E22000099", "Bolton", "2024", "305327"],
    ]
