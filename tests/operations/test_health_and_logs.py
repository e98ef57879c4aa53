"""Health endpoints, structured logs without personal data, error tracking scrubbed, DEBUG off."""

import io
import json
import logging

import pytest

from opensend.operations import health
from opensend.operations.errortracking import scrub
from opensend.operations.logs import JsonFormatter, RequestContextFilter


def test_healthz_answers_without_touching_the_database(client) -> None:
    # No database mark: any query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_the_database_and_task_queue(client, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "task_queue": "ok"}}


@pytest.mark.django_db
def test_readyz_is_503_and_names_the_failing_check(client, monkeypatch) -> None:
    def unreachable() -> None:
        raise ConnectionError("connection refused")

    monkeypatch.setitem(health.CHECKS, "task_queue", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "task_queue": "failing"}


def _capture() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("opensend.test.capture")
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger, stream


def test_log_lines_are_json_with_the_request_id_and_user_id_and_no_personal_data(rf) -> None:
    """A line logged while a request is served carries its id and the user's id, once the request
    has loaded its user; never the user's name or email."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.utils.functional import SimpleLazyObject

    from opensend.accounts.models import User
    from opensend.core.middleware import RequestIdMiddleware

    logger, stream = _capture()
    person = User(pk=41, email="sam.taylor@example.com", full_name="Sam Taylor")

    def view(request):  # type: ignore[no-untyped-def]
        logger.info("before the user is loaded")
        request.user._setup()  # the view uses request.user
        logger.info("after")
        return HttpResponse("ok")

    request = rf.get("/children/?q=Taylor")
    request.user = SimpleLazyObject(lambda: person)
    response = RequestIdMiddleware(view)(request)
    before, after = (json.loads(line) for line in stream.getvalue().splitlines())
    assert before["request_id"] == after["request_id"] == response["X-Request-Id"]
    assert before["user_id"] == "" and after["user_id"] == 41
    assert (
        after["message"] == "after"
        and after["level"] == "INFO"
        and after["logger"] == "opensend.test.capture"
    )
    assert "Taylor" not in stream.getvalue() and "sam.taylor" not in stream.getvalue()

    def anonymous_view(request):  # type: ignore[no-untyped-def]
        logger.info("signed out")
        return HttpResponse("ok")

    anonymous = rf.get("/")
    anonymous.user = AnonymousUser()
    RequestIdMiddleware(anonymous_view)(anonymous)
    assert json.loads(stream.getvalue().splitlines()[-1])["user_id"] == ""


def test_outside_a_request_the_ids_are_empty() -> None:
    logger, stream = _capture()
    logger.warning("no request here")
    entry = json.loads(stream.getvalue())
    assert entry["request_id"] == "" and entry["user_id"] == ""


def test_error_events_keep_no_personal_data() -> None:
    event = {
        "request": {
            "method": "GET",
            "url": "https://send.example.gov.uk/children/?q=Taylor",
            "query_string": "q=Taylor",
            "cookies": {"__Host-sessionid": "abc"},
            "headers": {"Cookie": "abc", "User-Agent": "x"},
            "data": {"first_name": "Sam"},
        },
        "user": {"id": 7, "email": "sam@example.com", "username": "sam"},
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT", "data": {"params": ["Sam"]}}]},
        "extra": {"child": "Sam Taylor"},
        "server_name": "web-1",
    }
    cleaned = scrub(event)
    text = json.dumps(cleaned)
    for secret in ("Taylor", "Sam", "abc", "sam@example.com", "web-1"):
        assert secret not in text
    assert cleaned["request"] == {"method": "GET", "url": "https://send.example.gov.uk/children/"}
    assert cleaned["user"] == {"id": 7}


def test_debug_is_off_by_default(monkeypatch) -> None:
    import importlib

    monkeypatch.delenv("DEBUG", raising=False)
    from opensend.config.settings import base

    assert importlib.reload(base).DEBUG is False


@pytest.mark.django_db
def test_a_missing_page_is_the_govuk_page_not_found(client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "govuk-template" in body
    assert "URLconf" not in body
