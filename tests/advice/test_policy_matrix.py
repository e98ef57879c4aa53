"""Who sees and writes which requests for advice, and who is in a case's thread: every role x every
relationship, through the policy and through real HTTP requests (page and API). The tables below are
the policy as data."""

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.models import Membership
from opensend.accounts.roles import Role
from opensend.advice.models import AdviceRequest
from opensend.advice.policies import advice_policy
from opensend.casework.codes import Status
from tests.access.test_policy_matrix import ALL_ROLES, _world
from tests.casework.factories import CaseFactory
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, OrganisationFactory

ADVISERS = {
    Role.LA_CASEWORKER,
    Role.LA_SEND_MANAGER,
    Role.SENCO,
    Role.HEALTH_PROFESSIONAL,
    Role.SOCIAL_CARE_PROFESSIONAL,
}
ADDRESSED = {"addressed_to_me", "addressed_to_my_organisation"}
FAMILY = {Role.PARENT_CARER: {"parent_with_pr"}, Role.YOUNG_PERSON: {"own_record"}}
LA = {Role.LA_CASEWORKER: {"own_la"}, Role.LA_SEND_MANAGER: {"own_la"}}
VIEW = {
    r: LA.get(r, set()) | FAMILY.get(r, set()) | (ADDRESSED if r in ADVISERS else set()) for r in ALL_ROLES
}
WRITE = {r: ADDRESSED if r in ADVISERS else set() for r in ALL_ROLES}
MESSAGE = {r: LA.get(r, set()) | FAMILY.get(r, set()) for r in ALL_ROLES}


def _requests(role):
    actor, children = _world(role)
    membership = Membership.objects.filter(user=actor).select_related("organisation").first()
    own_org = membership.organisation if membership else OrganisationFactory()
    elsewhere = children["other_la"].responsible_la
    children["addressed_to_me"] = ChildFactory(responsible_la=elsewhere)
    children["addressed_to_my_organisation"] = ChildFactory(responsible_la=elsewhere)
    children["addressed_to_a_colleague"] = ChildFactory(responsible_la=elsewhere)
    requests = {}
    for name, child in children.items():
        case = CaseFactory(child=child, status=Status.ASSESSING)
        requests[name] = AdviceRequest.objects.create(
            case=case,
            child=child,
            advice_type="medical",
            adviser=actor if name == "addressed_to_me" else None,
            organisation=own_org if name.startswith("addressed") else OrganisationFactory(),
            question="x",
            requested_on="2026-01-05",
            due_on="2026-02-16",
        )
    # A colleague was named: the rest of the organisation does not see it.
    colleague_request = requests["addressed_to_a_colleague"]
    colleague_request.adviser = _other_user()
    colleague_request.save()
    return actor, requests


def _other_user():
    from tests.factories import UserFactory

    return UserFactory()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_policy_gives_each_role_exactly_the_requests_its_relationships_allow(role):
    actor, requests = _requests(role)
    principal = principal_for_user(actor)
    visible = set(advice_policy.visible(principal, AdviceRequest.objects.all()).values_list("pk", flat=True))
    assert visible == {requests[r].pk for r in VIEW[role]}, role
    for relationship, request in requests.items():
        assert advice_policy.can(principal, "view", request) == (relationship in VIEW[role]), relationship
        assert advice_policy.can(principal, "write", request) == (relationship in WRITE[role]), relationship
        assert advice_policy.can(principal, "message", request.case) == (relationship in MESSAGE[role]), (
            relationship
        )
        assert advice_policy.can(principal, "request", request.case) == (relationship in LA.get(role, set()))
        assert advice_policy.can(principal, "view_family", request.case) == (
            relationship in FAMILY.get(role, set())
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_pages_and_api_answer_exactly_as_the_policy_says(role):
    actor, requests = _requests(role)
    client = signed_in_client(actor)
    for relationship, request in requests.items():
        expected = 200 if relationship in VIEW[role] else 404
        api = client.get(f"/api/v1/advice/requests/{request.pk}").status_code
        assert api == expected, (role, relationship, api)
        page = client.get(f"/advice/requests/{request.pk}/").status_code
        assert page == expected, (role, relationship, page)
        messages = client.get(f"/api/v1/advice/cases/{request.case_id}/messages").status_code
        assert messages == (200 if relationship in MESSAGE[role] else 404), (role, relationship, messages)
