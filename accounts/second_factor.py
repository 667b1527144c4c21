"""The second factor: a TOTP authenticator app (django-otp), required for site administrators and
regional reviewers after their password.

A device is made unconfirmed when the person first reaches the set-up page, shown to them as a
QR code and as text, and confirmed by the first right code. Confirmed devices are the only ones
that verify a sign-in. An administrator's reset removes a person's devices, so they set up again
at their next sign-in. Every step is written to the audit log.
"""

from base64 import b32decode, b32encode

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action
from audit.services import record

DEVICE_NAME = "Authenticator app"

# The demo administrator's and reviewers' authenticator secret (README, "Demo accounts").
# Published, so it exists only where seed_demo runs: never where DEBUG is off.
DEMO_SECRET = "CDRPDEMOCDRPDEMOCDRPDEMOCDRPDEMO"  # noqa: S105 - published, demo only


class CodeRefused(Exception):
    """The code was wrong, or too many wrong codes came too quickly (wait_seconds > 0)."""

    def __init__(self, wait_seconds: int = 0):
        super().__init__(wait_seconds)
        self.wait_seconds = wait_seconds


def is_required(user) -> bool:
    """Administrators and regional reviewers must use a second factor."""
    return bool(user.is_authenticated and (user.scope.is_admin or user.scope.is_reviewer))


def awaiting_second_factor(user) -> bool:
    """Signed in with a password only, where a second factor is required: the header then
    shows no navigation (core.navigation's gate)."""
    is_verified = getattr(user, "is_verified", None)
    return is_verified is not None and not is_verified() and is_required(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device shown on the set-up page; the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app wants it typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, for an <img> (no script, no style attribute)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4)


def _check(device_id: int, code: str) -> TOTPDevice:
    """Checks a code against one device, with the row locked so throttling holds under
    concurrent tries. Raises CodeRefused."""
    from django.utils import timezone

    # Decide inside the transaction, raise after it: a wrong code's throttle count must be
    # committed, not rolled back with the exception.
    wait = None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device_id)
        allowed, info = device.verify_is_allowed()
        if not allowed:
            wait = max(int((info["locked_until"] - timezone.now()).total_seconds()) + 1, 1)
        elif not device.verify_token(code):
            wait = 0
    if wait is not None:
        raise CodeRefused(wait_seconds=wait)
    return device


def verify(*, request, code: str) -> TOTPDevice:
    """Verifies this session with the person's confirmed device. Raises CodeRefused."""
    device = confirmed_device(request.user)
    if device is None:
        raise TOTPDevice.DoesNotExist
    try:
        device = _check(device.pk, code)
    except CodeRefused as refused:
        record(
            action=Action.SECOND_FACTOR_FAILED,
            request=request,
            details={"throttled": bool(refused.wait_seconds)},
        )
        raise
    otp_login(request, device)
    record(action=Action.SECOND_FACTOR_VERIFIED, request=request)
    return device


def confirm(*, request, device: TOTPDevice, code: str) -> TOTPDevice:
    """Confirms a new device with its first code and verifies this session with it."""
    try:
        device = _check(device.pk, code)
    except CodeRefused as refused:
        record(
            action=Action.SECOND_FACTOR_FAILED,
            request=request,
            details={"setting_up": True, "throttled": bool(refused.wait_seconds)},
        )
        raise
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    otp_login(request, device)
    record(action=Action.SECOND_FACTOR_SET_UP, request=request)
    return device


@transaction.atomic
def reset(*, person, by, request=None) -> int:
    """An administrator removes a person's authenticator devices; the person sets one up again
    at their next sign-in. Returns how many devices were removed."""
    from .services import notify

    removed, _ = TOTPDevice.objects.filter(user=person).delete()
    record(
        action=Action.SECOND_FACTOR_RESET,
        request=request,
        actor=by,
        obj=person,
        details={"devices_removed": removed},
    )
    notify(
        user=person,
        subject="Your authenticator app was reset",
        body=(
            f"{by.full_name or by.email} reset the authenticator app you use to sign in. "
            "When you next sign in you will be asked to set up an authenticator app again. "
            "If you did not ask for this, tell your site administrator."
        ),
        idempotency_key=f"second-factor-reset-{person.pk}-{_now_key()}",
    )
    return removed


def _now_key() -> str:
    from core import clock

    return clock.now().strftime("%Y%m%d%H%M%S%f")


def give_demo_devices(*, emails) -> None:
    """Demo only (seed_demo): a confirmed device with the published DEMO_SECRET for each of
    these accounts. Idempotent."""
    from .models import User

    key = b32decode(DEMO_SECRET).hex()
    for user in User.objects.filter(email__in=list(emails)):
        TOTPDevice.objects.get_or_create(
            user=user, name=DEVICE_NAME, confirmed=True, defaults={"key": key}
        )
