"""Every URL pattern x role x method gives the status the matrix says."""

import copy

import pytest
from django.db import transaction
from django.urls import reverse

from core.cache import UnderKeyedError

from .matrix import ROLES, Row, all_rows, missing_from_matrix, url_pattern_names

ROWS = all_rows()


def test_every_url_pattern_is_in_the_matrix():
    missing = missing_from_matrix(ROWS)
    assert not missing, f"URL patterns with no row in the permission matrix: {sorted(missing)}"


def test_a_url_pattern_left_out_of_the_matrix_is_reported():
    """The check above would fail if a pattern were missing: drop one row and see it named."""
    dropped = next(row for row in ROWS if row.name == "accounts:settings")
    without = [row for row in ROWS if row.name != dropped.name]
    assert missing_from_matrix(without) == {"accounts:settings"}


def test_the_matrix_lists_no_url_that_does_not_exist():
    names = url_pattern_names()
    assert {row.name for row in ROWS} <= names


def test_a_row_must_cover_every_role():
    with pytest.raises(ValueError, match="no expectation"):
        Row("home", {"admin": 200})


def second_visits(row, first: dict[str, int]) -> list[str]:
    """Who visits a page (GET) again, the other way round: every role whose first visit was
    answered 200 (only pages keep fragments), so each cached fragment is read a second time by
    its own reader after readers of other scopes. The first pass already gives each reader the
    copies earlier readers left, which the cache's leak check compares."""
    if row.method != "get":
        return []
    return [role for role in reversed(ROLES) if first.get(role) == 200]


def mismatches(row, world, client_for) -> list[str]:
    """Every role's visits to the row's URL, and what went other than the matrix says."""
    url = reverse(row.name, kwargs=row.kwargs(world))
    data = row.data(world)
    wrong = []
    first = {role: _visit(row, role, url, data, client_for, wrong) for role in ROLES}
    for role in second_visits(row, first):
        _visit(row, role, url, data, client_for, wrong)
    return wrong


def _visit(row, role, url, data, client_for, wrong) -> int | None:
    with transaction.atomic():
        client = client_for(role)
        try:
            response = getattr(client, row.method)(url, data=data)
        except UnderKeyedError as error:
            wrong.append(f"{role} {row.method.upper()} {url}: {error}")
            transaction.set_rollback(True)
            return None
        expected = row.expect[role]
        if response.status_code != expected:
            wrong.append(
                f"{role} {row.method.upper()} {url}: expected {expected}, "
                f"got {response.status_code}"
            )
        elif role == "anonymous" and expected == 302 and row.name != "accounts:sign-out":
            # The admin sends visitors to its login URL, which hands over to the portal's
            # sign-in.
            sign_in_urls = (reverse("accounts:sign-in"), reverse("admin:login"))
            if not response["Location"].startswith(sign_in_urls):
                wrong.append(f"anonymous {url}: sent to {response['Location']}")
        transaction.set_rollback(True)
        return response.status_code


# Building the world takes longer than visiting a row, so rows are checked a few at a time
# against one world; each row runs in a savepoint that is rolled back, against a copy of the
# world (rows remember records they make on it), so no row sees another's records.
ROWS_PER_TEST = 8


def chunks(rows) -> list[list[Row]]:
    """The rows, a few of one app at a time, in the order they are listed."""
    by_app: dict[str, list[Row]] = {}
    for row in rows:
        by_app.setdefault(row.name.split(":")[0], []).append(row)
    return [
        app_rows[i : i + ROWS_PER_TEST]
        for app_rows in by_app.values()
        for i in range(0, len(app_rows), ROWS_PER_TEST)
    ]


def test_the_chunks_hold_every_row_once():
    in_chunks = [row.id for chunk in chunks(ROWS) for row in chunk]
    assert sorted(in_chunks) == sorted(row.id for row in ROWS)
    assert max(len(chunk) for chunk in chunks(ROWS)) == ROWS_PER_TEST


@pytest.mark.parametrize(
    "rows", chunks(ROWS), ids=lambda rows: f"{rows[0].id}..{rows[-1].id}" if rows else ""
)
def test_permission_matrix(rows, world, client_for, cache_check):
    """A few rows, every role. Each role's request runs in a savepoint that is rolled back, so
    a write by one role never changes what the next sees. Pages go through the cache, and a
    cached fragment given to a reader it was not worked out for fails the row. Every mismatch
    of every row is reported together, each with its URL."""
    wrong = []
    for row in rows:
        with transaction.atomic():
            wrong += mismatches(row, copy.copy(world), client_for)
            transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)


@pytest.fixture
def whose_panel(monkeypatch):
    """Add a home-page panel showing who is reading, cached as `shared` says."""
    from django.template import engines

    from core import home_panels

    template = engines["django"].from_string("<p>Signed in as {{ panel.email }}</p>")
    real = home_panels.render_to_string
    monkeypatch.setattr(
        home_panels,
        "render_to_string",
        lambda name, context: (
            template.render(context) if name == "whose.html" else real(name, context)
        ),
    )

    def whose(request):
        return (
            ("whose.html", {"email": request.user.email}) if request.user.is_authenticated else None
        )

    def add(shared):
        panel = home_panels.Panel(
            order=99, render=whose, cached=lambda request: {"depends_on": [], "shared": shared}
        )
        monkeypatch.setattr(home_panels, "_PANELS", [*home_panels._PANELS, panel])

    return add


def test_a_fragment_cached_for_too_many_readers_fails_the_matrix(
    world, client_for, cache_check, whose_panel
):
    from core import cache

    whose_panel(cache.EVERYONE)
    row = next(row for row in ROWS if row.name == "home")
    wrong = mismatches(row, world, client_for)
    assert wrong and all("was worked out for another reader" in line for line in wrong)
    assert any(line.startswith("reviewer_in ") for line in wrong)


def test_the_same_fragment_cached_per_user_passes(world, client_for, cache_check, whose_panel):
    """The check fails the panel above for its key, not for being cached at all."""
    from core import cache

    whose_panel(cache.PER_USER)
    row = next(row for row in ROWS if row.name == "home")
    assert mismatches(row, world, client_for) == []
