"""Where email goes: Django's mail backends (console, file, SMTP, ...) or GOV.UK Notify.

`NOTIFY_BACKEND` chooses: `email` (the default: Django's mail with `EMAIL_BACKEND`, which is the
console unless set), `console`, `file` (`EMAIL_FILE_PATH`), `govuk_notify`, or the dotted path of
a `Backend` subclass. Settings are read when a message is sent, never at import time.
"""

import dataclasses
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.module_loading import import_string


@dataclasses.dataclass(frozen=True)
class OutgoingEmail:
    reference: str
    kind: str
    to: str
    subject: str
    body: str
    link: str
    preferences_link: str


class SendError(Exception):
    """The provider did not take the message. `permanent` errors are not worth retrying."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Backend:
    def send(self, email: OutgoingEmail) -> str:
        """Send one email; return the provider's reference for it. Raise `SendError` on failure."""
        raise NotImplementedError


class DjangoEmailBackend(Backend):
    """Django's mail. `connection_backend` None means settings.EMAIL_BACKEND."""

    connection_backend: str | None = None

    def send(self, email: OutgoingEmail) -> str:
        from .rendering import render_email_text

        message_id = make_msgid(domain="opensend")
        message = EmailMessage(
            subject=email.subject,
            body=render_email_text(body=email.body, link=email.link, preferences_link=email.preferences_link),
            to=[email.to],
            headers={"Message-ID": message_id, "X-OpenSEND-Reference": email.reference},
            connection=get_connection(self.connection_backend, fail_silently=False),
        )
        try:
            message.send()
        except OSError as error:  # SMTP and socket errors: worth another go later
            raise SendError(f"{type(error).__name__}: {error}") from error
        return message_id


class ConsoleBackend(DjangoEmailBackend):
    connection_backend = "django.core.mail.backends.console.EmailBackend"


class FileBackend(DjangoEmailBackend):
    connection_backend = "django.core.mail.backends.filebased.EmailBackend"


class GovukNotifyBackend(Backend):
    """GOV.UK Notify through notifications-python-client.

    One generic Notify template can carry every kind: it is sent `subject`, `body` and `link` as
    personalisation. `NOTIFY_TEMPLATE_IDS` maps a kind id, or `default`, to a Notify template id.
    """

    def client(self) -> Any:
        from notifications_python_client.notifications import NotificationsAPIClient

        api_key = getattr(settings, "NOTIFY_API_KEY", "")
        if not api_key:
            raise SendError("NOTIFY_API_KEY is not set", permanent=True)
        base_url = getattr(settings, "NOTIFY_BASE_URL", "") or "https://api.notifications.service.gov.uk"
        return NotificationsAPIClient(api_key, base_url=base_url, timeout=20)

    @staticmethod
    def template_id(kind: str) -> str:
        ids: dict[str, str] = getattr(settings, "NOTIFY_TEMPLATE_IDS", {}) or {}
        template_id = ids.get(kind) or ids.get("default")
        if not template_id:
            raise SendError(
                f"No GOV.UK Notify template for {kind!r}: set NOTIFY_TEMPLATE_IDS", permanent=True
            )
        return template_id

    def send(self, email: OutgoingEmail) -> str:
        from notifications_python_client.errors import APIError, HTTPError

        try:
            response = self.client().send_email_notification(
                email_address=email.to,
                template_id=self.template_id(email.kind),
                personalisation={"subject": email.subject, "body": email.body, "link": email.link},
                reference=email.reference,
            )
        except HTTPError as error:
            # 4xx other than rate limiting: the request itself is wrong (address, key, template).
            status = error.status_code
            permanent = isinstance(status, int) and 400 <= status < 500 and status != 429
            raise SendError(f"GOV.UK Notify {status}: {error.message}", permanent=permanent) from error
        except APIError as error:
            raise SendError(f"GOV.UK Notify: {error}") from error
        return str(response.get("id", "")) if isinstance(response, dict) else ""


BACKENDS: dict[str, type[Backend]] = {
    "email": DjangoEmailBackend,
    "console": ConsoleBackend,
    "file": FileBackend,
    "govuk_notify": GovukNotifyBackend,
}


def get_backend() -> Backend:
    name = getattr(settings, "NOTIFY_BACKEND", "") or "email"
    backend_class = BACKENDS.get(name) or import_string(name)
    return backend_class()
