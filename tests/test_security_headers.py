"""Every page carries the Content Security Policy and the other security headers, including
error pages, API answers and file downloads."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.permissions.matrix import all_rows

POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
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


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/sign-in/", "/no-such-page/", "/accounts/users/", "/api/v1/partnerships/"],
)
def test_signed_out_and_error_responses_carry_the_policy_and_headers(db, path):
    response = Client().get(path)
    assert policy_of(response) == POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_settings_turn_on_https_hsts_secure_cookies_and_the_policy():
    """Beside `check --deploy` (tests/test_settings.py): the values themselves, read from the
    production settings in a separate process."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ['SECURE_SSL_REDIRECT', "
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', "
        "'CSRF_COOKIE_SECURE', 'DEBUG', 'MIDDLEWARE', 'SILENCED_SYSTEM_CHECKS']}))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="cdrp_portal.settings.production",
        DJANGO_SECRET_KEY="a-long-random-secret-key-for-this-test-0123456789abcdefghij",
        DJANGO_ALLOWED_HOSTS="cdrp.example.org",
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_SSL_REDIRECT"] and not values["DEBUG"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SILENCED_SYSTEM_CHECKS"] == []
    for needed in (
        "csp.middleware.CSPMiddleware",
        "django_otp.middleware.OTPMiddleware",
        "accounts.middleware.SecondFactorRequiredMiddleware",
        "audit.middleware.AuditMiddleware",
    ):
        assert needed in values["MIDDLEWARE"], needed


def _privacy_problems(response, *, personal: bool) -> list[str]:
    problems = []
    if personal and response.get("Cache-Control") != "no-store":
        problems.append(f"Cache-Control {response.get('Cache-Control')!r}")
    policy = response.get("Permissions-Policy") or ""
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        if f"{feature}=()" not in policy:
            problems.append(f"{feature} not off")
    if response.get("Cross-Origin-Resource-Policy") != "same-origin":
        problems.append("no Cross-Origin-Resource-Policy")
    return problems


@pytest.mark.parametrize("role", ["admin", "anonymous"])
def test_every_matrix_url_keeps_personal_answers_out_of_caches(world, client_for, role):
    """Every GET in the permission matrix: signed in, every answer (pages, errors, redirects,
    downloads) is `no-store`; signed out, API answers are; everyone gets the Permissions-Policy
    and Cross-Origin-Resource-Policy."""
    client = client_for(role)
    wrong = []
    rows = [row for row in all_rows() if row.method == "get" and row.name != "admin:index"]
    for row in rows:
        url = reverse(row.name, kwargs=row.kwargs(world))
        response = client.get(url)
        personal = role != "anonymous" or url.startswith("/api/")
        problems = _privacy_problems(response, personal=personal)
        if problems:
            wrong.append(f"{url} ({response.status_code}): {', '.join(problems)}")
    assert not wrong, "\n".join(wrong)


def test_public_pages_signed_out_keep_their_own_caching(db):
    for name in ("pages:accessibility", "transparency:register"):
        page = Client().get(reverse(name))
        assert page.status_code == 200, name
        assert "no-store" not in (page.get("Cache-Control") or ""), name
    # The sign-in page keeps Django's own never-cache header, not replaced by this middleware.
    sign_in = Client().get(reverse("accounts:sign-in"))
    assert sign_in["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_signing_out_clears_the_browsers_copy_of_the_session(world, client_for):
    client = client_for("staff_this")
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get(reverse("home")).status_code == 302  # signed out


def test_the_api_answers_are_not_kept_even_to_a_token(world):
    from accounts.api_tokens import token_create

    secret = token_create(user=world.user("staff_this"), name="headers")[1]
    response = Client().get("/api/v1/partnerships/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
