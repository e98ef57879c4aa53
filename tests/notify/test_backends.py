"""The backends, with the network replaced at its edge: requests' Session.request."""

import json
import uuid

import jwt
import pytest
import requests
from django.core import mail

from opensend.notify.backends import GovukNotifyBackend, OutgoingEmail, SendError, get_backend
from opensend.notify.models import Status
from opensend.notify.services import notify
from tests.factories import UserFactory

SERVICE_ID = str(uuid.UUID(int=1))
SECRET = str(uuid.UUID(int=2))
API_KEY = f"opensend_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"

EMAIL = OutgoingEmail(
    reference="4b8a3c0e-0000-4000-8000-000000000001",
    kind="message.received",
    to="parent@example.org",
    subject="New message from Sam Patel about Amara Okafor",
    body="Sam Patel has sent you a message about Amara Okafor.",
    link="https://opensend.example/casework/12/",
    preferences_link="https://opensend.example/notifications/preferences/",
)


class FakeNotifyHttp:
    """Stands in for the network: records each request and answers like the Notify API.

    Set as a class attribute of requests.Session, an instance is not bound, so it gets no session.
    """

    def __init__(self, status: int = 201, body: dict | None = None) -> None:
        self.status = status
        self.body = body if body is not None else {"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}
        self.requests: list[dict] = []

    def __call__(self, method, url, **kwargs):
        self.requests.append({"method": method, "url": url, **kwargs})
        response = requests.Response()
        response.status_code = self.status
        response._content = json.dumps(self.body).encode()
        response.headers["Content-Type"] = "application/json"
        response.url = url
        return response


@pytest.fixture
def notify_settings(settings):
    settings.NOTIFY_BACKEND = "govuk_notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_IDS = {"default": TEMPLATE_ID}
    return settings


@pytest.fixture
def fake_http(monkeypatch):
    fake = FakeNotifyHttp()
    monkeypatch.setattr(requests.Session, "request", fake)
    return fake


def test_notify_backend_posts_the_email_with_personalisation_and_reference(notify_settings, fake_http):
    reference = get_backend().send(EMAIL)

    assert reference == "740e5834-3a29-46b4-9a6f-16142fde533a"
    [sent] = fake_http.requests
    assert sent["method"] == "POST"
    assert sent["url"] == "https://api.notifications.service.gov.uk/v2/notifications/email"
    assert json.loads(sent["data"]) == {
        "email_address": "parent@example.org",
        "template_id": TEMPLATE_ID,
        "personalisation": {
            "subject": "New message from Sam Patel about Amara Okafor",
            "body": "Sam Patel has sent you a message about Amara Okafor.",
            "link": "https://opensend.example/casework/12/",
        },
        "reference": "4b8a3c0e-0000-4000-8000-000000000001",
    }
    token = sent["headers"]["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    assert claims["iss"] == SERVICE_ID


def test_a_kind_can_have_its_own_notify_template(notify_settings, fake_http):
    notify_settings.NOTIFY_TEMPLATE_IDS = {"default": TEMPLATE_ID, "message.received": "own-template"}
    get_backend().send(EMAIL)
    assert json.loads(fake_http.requests[0]["data"])["template_id"] == "own-template"


@pytest.mark.django_db
def test_notify_end_to_end_records_notify_id(notify_settings, fake_http, django_capture_on_commit_callbacks):
    user = UserFactory(email="carer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        n = notify(
            to=user,
            kind="message.received",
            context={"child_name": "Amara", "sender_name": "Sam"},
            link="/casework/1/",
        )
    n.refresh_from_db()
    assert (n.status, n.provider_reference) == (Status.SENT, "740e5834-3a29-46b4-9a6f-16142fde533a")
    payload = json.loads(fake_http.requests[0]["data"])
    assert payload["reference"] == str(n.reference)
    assert payload["email_address"] == "carer@example.org"
    assert mail.outbox == [], "Notify, not Django's mail, carried it"


@pytest.mark.parametrize(("status", "permanent"), [(400, True), (403, True), (429, False), (500, False)])
def test_notify_errors_say_whether_to_retry(notify_settings, monkeypatch, status, permanent):
    fake = FakeNotifyHttp(
        status, {"errors": [{"error": "Error", "message": "Something"}], "status_code": status}
    )
    monkeypatch.setattr(requests.Session, "request", fake)
    with pytest.raises(SendError) as error:
        get_backend().send(EMAIL)
    assert error.value.permanent is permanent
    assert f"GOV.UK Notify {status}" in str(error.value)


def test_notify_without_a_key_or_template_fails_permanently(settings, fake_http):
    settings.NOTIFY_BACKEND = "govuk_notify"
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_TEMPLATE_IDS = {"default": TEMPLATE_ID}
    with pytest.raises(SendError, match="NOTIFY_API_KEY") as error:
        get_backend().send(EMAIL)
    assert error.value.permanent
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_IDS = {}
    with pytest.raises(SendError, match="NOTIFY_TEMPLATE_IDS"):
        GovukNotifyBackend().send(EMAIL)
    assert fake_http.requests == []


def test_console_backend_writes_the_whole_email(settings, capsys):
    settings.NOTIFY_BACKEND = "console"
    get_backend().send(EMAIL)
    out = capsys.readouterr().out
    assert "Subject: New message from Sam Patel about Amara Okafor" in out
    assert "https://opensend.example/casework/12/" in out


def test_file_backend_writes_to_email_file_path(settings, tmp_path):
    settings.NOTIFY_BACKEND = "file"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    get_backend().send(EMAIL)
    [written] = list(tmp_path.iterdir())
    assert "To: parent@example.org" in written.read_text()


def test_the_default_backend_is_djangos_email_backend(settings):
    settings.NOTIFY_BACKEND = ""
    get_backend().send(EMAIL)
    assert mail.outbox[0].subject == EMAIL.subject


def test_system_checks_catch_a_half_configured_notify(settings):
    from opensend.notify.checks import notify_settings

    settings.NOTIFY_BACKEND = "govuk_notify"
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_TEMPLATE_IDS = {}
    assert {e.id for e in notify_settings()} == {"notify.E002", "notify.E003"}
    settings.NOTIFY_BACKEND = "no.such.Backend"
    assert {e.id for e in notify_settings()} == {"notify.E001"}
    settings.NOTIFY_BACKEND = "email"
    assert notify_settings() == []
