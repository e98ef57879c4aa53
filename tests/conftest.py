import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory, confirmed_totp, totp_code


def signed_in_client(user, *, verify: bool = True) -> Client:
    """A browser session that signed in through the real pages, with TOTP where the user needs it."""
    client = Client()
    response = client.post("/account/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    if (verify and response.headers.get("Location", "").endswith("/security-code/")) or (
        verify and client.get("/").status_code == 302
    ):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or confirmed_totp(user)
        r = client.post("/account/sign-in/security-code/", {"token": totp_code(device)})
        assert r.status_code == 302, r.content[:500]
    return client


@pytest.fixture(autouse=True)
def _no_notice_pdf_by_default(monkeypatch):
    """WeasyPrint takes about a second a letter: tests that want a notice's real PDF ask for it
    (`real_notice_pdf`). The stand-in is still a PDF, made from nothing but the stored HTML."""
    monkeypatch.setattr("opensend.notices.letters.render_pdf", lambda html: b"%PDF-1.7 test\n%%EOF")


@pytest.fixture
def real_notice_pdf(monkeypatch):
    from opensend.core.letters import render_pdf

    monkeypatch.setattr("opensend.notices.letters.render_pdf", render_pdf)


@pytest.fixture
def user(db):
    return UserFactory()
