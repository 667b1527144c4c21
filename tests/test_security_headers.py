"""Every page carries the Content Security Policy and the other security headers, including
error pages, API answers and file downloads."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.permissions.matrix import all_rows

POLICY = {
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
    "frame-ancestors 'none'", "form-action 'self'",
}


def policy_of(response) -> set[str]:
    header = response.get("Content-Security-Policy") or ""
    return {part.strip() for part in header.split(";") if part.strip()}


def test_the_policy_allows_no_inline_script_or_style():
    from django.conf import settings

    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for name in ("default-src", "script-src", "style-src"):
        assert directives[name] == ["'self'"], name


def test_every_page_an_administrator_opens_carries_the_policy(world, client_for):
    """One GET of every URL pattern in the permission matrix, as an administrator (who reaches
    nearly all of them), whatever the status."""
    client = client_for("admin")
    missing = []
    rows = [row for row in all_rows() if row.method == "get" and row.name != "admin:index"]
    assert len(rows) > 100
    for row in rows:
        response = client.get(reverse(row.name, kwargs=row.kwargs(world)))
        own = policy_of(response)
        # Stored files (documents, logos) are served under a stricter policy of their own.
        stricter = {"default-src 'none'", "sandbox"} <= own
        if own != POLICY and not stricter:
            missing.append(f"{row.name} ({response.status_code})")
    assert not missing, f"no or wrong policy on: {missing}"


@pytest.mark.parametrize("path", ["/", "/accounts/sign-in/", "/no-such-page/",
                                  "/accounts/users/", "/api/v1/partnerships/"])
def test_signed_out_and_error_responses_carry_the_policy_and_headers(db, path):
    response = Client().get(path)
    assert policy_of(response) == POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
