"""Ends a signed-in session after the idle timeout, on the server, with or without JavaScript."""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from core import clock

LAST_ACTIVITY_KEY = "last_activity"


def record_activity(request) -> None:
    """Restarts the idle clock now (and so saves the session)."""
    request.session[LAST_ACTIVITY_KEY] = clock.now().timestamp()


def start_idle_clock(sender, request, user, **kwargs) -> None:
    """On signing in (user_logged_in, connected in AccountsConfig.ready): the idle clock starts
    with the new session, so the first page after it need not write the session again."""
    if request is not None and hasattr(request, "session"):
        record_activity(request)


class IdleSessionTimeoutMiddleware:
    """The time of the last activity is written at most once per SESSION_ACTIVITY_RESOLUTION
    (a minute): saving the session on every request would be a database write and commit per
    page view, which is most of what a simple page costs under load. A session can so end up
    to a minute early, never late."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = clock.now().timestamp()
            last = request.session.get(LAST_ACTIVITY_KEY)
            timeout = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            if last is not None and now - last > timeout:
                logout(request)
                return redirect(f"{reverse('accounts:sign-in')}?timeout=1")
            resolution = settings.SESSION_ACTIVITY_RESOLUTION.total_seconds()
            if last is None or now - last >= resolution:
                record_activity(request)
        return self.get_response(request)


# What a person who has given their password but not yet their second factor may reach.
SECOND_FACTOR_OPEN_VIEWS = frozenset(
    {
        "accounts:sign-in",
        "accounts:sign-out",
        "accounts:keep-alive",
        "accounts:second-factor-verify",
        "accounts:second-factor-set-up",
        "pages:accessibility",
        "pages:cookies",
    }
)


class SecondFactorRequiredMiddleware:
    """Administrators and regional reviewers reach no page until their session is verified with
    their authenticator app (django-otp's OTPMiddleware tells whether it is). Public pages stay
    public, and static files never get here (WhiteNoise serves them first). The API's views are
    all marked public, since the API answers 401 itself, so they are checked here by their
    address: a request that carries a bearer token is left to the API, which answers for the
    token's owner and never for the session; one that relies on the session needs the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from urllib.parse import urlencode

        from .second_factor import is_required

        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        is_api = request.path.startswith("/api/")
        if not is_api and not getattr(view_func, "login_required", True):
            return None  # a public page (sign-in, accessibility, the calendar feed by its token)
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_OPEN_VIEWS:
            return None
        authorization = request.META.get("HTTP_AUTHORIZATION", "")
        if is_api and authorization.lower().startswith("bearer "):
            return None
        if not is_required(user):
            return None
        target = reverse("accounts:second-factor-verify")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
