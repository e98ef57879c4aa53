"""Settings shared by every mode. Values come from the environment (django-environ).

The defaults here make a safe local instance on SQLite; `production.py` removes every default
that would be unsafe on a real server.
"""

from pathlib import Path
from typing import Any

import environ
from csp.constants import NONCE, NONE, SELF

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parents[1]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Off unless asked for: a 404 with DEBUG on lists every URL of the service to anyone.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-only-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'opensend.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "opensend.core",
    "opensend.accounts",
    "opensend.access",
    "opensend.children",
    "opensend.rulebook",
    "opensend.support",
    "opensend.targeted",
    "opensend.notify",
    "opensend.casework",
    "opensend.panels",
    "opensend.advice",
    "opensend.plans",
    "opensend.notices",
    "opensend.portal",
    "opensend.operations",
    "opensend.api",
    "opensend.synthetic",
]

MIDDLEWARE = [
    "opensend.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "opensend.accounts.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opensend.accounts.middleware.PrincipalMiddleware",
    "opensend.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opensend.config.urls"
WSGI_APPLICATION = "opensend.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "opensend.portal.context_processors.service",
            ],
        },
    }
]
FORM_RENDERER = "opensend.core.forms.GovukFormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Passwords of 12 or more characters seen in public breach lists, shipped as data (ADR 0171).
    {"NAME": "opensend.accounts.breached.BreachedPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Sign-in lockout (django-axes): keyed on the email typed, so that an attacker cannot lock out a
# whole office by IP and cannot learn whether an account exists (unknown emails lock out too).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "email"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions end after inactivity: every request pushes the expiry forward.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "opensend.core.views.csrf_failure"

OTP_TOTP_ISSUER = "OpenSEND"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"

# Uploaded files and generated letters and plans: children's data, kept outside the code and the web
# root, served only through views that check the policy. Production sets this to private storage.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Outside production, static files are served straight from the front-end build (no collectstatic
# needed, also with DEBUG off); production serves the collected, hashed copies (production.py).
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OpenSEND <no-reply@opensend.invalid>")
# For the SMTP backend (django.core.mail.backends.smtp.EmailBackend), and the file backend's folder.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-emails"))

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content security policy (django-csp 4): only our own origin; the one inline script GOV.UK
# Frontend needs (the js-enabled class) carries a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Background tasks (django-tasks): the database backend needs no broker; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# Notifications (opensend.notify): `email` sends through EMAIL_BACKEND; `govuk_notify` uses GOV.UK
# Notify with NOTIFY_API_KEY and NOTIFY_TEMPLATE_IDS ("default=<uuid>,<kind>=<uuid>").
NOTIFY_BACKEND = env.str("NOTIFY_BACKEND", default="email")
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_TEMPLATE_IDS = env.dict("NOTIFY_TEMPLATE_IDS", default={})
# The address people use to reach the service, for links in emails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

SERVICE_NAME = "OpenSEND"
API_TOKEN_MAX_DAYS = 365

# Logs go to standard error, as JSON lines in production (LOG_FORMAT=json) or as text; every line
# carries the request id and user id, never personal data (opensend.operations.logs).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")


def logging_config(log_format: str) -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "opensend.operations.logs.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "opensend.operations.logs.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request"],
                "formatter": "json" if log_format == "json" else "text",
            }
        },
        "root": {"handlers": ["console"], "level": LOG_LEVEL},
        "loggers": {
            "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
            # WeasyPrint and fontTools narrate every PDF at INFO.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }


LOGGING = logging_config(LOG_FORMAT)

# axes.W006 asks for IP-based lockout too. We lock per email address only (ADR 0004): whole
# schools and council offices share one public IP, and one person's typos must not lock them all.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Two-factor for families (ADR 0171): offered on their account page; required for every account
# when this is on. Staff always need it.
FAMILY_TWO_FACTOR_REQUIRED = env.bool("FAMILY_TWO_FACTOR_REQUIRED", default=False)

# Sign-in throttles by network address and across the service (ADR 0171), on top of axes' lockout
# of one email address: slow, never lock out, because whole offices share one address.
SIGN_IN_THROTTLE_WINDOW_SECONDS = env.int("SIGN_IN_THROTTLE_WINDOW_SECONDS", default=15 * 60)
SIGN_IN_ADDRESS_FAILURES = env.int("SIGN_IN_ADDRESS_FAILURES", default=20)
SIGN_IN_GLOBAL_FAILURES = env.int("SIGN_IN_GLOBAL_FAILURES", default=1000)
SIGN_IN_ADDRESS_FAILURES_UNDER_ATTACK = env.int("SIGN_IN_ADDRESS_FAILURES_UNDER_ATTACK", default=3)
SIGN_IN_MAX_WAIT_SECONDS = env.int("SIGN_IN_MAX_WAIT_SECONDS", default=60)

# The longest a sign-in lasts, however active (ADR 0171): then the person signs in again.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
