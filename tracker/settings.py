"""Sanctuary Tracker settings, configured entirely by environment variables."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-dev-only")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]


def env_flag(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else value == "1"


# Production (DEBUG off) is secure by default; each setting is an opt-out.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe the app server directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_SECURE_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_SECURE_HSTS_PRELOAD", True)
# Trust X-Forwarded-Proto only behind a TLS proxy that sets it (opt-in).
if env_flag("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# One strict policy for the whole site, admin and API docs included: no inline
# script or style anywhere, nothing from another origin, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    # Django (the admin on the editors' site, tracker/admin.py)
    "tracker.apps.TrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # Third party
    "csp",
    "django_filters",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "axes",
    # Local
    "jurisdictions",
]

# Django's own stack, with two of the tracker's: the whole-page cache, which
# answers anonymous readers before sessions and the rest run, and the CSP
# header built once (jurisdictions/middleware.py, docs/ARCHITECTURE.md).
MIDDLEWARE = [
    "jurisdictions.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "jurisdictions.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jurisdictions.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Costs nothing unless a sign-in was locked out; axes checks for it by name.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"

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
            ],
        },
    },
]


WSGI_APPLICATION = "tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while one writer commits; IMMEDIATE transactions
    # plus a busy timeout make a second writer wait instead of failing with
    # "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
        ),
    }
    # SQLite connections are cheap; keeping them open across threads gains nothing.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding and a prepare threshold (Django leaves psycopg's
    # preparing off unless asked) prepare a query the fifth time a connection
    # runs it; PostgreSQL then stops planning it anew: a detail page's eight
    # small queries spent longer being planned than run (9 ms -> 3.5 ms).
    # Searches write their words into the SQL (LiteralSearchQuery) so each is
    # planned for its own words.
    server_side = env_flag("DJANGO_DB_SERVER_SIDE_BINDING", True)
    # No parallel workers for the app's queries: each request then takes one
    # core, and the full CSV export no longer burns 4.5-4.8 CPU-s instead of
    # 2.7-3.0 for the same wall time while readers wait (make loadtest: p99
    # 2.2-2.7 s -> 1.7-2.3 s; bench/RESULTS.md, "The load test's tail").
    # A server with cores to spare for one request can allow some.
    parallel = int(os.environ.get("DJANGO_DB_PARALLEL_WORKERS", "0"))
    # No JIT compilation: the change log's count of 10,000 changes among
    # 35,000 history rows ran 0.2 s and compiled 1.6 s more (its many small
    # subqueries pass jit_above_cost); the bench's lists and the full CSV
    # took the same time either way (docs/PERFORMANCE.md, "No JIT").
    jit = "on" if env_flag("DJANGO_DB_JIT", False) else "off"
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": server_side,
        "prepare_threshold": 5 if server_side else None,
        "options": f"-c max_parallel_workers_per_gather={parallel} -c jit={jit}",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL shares one cache between app servers; without it each process keeps
# its own. Either way pages are keyed by the data version, so no server serves
# a page older than the last change (jurisdictions/middleware.py). The
# "process" alias is this process's alone, whatever the default: the data
# version it read last, for a second (jurisdictions/models/changes.py).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "tracker"),
        },
        # Each process's latest pages, in front of Redis (middleware.py).
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 500},
        },
        "process": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "process",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "process": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "process",
        },
    }
# How long an anonymous page may stay in the cache; 0 turns page caching off.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "86400"))

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes comes first so a locked-out login is refused before any password check.
# It needs the request, so tests sign in with force_login() (client.login()
# passes none).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# Lock the username from the address that failed: a stranger elsewhere cannot
# lock an editor out by guessing at their username.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"

# English at /, Spanish at /es/ (i18n_patterns in tracker/urls.py): the path
# alone picks the language, so a cached page is one language's.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers on Spanish pages group as US Spanish writes them (3,898,747), where
# a template asks for grouping; years and codes stay ungrouped, so
# USE_THOUSAND_SEPARATOR stays off.
FORMAT_MODULE_PATH = ["tracker.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Fall back to unhashed names when collectstatic has not run (tests, make run).
WHITENOISE_MANIFEST_STRICT = False

# Everything goes to stdout, each line tagged with its request id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jurisdictions.requestlog.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s rid=%(request_id)s "
            "%(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The read-only JSON API (jurisdictions/api/): public, so anonymous and
# throttled per client address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_ANON_RATE", "600/minute")
    },
    # Without a count of trusted proxies DRF would throttle by whatever
    # X-Forwarded-For a client sends, letting it pick a fresh address per call.
    "NUM_PROXIES": int(os.environ.get("DJANGO_API_NUM_PROXIES", "0")),
    # JSON only: DRF's browsable pages need inline styles that the content
    # security policy forbids; /api/v1/docs/ is the browsable documentation.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sanctuary Tracker API",
    "DESCRIPTION": "Read-only access to every published record of the tracker. "
    "Lists take the same filters as the site's pages; data is licensed CC BY 4.0.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Serve Swagger UI from this site's static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jurisdictions.api.schema.document_empty_values",
    ],
    "ENUM_NAME_OVERRIDES": {
        "JurisdictionKindEnum": "jurisdictions.choices.JurisdictionKind",
        "StatementKindEnum": "jurisdictions.choices.StatementKind",
        "OrdinanceStatusEnum": "jurisdictions.choices.OrdinanceStatus",
        "ResolutionStatusEnum": "jurisdictions.choices.ResolutionStatus",
        # Every <date>_precision field shares one set of choices.
        "DatePrecisionEnum": "jurisdictions.choices.DatePrecision",
    },
}

# Mail (issue 30: readers' corrections). `make run` (DEBUG) prints mail to the
# console; production sends through the SMTP server its environment names.
# The editors' addresses that hear of each new correction, comma-separated in
# DJANGO_CORRECTION_EMAILS (none: no mail; the admin's queue counts them).
if DEBUG and not os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Sanctuary Tracker <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CORRECTION_EMAILS = [
    address.strip()
    for address in os.environ.get("DJANGO_CORRECTION_EMAILS", "").split(",")
    if address.strip()
]
# Posts of the correction form one client address may make per hour.
CORRECTION_POSTS_PER_HOUR = int(
    os.environ.get("DJANGO_CORRECTION_POSTS_PER_HOUR", "10")
)
