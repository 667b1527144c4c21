from django.conf import settings

from .navigation import navigation_for


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "feedback_email": settings.FEEDBACK_EMAIL,
        "session_idle_timeout_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds()),
        "session_idle_warning_seconds": int(settings.SESSION_IDLE_WARNING.total_seconds()),
        "navigation": navigation_for(request),
    }
