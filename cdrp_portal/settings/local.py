"""Settings for a laptop: DEBUG on, SQLite unless DATABASE_URL, tasks eager unless REDIS_URL."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
VAR_DIR.mkdir(exist_ok=True)

# Static files come straight from the finders (node_modules, static/); no collectstatic.
STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
