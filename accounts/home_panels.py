"""Home-page panel: the user's unread notifications."""

from core.home_panels import register_panel

from .models import Notification


@register_panel(order=90)
def notifications_panel(request):
    unread = list(
        Notification.objects.filter(user=request.user, read_at__isnull=True).order_by(
            "-created_at"
        )[:5]
    )
    return "accounts/panels/notifications.html", {"unread": unread}
