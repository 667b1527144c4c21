"""Personal API tokens: created and named on the settings pages, stored hashed, shown once,
last use recorded, revoked by their owner or an administrator, never more than the user."""

import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.api_tokens import token_create, token_revoke
from accounts.models import ApiToken

pytestmark = pytest.mark.django_db

PARTNERSHIPS = "/api/v1/partnerships/"


def bearer(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_created_token_is_stored_hashed_and_shown_once(world, client_for):
    client = client_for("staff_this")
    response = client.post(reverse("accounts:api-token-create"), {"name": "Nightly export"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.users["staff_this"])
    secret = response.context["secret"]
    assert secret.startswith(f"cdrp_{token.prefix}_")
    assert secret in response.content.decode()
    assert token.name == "Nightly export"
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert response["Cache-Control"] == "no-store"
    listing = client.get(reverse("accounts:api-tokens")).content.decode()
    assert "Nightly export" in listing
    assert secret not in listing
    assert "Never" in listing  # not used yet


def test_token_needs_a_name(client_for):
    response = client_for("staff_this").post(reverse("accounts:api-token-create"), {"name": ""})
    assert response.status_code == 200
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_settings_page_links_to_tokens(client_for):
    page = client_for("manager_this").get(reverse("accounts:settings")).content.decode()
    assert reverse("accounts:api-tokens") in page


def test_token_authenticates_and_records_last_use(world, clock):
    token, raw = token_create(user=world.users["manager_this"], name="t")
    response = bearer(raw).get(PARTNERSHIPS)
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["results"]] == [world.partnership.pk]
    token.refresh_from_db()
    assert token.last_used_at == clock.current


def test_bad_missing_and_revoked_tokens_are_refused_with_401(world):
    token, raw = token_create(user=world.users["admin"], name="t")
    assert APIClient().get(PARTNERSHIPS).status_code == 401
    response = bearer(raw + "x").get(PARTNERSHIPS)
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "Invalid or revoked token"
    assert response["WWW-Authenticate"] == "Bearer"
    token_revoke(token=token, by=world.users["admin"])
    assert bearer(raw).get(PARTNERSHIPS).status_code == 401


def test_token_of_a_switched_off_user_is_refused(world):
    user = world.users["staff_this"]
    _, raw = token_create(user=user, name="t")
    user.is_active = False
    user.save()
    assert bearer(raw).get(PARTNERSHIPS).status_code == 401


def test_token_never_acts_beyond_its_user(world):
    _, raw = token_create(user=world.users["staff_other"], name="t")
    client = bearer(raw)
    assert client.get(f"{PARTNERSHIPS}{world.partnership.pk}/").status_code == 404
    ids = [p["id"] for p in client.get(PARTNERSHIPS).json()["results"]]
    assert ids == [world.other_partnership.pk]


def test_owner_revokes_own_token_on_the_page(world, client_for):
    token, raw = token_create(user=world.users["staff_this"], name="t")
    response = client_for("staff_this").post(
        reverse("accounts:api-token-revoke", kwargs={"pk": token.pk})
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.count() == 2  # created, revoked


def test_others_cannot_revoke_but_administrators_can(world, client_for):
    token, _ = token_create(user=world.users["staff_this"], name="t")
    url = reverse("accounts:api-token-revoke", kwargs={"pk": token.pk})
    assert client_for("manager_this").post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client_for("admin").post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_django_admin_revoke_action(world, client_for):
    token, _ = token_create(user=world.users["staff_this"], name="t")
    response = client_for("admin").post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_rate_limit_per_token_gives_a_clear_429(world, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token": "2/minute"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        _, raw = token_create(user=world.users["admin"], name="a")
        _, other = token_create(user=world.users["admin"], name="b")
        client = bearer(raw)
        assert client.get(PARTNERSHIPS).status_code == 200
        assert client.get(PARTNERSHIPS).status_code == 200
        response = client.get(PARTNERSHIPS)
        assert response.status_code == 429
        assert "Retry-After" in response
        assert response.json()["detail"].startswith("Too many requests: try again in")
        # The limit is per token: another token of the same user is not held back.
        assert bearer(other).get(PARTNERSHIPS).status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
