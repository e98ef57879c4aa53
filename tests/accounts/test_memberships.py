"""Privilege changes go through services that audit them, tell the organisation's managers, and
refuse to let anyone give themselves a role (issue 13 item 1)."""

import datetime as dt

import pytest
from django.core import mail

from opensend.access.models import AuditEvent
from opensend.access.principal import principal_for_user
from opensend.accounts import services
from opensend.accounts.models import Membership, User
from opensend.accounts.roles import OrganisationKind, Role
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.notify.models import Notification
from tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return LocalAuthorityFactory(name="Home Borough")


@pytest.fixture
def manager(council):
    return MembershipFactory(organisation=council, role=Role.LA_SEND_MANAGER).user


@pytest.fixture
def other_manager(council):
    return MembershipFactory(organisation=council, role=Role.ORGANISATION_MANAGER).user


@pytest.fixture
def system_admin():
    body = OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY, name="Department for Education")
    return MembershipFactory(organisation=body, role=Role.SYSTEM_ADMIN, user=UserFactory(is_staff=True)).user


def _grant(by: User, organisation, email: str, role=Role.LA_CASEWORKER, **extra):
    return services.membership_grant(
        by=principal_for_user(by),
        organisation=organisation,
        email=email,
        full_name=extra.pop("full_name", "Sam Newstarter"),
        role=role,
        reason=extra.pop("reason", "Joined the SEND team"),
        **extra,
    )


def test_a_manager_gives_a_role_audited_and_told_to_the_other_managers_and_the_person(
    council, manager, other_manager, django_capture_on_commit_callbacks
):
    colleague = UserFactory(full_name="Ali Colleague")
    with django_capture_on_commit_callbacks(execute=True):
        membership = _grant(manager, council, colleague.email)
    assert membership.user == colleague and membership.granted_by == manager
    assert principal_for_user(colleague).has_role(Role.LA_CASEWORKER)
    event = AuditEvent.objects.get(action="membership.granted")
    assert event.actor_id == manager.pk and event.object_id == str(membership.pk)
    assert event.detail["role"] == "la_caseworker" and event.detail["reason"] == "Joined the SEND team"
    told = Notification.objects.filter(kind="access.changed")
    assert [n.recipient_id for n in told] == [other_manager.pk]  # not the manager who did it
    assert "gave Ali Colleague" in told[0].body and "LA caseworker" in told[0].subject
    assert Notification.objects.get(kind="access.role_given").recipient_id == colleague.pk
    assert {m.to[0] for m in mail.outbox} == {other_manager.email, colleague.email}


@pytest.mark.parametrize(
    "role", [Role.LA_CASEWORKER, Role.LA_SEND_MANAGER, Role.ANALYST_LA, Role.PANEL_MEMBER]
)
def test_nobody_can_give_themselves_a_role(council, manager, role):
    with pytest.raises(ApplicationError, match="You cannot give yourself a role"):
        _grant(manager, council, manager.email.upper(), role=role)
    assert Membership.objects.filter(user=manager).count() == 1
    assert not AuditEvent.objects.filter(action="membership.granted").exists()


def test_a_system_administrator_cannot_give_themselves_a_caseworker_role(council, system_admin):
    """The probe: an administrator reading every child's record by joining a council's staff."""
    with pytest.raises(ApplicationError):
        _grant(system_admin, council, system_admin.email)
    assert not principal_for_user(system_admin).has_role(Role.LA_CASEWORKER)


def test_a_system_administrator_gives_managers_only(council, system_admin):
    person = UserFactory()
    with pytest.raises(ApplicationError, match="Choose a role you can give"):
        _grant(system_admin, council, person.email, role=Role.LA_CASEWORKER)
    membership = _grant(system_admin, council, person.email, role=Role.ORGANISATION_MANAGER)
    assert principal_for_user(person).has_role(Role.ORGANISATION_MANAGER)
    # The organisation had no managers: the other system administrators hear of it instead.
    assert not Notification.objects.filter(kind="access.changed", recipient=system_admin).exists()
    assert membership.granted_by == system_admin


