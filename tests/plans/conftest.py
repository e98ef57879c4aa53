import datetime as dt

import pytest
import time_machine

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.casework.codes import Status
from opensend.plans.models import CommentKind, PlanSection
from opensend.plans.services import (
    comment_add,
    draft_issue,
    final_issue,
    plan_start,
    review_record_meeting,
    review_schedule,
    section_save,
)
from opensend.synthetic.demo.plans import sample_sections
from tests.casework.factories import CaseFactory
from tests.factories import ChildFactory, FamilyLinkFactory, MembershipFactory, SettingFactory, UserFactory

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def p(user):
    return principal_for_user(user)


@pytest.fixture
def caseworker(db):
    return MembershipFactory(role=Role.LA_CASEWORKER, user=UserFactory(full_name="Casey Worker")).user


@pytest.fixture
def la(caseworker):
    return caseworker.memberships.first().organisation


@pytest.fixture
def setting(la):
    return SettingFactory(local_authority=la, urn="123456", name="Oak School")


@pytest.fixture
def child(la, setting):
    return ChildFactory(
        responsible_la=la, current_setting=setting, first_name="Amira", date_of_birth=dt.date(2016, 5, 1)
    )


@pytest.fixture
def parent(child):
    return FamilyLinkFactory(child=child, user=UserFactory(full_name="Pat Khan")).user


@pytest.fixture
def case(child):
    return CaseFactory(child=child, status=Status.DRAFTING, received_on=dt.date(2025, 11, 3))


def fill(plan, by, sections=None):
    for key, content in (sections or sample_sections(TODAY)).items():
        section = PlanSection.objects.get(plan=plan, key=key)
        section_save(
            by=p(by), plan=plan, key=key, content=content, expected_version=section.version, completed=True
        )


@pytest.fixture
def plan(case, caseworker):
    plan = plan_start(by=p(caseworker), case=case)
    fill(plan, caseworker)
    return plan


def at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def in_force(plan, caseworker, parent, setting):
    """The conftest plan, issued as a draft and then as the final (made on TODAY), naming Oak School."""

    draft = draft_issue(by=p(caseworker), plan=plan)
    section = PlanSection.objects.get(plan=plan, key="i")
    section_save(
        by=p(caseworker), plan=plan, key="i", content={"name": "Oak School", "urn": "123456"},
        expected_version=section.version,
    )  # fmt: skip
    comment_add(by=p(parent), version=draft, kind=CommentKind.FINISHED)
    final_issue(by=p(caseworker), plan=plan)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def senco(setting):
    return MembershipFactory(role=Role.SENCO, organisation=setting).user


MEETING = dt.date(2027, 1, 18)


@pytest.fixture
def review(in_force, caseworker, senco):
    return review_schedule(by=p(caseworker), plan=in_force, meeting_on=MEETING)


def _held(review, caseworker, on=MEETING):
    with at(on):
        return review_record_meeting(
            by=p(caseworker), review=review, held_on=on, attendees="Pat Khan (parent), Ms Oak (SENCo)",
            views="Amira likes her class.", recommendations="Add a reading group to section F.",
        )  # fmt: skip
