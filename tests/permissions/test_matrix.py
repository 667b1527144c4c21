"""Every URL pattern x role x method gives the status the matrix says."""

import pytest
from django.db import transaction
from django.urls import reverse

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


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_permission_matrix(row, world, client_for):
    """One row, every role. The world is built once per row; each role's request runs in a
    savepoint that is rolled back, so a write by one role never changes what the next sees.
    Every role is checked and every mismatch reported together."""
    url = reverse(row.name, kwargs=row.kwargs(world))
    data = row.data(world)
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            client = client_for(role)
            response = getattr(client, row.method)(url, data=data)
            expected = row.expect[role]
            if response.status_code != expected:
                wrong.append(f"{role} {row.method.upper()} {url}: expected {expected}, "
                             f"got {response.status_code}")
            elif role == "anonymous" and expected == 302 and row.name != "accounts:sign-out":
                # The admin sends visitors to its login URL, which hands over to the portal's
                # sign-in.
                sign_in_urls = (reverse("accounts:sign-in"), reverse("admin:login"))
                if not response["Location"].startswith(sign_in_urls):
                    wrong.append(f"anonymous {url}: sent to {response['Location']}")
            transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)
