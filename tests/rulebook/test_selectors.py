import datetime as dt
from typing import Any, cast

import pytest
from django.db import IntegrityError

from opensend.accounts.models import Organisation, User
from opensend.accounts.roles import Role
from opensend.children.models import Child
from opensend.rulebook.exceptions import Closure, ExceptionKind
from opensend.rulebook.models import ClosurePeriod
from opensend.rulebook.models import ExceptionFact as ExceptionFactRow
from opensend.rulebook.selectors import closures_for
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date


# factory_boy's factories are typed as returning themselves; these say what they really make.
def make_setting() -> Organisation:
    return cast(Organisation, factories.SettingFactory())


def make_la() -> Organisation:
    return cast(Organisation, factories.LocalAuthorityFactory())


def make_child(**kwargs: Any) -> Child:
    return cast(Child, factories.ChildFactory(**kwargs))


def make_user() -> User:
    return cast(User, factories.UserFactory())


def member(organisation: Organisation, role: Role) -> User:
    return cast(User, factories.MembershipFactory(organisation=organisation, role=role).user)


def test_a_setting_with_no_closures_of_its_own_uses_its_local_authoritys() -> None:
    setting = make_setting()
    ClosurePeriod.objects.create(
        organisation=cast(Organisation, setting.local_authority),
        starts_on=D(2025, 7, 23),
        ends_on=D(2025, 9, 2),
    )
    assert closures_for(setting) == (Closure(D(2025, 7, 23), D(2025, 9, 2)),)


def test_a_settings_own_closures_replace_the_local_authority_defaults() -> None:
    setting = make_setting()
    ClosurePeriod.objects.create(
        organisation=cast(Organisation, setting.local_authority),
        starts_on=D(2025, 7, 23),
        ends_on=D(2025, 9, 2),
    )
    ClosurePeriod.objects.create(
        organisation=setting, starts_on=D(2025, 7, 18), ends_on=D(2025, 9, 3), description="Summer"
    )
    assert closures_for(setting) == (Closure(D(2025, 7, 18), D(2025, 9, 3), "Summer"),)


def test_no_setting_means_no_closures() -> None:
    assert closures_for(None) == ()


def test_a_closure_cannot_end_before_it_starts() -> None:
    with pytest.raises(IntegrityError):
        ClosurePeriod.objects.create(organisation=make_la(), starts_on=D(2025, 9, 2), ends_on=D(2025, 9, 1))


def test_an_exception_fact_outlives_the_account_that_recorded_it() -> None:
    user = make_user()
    fact = ExceptionFactRow.objects.create(
        child=make_child(),
        kind=ExceptionKind.EXCEPTIONAL_PERSONAL,
        starts_on=D(2025, 1, 1),
        recorded_by=user,
    )
    user.delete()
    fact.refresh_from_db()
    assert fact.recorded_by is None
    assert fact.as_fact().kind is ExceptionKind.EXCEPTIONAL_PERSONAL
