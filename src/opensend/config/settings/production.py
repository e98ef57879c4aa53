"""Production settings: no unsafe defaults. Start-up fails, naming the setting, without any of
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, EMAIL_BACKEND and SITE_URL (README, "Running in production")."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, logging_config


def _required(name: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in production: set it in the environment or in .env "
            "(README.md, 'Running in production', lists every setting)."
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
# No silent fall-backs to the local SQLite file or to printing emails (reset links) into logs.
DATABASES = {"default": env.db_url_config(_required("DATABASE_URL"))}
# `migrate` runs as the database's owner role when there is one (ADR 0172, docs/operations.md): the
# application's own role may not change the tables or the audit trail.
if env.bool("OPENSEND_MIGRATE_AS_OWNER", default=False) and env.str("MIGRATION_DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url_config(env.str("MIGRATION_DATABASE_URL"))}
EMAIL_BACKEND = _required("EMAIL_BACKEND")
SITE_URL = _required("SITE_URL")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS])

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Collected static files carry a hash of their content in their names, so WhiteNoise serves them
# with a cache lifetime of a year; `bin/serve-prod` runs collectstatic before the web process starts.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
# Load balancers ask for these over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# One database connection per process, kept between requests and checked before reuse.
CONN_MAX_AGE = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_MAX_AGE"] = CONN_MAX_AGE
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT)

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from opensend.operations.errortracking import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default=""),
    )