def test_the_first_manager_of_an_organisation_is_told_to_the_other_system_administrators(
    council, system_admin
):
    colleague_admin = MembershipFactory(
        organisation=system_admin.memberships.get().organisation, role=Role.SYSTEM_ADMIN
    ).user
    _grant(system_admin, council, UserFactory().email, role=Role.LA_SEND_MANAGER)
    assert list(Notification.objects.filter(kind="access.changed").values_list("recipient", flat=True)) == [
        colleague_admin.pk
    ]


def test_a_manager_cannot_give_roles_elsewhere_or_make_system_administrators(council, manager, system_admin):
    with pytest.raises(NotFound):
        _grant(manager, LocalAuthorityFactory(), UserFactory().email)
    national = system_admin.memberships.get().organisation
    with pytest.raises(NotFound):
        _grant(manager, national, UserFactory().email, role=Role.SYSTEM_ADMIN)


def test_an_organisation_manager_reads_no_child_and_still_cannot_self_grant(council, other_manager):
    from opensend.children.models import Child
    from opensend.children.policies import child_policy

    ChildFactory(responsible_la=council)
    principal = principal_for_user(other_manager)
    assert not child_policy.visible(principal, Child.objects.all()).exists()
    with pytest.raises(ApplicationError, match="yourself"):
        _grant(other_manager, council, other_manager.email, role=Role.LA_CASEWORKER)


def test_a_new_person_gets_an_account_without_a_password_and_can_set_one(council, manager):
    from django.test import Client

    membership = _grant(manager, council, "New.Person@Example.org", full_name="New Person")
    user = membership.user
    assert user.email == "new.person@example.org" and not user.has_usable_password()
    assert AuditEvent.objects.filter(action="user.created", object_id=str(user.pk)).exists()
    welcome = Notification.objects.get(kind="access.role_given")
    assert "Set a password for your new account" in welcome.body
    assert welcome.link.endswith("/account/password-reset/")
    mail.outbox.clear()
    Client().post("/account/password-reset/", {"email": "new.person@example.org"})
    assert [m.to for m in mail.outbox] == [["new.person@example.org"]]


def test_a_new_account_needs_a_name(council, manager):
    with pytest.raises(ApplicationError, match="full name"):
        _grant(manager, council, "nobody-yet@example.org", full_name=" ")


def test_the_same_role_twice_is_refused_but_a_later_period_is_not(council, manager):
    person = UserFactory(full_name="Pat Twice")
    _grant(manager, council, person.email, valid_to=clock.today() + dt.timedelta(days=30))
    with pytest.raises(ApplicationError, match="Pat Twice already has this role"):
        _grant(manager, council, person.email)
    later = _grant(manager, council, person.email, valid_from=clock.today() + dt.timedelta(days=31))
    assert later.valid_from == clock.today() + dt.timedelta(days=31)


def test_ending_a_role_takes_effect_at_once_and_is_told(council, manager, other_manager):
    membership = MembershipFactory(organisation=council, role=Role.LA_CASEWORKER)
    services.membership_end(by=principal_for_user(manager), membership=membership, reason="Left the council")
    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert not principal_for_user(membership.user).has_role(Role.LA_CASEWORKER)
    assert AuditEvent.objects.get(action="membership.ended").detail["reason"] == "Left the council"
    assert Notification.objects.get(kind="access.changed").recipient == other_manager
    with pytest.raises(ApplicationError, match="already been ended"):
        services.membership_end(by=principal_for_user(manager), membership=membership)


def test_a_manager_who_is_removed_is_told_too(council, manager, other_manager):
    membership = other_manager.memberships.get()
    services.membership_end(by=principal_for_user(manager), membership=membership)
    assert Notification.objects.get(kind="access.changed").recipient == other_manager


