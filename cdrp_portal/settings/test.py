"""Settings for the test suite."""

import os

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A Celery worker started by a test is told to write email to files instead.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Tasks run in-process in tests; a test that needs a real worker turns this off for itself.
CELERY_TASK_ALWAYS_EAGER = env_str("CELERY_TASK_ALWAYS_EAGER", "true") == "true"
# Each pytest-xdist worker gets its own queue, so parallel tests never take each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = env_str(
    "CELERY_QUEUE", f"cdrp-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]

# Static files come straight from the finders (node_modules, static/); no collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Look a static file up when it is asked for rather than listing every file up front: each test
# client builds its own middleware, and listing the finders' thousand files took ~0.1 s a client.
WHITENOISE_AUTOREFRESH = True

# Tests only: seconds each funding reminder waits inside its transaction, so a worker test can
# kill the worker mid-sweep (tests/celery/test_funding_reminders_workers.py).
FUNDING_REMINDER_TEST_DELAY = float(env_str("FUNDING_REMINDER_TEST_DELAY", "0"))

# Tests only: a fault test restarts a killed worker with a short visibility timeout, so the
# task the dead worker held comes back at once (tests/faults/).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
    "visibility_timeout": int(env_str("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
# Tests only: seconds the notification email task waits inside its transaction, before
# sending, so a fault test can kill the worker mid-task (tests/faults/).
NOTIFICATION_EMAIL_TEST_DELAY = float(env_str("NOTIFICATION_EMAIL_TEST_DELAY", "0"))

# django-zeal fails any request in the suite that loads related records one by one (an N+1).
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
MIDDLEWARE = ["zeal.middleware.zeal_middleware", *MIDDLEWARE]  # noqa: F405
ZEAL_RAISE = True
# A user's scope is one query of their role assignments (accounts.models.Scope.for_user), made
# once per user object; a request that needs two users' scopes (a feed's owner as well as the
# visitor) is not a row-by-row N+1.
ZEAL_ALLOWLIST = [{"model": "accounts.User", "field": "role_assignments"}]

# Tests see every change at once: the national review summary is worked out afresh each time
# (tests/reviews/test_national_summary.py turns keeping it on).
REVIEW_NATIONAL_SUMMARY_SECONDS = 0
# Likewise good-practice search counts (tests/goodpractice/test_search_counts.py turns it on).
GOODPRACTICE_COUNT_CACHE_SECONDS = 0
# Pages are cached as in production, each test in a cache of its own (tests/conftest.py).
PAGE_CACHE_SECONDS = 600
# The permission matrix and the cross-scope tests turn this on (the `cache_check` fixture):
# a cached fragment given to another reader is worked out again for them and must match.
PAGE_CACHE_CHECK = False
