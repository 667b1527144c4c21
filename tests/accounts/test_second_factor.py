"""The second factor: administrators and regional reviewers give a code from an authenticator app
after their password; managers and agency staff do not."""

from base64 import b32decode
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action, AuditEvent
from tests.factories import PASSWORD, authenticator, current_code, login_verified

SIGN_IN = reverse("accounts:sign-in")
VERIFY = reverse("accounts:second-factor-verify")
SET_UP = reverse("accounts:second-factor-set-up")


def password_sign_in(user, next_url=""):
    client = Client()
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(SIGN_IN, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return client, response


@pytest.mark.parametrize("role", ["admin", "reviewer_in"])
def test_administrators_and_reviewers_reach_no_page_before_their_code(world, role):
    user = world.users[role]
    authenticator(user)
    client, response = password_sign_in(user, next_url="/funding/")
    # Every page, the Django admin and the session-authenticated API send them to the code page.
    for path in [
        "/",
        "/funding/",
        "/accounts/users/",
        "/django-admin/",
        "/api/v1/partnerships/",
        "/audit-log/",
        "/api/docs/",
    ]:
        page = client.get(path)
        assert page.status_code == 302, path
        assert page["Location"].startswith(VERIFY), path
    # Public pages stay public (they show nothing a signed-out visitor could not see).
    assert client.get("/accessibility/").status_code == 200
    # The verification page shows no navigation to pages they cannot reach yet.
    html = client.get(VERIFY).content.decode()
    assert "Enter the code from your authenticator app" in html
    assert 'href="/funding/"' not in html and 'href="/accounts/users/"' not in html
    assert "Sign out" in html


@pytest.mark.parametrize("role", ["manager_this", "staff_this"])
def test_managers_and_staff_need_no_second_factor(world, role):
    client, response = password_sign_in(world.users[role])
    assert response["Location"] == reverse("home")
    assert client.get("/").status_code == 200
    assert client.get(VERIFY)["Location"] == reverse("home")
    assert client.get(SET_UP)["Location"] == reverse("home")
    assert not TOTPDevice.objects.filter(user=world.users[role]).exists()


def test_the_right_code_verifies_the_session_and_goes_on_to_the_page_asked_for(world):
    admin = world.users["admin"]
    device = authenticator(admin)
    client, _ = password_sign_in(admin)
    response = client.post(VERIFY, {"code": current_code(device), "next": "/accounts/users/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/users/"
    assert client.get("/accounts/users/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR_VERIFIED, actor=admin).exists()
    # An outside "next" is not followed.
    other, _ = password_sign_in(admin)
    response = other.post(
        VERIFY, {"code": current_code(device, offset=1), "next": "https://evil.example.com/"}
    )
    assert response["Location"] == reverse("home")


def test_a_wrong_code_shows_the_error_summary_and_is_audited(world):
    reviewer = world.users["reviewer_in"]
    device = authenticator(reviewer)
    client, _ = password_sign_in(reviewer)
    right = current_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "<title>Error: Enter the code" in html
    assert "The code is not right" in html
    assert client.get("/").status_code == 302  # still not through
    event = AuditEvent.objects.get(action=Action.SECOND_FACTOR_FAILED)
    assert event.actor == reviewer and event.path == VERIFY


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦", "12 34 5x"])
def test_codes_that_are_not_six_digits_are_refused_with_a_message(world, bad):
    admin = world.users["admin"]
    authenticator(admin)
    client, _ = password_sign_in(admin)
    response = client.post(VERIFY, {"code": bad})
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Enter the 6 digits" in html or "Enter the 6-digit code" in html


def test_a_code_may_be_typed_with_a_space(world):
    admin = world.users["admin"]
    device = authenticator(admin)
    client, _ = password_sign_in(admin)
    code = current_code(device)
    assert client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}"}).status_code == 302
    assert client.get("/").status_code == 200


def test_wrong_codes_are_throttled_so_guessing_is_slow(world):
    """After a wrong code even the right one is refused until the wait (1, 2, 4... seconds)
    has passed; the wait is told in the error."""
    admin = world.users["admin"]
    device = authenticator(admin)
    client, _ = password_sign_in(admin)
    right = current_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    client.post(VERIFY, {"code": wrong})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    response = client.post(VERIFY, {"code": right})
    assert "Too many wrong codes. Wait 1 second, then" in response.content.decode()
    assert client.get("/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a refused try while waiting is not checked

    # Once the wait has passed, each wrong code doubles it: 2 seconds after the second.
    passed = device.throttling_failure_timestamp - timedelta(seconds=2)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=passed)
    client.post(VERIFY, {"code": wrong})
    response = client.post(VERIFY, {"code": right})
    assert "Too many wrong codes. Wait 2 seconds" in response.content.decode()

    device.refresh_from_db()
    passed = device.throttling_failure_timestamp - timedelta(seconds=3)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=passed)
    assert client.post(VERIFY, {"code": right}).status_code == 302
    assert client.get("/").status_code == 200
    failures = AuditEvent.objects.filter(action=Action.SECOND_FACTOR_FAILED)
    assert failures.count() == 4 and failures.filter(details__throttled=True).count() == 2


def test_a_code_is_accepted_once_only(world):
    admin = world.users["admin"]
    device = authenticator(admin)
    code = current_code(device)
    first, _ = password_sign_in(admin)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second, _ = password_sign_in(admin)
    assert "The code is not right" in second.post(VERIFY, {"code": code}).content.decode()


def test_first_sign_in_without_an_app_sets_one_up_with_a_qr_code_and_the_secret(world):
    reviewer = world.users["reviewer_out"]
    client, response = password_sign_in(reviewer)
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith(SET_UP)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    assert "Set up an authenticator app" in html
    assert 'src="data:image/svg+xml' in html  # the QR code: an image, no script
    secret = html.split('id="secret-key"><code>')[1].split("</code>")[0]
    assert all(len(group) == 4 for group in secret.split())  # grouped for typing
    assert b32decode("".join(secret.split())) == device.bin_key
    assert page["Cache-Control"] == "no-store"
    # Reloading shows the same secret (the app already added still works).
    assert secret in client.get(SET_UP).content.decode()

    wrong = client.post(SET_UP, {"code": f"{(int(current_code(device)) + 1) % 1_000_000:06d}"})
    assert "The code is not right" in wrong.content.decode()
    assert "govuk-error-summary" in wrong.content.decode()

    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wait after the wrong code, as if it had passed
    device.save()
    done = client.post(SET_UP, {"code": current_code(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR_SET_UP, actor=reviewer).exists()
    # Once set up, the set-up page cannot add another app (a stolen password alone cannot).
    fresh, _ = password_sign_in(reviewer)
    assert fresh.get(SET_UP)["Location"] == VERIFY
    assert fresh.get(VERIFY).status_code == 200


def test_an_administrator_resets_a_persons_app_and_it_is_audited(world, client_for):
    reviewer = world.users["reviewer_in"]
    authenticator(reviewer)
    reviewer_client = login_verified(Client(), reviewer)
    assert reviewer_client.get("/").status_code == 200
    admin_client = client_for("admin")
    detail = admin_client.get(reverse("accounts:user-detail", kwargs={"pk": reviewer.pk}))
    assert "Reset authenticator app" in detail.content.decode()

    response = admin_client.post(
        reverse("accounts:second-factor-reset", kwargs={"pk": reviewer.pk})
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    event = AuditEvent.objects.get(action=Action.SECOND_FACTOR_RESET)
    assert event.actor == world.users["admin"] and event.object_id == str(reviewer.pk)
    assert reviewer.notifications.filter(subject="Your authenticator app was reset").exists()
    # The reviewer's session loses its verification and they set up again.
    assert reviewer_client.get("/")["Location"].startswith(VERIFY)
    assert reviewer_client.get(VERIFY)["Location"].startswith(SET_UP)
    detail = admin_client.get(reverse("accounts:user-detail", kwargs={"pk": reviewer.pk}))
    assert "Not set up" in detail.content.decode()


def test_a_bearer_token_reaches_the_api_without_a_session(world):
    from accounts.api_tokens import token_create

    _token, raw = token_create(user=world.users["admin"], name="script")
    response = Client().get("/api/v1/partnerships/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_demo_accounts_get_the_published_secret(db, settings):
    from django.core.management import call_command

    from accounts.second_factor import DEMO_SECRET
    from tests.reference import ensure_reference_data

    ensure_reference_data()
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    devices = TOTPDevice.objects.filter(confirmed=True)
    assert set(devices.values_list("user__email", flat=True)) == {
        "admin@example.org",
        "reviewer@example.org",
        "reviewer.northwest@example.org",
    }
    assert {device.bin_key for device in devices} == {b32decode(DEMO_SECRET)}


def test_demo_code_command_prints_the_code_and_is_refused_without_debug(settings, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from accounts.second_factor import DEMO_SECRET

    settings.DEBUG = True
    call_command("demo_second_factor_code")
    device = TOTPDevice(key=b32decode(DEMO_SECRET).hex())
    printed = capsys.readouterr().out.split()[0]
    assert printed in {current_code(device), current_code(device, offset=1)}
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("demo_second_factor_code")


def test_the_django_admin_does_not_show_authenticator_secrets(world, client_for):
    device = authenticator(world.users["reviewer_in"])
    client = client_for("admin")
    assert client.get("/django-admin/otp_totp/totpdevice/").status_code == 404
    assert device.key not in client.get("/django-admin/").content.decode()
