"""Property-based tests (Hypothesis) over every form of the portal: every POST URL in the
permission matrix, posted by a role allowed to use it, with generated values for each of the
page form's fields (and the matrix's own data), never gives a server error.

The test client re-raises any exception from a view, so a server error fails the example with
its traceback; Hypothesis then shrinks the input to a small one that still fails.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.permissions.matrix import all_rows

from .forms import SKIPPED_NAMESPACES, allowed_role, page_form, post_rows

ROWS = post_rows()

# Values people (and scripts) type: numbers in every shape, dates that do not exist, markup,
# control characters, right-to-left marks, very long text and text that looks like code.
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1,000",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "-0",
    "0x1F",
    "١٢٣",
    "１２",
    "31/02/2025",
    "2025-13-45",
    "00/00/0000",
    "29/02/2023",
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "nul\x00byte",
    "\x00",
    "\u202egnp.exe",
    "'; DROP TABLE accounts_user; --",
    "%s%s%n",
    "../../etc/passwd",
    "x" * 5000,
    "💥" * 300,
    "None",
    "true",
    "[]",
    "{}",
    "\r\n\t",
]
free_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
OMIT = object()
# Tried on every form, whatever Hypothesis draws: each field at once holding the same value.
ALWAYS = ["nul\x00byte", "x" * 5000, "-99999999999999999999"]


def with_classic_examples(test, form, baseline):
    """`test` also runs with every field of the form set to each ALWAYS value."""
    names = sorted(set(form.fields if form else ()) | set(baseline))
    for value in ALWAYS:
        test = example({name: value for name in names if name != "csrfmiddlewaretoken"})(test)
    return test


def field_strategy(form_field, baseline):
    choices = [st.just(OMIT), free_text]
    if baseline is not None:
        choices.append(st.just(baseline))
    if form_field is not None:
        if form_field.options:
            one = st.one_of(st.sampled_from(form_field.options), free_text)
            choices.append(st.lists(one, max_size=3) if form_field.kind == "checkbox" else one)
            choices.append(st.sampled_from(form_field.options))
        if form_field.value:
            choices.append(st.just(form_field.value))
    return st.one_of(*choices)


def payload_strategy(form, baseline: dict):
    names = sorted(set(form.fields if form else ()) | set(baseline))
    return st.fixed_dictionaries(
        {
            name: field_strategy(form.fields.get(name) if form else None, baseline.get(name))
            for name in names
        }
    ).map(lambda drawn: {k: v for k, v in drawn.items() if v is not OMIT})


@pytest.mark.parametrize(("row", "role"), ROWS, ids=lambda x: getattr(x, "id", x))
def test_no_input_to_any_form_gives_a_server_error(row, role, world, client_for):
    url = reverse(row.name, kwargs=row.kwargs(world))
    baseline = {k: v for k, v in row.data(world).items() if not hasattr(v, "read")}
    page = client_for(role).get(url)
    assert page.status_code < 500
    form = page_form(page.content.decode(), url) if page.status_code == 200 else None

    signed_in = [client_for(role)]

    @hsettings(
        max_examples=3,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(payload_strategy(form, baseline))
    def posting(payload):
        client = signed_in[0]
        with transaction.atomic():
            response = client.post(url, payload)
            assert response.status_code < 500, (response.status_code, payload)
            transaction.set_rollback(True)
        if not client.cookies.get("sessionid") or not client.cookies["sessionid"].value:
            signed_in[0] = client_for(role)  # signed out by the example (sign-out)

    with_classic_examples(posting, form, baseline)()


PUBLIC_FORMS = ["accounts:sign-in", "accounts:password-reset"]


@pytest.mark.parametrize("name", PUBLIC_FORMS)
def test_no_input_to_the_public_forms_gives_a_server_error(name, world, client):
    url = reverse(name)
    form = page_form(client.get(url).content.decode(), url)
    assert form is not None and form.fields

    @hsettings(
        max_examples=10,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(payload_strategy(form, {}))
    def posting(payload):
        with transaction.atomic():
            from django.test import Client

            response = Client().post(url, payload)
            assert response.status_code < 500, (response.status_code, payload)
            transaction.set_rollback(True)

    with_classic_examples(posting, form, {})()


def _agreement(world, status):
    from tests.datasharing.helpers import make_agreement

    return {"pk": make_agreement(world, status=status).pk}


def _ed_staff(world):
    from tests.datasharing.helpers import member_agency, signatory_for

    agency = member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Leedsford Hospital Emergency Department",
        site_code="RX101",
    )
    return signatory_for(agency, email="staff.ed@example.org")


# Forms whose POST the matrix does not list (their pages need a record in a given state, or a
# user the matrix's world does not have): url name, url kwargs, who posts.
MORE_FORMS = [
    ("datasharing:delivery-create", lambda world: {}, "staff_this"),
    ("datasharing:agreement-review", lambda world: _agreement(world, "active"), "staff_this"),
    ("datasharing:istv-upload", lambda world: {}, _ed_staff),
]


@pytest.mark.parametrize(("name", "kwargs", "who"), MORE_FORMS, ids=[m[0] for m in MORE_FORMS])
def test_no_input_to_the_other_forms_gives_a_server_error(name, kwargs, who, world, client_for):
    from django.test import Client

    if callable(who):
        client = Client()
        client.force_login(who(world), backend="accounts.backends.EmailPasswordBackend")
    else:
        client = client_for(who)
    url = reverse(name, kwargs=kwargs(world))
    page = client.get(url)
    assert page.status_code == 200
    form = page_form(page.content.decode(), url)
    assert form is not None and len(form.fields) > 1  # more than the CSRF token

    @hsettings(
        max_examples=5,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(payload_strategy(form, {}))
    def posting(payload):
        with transaction.atomic():
            response = client.post(url, payload)
            assert response.status_code < 500, (response.status_code, payload)
            transaction.set_rollback(True)

    with_classic_examples(posting, form, {})()


GET_ROWS = {}
for _row in all_rows():
    _role = allowed_role(_row)
    if _row.method == "get" and _role and not _row.name.startswith(SKIPPED_NAMESPACES):
        GET_ROWS.setdefault(_row.name.split(":")[0] if ":" in _row.name else "portal", []).append(
            (_row, _role)
        )


def fuzz_query_string(client, url, form):
    @hsettings(
        max_examples=4,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(payload_strategy(form, {}))
    def getting(query):
        response = client.get(url, query)
        assert response.status_code < 500, (response.status_code, url, query)

    with_classic_examples(getting, form, {})()


@pytest.mark.parametrize("app", sorted(GET_ROWS))
def test_no_query_string_to_any_search_or_filter_form_gives_a_server_error(app, world, client_for):
    """Pages with a GET form (finders, searches, filters, dashboards): generated values for
    each of its fields in the query string never give a server error."""
    found = []
    for row, role in GET_ROWS[app]:
        url = reverse(row.name, kwargs=row.kwargs(world))
        client = client_for(role)
        page = client.get(url)
        if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
            continue
        form = page_form(page.content.decode(), url, method="get")
        if form is None or not form.fields:
            continue
        found.append(row.name)
        fuzz_query_string(client, url, form)
    if app in ("funding", "goodpractice", "reviews", "datasharing"):
        assert found, f"no search or filter form found in {app}"
