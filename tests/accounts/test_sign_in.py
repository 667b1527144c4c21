"""Sign-in, lockout, idle sessions and password rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

SIGN_IN = "/accounts/sign-in/"


def sign_in(client, email, password, **extra):
    return client.post(SIGN_IN, {"username": email, "password": password}, **extra)


@pytest.mark.django_db
def test_sign_in_with_email_any_case_reaches_home(client):
    user = UserFactory(email="pat@example.org")
    response = sign_in(client, "PAT@example.org", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get("/").context["user"] == user


@pytest.mark.django_db
def test_wrong_password_shows_error_summary_and_error_title(client):
    UserFactory(email="pat@example.org")
    response = sign_in(client, "pat@example.org", "not the password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "<title>Error: Sign in" in html
    assert "Enter a correct email address and password" in html


@pytest.mark.django_db
def test_empty_form_names_each_missing_field(client):
    html = sign_in(client, "", "").content.decode()
    assert "Enter your email address" in html and "Enter your password" in html


@pytest.mark.django_db
def test_lockout_after_five_failures_for_account_and_address_lifts_after_cool_off(client, clock):
    UserFactory(email="pat@example.org")
    for _ in range(5):
        sign_in(client, "pat@example.org", "wrong", REMOTE_ADDR="10.0.0.1")
    locked = sign_in(client, "pat@example.org", PASSWORD, REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    assert "locked out for 15 minutes" in locked.content.decode()

    # The same account from another address is not locked (keyed on account and address).
    assert sign_in(client, "pat@example.org", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302
    client.logout()

    clock.advance(minutes=14)
    assert sign_in(client, "pat@example.org", PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
    clock.advance(minutes=2)
    assert sign_in(client, "pat@example.org", PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302


@pytest.mark.django_db
def test_idle_session_ends_after_30_minutes_on_the_server(client, clock):
    UserFactory(email="pat@example.org")
    sign_in(client, "pat@example.org", PASSWORD)
    clock.advance(minutes=29)
    assert client.get("/").status_code == 200  # activity resets the idle clock
    clock.advance(minutes=29)
    assert client.get("/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign-in')}?timeout=1"
    assert "You were signed out" in client.get(response["Location"]).content.decode()
    assert client.get("/").status_code == 302  # and the session is really gone


@pytest.mark.django_db
def test_keep_alive_resets_the_idle_clock(client, clock):
    UserFactory(email="pat@example.org")
    sign_in(client, "pat@example.org", PASSWORD)
    clock.advance(minutes=28)
    assert (
        client.post(reverse("accounts:keep-alive"), HTTP_X_REQUESTED_WITH="fetch").status_code
        == 204
    )
    clock.advance(minutes=28)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password", ["short-pw-1", "password1234", "123456789012345", "pat.smith.example"]
)
def test_password_rules_refuse_short_common_numeric_and_similar(password):
    user = UserFactory.build(email="pat.smith@example.org", full_name="Pat Smith")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


@pytest.mark.django_db
def test_a_strong_password_is_accepted():
    user = UserFactory.build(email="pat.smith@example.org", full_name="Pat Smith")
    validate_password("violet-harbour-lantern-42", user=user)


@pytest.mark.django_db
def test_sign_out_needs_post_and_ends_the_session(client):
    UserFactory(email="pat@example.org")
    sign_in(client, "pat@example.org", PASSWORD)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    client.post(reverse("accounts:sign-out"))
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_the_session_is_saved_when_the_idle_clock_moves_on_not_on_every_request(client, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("pages:accessibility")).status_code == 200
        return sum(
            1
            for q in queries.captured_queries
            if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
        )

    UserFactory(email="pat@example.org")
    sign_in(client, "pat@example.org", PASSWORD)  # starts the idle clock with the session
    assert session_writes() == 0
    clock.advance(seconds=59)
    assert session_writes() == 0
    clock.advance(seconds=2)
    assert session_writes() == 1  # over a minute on: the idle clock restarts
    assert session_writes() == 0
    clock.advance(seconds=40)
    client.post(reverse("accounts:keep-alive"), HTTP_X_REQUESTED_WITH="fetch")  # always saved
    clock.advance(minutes=29, seconds=40)  # 30m 20s after the last page, 29m 40s after the button
    assert client.get("/").status_code == 200
