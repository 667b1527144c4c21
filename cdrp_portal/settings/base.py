"""Settings shared by every environment. Values that differ come from the environment.

Environment variables:
    DATABASE_URL            PostgreSQL (postgres://user@host:5432/name); SQLite under var/ if unset
    REDIS_URL               Redis for the Celery broker and the cache; tasks run eagerly if unset
    DJANGO_SECRET_KEY       required in production
    DJANGO_ALLOWED_HOSTS    comma-separated host names
    EMAIL_URL-style settings: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
                            EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from .env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-local-development-key-not-for-production")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

SERVICE_NAME = "CDRP Partnership Portal"
# Where the beta banner asks people to send feedback about the portal.
FEEDBACK_EMAIL = env_str("FEEDBACK_EMAIL", "portal-feedback@cdrp-portal.invalid")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "govuk_frontend_django",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Project apps, in dependency order (see docs/adr/0002-app-dependencies.md).
    "core",
    "cdrp_portal",
    "audit",
    "accounts",
    "partnerships",
    "datasharing",
    "funding",
    "goodpractice",
    "outcomes",
    "communications",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.DropNulFromQueryStringMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.PrivacyHeadersMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "accounts.middleware.IdleSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "audit.middleware.AuditMiddleware",
]

ROOT_URLCONF = "cdrp_portal.urls"
WSGI_APPLICATION = "cdrp_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.service",
            ],
            "builtins": ["core.templatetags.layout", "core.templatetags.govuk_time"],
        },
    }
]

# Database: PostgreSQL through DATABASE_URL, otherwise SQLite under var/. SQLite in WAL mode
# lets pages read while someone saves, and IMMEDIATE transactions take the write lock at BEGIN
# so two people saving at once queue for up to `timeout` seconds instead of one getting
# "database is locked" (a transaction that read first could not upgrade to a write).
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the Celery broker and the cache. Without it, tasks run eagerly in-process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/London"
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "cdrp")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# When Redis cannot be reached, publishing gives up within a few seconds and the task is held
# in the database until the broker returns (cdrp_portal/outbox.py): a page never hangs on it.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
    # A task taken by a worker that died without acknowledging it is given to another
    # worker after this many seconds (tasks acknowledge late, after they finish).
    "visibility_timeout": 3600,
}

# Accounts, sign-in and sessions.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.AdministratorBackend",
    "accounts.backends.EmailPasswordBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idle sessions end after 30 minutes on the server; the page warns 5 minutes before.
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_IDLE_WARNING = timedelta(minutes=5)
# The last activity is saved at most this often, not on every request (accounts/middleware.py).
SESSION_ACTIVITY_RESOLUTION = timedelta(minutes=1)

# How long administrators' home page keeps the national review summary (seconds; 0: never).
REVIEW_NATIONAL_SUMMARY_SECONDS = 300
# How long a good-practice search's result count is kept at most; an entry's change ends it
# at once (goodpractice.selectors.cached_count; 0: never kept).
GOODPRACTICE_COUNT_CACHE_SECONDS = 300
# How long a cached page fragment is kept at most (core.cache; 0: nothing cached).
# A change to the records ends it at once, for every process sharing the cache: so only with
# Redis. A local-memory cache is each process's own, and a change one process sees would not
# end what another cached.
PAGE_CACHE_SECONDS = 600 if REDIS_URL else 0
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())
SESSION_SAVE_EVERY_REQUEST = False  # saved when the idle clock moves on, at most once a minute
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Brute-force lockout: 5 failures for the same account from the same address, 15-minute cool-off.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_for_lockout"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Second factor: administrators and regional reviewers confirm a TOTP code from an authenticator
# app after their password (accounts/middleware.py). Each wrong code doubles the wait before the
# next try (django-otp's throttle), so codes cannot be guessed.
OTP_TOTP_ISSUER = SERVICE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

# Content Security Policy (django-csp): scripts, styles, fonts and images from this site only;
# no inline scripts, inline event handlers or style attributes anywhere (images may also be
# data: URIs, for the second-factor QR code). No framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Browser features the portal never uses are off for it and anything it could embed
# (core.middleware.PrivacyHeadersMiddleware, which also keeps personal pages and API
# answers out of caches).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "sync-xhr",
        "usb",
        "xr-spatial-tracking",
    )
)
API_PATH_PREFIX = "/api/"

# 360Giving export (funding/giving360.py): grant identifiers start with the prefix 360Giving
# registered for the publisher; the package names the publisher and the licence (CC BY 4.0,
# as 360Giving recommends).
GIVING360_PREFIX = env_str("GIVING360_PREFIX", "360G-cdrpportal")
GIVING360_PUBLISHER_NAME = env_str("GIVING360_PUBLISHER_NAME", SERVICE_NAME)
GIVING360_PUBLISHER_ID = env_str("GIVING360_PUBLISHER_ID")
GIVING360_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# Internationalisation and time.
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: govuk-frontend comes from the npm registry (package.json) and is served by
# WhiteNoise under /static/govuk-frontend/.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend"),
    ("accessible-autocomplete", BASE_DIR / "node_modules" / "accessible-autocomplete" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Email: console locally; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "CDRP Partnership Portal <no-reply@cdrp-portal.invalid>"
)
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# The REST API (/api/v1/): personal tokens or the session, scoped exactly as the pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["core.api.TokenRateThrottle"],
    "DEFAULT_FILTER_BACKENDS": ["core.api_filters.StrictFilterBackend"],
    "DEFAULT_THROTTLE_RATES": {"token": "600/minute", "anon": "60/minute"},
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CDRP Partnership Portal API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "Personal-token API; every record is scoped exactly as the pages are.",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.add_error_responses",
    ],
}
