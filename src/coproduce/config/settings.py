"""Django settings for Coproduce, all derived from the one typed ``Env`` object."""

from __future__ import annotations

from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from coproduce.config.env import load_env

ENV = load_env()

SECRET_KEY = ENV.secret_key.get_secret_value()
DEBUG = False
ALLOWED_HOSTS = ENV.allowed_hosts
PRODUCTION = ENV.is_production
TESTING = ENV.environment == "test"
DEMO_MODE = ENV.demo_mode or TESTING
SITE_URL = ENV.site_url.rstrip("/")
INVITATION_DAYS = ENV.invitation_days
SURVEY_SUBMISSIONS_PER_HOUR = ENV.survey_submissions_per_hour
SURVEY_THEME_EMBEDDINGS = ENV.survey_theme_embeddings

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "coproduce.web",
    "coproduce.accounts",
    "coproduce.teams",
    "coproduce.plans",
    "coproduce.audit",
    "coproduce.demo",
    "coproduce.statutory",
    "coproduce.forum",
    "coproduce.progress",
    "coproduce.surveys",
    "coproduce.scale",
    "coproduce.records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coproduce.web.middleware.RequestIdMiddleware",
    "coproduce.web.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "coproduce.accounts.middleware.SessionLimitsMiddleware",
    "coproduce.accounts.middleware.TwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]
if ENV.bench_headers:  # the benchmark's query count and server time, first so it sees every query
    MIDDLEWARE.insert(0, "coproduce.web.benchmark.BenchHeadersMiddleware")

ROOT_URLCONF = "coproduce.config.urls"
WSGI_APPLICATION = "coproduce.config.wsgi.application"

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
                "coproduce.web.context_processors.site",
                "coproduce.statutory.context_processors.officer_links",
                "coproduce.forum.context_processors.forum_link",
                "coproduce.surveys.context_processors.survey_links",
            ],
            "builtins": ["coproduce.web.templatetags.govuk", "coproduce.web.templatetags.govuk_forms"],
        },
    }
]
FORM_RENDERER = "coproduce.web.forms.GovukFormRenderer"

# Database: the embedded SQLite file by default, PostgreSQL (or any URL) from DATABASE_URL.
ENV.data_dir.mkdir(parents=True, exist_ok=True)
if ENV.database_url:
    DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ENV.data_dir / "coproduce.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
# Every request runs in one transaction, so a record is never shown or changed without its audit event.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "coproduce.accounts.backends.EmailBackend"]

# Sign-in throttling: after 5 failures for the same email address from the same place, that pair is
# locked for 30 minutes. Unknown addresses are counted the same way, so nothing reveals who has an account.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coproduce.accounts.views.locked_out"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "Coproduce"
# Passkeys (WebAuthn, django-otp-webauthn) as a second step only, never instead of the password. The
# relying party is the site's own host; in development and tests "localhost" (browsers refuse an IP address).
OTP_WEBAUTHN_RP_NAME = "Coproduce"
_SITE = urlsplit(SITE_URL)
OTP_WEBAUTHN_RP_ID = "localhost" if _SITE.hostname in ("127.0.0.1", "localhost") else _SITE.hostname
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"{_SITE.scheme}://{_SITE.netloc.replace('127.0.0.1', 'localhost')}"]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "coproduce.accounts.passkeys.PasskeyHelper"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "web:home"
# Passwords as the NCSC advises: long, no composition rules, common passwords refused, no expiry.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "coproduce.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sessions: cookies only over HTTPS in production, never readable by scripts, gone after 12 hours
# at most; practitioners are also signed out after 30 minutes idle (accounts.middleware).
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "coproduce_session"
SESSION_IDLE_SECONDS = 30 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "coproduce.web.views.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^healthz$", r"^readyz$"]

# A strict content security policy: our own files only, scripts with a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.data_dir / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ENV.data_dir / "private"},
    },
    "staticfiles": {
        "BACKEND": "coproduce.web.storage.StaticFiles"
        if not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = TESTING
MEDIA_ROOT = ENV.data_dir / "private"

EMAIL_BACKEND = ENV.email_backend
EMAIL_HOST = ENV.email_host
EMAIL_PORT = ENV.email_port
EMAIL_HOST_USER = ENV.email_host_user
EMAIL_HOST_PASSWORD = ENV.email_host_password.get_secret_value()
EMAIL_USE_TLS = ENV.email_use_tls
DEFAULT_FROM_EMAIL = ENV.default_from_email

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Logs carry what happened and to which record id, never names, notes or other personal data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    # django.template's DEBUG records carry a page's whole context (names, dates of birth): never logged.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django.template": {"level": "INFO"},
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []
