"""Ends a signed-in session after the idle timeout, on the server, with or without JavaScript."""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from cdrp_portal import clock

LAST_ACTIVITY_KEY = "last_activity"


class IdleSessionTimeoutMiddleware:
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
            request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