def test_changing_an_end_date_is_audited_and_not_for_ones_own_role(council, manager, other_manager):
    membership = MembershipFactory(organisation=council, role=Role.LA_CASEWORKER)
    new_end = clock.today() + dt.timedelta(days=90)
    services.membership_change(by=principal_for_user(manager), membership=membership, valid_to=new_end)
    assert Membership.objects.get(pk=membership.pk).valid_to == new_end
    change = AuditEvent.objects.get(action="membership.changed")
    assert change.detail["valid_to"] == {"old": None, "new": new_end.isoformat()}
    own = other_manager.memberships.get()
    with pytest.raises(ApplicationError, match="your own role"):
        services.membership_change(by=principal_for_user(other_manager), membership=own, valid_to=None)


def test_the_system_administrator_flags_follow_the_membership(system_admin):
    national = system_admin.memberships.get().organisation
    person = UserFactory()
    membership = _grant(system_admin, national, person.email, role=Role.SYSTEM_ADMIN)
    person.refresh_from_db()
    assert person.is_staff and person.is_superuser
    services.membership_end(by=principal_for_user(system_admin), membership=membership)
    person.refresh_from_db()
    assert not person.is_staff and not person.is_superuser


def test_a_professional_cannot_be_given_access_by_themselves_and_grants_are_told(council, manager):
    from opensend.children import services as child_services

    health = OrganisationFactory(kind=OrganisationKind.HEALTH_BODY, local_authority=council)
    health_manager = MembershipFactory(organisation=health, role=Role.ORGANISATION_MANAGER).user
    caseworker = MembershipFactory(organisation=council, role=Role.LA_CASEWORKER).user
    MembershipFactory(user=caseworker, organisation=health, role=Role.HEALTH_PROFESSIONAL)
    child = ChildFactory(responsible_la=council)
    kwargs = {
        "child": child,
        "organisation": health,
        "reason": "Medical advice",
        "valid_to": clock.today() + dt.timedelta(days=30),
    }
    with pytest.raises(ApplicationError, match="cannot give yourself access"):
        child_services.involvement_grant(by=principal_for_user(caseworker), user=caseworker, **kwargs)
    doctor = MembershipFactory(organisation=health, role=Role.HEALTH_PROFESSIONAL).user
    grant = child_services.involvement_grant(by=principal_for_user(caseworker), user=doctor, **kwargs)
    told = set(Notification.objects.filter(kind="access.changed").values_list("recipient", flat=True))
    assert told == {health_manager.pk, manager.pk}  # the professional's organisation and the child's council
    assert child.first_name not in Notification.objects.filter(kind="access.changed").first().body
    Notification.objects.all().delete()
    child_services.involvement_revoke(by=principal_for_user(caseworker), grant=grant)
    assert Notification.objects.filter(kind="access.changed").count() == 2


def test_api_tokens_made_and_revoked_are_told_to_the_other_managers(council, manager, other_manager):
    token, _ = services.api_token_create(
        by=principal_for_user(manager),
        organisation=council,
        name="Case system",
        role=Role.LA_CASEWORKER,
        scopes=["children:read"],
        days=30,
    )
    services.api_token_revoke(by=principal_for_user(manager), token=token)
    subjects = list(Notification.objects.filter(kind="access.changed").values_list("subject", flat=True))
    assert len(subjects) == 2 and all("Case system" in s for s in subjects)
    with pytest.raises(ApplicationError, match="cannot act as a system administrator or manager"):
        services.api_token_create(
            by=principal_for_user(manager),
            organisation=council,
            name="Sneaky",
            role=Role.ORGANISATION_MANAGER,
            scopes=["children:read"],
            days=30,
        )


def test_the_first_system_administrator_comes_from_the_command_line(capsys):
    from django.core.management import CommandError, call_command

    OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY, name="Department for Education")
    call_command(
        "create_system_admin",
        "first.admin@example.org",
        name="First Admin",
        organisation="Department for Education",
        reason="New installation",
    )
    user = User.objects.get(email="first.admin@example.org")
    assert user.is_staff and principal_for_user(user).has_role(Role.SYSTEM_ADMIN)
    event = AuditEvent.objects.get(action="membership.granted")
    assert event.actor_label.startswith("Command line (") and event.detail["reason"] == "New installation"
    with pytest.raises(CommandError, match="already a system administrator"):
        call_command(
            "create_system_admin",
            "first.admin@example.org",
            organisation="Department for Education",
            reason="x",
        )
