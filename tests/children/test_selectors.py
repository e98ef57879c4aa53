"""A child's deadline inputs: the children side asks the rule book for the facts, checks who may see
the child, and audits the read (the rule book imports no domain app)."""

import datetime as dt
from typing import cast

import pytest
from django.http import Http404

from opensend.access.models import AuditEvent
from opensend.access.principal import principal_for_user
from opensend.accounts.models import Organisation
from opensend.accounts.roles import Role
from opensend.children.selectors import deadline_inputs
from opensend.rulebook.engine import due_date
from opensend.rulebook.exceptions import ExceptionFact, ExceptionKind
from opensend.rulebook.models import ClosurePeriod
from opensend.rulebook.models import ExceptionFact as ExceptionFactRow
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date


def member(organisation: Organisation, role: Role):
    return factories.MembershipFactory(organisation=organisation, role=role).user


def test_deadline_inputs_gather_a_childs_facts_and_setting_closures_for_the_engine() -> None:
    setting = cast(Organisation, factories.SettingFactory())
    child = factories.ChildFactory(responsible_la=setting.local_authority, current_setting=setting)
    caseworker = member(cast(Organisation, setting.local_authority), Role.LA_CASEWORKER)
    ClosurePeriod.objects.create(
        organisation=cast(Organisation, setting.local_authority),
        starts_on=D(2025, 7, 23),
        ends_on=D(2025, 9, 2),
    )
    ExceptionFactRow.objects.create(
        child=child, kind=ExceptionKind.SCHOOL_CLOSURE, starts_on=D(2025, 7, 18), recorded_by=caseworker
    )
    ExceptionFactRow.objects.create(
        child=child,
        kind=ExceptionKind.ABSENT_FROM_AREA,
        starts_on=D(2025, 3, 1),
        ends_on=D(2025, 3, 10),
        note="Family visit",
        recorded_by=caseworker,
    )
    inputs = deadline_inputs(principal_for_user(caseworker), child)
    assert inputs.exceptions == (
        ExceptionFact(ExceptionKind.ABSENT_FROM_AREA, D(2025, 3, 1), D(2025, 3, 10), "Family visit"),
        ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 7, 18)),
    )
    result = due_date("A8", D(2025, 4, 1), exceptions=inputs.exceptions, closures=inputs.closures)
    assert [f.applies for f in result.findings] == [False, True]
    assert result.week20 == 1


def test_deadline_inputs_for_a_child_the_principal_cannot_see_is_404() -> None:
    child = factories.ChildFactory()
    stranger = member(factories.LocalAuthorityFactory(), Role.LA_CASEWORKER)
    with pytest.raises(Http404):
        deadline_inputs(principal_for_user(stranger), child)
    with pytest.raises(Http404):
        deadline_inputs(principal_for_user(factories.UserFactory()), child)


def test_reading_a_childs_deadline_inputs_is_audited() -> None:
    child = factories.ChildFactory()
    caseworker = member(cast(Organisation, child.responsible_la), Role.LA_CASEWORKER)
    deadline_inputs(principal_for_user(caseworker), child)
    assert AuditEvent.objects.filter(action="child.exceptions_viewed", child_id=child.pk).count() == 1
