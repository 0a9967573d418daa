"""The one settings module. Everything that differs between machines comes from the environment.

Environment variables:
    DEBUG                 "1" for development conveniences (default off).
    SECRET_KEY            required when DEBUG is off.
    DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/wijkkompas; default SQLite in var/.
    ALLOWED_HOSTS         comma separated; default localhost names.
    CSRF_TRUSTED_ORIGINS  comma separated origins, for a deployment behind a proxy.
    HTTPS                 "1" for a deployment served over HTTPS: secure cookies, HSTS (one year,
                          subdomains included), a redirect from http to https and, behind a
                          trusted proxy, its X-Forwarded-Proto header (default off).
    TRUSTED_PROXY_COUNT   number of reverse proxies in front of the server that append the
                          client's address to X-Forwarded-For (default 0: the header is ignored
                          and clients are known by the connecting address; see core/clients.py).
    CACHE_URL             redis://host:port/db for the rate-limit counters; default a table in
                          the database. Either way all workers and servers share them. Also the
                          worker's queue (huey): Redis with CACHE_URL, else var/huey.sqlite3.
    HUEY_IMMEDIATE        "1" runs the worker's tasks in the web process right after the commit,
                          without a queue or consumer (default: on with DEBUG; the tests set it).
    SITE_URL              the site's address in links in e-mails (default http://localhost:8000).
    PAGE_CACHE_MB         memory per server process for cached pages (default 64).
    WIJKKOMPAS_DATA_DIR   folder with the bundled open data (default data/ in the repository).
    IMPORT_MAX_BYTES      largest file an import reads, in bytes, counted unpacked for .gz
                          (default 64 MiB: a national KWB year of 20-40 MB passes; an import
                          needs many times the file's size in memory).
    STATIC_ROOT           folder collectstatic fills and the server serves (default var/static).
    MEDIA_ROOT            folder for uploaded photos of contributions (default var/media).
    API_RATE_LIMIT        requests per minute per client on the JSON API (default 600/m).
    SEARCH_RATE_LIMIT     searches per minute per client on the HTML search (default 120/m).
    ACCOUNT_RATE_LIMIT    sign-up, sign-in and code requests per client (default 10/m), counted in
                          the shared rate-limit store; the page says to wait when it is reached.
    EMAIL_URL             smtp://user:password@host:587 (or smtp+ssl://...:465) to send mail by
                          SMTP; without it (and without EMAIL_HOST) mail is printed on the console.
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL
                          the same for SMTP, as separate settings (EMAIL_URL wins when both are set).
    DEFAULT_FROM_EMAIL    the sender of sign-in codes and notifications
                          (default "Wijkkompas <noreply@localhost>").
    DEMO_CONTENT          "1" loads the example (voorbeeld) contributions and demo accounts with
                          `manage.py demo_content`; default on only when mail goes to the console.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_ratelimit",  # its system check refuses a counter store that is not shared
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    "wijkkompas.core",
    "wijkkompas.accounts",  # before allauth, so its templates in the site's look win
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wijkkompas.regions",
    "wijkkompas.indicators",
    "wijkkompas.imports",
    "wijkkompas.scores",
    "wijkkompas.profiles",
    "wijkkompas.participation",
    "wijkkompas.wijktoets",
    "wijkkompas.surveys",
    "huey.contrib.djhuey",
    "wijkkompas.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wijkkompas.core.middleware.SecurityHeadersMiddleware",
    "wijkkompas.core.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Profiles are large HTML tables; compressed they load fast on a phone. CSRF tokens are
    # masked per response (Django's BREACH mitigation).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wijkkompas.urls"
WSGI_APPLICATION = "wijkkompas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

VAR_DIR = BASE_DIR / "var"
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'wijkkompas.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web workers read while an import writes; see Django's SQLite notes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Two caches that never share a store. Whole pages are cached per server process, keyed on the
# figures version (see core.caching and scores.selectors.figures_version), so they are never
# older than the data; in memory (a shared file cache was measured slower for these large pages)
# and bounded in bytes, as the addresses asked for are not ours to choose. Rate-limit counters
# must count every request of every worker and server: a table in the database (created by
# `manage.py createcachetable`), or Redis with CACHE_URL; so a flood of pages never evicts them.
PAGE_CACHE_MB = int(os.environ.get("PAGE_CACHE_MB", "64"))
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// address.")
CACHES = {
    "default": {
        "BACKEND": "wijkkompas.core.cache_backends.BoundedLocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 100_000, "MAX_BYTES": PAGE_CACHE_MB * 1024 * 1024},
    },
    "ratelimit": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "wijkkompas"}
        if CACHE_URL
        else {
            "BACKEND": "wijkkompas.core.cache_backends.AtomicDatabaseCache",
            "LOCATION": "wijkkompas_ratelimit",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    ),
}

# The worker (notifications/tasks.py, `manage.py run_huey`): e-mail delivery after each commit and
# periodic jobs. Its queue is Redis when CACHE_URL is set (so several servers share it), else a
# SQLite file in var/; delivery claims each notification, so any number of consumers is safe.
HUEY = {
    "name": "wijkkompas",
    "immediate": env_flag("HUEY_IMMEDIATE", default=DEBUG),
    **(
        {"huey_class": "huey.RedisHuey", "url": CACHE_URL}
        if CACHE_URL
        else {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")}
    ),
    # verbose False: warnings and errors only, not a line per task every minute.
    "consumer": {"workers": 2, "worker_type": "thread", "periodic": True, "verbose": False},
}
if not CACHE_URL and not HUEY["immediate"]:
    VAR_DIR.mkdir(exist_ok=True)
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "wijkkompas" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/tokens", NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
#: Uploaded photos of contributions (re-encoded, without metadata; participation.photos).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security: safe by default; HTTPS=1 turns on everything a deployment over HTTPS needs.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
HTTPS = env_flag("HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Only a proxy we trust may say the request came in over HTTPS; without one, the server itself
# terminates TLS and Django sees that directly.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS and TRUSTED_PROXY_COUNT else None
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a promise for the whole domain and its subdomains that only the owner of
    # the domain can make (by submitting it to the browsers' list); the header works without it.
    "security.W021",
    # django-ratelimit warns about every backend but memcached and django-redis. Its errors stay on:
    # our database backend counts atomically (core/cache_backends.py), and so does Redis.
    "django_ratelimit.W001",
]

RATELIMIT_VIEW = "wijkkompas.core.views.rate_limited"
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "wijkkompas.core.clients.client_ip"
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "120/m")
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/m")

#: The open data that travels with the project (data/PROVENANCE.md); files may be gzip-compressed.
DATA_DIR = Path(os.environ.get("WIJKKOMPAS_DATA_DIR", BASE_DIR / "data"))
#: Larger files are refused before they are read (imports.parsing.read_bytes).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 64 * 1024 * 1024))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Accounts (django-allauth): residents sign up with an e-mail address only and sign in with a
# one-time code by e-mail; the address is confirmed by a code before the account can be used.
# Staff may set a password; the roles in accounts.permissions.MFA_ROLES count only with TOTP.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "wijkkompas.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
#: A field people do not see; a bot that fills it in gets a fake success (no CAPTCHA).
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "telefoonnummer"
ACCOUNT_FORMS = {"signup": "wijkkompas.accounts.forms.SignupForm", "login": "wijkkompas.accounts.forms.LoginForm"}
#: allauth's own limits count in the per-process default cache; the shared ones in
#: accounts/ratelimits.py (ACCOUNT_RATE_LIMIT) count across processes and servers instead.
ACCOUNT_RATE_LIMITS = False
ACCOUNT_RATE_LIMIT = os.environ.get("ACCOUNT_RATE_LIMIT", "10/m")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Wijkkompas"

EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL or os.environ.get("EMAIL_HOST"):
    from wijkkompas.accounts.mail import smtp_settings

    globals().update(smtp_settings(EMAIL_URL, os.environ))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wijkkompas <noreply@localhost>")
#: Example participation content and demo accounts (participation/demo_data.py). On by default only
#: where mail goes to the console, that is on a local machine; a deployment sending real mail has
#: it off unless it asks for it.
DEMO_CONTENT = env_flag("DEMO_CONTENT", default=EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend")
