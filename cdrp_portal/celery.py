"""The Celery application and the one beat schedule of the portal.

Every periodic job is listed here, with a plain-English comment saying when it runs and why.
Run exactly one beat process in production (see README: production shape).
"""

import logging
import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cdrp_portal.settings.local")

# Every task is an OutboxTask: when Redis cannot be reached, the task is held in the database
# (PendingTask) instead of raising, and sent when the broker returns (cdrp_portal/outbox.py).
app = Celery("cdrp_portal", task_cls="cdrp_portal.outbox:OutboxTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def republish_held_tasks_on_worker_start(sender=None, **kwargs):
    """A worker that starts can reach the broker: send the tasks held while it could not."""
    from cdrp_portal.outbox import republish_pending

    try:
        sent = republish_pending()
    except Exception:  # never stop a worker from starting; beat tries again within a minute
        logging.getLogger(__name__).exception("Could not republish held tasks")
        return
    if sent:
        logging.getLogger(__name__).info("Republished %s held tasks", sent)


app.conf.beat_schedule = {
    # Every minute: send again the tasks that were held in the database (PendingTask) because
    # Redis could not be reached when a page queued them, so that work runs once Redis is back.
    "portal-republish-held-tasks": {
        "task": "cdrp_portal.tasks.republish_pending_tasks",
        "schedule": 60.0,
    },
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
    # Every day at 07:00 Europe/London: funding deadline reminders (28, 14, 7 and 1 days
    # before closing, or each user's own choice) to watchers and bid leads, each sent once.
    "funding-deadline-reminders": {
        "task": "funding.tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Every day at 07:30 Europe/London: email each daily saved search's new opportunities.
    "funding-daily-saved-search-digests": {
        "task": "funding.tasks.send_saved_search_digests",
        "schedule": crontab(hour=7, minute=30),
        "args": ("daily",),
    },
    # Mondays at 07:30 Europe/London: email each weekly saved search's new opportunities.
    "funding-weekly-saved-search-digests": {
        "task": "funding.tasks.send_saved_search_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "args": ("weekly",),
    },
    # Every day at 06:30 Europe/London: data-sharing agreements move to "review due" or
    # "expired", then the parties' staff and the partnership manager are reminded 60, 30 and 7
    # days before a review or end date, and about overdue deliveries, each notice once.
    "datasharing-daily-reminders": {
        "task": "datasharing.tasks.send_daily_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    # Every day at 04:30 Europe/London: work out every partnership's ISTV-derived outcome
    # figures (ED assault attendances, night-time-economy assaults) afresh from the ISTV
    # returns, in case a recount queued after an upload was lost. Each upload also recounts.
    "outcomes-recount-istv-figures": {
        "task": "outcomes.tasks.recount_istv_figures",
        "schedule": crontab(hour=4, minute=30),
    },
    # Every day at 06:45 Europe/London, after the agreement statuses move: work out and keep
    # every partnership's review ratings for the day, so the dashboards read kept ratings.
    "reviews-refresh-stored-ratings": {
        "task": "reviews.tasks.refresh_stored_ratings",
        "schedule": crontab(hour=6, minute=45),
    },
    # Every day at 07:15 Europe/London: remind each reviewer, once, about their follow-up
    # actions that have fallen due and are still open.
    "reviews-follow-up-reminders": {
        "task": "reviews.tasks.send_follow_up_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # 1 January, April, July and October at 08:00 Europe/London: email each providing agency's
    # staff what their data achieved in the quarter just ended (deliveries and lateness, the
    # actions and documents that used it, the partnership's notes), once per person and quarter.
    "datasharing-quarterly-stream-digests": {
        "task": "datasharing.tasks.send_stream_digests",
        "schedule": crontab(hour=8, minute=0, day_of_month=1, month_of_year="1,4,7,10"),
    },
    # Every day at 07:20 Europe/London: remind each partnership manager, once per due date,
    # about their partnership's open follow-up actions due in the next 7 days.
    "reviews-follow-up-due-soon-reminders": {
        "task": "reviews.tasks.send_follow_up_due_soon_reminders",
        "schedule": crontab(hour=7, minute=20),
    },
    # Every day at 07:10 Europe/London: remind agencies' press officers about stories waiting
    # for their approval more than 3 working days, and managers about this week's media
    # briefings, each notice once.
    "communications-daily-reminders": {
        "task": "communications.tasks.send_daily_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
}
