"""Sign-in hardening (issue 13 item 2): throttles by address and across the service, breached
passwords refused from shipped data, security codes for families, and an absolute session lifetime."""

import datetime as dt
import re
import socket

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from opensend.access.models import AuditEvent
from opensend.accounts import throttle
from opensend.accounts.breached import BloomFilter, is_breached
from opensend.accounts.models import SignInFailure
from tests.conftest import signed_in_client
from tests.factories import PASSWORD, FamilyLinkFactory, UserFactory, confirmed_totp, totp_code

pytestmark = pytest.mark.django_db
SIGN_IN = "/account/sign-in/"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(SIGN_IN, {"email": email, "password": password})


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


# Throttles --------------------------------------------------------------------------------------


def test_many_failures_over_many_accounts_from_one_address_are_slowed_not_locked_out():
    """The probe: 120 failed sign-ins over 30 accounts from one address were never slowed."""
    accounts = UserFactory.create_batch(30)
    office = "203.0.113.7"
    with time_machine.travel(START, tick=False) as clock:
        answers = []
        for attempt in range(120):
            clock.shift(dt.timedelta(milliseconds=200))
            answers.append(
                _sign_in(_from(office), accounts[attempt % 30].email, "wrong-password-here").status_code
            )
        assert answers[:20] == [200] * 20  # each a checked, failed password
        assert answers.count(429) >= 90  # after that, most are refused unchecked
        assert SignInFailure.objects.filter(ip_address=office).count() < 30

        # A colleague in the same office with the right password waits seconds, not half an hour.
        colleague = UserFactory()
        slowed = _sign_in(_from(office), colleague.email)
        assert slowed.status_code == 429
        assert "Too many sign-ins have failed from your network. Wait" in slowed.content.decode()
        clock.shift(dt.timedelta(seconds=61))
        assert _sign_in(_from(office), colleague.email).status_code == 302
        # Another address was never affected.
        assert _sign_in(_from("198.51.100.9"), accounts[0].email).status_code == 302


def test_the_wait_doubles_with_each_failure_over_the_allowance_up_to_the_most(settings):
    settings.SIGN_IN_ADDRESS_FAILURES = 2
    settings.SIGN_IN_MAX_WAIT_SECONDS = 8
    address = "203.0.113.8"
    with time_machine.travel(START, tick=False) as clock:
        waits = []
        for _ in range(6):
            throttle.record_failure(address)
            waits.append(throttle.check(address).wait_seconds)
            clock.shift(dt.timedelta(seconds=waits[-1]))
        assert waits == [0, 1, 2, 4, 8, 8]


def test_attempts_refused_for_waiting_do_not_make_the_wait_longer(settings):
    settings.SIGN_IN_ADDRESS_FAILURES = 1
    user = UserFactory()
    address = "203.0.113.9"
    with time_machine.travel(START, tick=False) as clock:
        _sign_in(_from(address), user.email, "wrong-password-here")  # the one allowed: then 1 second
        for _ in range(5):
            assert _sign_in(_from(address), user.email).status_code == 429
        assert SignInFailure.objects.count() == 1
        clock.shift(dt.timedelta(seconds=1))
        assert _sign_in(_from(address), user.email).status_code == 302


def test_failures_across_the_service_tighten_every_address(settings):
    """Guesses spread over many addresses: each address then gets only a few before waiting."""
    settings.SIGN_IN_GLOBAL_FAILURES = 40
    settings.SIGN_IN_ADDRESS_FAILURES_UNDER_ATTACK = 2
    user = UserFactory()
    with time_machine.travel(START, tick=False):
        for n in range(40):
            throttle.record_failure(f"192.0.2.{n}")
        assert throttle.check("198.51.100.1").under_attack
        fresh = _from("198.51.100.1")
        assert _sign_in(fresh, user.email).status_code == 302  # a first try is never refused
        newcomer = _from("198.51.100.2")
        _sign_in(newcomer, user.email, "wrong-password-here")
        _sign_in(newcomer, user.email, "wrong-password-here")
        assert _sign_in(newcomer, user.email).status_code == 429


def test_failures_outside_the_window_count_for_nothing_and_are_pruned(settings):
    address = "203.0.113.10"
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(30):
            throttle.record_failure(address)
        assert not throttle.check(address).allowed
        clock.shift(dt.timedelta(seconds=settings.SIGN_IN_THROTTLE_WINDOW_SECONDS + 1))
        assert throttle.check(address).allowed
        clock.shift(dt.timedelta(days=1))
        assert throttle.prune() == "30 old sign-in failures deleted"
        assert not SignInFailure.objects.exists()


def test_the_throttle_is_one_query():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        throttle.check("203.0.113.11")
    assert len(queries) == 1


# Breached passwords -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password", ["passwordpassword", "qwertyuiop123", "iloveyou12345", "PASSWORDPASSWORD"]
)
def test_breached_passwords_are_refused(password):
    with pytest.raises(ValidationError, match="appeared in a data breach"):
        validate_password(password)


