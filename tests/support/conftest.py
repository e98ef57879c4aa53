import datetime as dt

import pytest
import time_machine

from tests.factories import ChildFactory, FamilyLinkFactory, LocalAuthorityFactory, SettingFactory

from .factories import senco_at


@pytest.fixture(autouse=True)
def clock():
    """Every support test runs on 1 February 2026, so dates in the tests read plainly."""
    with time_machine.travel(dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def world(db):
    """An LA, a school in it with its SENCo, a child at the school and the child's parent."""
    la = LocalAuthorityFactory(name="Northshire")
    school = SettingFactory(name="Oak Tree Primary", local_authority=la)
    senco_user, senco = senco_at(school, full_name="Grace Adeyemi")
    child = ChildFactory(first_name="Amara", last_name="Okafor", responsible_la=la, current_setting=school)
    parent = FamilyLinkFactory(child=child).user
    return type(
        "World",
        (),
        {
            "la": la,
            "school": school,
            "senco_user": senco_user,
            "senco": senco,
            "child": child,
            "parent": parent,
        },
    )
