import datetime as dt

import pytest
import time_machine

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from tests.factories import ChildFactory, FamilyLinkFactory, MembershipFactory, SettingFactory, UserFactory

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def caseworker(db):
    return MembershipFactory(role=Role.LA_CASEWORKER, user=UserFactory(full_name="Casey Worker"))


@pytest.fixture
def la(caseworker):
    return caseworker.organisation


@pytest.fixture
def manager(la):
    return MembershipFactory(
        role=Role.LA_SEND_MANAGER, organisation=la, user=UserFactory(full_name="Mo Manager")
    )


@pytest.fixture
def setting(la):
    return SettingFactory(local_authority=la)


@pytest.fixture
def senco(setting):
    return MembershipFactory(role=Role.SENCO, organisation=setting, user=UserFactory(full_name="Sena Coe"))


@pytest.fixture
def child(la, setting):
    return ChildFactory(
        responsible_la=la,
        current_setting=setting,
        first_name="Amira",
        last_name="Khan",
        date_of_birth=dt.date(2016, 5, 1),
    )


@pytest.fixture
def parent(child):
    return FamilyLinkFactory(child=child, user=UserFactory(full_name="Pat Khan")).user


def p(user):
    return principal_for_user(user)
