"""The Celery application and the one beat schedule of the portal.

Every periodic job is listed here, with a plain-English comment saying when it runs and why.
Run exactly one beat process in production (see README: production shape).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cdrp_portal.settings.local")

app = Celery("cdrp_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Every day at 03:15 Europe/London: delete expired sign-in sessions so the session table
    # holds only live sessions.
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # Every day at 03:30 Europe/London: forget failed sign-in attempts older than 30 days
    # (the lockout only looks at the last 15 minutes).
    "accounts-clean-old-sign-in-attempts": {
        "task": "accounts.tasks.clean_old_sign_in_attempts",
        "schedule": crontab(hour=3, minute=30),
    },
}
