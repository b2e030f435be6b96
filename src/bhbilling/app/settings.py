"""Django settings: every secret and deployment choice comes from the environment.

- ``DATABASE_URL``: PostgreSQL in production and CI; SQLite under ``BHBILLING_DATA_DIR``
  (default ``./var``) when unset.
- ``SECRET_KEY`` and ``BHBILLING_FIELD_KEYS`` (Fernet keys, comma-separated, newest first)
  must be set when ``BHBILLING_DEBUG`` is off; development falls back to fixed, loudly
  labelled dev keys so that ``make run`` works on a fresh machine.
- Sessions expire after 15 idle minutes (HIPAA automatic logoff, 45 CFR 164.312(a)(2)(iii)).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("BHBILLING_DATA_DIR", Path.cwd() / "var"))

DEBUG = os.environ.get("BHBILLING_DEBUG", "1") == "1"

_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production-0123456789"  # noqa: S105 (dev only)
# A fixed Fernet key for development and tests only; production must set its own.
_DEV_FIELD_KEY = "ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE="

SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when BHBILLING_DEBUG=0")

FIELD_ENCRYPTION_KEYS = [
    k.strip()
    for k in (os.environ.get("BHBILLING_FIELD_KEYS") or (_DEV_FIELD_KEY if DEBUG else "")).split(",")
    if k.strip()
]
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("BHBILLING_FIELD_KEYS must be set when BHBILLING_DEBUG=0")

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "bhbilling.app.apps.BillingConfig",
    "bhbilling.entrypoints.web.apps.WebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bhbilling.app.audit.actor.AuditActorMiddleware",
    "bhbilling.app.accounts.middleware.IdleTimeoutMiddleware",
    "bhbilling.app.accounts.middleware.RequireMFAMiddleware",
    "bhbilling.app.tenancy.middleware.TenantMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bhbilling.entrypoints.urls"
WSGI_APPLICATION = "bhbilling.app.wsgi.application"

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
                "bhbilling.app.tenancy.context.tenant_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'bhbilling.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# argon2id first: OWASP's recommended password hash; older hashes upgrade on next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"

SESSION_IDLE_TIMEOUT_SECONDS = int(os.environ.get("BHBILLING_IDLE_TIMEOUT", "900"))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

OTP_TOTP_ISSUER = "bhbilling"

# Extra folders of payer-profile TOML files (os.pathsep-separated); they add to or override
# the profiles shipped in bhbilling/payers/profiles (docs/payer-profiles.md).
BHBILLING_PAYER_PROFILE_DIRS = [
    Path(p) for p in os.environ.get("BHBILLING_PAYER_PROFILE_DIRS", "").split(os.pathsep) if p
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Application logs carry ids and counts only, never PHI (names, member ids, dates of birth).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BHBILLING_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
