"""The benchmark's settings: production's, served by gunicorn over plain HTTP on loopback.

Everything that costs time per request in production stays on (DEBUG off, sessions in the
database, every middleware). Only what loopback cannot do changes: the benchmark client says
it came through an HTTPS proxy (X-Forwarded-Proto), and static files come from the finders so
no collectstatic step is needed.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

from .production import *  # noqa: F403

STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# The benchmark's clients make thousands of requests a minute per token.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405 - from base
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}),  # noqa: F405
        "token": "1000000/minute",
    },
}
# `manage.py bench --nothing-kept`: every request works its page out as after a change.
if os.environ.get("BENCH_NOTHING_KEPT"):
    PAGE_CACHE_SECONDS = 0
