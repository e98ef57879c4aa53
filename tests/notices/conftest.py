import datetime as dt

import pytest
import time_machine

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.casework.codes import Status
from opensend.plans.models import Plan, PlanVersion
from tests.casework.factories import CaseFactory
from tests.factories import (
    ChildFactory,
    FamilyLinkFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    UserFactory,
)

from .factories import CouncilDetailsFactory

TODAY = dt.date(2026, 3, 2)
REASONS = "Amira's school has shown that her needs can be met with the support it already gives."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def p(user):
    return principal_for_user(user)


@pytest.fixture
def la(db):
    return LocalAuthorityFactory(name="Northshire Council")


@pytest.fixture
def details(la):
    return CouncilDetailsFactory(local_authority=la)


def _staff(la, role, name):
    return MembershipFactory(organisation=la, role=role, user=UserFactory(full_name=name)).user


@pytest.fixture
def caseworker(la):
    return _staff(la, Role.LA_CASEWORKER, "Casey Worker")


@pytest.fixture
def manager(la):
    return _staff(la, Role.LA_SEND_MANAGER, "Mo Manager")


@pytest.fixture
def child(la):
    return ChildFactory(
        responsible_la=la,
        current_setting=SettingFactory(local_authority=la),
        first_name="Amira",
        last_name="Khan",
        date_of_birth=dt.date(2016, 5, 1),
    )


@pytest.fixture
def parent(child):
    return FamilyLinkFactory(child=child, user=UserFactory(full_name="Pat Khan")).user


@pytest.fixture
def case(child, parent):
    return CaseFactory(child=child, status=Status.PANEL_ASSESS, received_on=dt.date(2026, 1, 26))


@pytest.fixture
def plan(child, parent):
    """An EHC plan in force: a draft and the final issued from it, as the plans app stores them."""
    case = CaseFactory(child=child, status=Status.PLAN_ISSUED, received_on=dt.date(2025, 6, 2))
    plan = Plan.objects.create(
        child=child, local_authority=child.responsible_la, case=case, status="final_issued", made_on=TODAY
    )
    draft = PlanVersion.objects.create(
        plan=plan, number=1, kind="draft", schema_id="test", canonical="{}", content_hash="0" * 64,
        issued_on=dt.date(2026, 2, 2), comments_due_on=dt.date(2026, 2, 16),
    )  # fmt: skip
    final = PlanVersion.objects.create(
        plan=plan, number=2, kind="final", schema_id="test", canonical="{}", content_hash="1" * 64,
        issued_on=TODAY, supersedes=draft,
    )  # fmt: skip
    plan.current_version = plan.in_force_version = final
    plan.save()
    return plan


@pytest.fixture
def amended(plan):
    version = PlanVersion.objects.create(
        plan=plan, number=3, kind="amended_final", schema_id="test", canonical="{}", content_hash="2" * 64,
        issued_on=TODAY, supersedes=plan.in_force_version,
    )  # fmt: skip
    return version