def test_an_unlisted_password_is_accepted_and_no_network_is_used(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the breached-password check must not use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    validate_password("violet-kettle-harbour-1987")
    assert not is_breached("correct horse battery staple")


def test_the_filter_finds_what_was_added_and_survives_a_round_trip():
    bloom = BloomFilter.sized_for(1000)
    listed = [f"listed-password-{n}" for n in range(1000)]
    for password in listed:
        bloom.add(password)
    again = BloomFilter.from_bytes(bloom.to_bytes())
    assert all(p in again for p in listed)
    assert sum(f"other-password-{n}" in again for n in range(10_000)) < 10
    with pytest.raises(ValueError, match="damaged"):
        BloomFilter.from_bytes(bloom.to_bytes()[:-1])


def test_setting_a_breached_password_by_reset_says_so(user):
    client = Client()
    client.post("/account/password-reset/", {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "passwordpassword", "new_password2": "passwordpassword"},
    )
    assert response.status_code == 200
    assert "appeared in a data breach" in response.content.decode()


# Security codes for families ---------------------------------------------------------------------


def _enrol(client: Client, user) -> None:
    client.get("/account/sign-in/set-up-security-codes/")
    device = user.totpdevice_set.get(confirmed=False)
    assert (
        client.post("/account/sign-in/set-up-security-codes/", {"token": totp_code(device)}).status_code
        == 302
    )


def test_a_parent_is_offered_security_codes_and_once_set_up_is_asked_for_one():
    link = FamilyLinkFactory()
    parent = link.user
    client = signed_in_client(parent)
    page = client.get("/account/").content.decode()
    assert "Security codes are <strong>off</strong>" in page and "Set up security codes" in page
    assert "Your account" in client.get("/").content.decode()
    with time_machine.travel(START, tick=False) as clock:
        _enrol(client, parent)
        assert "Security codes are <strong>on</strong>" in client.get("/account/").content.decode()
        assert AuditEvent.objects.filter(action="user.two_factor_enrolled", actor=parent).exists()

        clock.shift(dt.timedelta(minutes=1))
        later = Client()
        assert _sign_in(later, parent.email).status_code == 302
        blocked = later.get(f"/children/{link.child_id}/")
        assert blocked.status_code == 302 and blocked["Location"] == "/account/sign-in/security-code/"
        device = parent.totpdevice_set.get()
        assert later.post("/account/sign-in/security-code/", {"token": totp_code(device)}).status_code == 302
        assert later.get(f"/children/{link.child_id}/").status_code == 200

        assert later.post("/account/security-codes/turn-off/").status_code == 302
        assert not parent.totpdevice_set.exists()
        assert AuditEvent.objects.filter(action="user.two_factor_removed", actor=parent).exists()
        clock.shift(dt.timedelta(minutes=1))
        again = Client()
        _sign_in(again, parent.email)
        assert again.get(f"/children/{link.child_id}/").status_code == 200


@override_settings(FAMILY_TWO_FACTOR_REQUIRED=True)
def test_when_the_setting_says_so_families_must_use_security_codes():
    link = FamilyLinkFactory()
    client = Client()
    assert _sign_in(client, link.user.email).status_code == 302
    sent = client.get(f"/children/{link.child_id}/")
    assert sent.status_code == 302 and sent["Location"] == "/account/sign-in/security-code/"
    assert client.get(sent["Location"])["Location"] == "/account/sign-in/set-up-security-codes/"
    _enrol(client, link.user)
    assert client.get(f"/children/{link.child_id}/").status_code == 200
    refused = client.post("/account/security-codes/turn-off/")
    assert refused.status_code == 400
    assert "cannot be turned off" in refused.content.decode()
    assert link.user.totpdevice_set.exists()


def test_staff_cannot_turn_security_codes_off():
    from tests.factories import MembershipFactory

    caseworker = MembershipFactory().user
    client = signed_in_client(caseworker)
    assert "cannot be turned off" in client.get("/account/").content.decode()
    assert client.post("/account/security-codes/turn-off/").status_code == 400
    assert caseworker.totpdevice_set.exists()


# The longest session ------------------------------------------------------------------------------


def test_a_session_ends_after_twelve_hours_however_active(settings):
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    link = FamilyLinkFactory()
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(link.user)
        for _ in range(35):  # active every 20 minutes: the idle timeout never ends it
            clock.shift(dt.timedelta(minutes=20))
            assert client.get(f"/children/{link.child_id}/").status_code == 200
        clock.shift(dt.timedelta(minutes=20, seconds=1))  # 12 hours and a second after signing in
        ended = client.get(f"/children/{link.child_id}/")
        assert ended.status_code == 302 and ended["Location"].startswith("/account/sign-in/")
        page = client.get(ended["Location"]).content.decode()
        assert "signed out because you were signed in for 12 hours" in page
        assert AuditEvent.objects.filter(action="user.session_limit_reached", actor=link.user).exists()
        assert client.get(f"/children/{link.child_id}/").status_code == 302


def test_the_longest_session_is_a_setting_and_applies_to_staff(settings):
    from tests.factories import MembershipFactory

    settings.SESSION_ABSOLUTE_SECONDS = 60 * 60
    caseworker = MembershipFactory().user
    confirmed_totp(caseworker)
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(caseworker)
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/children/").status_code == 200
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/children/").status_code == 200
        clock.shift(dt.timedelta(minutes=3))
        assert client.get("/children/").status_code == 302


def test_a_session_without_a_sign_in_time_is_ended():
    from opensend.accounts.signals import SIGNED_IN_AT

    link = FamilyLinkFactory()
    client = signed_in_client(link.user)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get(f"/children/{link.child_id}/").status_code == 302
