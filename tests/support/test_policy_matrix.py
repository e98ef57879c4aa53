"""Who sees what in SEN support: every role x every relationship to a child, for register entries,
concerns and support plans, through the policies and through real pages and the API.

Built on the child policy matrix's worlds (tests/access/test_policy_matrix.py): each child gets a
register entry, a concern and a plan at the setting they attend, or, if none, at another LA's school.
"""

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.support.models import Concern, RegisterEntry, SupportPlan
from opensend.support.policies import concern_policy, plan_policy, register_policy
from tests.access.test_policy_matrix import ALL_ROLES, _world
from tests.conftest import signed_in_client
from tests.factories import SettingFactory

from .factories import PlanOutcomeFactory, RegisterEntryFactory, SupportPlanFactory

STAFF_VIEW = {"own_la", "at_own_setting"}
# The policy as data.
REGISTER_VIEW = {
    Role.LA_CASEWORKER: STAFF_VIEW,
    Role.LA_SEND_MANAGER: STAFF_VIEW,
    Role.SENCO: {"at_own_setting"},
}
PLAN_VIEW = REGISTER_VIEW | {Role.PARENT_CARER: {"parent_with_pr"}, Role.YOUNG_PERSON: {"own_record"}}
EDIT = {Role.SENCO: {"at_own_setting"}}
LA_VIEW_ROLES = {Role.LA_CASEWORKER, Role.LA_SEND_MANAGER}


def _support_world(role):
    actor, children = _world(role)
    elsewhere = SettingFactory()  # a school in a third LA
    records = {}
    for relationship, child in children.items():
        setting = child.current_setting or elsewhere
        entry = RegisterEntryFactory(child=child, setting=setting)
        concern = Concern.objects.create(
            child=child,
            setting=setting,
            kind="other",
            observed_on="2025-09-01",
            areas=["semh"],
            summary="x",
            raised_by="y",
        )
        plan = SupportPlanFactory(child=child, setting=setting, register_entry=entry)
        PlanOutcomeFactory(plan=plan)
        records[relationship] = (entry, concern, plan)
    return actor, records


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_policies_give_each_role_exactly_the_records_its_relationships_allow(role):
    actor, records = _support_world(role)
    principal = principal_for_user(actor)
    for policy, model, index, expected in (
        (register_policy, RegisterEntry, 0, REGISTER_VIEW.get(role, set())),
        (concern_policy, Concern, 1, REGISTER_VIEW.get(role, set())),
        (plan_policy, SupportPlan, 2, PLAN_VIEW.get(role, set())),
    ):
        visible = set(policy.visible(principal, model.objects.all()).values_list("pk", flat=True))
        assert visible == {records[r][index].pk for r in expected}, (policy.resource, role.value)
        for relationship, objs in records.items():
            obj = objs[index]
            assert policy.can(principal, "view", obj) == (relationship in expected), (
                policy.resource,
                relationship,
            )
            write = "escalate" if policy is concern_policy else "edit"
            assert policy.can(principal, write, obj) == (relationship in EDIT.get(role, set())), (
                policy.resource,
                relationship,
            )
    assert register_policy.can(principal, "la_view") == (role in LA_VIEW_ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_pages_and_api_answer_exactly_as_the_policy_says(role):
    actor, records = _support_world(role)
    client = signed_in_client(actor)
    checks = {
        "plan page": ("/support/plans/{}/", PLAN_VIEW.get(role, set())),
        "plan api": ("/api/v1/support/plans/{}", PLAN_VIEW.get(role, set())),
        "outcome form": ("/support/plans/{}/outcomes/add/", EDIT.get(role, set())),
        "review form": ("/support/plans/{}/reviews/new/", EDIT.get(role, set())),
    }
    for resource, (pattern, allowed) in checks.items():
        for relationship, (_, _, plan) in records.items():
            status = client.get(pattern.format(plan.pk)).status_code
            assert status == (200 if relationship in allowed else 404), (
                f"{role.value} {resource} {relationship}"
            )
    for relationship, (entry, concern, _plan) in records.items():
        status = client.get(f"/support/register/{entry.pk}/end/").status_code
        assert status == (200 if relationship in EDIT.get(role, set()) else 404), relationship
        status = client.get(f"/support/concerns/{concern.pk}/escalate/").status_code
        assert status == (200 if relationship in EDIT.get(role, set()) else 404), relationship
    la_page = client.get("/support/area/")
    assert la_page.status_code == (200 if role in LA_VIEW_ROLES else 404)
    if role in LA_VIEW_ROLES:
        rows = client.get("/api/v1/support/area?per_page=100&provision=").json()["results"]
        assert {r["id"] for r in rows} == {records[r][0].pk for r in STAFF_VIEW}
