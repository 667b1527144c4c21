"""Start and stop real Celery worker processes for tests, over Redis and the test database."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def worker_environment(
    *, mail_dir: Path, extra: dict | None = None, redis_url: str | None = None
) -> dict:
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cdrp_portal.settings.test",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url or settings.REDIS_URL,
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    env.update(extra or {})
    return env


@contextmanager
def celery_worker(
    *,
    mail_dir: Path,
    name: str = "w1",
    log_path: Path | None = None,
    extra_env: dict | None = None,
    redis_url: str | None = None,
):
    """A real `celery worker` process consuming this test's queue; stopped on exit.

    `redis_url`: the broker to use (a test's own redis-server); the suite's REDIS_URL if None."""
    log_path = log_path or mail_dir.parent / f"worker-{name}.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cdrp_portal",
            "worker",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--pool=solo",
            "--loglevel=INFO",
            "-n",
            f"{name}-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=worker_environment(mail_dir=mail_dir, extra=extra_env, redis_url=redis_url),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if "ready." in log_path.read_text():
                break
            if process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{log_path.read_text()}")
            time.sleep(0.2)
        else:
            raise RuntimeError(f"worker did not start:\n{log_path.read_text()}")
        process.log_path = log_path
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def wait_for(predicate, *, timeout: float = 20.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()


def purge_queue() -> None:
    from cdrp_portal.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


def sent_emails(mail_dir: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every email the file backend wrote into `mail_dir`.

    Count messages, never files: Django's file backend names a file by the second and the
    backend object's id(), so two emails sent by one worker within the same second can be
    appended to the same file.
    """
    found = []
    if not mail_dir.exists():
        return found
    for path in sorted(mail_dir.glob("*.log")):
        to = subject = ""
        for line in path.read_text().splitlines():
            if line.startswith("To: "):
                to = line[4:].strip()
            elif line.startswith("Subject: "):
                subject = line[9:].strip()
            if to and subject:
                found.append((to, subject))
                to = subject = ""
    return found
