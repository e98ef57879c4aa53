"""Who sees which assessment cases: every role x every relationship to a child, through the policy
and through real HTTP requests (case page, family view, API). The table below is the policy as data."""

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.casework.models import AssessmentRequest
from opensend.casework.policies import case_policy
from tests.access.test_policy_matrix import ALL_ROLES, _world
from tests.conftest import signed_in_client

from .factories import CaseFactory

# Relationships from tests/access/test_policy_matrix.py, plus the SENCo's own request.
VIEW = {
    Role.LA_CASEWORKER: {"own_la"},
    Role.LA_SEND_MANAGER: {"own_la"},
    Role.SENCO: {"requested_at_own_setting"},
    Role.PARENT_CARER: {"parent_with_pr"},
    Role.YOUNG_PERSON: {"own_record"},
}
WORK = {Role.LA_CASEWORKER: {"own_la"}, Role.LA_SEND_MANAGER: {"own_la"}}
FAMILY_VIEW = {Role.PARENT_CARER: {"parent_with_pr"}, Role.YOUNG_PERSON: {"own_record"}}


def _cases(role):
    actor, children = _world(role)
    cases = {name: CaseFactory(child=child) for name, child in children.items()}
    # The SENCo sees a case they requested for a child at their setting, not one someone else did.
    setting_child = children["at_own_setting"]
    cases["at_own_setting"].delete()
    cases["requested_at_own_setting"] = CaseFactory(child=setting_child, requested_by=actor)
    other_child = type(setting_child).objects.create(
        first_name="Other",
        last_name="Pupil",
        date_of_birth=setting_child.date_of_birth,
        sex="M",
        responsible_la=setting_child.responsible_la,
        current_setting=setting_child.current_setting,
    )
    cases["at_own_setting"] = CaseFactory(child=other_child)
    return actor, cases


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_policy_gives_each_role_exactly_the_cases_its_relationships_allow(role):
    actor, cases = _cases(role)
    principal = principal_for_user(actor)
    visible = set(
        case_policy.visible(principal, AssessmentRequest.objects.all()).values_list("pk", flat=True)
    )
    assert visible == {cases[r].pk for r in VIEW.get(role, set())}, role
    for relationship, case in cases.items():
        assert case_policy.can(principal, "view", case) == (relationship in VIEW.get(role, set())), (
            relationship
        )
        for action in ("transition", "allocate", "note", "record_exception"):
            assert case_policy.can(principal, action, case) == (relationship in WORK.get(role, set())), (
                relationship,
                action,
            )
        assert case_policy.can(principal, "view_family", case) == (
            relationship in FAMILY_VIEW.get(role, set())
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_pages_and_api_answer_exactly_as_the_policy_says(role):
    actor, cases = _cases(role)
    client = signed_in_client(actor)
    for relationship, case in cases.items():
        api = client.get(f"/api/v1/casework/{case.pk}").status_code
        assert api == (200 if relationship in VIEW.get(role, set()) else 404), (role, relationship, api)
        page = client.get(f"/casework/cases/{case.pk}/").status_code
        expected = {True: 200, False: 404}[relationship in VIEW.get(role, set())]
        if relationship in FAMILY_VIEW.get(role, set()):
            expected = 302  # to their own view
        assert page == expected, (role, relationship, page)
        family = client.get(f"/casework/your-requests/{case.pk}/").status_code
        assert family == (200 if relationship in FAMILY_VIEW.get(role, set()) else 404), (role, relationship)
    desk = client.get("/casework/").status_code
    assert desk == (200 if role in WORK else 404)
