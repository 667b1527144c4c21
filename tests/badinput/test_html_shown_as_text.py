"""HTML typed into any text field is shown as text: on the form when it comes back with errors,
and on the page the form leads to once saved.

Every POST in the permission matrix that its allowed role can complete (it redirects with the
matrix's own data) is posted again with a script tag in each of its form's free-text fields.
A field whose own checks refuse the markup (an email address, a code) is put back to the
matrix's value and the form posted again, until it saves.
"""

import re

import pytest
from django.db import transaction
from django.urls import reverse

from .forms import page_form, post_rows

RAW = "<script>alert("
ESCAPED = "&lt;script&gt;alert("
TEXT_KINDS = ("text", "textarea")


def marker(name: str) -> str:
    return f'<script>alert("{name}")</script><b onclick="x()">{name}</b>'


def error_fields(html: str) -> set[str]:
    summary = html.split("govuk-error-summary", 1)[-1].split("</ul>", 1)[0]
    return {
        re.sub(r"_\d+$", "", anchor.removeprefix("id_"))
        for anchor in re.findall(r'href="#([^"]+)"', summary)
    }


def text_fields(form) -> list[str]:
    return [
        f.name
        for f in form.fields.values()
        if f.kind in TEXT_KINDS and not f.numeric and not re.search(r"_\d$", f.name)
    ]


def _opportunity(world):
    from tests.funding.factories import FunderFactory

    return {
        "funder": FunderFactory().pk,
        "title": "Safer Streets",
        "description": "Money",
        "themes": ["1"],
        "applicant_types": ["1"],
        "regions": [world.region_in.pk],
        "opens_on_0": "1",
        "opens_on_1": "4",
        "opens_on_2": "2026",
        "opens_time": "09:00",
        "closes_on_0": "30",
        "closes_on_1": "4",
        "closes_on_2": "2026",
        "closes_time": "12:00",
        "capital_revenue": "revenue",
    }


def _entry(world):
    from goodpractice.models import Theme
    from tests.goodpractice.factories import COMPLETE

    data = {k: ("" if v is None else v) for k, v in COMPLETE.items()}
    data.update(
        {
            "title": "Safer nights",
            "themes": [Theme.objects.get(slug="violence").pk],
            "maryland_level": "2",
            "partnership": world.partnership.pk,
        }
    )
    return data


def _bid(world):
    from tests.funding.factories import OpportunityFactory

    return {
        "opportunity": OpportunityFactory(title="Youth diversion").pk,
        "staff_days": "5",
        "amount_requested": "25000",
        "lead_officer": world.users["manager_this"].pk,
    }


# Forms the matrix posts empty (so they come back with errors): data that saves them.
VALID = {
    "funding:opportunity-create": _opportunity,
    "funding:opportunity-edit": _opportunity,
    "funding:funder-create": lambda world: {
        "name": "Home Office",
        "identifier": "GB-GOV-99",
        "url": "",
    },
    "funding:bid-create": _bid,
    "funding:bid-edit": lambda world: {
        "staff_days": "5",
        "amount_requested": "25000",
        "lead_officer": world.users["manager_this"].pk,
    },
    "goodpractice:entry-create": _entry,
    "goodpractice:entry-edit": _entry,
    "goodpractice:adoption-create": lambda world: {
        "started_on_0": "1",
        "started_on_1": "9",
        "started_on_2": "2025",
        "result": "partly",
        "explanation": "Worked in the centre only.",
        "partnership": world.other_partnership.pk,
    },
}

SAVING_ROWS = [
    (row, role) for row, role in post_rows() if row.expect[role] == 302 or row.name in VALID
]
APPS = sorted({row.name.split(":")[0] for row, _ in SAVING_ROWS})


def check_row(row, role, world, client_for) -> str:
    """Post markup into the row's text fields: "saved" (and shown as text), "refused" (every
    text field refused the markup, shown as text on the form) or "no text field"."""
    url = reverse(row.name, kwargs=row.kwargs(world))
    client = client_for(role)
    page = client.get(url)
    form = page_form(page.content.decode(), url) if page.status_code == 200 else None
    fields = text_fields(form) if form else []
    if not fields:
        return "no text field"  # a button, or choices only
    with transaction.atomic():
        baseline = {**row.data(world), **VALID.get(row.name, lambda world: {})(world)}
        marked = set(fields)
        response = None
        for _attempt in range(4):
            data = {**baseline, **{name: marker(name) for name in marked}}
            response = client.post(url, data)
            html = response.content.decode()
            assert RAW not in html, f"raw HTML on the form with errors: {url}"
            if response.status_code != 200:
                break
            refused = error_fields(html) & marked
            assert refused, f"{url} did not save and named no text field: {error_fields(html)}"
            marked -= refused
            if not marked:
                break
        assert response.status_code in (200, 302), (url, response.status_code)
        outcome = "refused"
        if response.status_code == 302 and marked:
            outcome = "saved"
            shown = client.get(response["Location"])
            html = shown.content.decode()
            assert RAW not in html, f"raw HTML on {response['Location']} (from {url})"
            assert ESCAPED in html or "&lt;b onclick" in html, (
                f"none of {sorted(marked)} posted to {url} is shown on {response['Location']}"
            )
        transaction.set_rollback(True)
    return outcome


@pytest.mark.parametrize("app", APPS)
def test_html_in_every_text_field_is_shown_as_text(app, world, client_for):
    outcomes = {
        row.id: check_row(row, role, world, client_for)
        for row, role in SAVING_ROWS
        if row.name.startswith(f"{app}:")
    }
    assert "saved" in outcomes.values(), f"no form of {app} saved text: {outcomes}"
    unsaved = [
        name for name in VALID if f"{name}:post" in outcomes and outcomes[f"{name}:post"] != "saved"
    ]
    assert not unsaved, f"valid data did not save: {unsaved}"
