"""The Django admin cannot grant access: memberships, tokens, admin flags, email addresses and
security-code devices are read-only there (issue 13 item 1, the probe's first finding)."""

import pytest

from opensend.access.models import AuditEvent
from opensend.accounts.models import ApiToken, Membership
from opensend.accounts.roles import OrganisationKind, Role
from tests.conftest import signed_in_client
from tests.factories import (
    LocalAuthorityFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    confirmed_totp,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    user = UserFactory(is_staff=True, is_superuser=True, full_name="Chris Admin")
    body = OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY)
    MembershipFactory(user=user, organisation=body, role=Role.SYSTEM_ADMIN)
    return user


@pytest.fixture
def admin_client(admin_user):
    return signed_in_client(admin_user)


def _user_form(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-organisation": str(changes.pop("organisation").pk),
        "memberships-0-role": Role.LA_CASEWORKER,
        "memberships-0-valid_from": "2020-01-01",
        "memberships-0-user": str(user.pk),
    }
    data.update(changes)
    return data


def test_an_administrator_cannot_give_themselves_a_caseworker_membership_in_the_admin(
    admin_client, admin_user
):
    council = LocalAuthorityFactory()
    before = set(Membership.objects.values_list("pk", flat=True))
    response = admin_client.post(
        f"/admin/accounts/user/{admin_user.pk}/change/",
        _user_form(admin_user, organisation=council, email="someone.else@example.org"),
    )
    assert response.status_code in (200, 302)
    assert set(Membership.objects.values_list("pk", flat=True)) == before
    admin_user.refresh_from_db()
    assert admin_user.email != "someone.else@example.org"  # read-only: no account takeover by email
    assert admin_client.get("/admin/accounts/membership/add/").status_code == 404
    assert admin_client.get("/admin/accounts/membership/").status_code == 404


def test_the_admin_shows_memberships_read_only(admin_client, admin_user):
    page = admin_client.get(f"/admin/accounts/user/{admin_user.pk}/change/").content.decode()
    assert "System administrator" in page
    assert 'name="memberships-0-role"' not in page
    assert "managers change these on the People pages" in page


def test_admin_flags_cannot_be_set_in_the_admin(admin_client):
    person = UserFactory()
    admin_client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {
            "full_name": person.full_name,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    person.refresh_from_db()
    assert not person.is_staff and not person.is_superuser


def test_api_tokens_cannot_be_added_or_changed_in_the_admin(admin_client):
    from opensend.access.principal import principal_for_user
    from opensend.accounts import services

    council = LocalAuthorityFactory()
    manager = MembershipFactory(organisation=council, role=Role.LA_SEND_MANAGER).user
    token, _ = services.api_token_create(
        by=principal_for_user(manager),
        organisation=council,
        name="System",
        role=Role.LA_CASEWORKER,
        scopes=["children:read"],
        days=30,
    )
    assert admin_client.get("/admin/accounts/apitoken/add/").status_code == 404  # forbidden looks missing
    admin_client.post(
        f"/admin/accounts/apitoken/{token.pk}/change/", {"role": Role.LA_SEND_MANAGER, "scopes": "[]"}
    )
    assert ApiToken.objects.get(pk=token.pk).role == Role.LA_CASEWORKER


def test_security_code_devices_cannot_be_added_or_read_and_removing_one_is_audited(admin_client, admin_user):
    caseworker = MembershipFactory(role=Role.LA_CASEWORKER).user
    device = confirmed_totp(caseworker)
    assert admin_client.get("/admin/otp_totp/totpdevice/add/").status_code == 404
    page = admin_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page
    admin_client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not caseworker.totpdevice_set.exists()
    event = AuditEvent.objects.get(action="user.two_factor_reset")
    assert event.actor_id == admin_user.pk and event.object_id == str(caseworker.pk)
