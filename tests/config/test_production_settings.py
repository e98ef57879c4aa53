"""Production settings refuse to start without secrets, and switch on every transport protection."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

SRC = Path(__file__).resolve().parents[2] / "src"

_DUMP = """
import json
from opensend.config.settings import production as s
print(json.dumps(default=str, obj={
    "DEBUG": s.DEBUG,
    "SECRET_KEY": s.SECRET_KEY,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "X_FRAME_OPTIONS": s.X_FRAME_OPTIONS,
    "SECURE_REFERRER_POLICY": s.SECURE_REFERRER_POLICY,
    "SECURE_CONTENT_TYPE_NOSNIFF": s.SECURE_CONTENT_TYPE_NOSNIFF,
    "CONTENT_SECURITY_POLICY": s.CONTENT_SECURITY_POLICY,
    "PASSWORD_HASHERS": s.PASSWORD_HASHERS,
    "DATABASE_USER": s.DATABASES["default"]["USER"],
}))
"""


def _import_production(**env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONPATH"] = str(SRC)
    env.setdefault("DATABASE_URL", "postgres://opensend@db.example.gov.uk:5432/opensend")
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    env.setdefault("SITE_URL", "https://opensend.example.gov.uk")
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, "-c", _DUMP], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_production(ALLOWED_HOSTS="opensend.example.gov.uk")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_production(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_refuses_an_empty_secret_key():
    result = _import_production(SECRET_KEY="", ALLOWED_HOSTS="opensend.example.gov.uk")
    assert "ImproperlyConfigured: SECRET_KEY must be set in production" in result.stderr


def test_production_with_both_set_is_locked_down():
    result = _import_production(
        SECRET_KEY="s" * 50, ALLOWED_HOSTS="opensend.example.gov.uk, admin.example.gov.uk", DEBUG="true"
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False  # even when DEBUG=true is in the environment
    assert values["SECRET_KEY"] == "s" * 50
    assert values["ALLOWED_HOSTS"] == ["opensend.example.gov.uk", "admin.example.gov.uk"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_REFERRER_POLICY"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert values["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")


def test_migrations_run_as_the_owner_role_only_when_asked():
    urls = {
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "opensend.example.gov.uk",
        "DATABASE_URL": "postgres://opensend_app@db.example.gov.uk:5432/opensend",
        "MIGRATION_DATABASE_URL": "postgres://opensend_owner@db.example.gov.uk:5432/opensend",
    }
    app = json.loads(_import_production(**urls).stdout)
    owner = json.loads(_import_production(**urls, OPENSEND_MIGRATE_AS_OWNER="1").stdout)
    assert app["DATABASE_USER"] == "opensend_app"
    assert owner["DATABASE_USER"] == "opensend_owner"


@pytest.mark.django_db
def test_a_post_without_a_csrf_token_gets_the_govuk_try_again_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/account/sign-in/", {"email": "someone@example.org", "password": "whatever-it-is"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Sorry, you need to try that again" in page
    assert "govuk-template" in page


@pytest.mark.django_db
def test_pages_send_the_security_headers(client):
    response = client.get("/account/sign-in/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_production_does_not_print_emails_to_the_log_by_default():
    # Password reset links are as good as a password: the console backend would write them to the
    # server's log and never deliver them.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from opensend.config.settings import production as s; print(s.EMAIL_BACKEND)",
        ],
        env={
            **{k: v for k, v in os.environ.items() if k != "EMAIL_BACKEND"},
            "PYTHONPATH": str(SRC),
            "SECRET_KEY": "s" * 50,
            "ALLOWED_HOSTS": "opensend.example.gov.uk",
            "DATABASE_URL": "postgres://opensend@db.example.gov.uk:5432/opensend",
            "SITE_URL": "https://opensend.example.gov.uk",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode == 0:
        assert "console" not in result.stdout
        assert "locmem" not in result.stdout
    else:
        assert "EMAIL_BACKEND" in result.stderr


def test_production_refuses_to_fall_back_to_the_local_sqlite_file():
    result = _import_production(SECRET_KEY="s" * 50, ALLOWED_HOSTS="opensend.example.gov.uk", DATABASE_URL="")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set in production" in result.stderr
