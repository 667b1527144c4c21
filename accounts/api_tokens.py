"""Personal API tokens: creation, revocation and the DRF authentication class.

A token looks like ``cdrp_<prefix>_<secret>``. Only its SHA-256 hash is stored.
"""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework import authentication, exceptions

from core import clock

from .models import ApiToken

TOKEN_START = "cdrp_"  # noqa: S105 - the prefix every token shows, not a secret
LAST_USED_RESOLUTION_SECONDS = 60  # last_used_at is written at most once a minute per token


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns (token, raw secret). The secret is never stored."""
    name = name.strip()
    if not name:
        raise ValueError("A token needs a name")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=name[:100], prefix=prefix, token_hash=hash_token(raw))
    token._history_user = user
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke a token: its owner or an administrator may."""
    if token.user_id != by.pk and not by.scope.is_admin:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token._history_user = by
        token.save(update_fields=["revoked_at"])
    return token


def token_list(*, user):
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def token_authenticate(raw: str) -> ApiToken | None:
    if not raw or not raw.startswith(TOKEN_START):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``. request.auth is the ApiToken."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid Authorization header: give one token")
        try:
            raw = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed("Invalid token") from error
        token = token_authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token")
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
