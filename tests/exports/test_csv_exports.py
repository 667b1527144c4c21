"""Every CSV the portal emits goes through core.csv: formula-like text is neutralised (OWASP),
the file is UTF-8 with a byte-order mark and its lines end in CRLF.

The demo data is loaded once, then each payload in turn is planted at the start of every text
field of every record the exports read, and every export is read back."""

import csv
import io

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Left, Substr
from django.test import Client
from django.urls import reverse

from core import csv as csv_file
from tests import factories

# OWASP's triggers, their fullwidth forms and triggers behind leading spaces.
PAYLOADS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(1)",
    " =1+1",
    "  ＋1+1",
]
APPS = (
    "accounts",
    "partnerships",
    "datasharing",
    "funding",
    "goodpractice",
    "reviews",
    "communications",
)
# Text that the portal parses or looks records up by, so it is never free text in an export.
NOT_FREE_TEXT = {
    "password",
    "ons_code",
    "code",
    "prefix",
    "key",
    "reminder_offsets",
    "query",
    "content",
    "search_document",
    "site_code",
    "police_force_area_code",
    "identifier",
    "history_change_reason",
}
LEEDS = "E22000345"
EXPORTS = [
    ("datasharing:agreement-export", {}),
    ("datasharing:coverage-export", {"code": LEEDS}),
    ("datasharing:delivery-export", {}),
    ("datasharing:istv-analysis-export", {"code": LEEDS}),
    ("funding:finder-export", {}),
    ("funding:partnership-funding-export", {"code": LEEDS}),
    ("funding:giving360-csv", {}),
    ("goodpractice:search-export", {}),
    ("partnerships:export-members", {"code": LEEDS}),
    ("partnerships:export-contacts", {"code": LEEDS}),
    ("partnerships:export-actions", {"code": LEEDS}),
    ("reviews:dashboard-export", {}),
    ("reviews:actions-export", {}),
    ("reviews:action-export", {"code": LEEDS}),
    ("communications:coverage-export", {"code": LEEDS}),
]


# What a spreadsheet may run, written out here rather than read from core.csv.
TRIGGERS = set("=+-@\t\r") | set("＝＋－＠") | set("﹦﹢﹣﹫")


def formula_like(cell: str) -> bool:
    return cell[:1] in TRIGGERS or cell.lstrip()[:1] in TRIGGERS


def text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and not isinstance(field, models.EmailField | models.URLField | models.SlugField)
            and field.name not in NOT_FREE_TEXT
        ):
            yield field


def plant(payload: str, previous: str, fields) -> None:
    """Every free-text value becomes the payload followed by its original text (so unique
    values stay unique), in place of the previous payload: one UPDATE a column."""
    for model, field in fields:
        planted = Concat(Value(payload), Substr(field.name, len(previous) + 1), output_field=field)
        if field.max_length:
            planted = Left(planted, field.max_length)
        model.objects.exclude(**{field.name: ""}).update(**{field.name: planted})


def read(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    body = response.content.decode("utf-8")
    assert body.startswith(csv_file.BOM)
    rows = list(csv.reader(io.StringIO(body[1:], newline="")))
    assert body.endswith("\r\n")
    assert body.count("\r\n") >= len(rows)  # every line ends CRLF (cells may hold more)
    return rows


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("＝1+1", "'＝1+1"),
        (" =1+1", "' =1+1"),
        ("\t1", "'\t1"),
        ("﹦1", "'﹦1"),
        ("plain", "plain"),
        ("a=1", "a=1"),
        (-5, -5),
        (None, ""),
        (True, "True"),
    ],
)
def test_a_cell_is_neutralised_only_when_a_spreadsheet_would_run_it(value, expected):
    assert csv_file.safe_cell(value) == expected


def test_the_file_has_a_bom_crlf_and_shows_pounds_and_curly_quotes():
    text = csv_file.as_text([["Amount", "Note"], ["£10", "the partnership’s"]])
    assert text == "\ufeffAmount,Note\r\n£10,the partnership’s\r\n"


def _coverage_of_leeds():
    """Coverage for the coverage export to read, whether or not the demo data has some."""
    from datetime import date

    from communications.models import Channel, Coverage, Story
    from partnerships.models import Partnership

    leeds = Partnership.objects.get(ons_code=LEEDS)
    if Coverage.objects.filter(partnership=leeds).exists():
        return
    channel, _ = Channel.objects.get_or_create(
        partnership=leeds,
        name="Leeds Evening News",
        defaults={"kind": "local_paper", "frequency": "daily"},
    )
    owner = apps.get_model("accounts", "User").objects.get(email="admin@example.org")
    story = Story.objects.create(partnership=leeds, title="Night-time violence falls", owner=owner)
    Coverage.objects.create(
        partnership=leeds,
        channel=channel,
        story=story,
        headline="Safer nights in the city centre",
        published_on=date(2026, 11, 20),
        tone="positive",
    )
    Coverage.objects.create(
        partnership=leeds,
        outlet_name="Northern Daily",
        headline="Fear of crime high",
        published_on=date(2026, 11, 21),
        tone="negative",
    )


def test_every_export_neutralises_every_payload_in_every_text_field(db):
    from django.core.management import call_command

    from tests.reference import ensure_reference_data

    ensure_reference_data()
    call_command("seed_demo", allow_without_debug=True, stdout=io.StringIO())
    _coverage_of_leeds()
    admin = apps.get_model("accounts", "User").objects.get(email="admin@example.org")
    client = factories.login_verified(Client(), admin)
    fields = [
        (model, field)
        for model in apps.get_models()
        if model._meta.app_label in APPS and not model.__name__.startswith("Historical")
        for field in text_fields(model)
    ]
    unguarded, unplanted, previous = [], [], ""
    for payload in PAYLOADS:
        plant(payload, previous, fields)
        previous = payload
        for name, kwargs in EXPORTS:
            rows = read(client.get(reverse(name, kwargs=kwargs)))
            cells = [cell for row in rows for cell in row]
            unguarded += [f"{name}: {cell!r}" for cell in cells if formula_like(cell)]
            if not any(cell.startswith("'" + payload) for cell in cells):
                unplanted.append(f"{name} shows no planted text for {payload!r}")
    assert not unguarded, "\n".join(unguarded[:20])
    assert not unplanted, "\n".join(unplanted)


@pytest.mark.parametrize("name", ["datasharing:istv-template", "datasharing:istv-sample"])
def test_the_istv_template_and_sample_go_through_the_writer_and_upload_back(db, client, name):
    from datasharing import istv

    rows = read(client.get(reverse(name)))
    assert rows[0] == list(istv.COLUMN_NAMES)
    raw = client.get(reverse(name)).content
    assert raw.startswith(b"\xef\xbb\xbf")
    assert istv.decode(raw).splitlines()[0].split(",") == list(istv.COLUMN_NAMES)
