"""Signing in, two-factor authentication, password reset, sign-out and the admin, through the pages."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.accounts.roles import OrganisationKind, Role
from tests.conftest import signed_in_client
from tests.factories import (
    PASSWORD,
    FamilyLinkFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    confirmed_totp,
    totp_code,
)

pytestmark = pytest.mark.django_db
SIGN_IN = "/account/sign-in/"
SIGN_IN_FAILED = "Enter a correct email address and password. Both may be case-sensitive"


def _sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(SIGN_IN, {"email": email, "password": password})


def test_unknown_email_and_wrong_password_get_the_same_message(user):
    unknown = _sign_in(Client(), "nobody@example.org")
    wrong = _sign_in(Client(), user.email, "not-the-password-at-all")
    assert unknown.status_code == wrong.status_code == 200
    assert SIGN_IN_FAILED in unknown.content.decode()
    assert SIGN_IN_FAILED in wrong.content.decode()


def test_email_is_not_case_sensitive(user):
    assert _sign_in(Client(), user.email.upper()).status_code == 302


def test_five_failures_lock_the_email_out_even_with_the_right_password(user):
    client = Client()
    for _ in range(4):
        assert SIGN_IN_FAILED in _sign_in(client, user.email, "wrong-password-here").content.decode()
    _sign_in(client, user.email, "wrong-password-here")
    browser = Client()
    locked = _sign_in(browser, user.email)
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in browser.session


def test_five_failures_lock_out_an_unknown_email_the_same_way():
    client = Client()
    for _ in range(5):
        _sign_in(client, "nobody@example.org", "wrong-password-here")
    locked = _sign_in(client, "nobody@example.org", "wrong-password-here")
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()


def test_lockout_of_one_email_does_not_lock_out_another(user):
    client = Client()
    for _ in range(5):
        _sign_in(client, "nobody@example.org", "wrong-password-here")
    assert _sign_in(client, user.email).status_code == 302


@pytest.fixture
def caseworker():
    return MembershipFactory(role=Role.LA_CASEWORKER)


def test_staff_are_sent_to_the_security_code_step_and_cannot_reach_children_before_it(caseworker):
    confirmed_totp(caseworker.user)
    client = Client()
    assert _sign_in(client, caseworker.user.email).status_code == 302
    blocked = client.get("/children/")
    assert blocked.status_code == 302
    assert blocked.headers["Location"] == "/account/sign-in/security-code/"
    assert client.get("/account/sign-in/security-code/").status_code == 200

    with time_machine.travel(dt.datetime(2025, 6, 2, 9, 0, 5, tzinfo=dt.UTC), tick=False) as traveller:
        wrong = client.post("/account/sign-in/security-code/", {"token": "000000"})
        assert "That security code did not work" in wrong.content.decode()
        assert client.get("/children/").status_code == 302

        traveller.shift(dt.timedelta(seconds=5))  # django-otp slows retries after a wrong code
        device = TOTPDevice.objects.get(user=caseworker.user)
        assert client.post("/account/sign-in/security-code/", {"token": totp_code(device)}).status_code == 302
        assert client.get("/children/").status_code == 200


def test_staff_without_a_device_are_sent_to_enrol(caseworker):
    client = Client()
    _sign_in(client, caseworker.user.email)
    response = client.get("/account/sign-in/security-code/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/sign-in/set-up-security-codes/"


def test_enrolment_shows_a_qr_code_and_key_and_a_right_code_confirms_it(caseworker):
    client = Client()
    _sign_in(client, caseworker.user.email)
    page = client.get("/account/sign-in/set-up-security-codes/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text
    key = re.search(r'<span class="app-code">([A-Z2-7 ]+)</span>', text)
    assert key and len(key.group(1).replace(" ", "")) >= 16
    device = TOTPDevice.objects.get(user=caseworker.user, confirmed=False)
    # The page is stable across reloads: the same device, the same key.
    assert key.group(1) in client.get("/account/sign-in/set-up-security-codes/").content.decode()

    with time_machine.travel(dt.datetime(2025, 6, 2, 9, 0, 5, tzinfo=dt.UTC), tick=False) as traveller:
        wrong = client.post("/account/sign-in/set-up-security-codes/", {"token": "000000"})
        assert wrong.status_code == 200
        assert "That security code did not work" in wrong.content.decode()
        device.refresh_from_db()
        assert device.confirmed is False

        traveller.shift(dt.timedelta(seconds=5))
        device.refresh_from_db()
        right = client.post("/account/sign-in/set-up-security-codes/", {"token": totp_code(device)})
        assert right.status_code == 302
        device.refresh_from_db()
        assert device.confirmed is True
        assert client.get("/children/").status_code == 200


def test_enrolment_code_that_is_not_six_numbers_says_so(caseworker):
    client = Client()
    _sign_in(client, caseworker.user.email)
    response = client.post("/account/sign-in/set-up-security-codes/", {"token": "12ab"})
    assert "The security code must be 6 numbers" in response.content.decode()


def test_family_users_are_not_forced_to_use_security_codes():
    link = FamilyLinkFactory()
    client = Client()
    assert _sign_in(client, link.user.email).status_code == 302
    assert client.get("/children/").status_code == 200
    assert client.get(f"/children/{link.child_id}/").status_code == 200


def test_password_reset_sends_a_working_link(user):
    client = Client()
    response = client.post("/account/password-reset/", {"email": user.email})
    assert response.status_code == 302
    assert "Check your email" in client.get(response.headers["Location"]).content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    link = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "a-brand-new-password-99"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert done.headers["Location"] == "/account/password-reset/complete/"
    assert _sign_in(Client(), user.email, new_password).status_code == 302
    assert SIGN_IN_FAILED in _sign_in(Client(), user.email, PASSWORD).content.decode()


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(user):
    known = Client().post("/account/password-reset/", {"email": user.email}, follow=True)
    mail.outbox.clear()
    unknown = Client().post("/account/password-reset/", {"email": "nobody@example.org"}, follow=True)
    assert unknown.redirect_chain == known.redirect_chain
    assert "Check your email" in unknown.content.decode()
    assert mail.outbox == []


def test_sign_out_is_post_only_and_ends_the_session(caseworker):
    client = signed_in_client(caseworker.user)
    assert client.get("/account/sign-out/").status_code == 405
    assert client.get("/children/").status_code == 200
    response = client.post("/account/sign-out/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/signed-out/"
    after = client.get("/children/")
    assert after.status_code == 302
    assert after.headers["Location"].startswith("/account/sign-in/")


def test_sessions_expire_after_thirty_idle_minutes_and_each_request_extends_them():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_an_idle_session_expires_but_an_active_one_does_not(caseworker):
    start = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        active = signed_in_client(caseworker.user)
        traveller.shift(dt.timedelta(minutes=1))  # a security code is accepted once only
        idle = signed_in_client(caseworker.user)
        traveller.shift(dt.timedelta(minutes=20))
        assert active.get("/children/").status_code == 200
        traveller.shift(dt.timedelta(minutes=20))
        assert active.get("/children/").status_code == 200
        expired = idle.get("/children/")
        assert expired.status_code == 302
        assert expired.headers["Location"].startswith("/account/sign-in/")


def test_admin_is_closed_to_a_verified_caseworker(caseworker):
    client = signed_in_client(caseworker.user)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 404
    assert client.get("/admin/accounts/user/").status_code in (302, 404)
    assert client.get("/admin/accounts/user/", follow=True).status_code == 404


def test_admin_is_closed_to_a_staff_flag_without_a_system_admin_membership():
    user = UserFactory(is_staff=True)
    MembershipFactory(user=user, role=Role.LA_SEND_MANAGER)
    assert signed_in_client(user).get("/admin/", follow=True).status_code == 404


def test_admin_is_closed_to_a_system_admin_who_has_not_passed_two_factor():
    admin_user = UserFactory(is_staff=True)
    MembershipFactory(
        user=admin_user,
        role=Role.SYSTEM_ADMIN,
        organisation=OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY),
    )
    client = signed_in_client(admin_user, verify=False)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/sign-in/security-code/"


def test_admin_works_for_a_verified_system_admin_with_the_staff_flag():
    admin_user = UserFactory(is_staff=True)
    MembershipFactory(
        user=admin_user,
        role=Role.SYSTEM_ADMIN,
        organisation=OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY),
    )
    client = signed_in_client(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "OpenSEND administration" in response.content.decode()


def test_argon2_is_the_production_password_hasher():
    from opensend.config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    import argon2  # noqa: F401  (the hasher needs argon2-cffi installed)


def test_lockout_counts_an_email_typed_in_different_capitals_as_the_same_email(user):
    # The page signs in case-insensitively, so the lockout must count failures the same way;
    # otherwise each capitalisation of an address gets 5 more guesses.
    client = Client()
    for variant in (
        user.email.upper(),
        user.email.title(),
        user.email,
        user.email.swapcase(),
        f" {user.email} ",
    ):
        _sign_in(client, variant, "wrong-password-here")
    browser = Client()
    locked = _sign_in(browser, user.email.capitalize())
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in browser.session


def test_sign_in_ignores_a_next_address_on_another_site(user):
    client = Client()
    response = client.post(
        f"{SIGN_IN}?next=https://evil.example/",
        {
            "email": user.email,
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_sign_in_returns_to_a_next_address_on_this_site():
    link = FamilyLinkFactory()
    response = Client().post(
        SIGN_IN,
        {
            "email": link.user.email,
            "password": PASSWORD,
            "next": f"/children/{link.child_id}/",
        },
    )
    assert response.headers["Location"] == f"/children/{link.child_id}/"


def test_a_password_reset_ends_sessions_signed_in_with_the_old_password():
    link = FamilyLinkFactory()
    elsewhere = signed_in_client(link.user)
    assert elsewhere.get("/children/").status_code == 200
    client = Client()
    client.post("/account/password-reset/", {"email": link.user.email})
    path = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    new_password = "a-brand-new-password-99"
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert elsewhere.get("/children/").status_code == 302


def test_a_used_password_reset_link_does_not_work_twice(user):
    client = Client()
    client.post("/account/password-reset/", {"email": user.email})
    path = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    new_password = "a-brand-new-password-99"
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    again = Client().get(path, follow=True)
    assert 'name="new_password1"' not in again.content.decode()
