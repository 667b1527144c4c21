"""Work is never lost when the broker is down: a transactional outbox at the Celery layer.

Every task of the portal is an `OutboxTask` (the app's task class, cdrp_portal/celery.py), so
every `.delay()`, `.delay_on_commit()` and `.apply_async()` benefits without each call site
knowing. When a task cannot be published because Redis is unreachable, it is written to the
PendingTask table of the portal's database instead of raising, and the page answers. The
publish timeouts and retries are short (settings: CELERY_BROKER_*), so that takes seconds,
not minutes.

`republish_pending()` sends the held tasks again, oldest first, and deletes each one once it
is sent. It runs when a worker starts (the `worker_ready` signal) and every minute from beat
(`cdrp_portal.tasks.republish_pending_tasks`). Several of them may run at once: rows are
claimed with SELECT ... FOR UPDATE SKIP LOCKED. A task is sent at least once, not exactly once
(a crash between publishing and deleting the row sends it again), which is why every task of
the portal is idempotent.

In eager mode (tests, or no REDIS_URL) tasks run in-process and nothing here is used.
"""

import json
import logging
from datetime import datetime, timedelta

from celery.contrib.django.task import DjangoTask
from celery.utils import uuid
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def _broker_errors() -> tuple:
    errors = [OperationalError, ConnectionError, TimeoutError]
    try:
        import redis.exceptions

        errors += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    return tuple(errors)


BROKER_ERRORS = _broker_errors()

# Options of apply_async kept with a held task; others (a producer, a connection, links) only
# make sense for the call that failed.
KEPT_OPTIONS = (
    "queue",
    "routing_key",
    "exchange",
    "priority",
    "eta",
    "expires",
    "time_limit",
    "soft_time_limit",
    "headers",
    "shadow",
)


def _storable_options(options: dict) -> dict:
    from django.utils import timezone

    kept = {}
    countdown = options.get("countdown")
    if countdown is not None:
        kept["eta"] = (timezone.now() + timedelta(seconds=float(countdown))).isoformat()
    for key in KEPT_OPTIONS:
        value = options.get(key)
        if value is None:
            continue
        if isinstance(value, datetime):
            value = value.isoformat()
        elif key in ("queue", "exchange") and not isinstance(value, str):
            value = getattr(value, "name", None)
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        if value is not None:
            kept[key] = value
    return kept


def _restored_options(options: dict) -> dict:
    from django.utils.dateparse import parse_datetime

    restored = dict(options)
    for key in ("eta", "expires"):
        if isinstance(restored.get(key), str):
            restored[key] = parse_datetime(restored[key])
    return restored


class OutboxTask(DjangoTask):
    """The portal's task class: held in the database when the broker cannot be reached."""

    #: Set to False on a task that must not be held (the republishing job itself).
    hold_when_broker_down = True

    def apply_async(
        self,
        args=None,
        kwargs=None,
        task_id=None,
        producer=None,
        link=None,
        link_error=None,
        shadow=None,
        **options,
    ):
        eager = self.app.conf.task_always_eager or options.get("always_eager")
        if eager or not self.hold_when_broker_down or link or link_error or producer:
            return super().apply_async(
                args,
                kwargs,
                task_id=task_id,
                producer=producer,
                link=link,
                link_error=link_error,
                shadow=shadow,
                **options,
            )
        task_id = task_id or uuid()
        try:
            return super().apply_async(args, kwargs, task_id=task_id, shadow=shadow, **options)
        except BROKER_ERRORS as exc:
            hold(
                name=self.name,
                task_id=task_id,
                args=args,
                kwargs=kwargs,
                options={**options, "shadow": shadow},
                error=exc,
            )
            return self.AsyncResult(task_id)

    def publish_now(self, args, kwargs, task_id, options):
        """Send without falling back to the outbox (used when republishing)."""
        return super().apply_async(args, kwargs, task_id=task_id, **options)


def hold(*, name: str, task_id: str, args, kwargs, options: dict, error: Exception):
    """Keep a task that could not be sent, to be sent again by republish_pending()."""
    from .models import PendingTask

    pending, _ = PendingTask.objects.get_or_create(
        task_id=task_id,
        defaults={
            "name": name,
            "args": list(args or ()),
            "kwargs": dict(kwargs or {}),
            "options": _storable_options(options),
            "last_error": repr(error)[:1000],
        },
    )
    logger.warning(
        "Broker unreachable (%r): task %s %s held in the outbox until it returns",
        error,
        name,
        task_id,
    )
    return pending


def republish_pending(*, batch_size: int = 100) -> int:
    """Send every held task again, oldest first; return how many were sent.

    Stops at the first broker error (the rest wait for the next run)."""
    from django.db import transaction

    from .celery import app
    from .models import PendingTask

    sent = 0
    skipped = []
    while True:
        with transaction.atomic():
            batch = list(
                PendingTask.objects.select_for_update(skip_locked=True)
                .exclude(pk__in=skipped)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return sent
            for pending in batch:
                task = app.tasks.get(pending.name)
                if task is None:
                    logger.error("Held task %s is not a registered task; kept", pending.name)
                    PendingTask.objects.filter(pk=pending.pk).update(
                        attempts=pending.attempts + 1, last_error="not a registered task"
                    )
                    skipped.append(pending.pk)
                    continue
                try:
                    if isinstance(task, OutboxTask):
                        task.publish_now(
                            pending.args,
                            pending.kwargs,
                            pending.task_id,
                            _restored_options(pending.options),
                        )
                    else:
                        task.apply_async(
                            pending.args,
                            pending.kwargs,
                            task_id=pending.task_id,
                            **_restored_options(pending.options),
                        )
                except BROKER_ERRORS as exc:
                    PendingTask.objects.filter(pk=pending.pk).update(
                        attempts=pending.attempts + 1, last_error=repr(exc)[:1000]
                    )
                    logger.warning("Broker still unreachable; %s held tasks wait", pending.name)
                    return sent
                pending.delete()
                sent += 1
            if len(batch) < batch_size:
                return sent
