"""Who sees and does what with outreach requests and AP placements: every role x every relationship
to a child, through the policies and through real HTTP requests to pages and the API.

Built on the child policy matrix's worlds (tests/access/test_policy_matrix.py): one child per
relationship. The tables below are the policy written as data.
"""

import pytest
from django.utils import timezone

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.targeted.models import APPlacement, OutreachRequest
from opensend.targeted.policies import outreach_policy, placement_policy
from tests.access.test_policy_matrix import ALL_ROLES, _world
from tests.conftest import signed_in_client
from tests.factories import SettingFactory
from tests.targeted.factories import OutreachRequestFactory, PlacementFactory

LA = {"own_la"}
SETTING = {"at_own_setting"}
# Open (not yet answered) requests: staff only.
OUTREACH_OPEN_VIEW = {Role.LA_CASEWORKER: LA, Role.LA_SEND_MANAGER: LA, Role.SENCO: SETTING}
# Answered requests: staff, and the family read-only.
OUTREACH_ANSWERED_VIEW = OUTREACH_OPEN_VIEW | {
    Role.PARENT_CARER: {"parent_with_pr"},
    Role.YOUNG_PERSON: {"own_record"},
}
PLACEMENT_VIEW = OUTREACH_ANSWERED_VIEW
ASK = {Role.SENCO: SETTING}  # create an outreach request, withdraw it
DECIDE = {Role.LA_CASEWORKER: LA, Role.LA_SEND_MANAGER: LA}  # accept, decline, answer
MANAGE = {Role.LA_CASEWORKER: LA, Role.LA_SEND_MANAGER: LA, Role.SENCO: SETTING}  # refer, start, review, end
TIMES = {Role.LA_CASEWORKER, Role.LA_SEND_MANAGER, Role.ANALYST_LA}  # aggregate answer times only


def _records(children):
    records = {}
    for relationship, child in children.items():
        setting = child.current_setting or SettingFactory()
        records[relationship] = (
            OutreachRequestFactory(child=child, setting=setting, status="requested"),
            OutreachRequestFactory(
                child=child,
                setting=setting,
                service="speech_and_language",
                status="answered",
                answered_at=timezone.now(),
                days_to_answer=3,
            ),
            PlacementFactory(child=child),
        )
    return records


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_policies_give_each_role_exactly_what_its_relationships_allow(role):
    actor, children = _world(role)
    records = _records(children)
    principal = principal_for_user(actor)
    visible_outreach = set(
        outreach_policy.visible(principal, OutreachRequest.objects.all()).values_list("pk", flat=True)
    )
    visible_placements = set(
        placement_policy.visible(principal, APPlacement.objects.all()).values_list("pk", flat=True)
    )
    expected_outreach = {records[r][0].pk for r in OUTREACH_OPEN_VIEW.get(role, set())} | {
        records[r][1].pk for r in OUTREACH_ANSWERED_VIEW.get(role, set())
    }
    assert visible_outreach == expected_outreach
    assert visible_placements == {records[r][2].pk for r in PLACEMENT_VIEW.get(role, set())}
    for relationship, (open_request, answered, placement) in records.items():
        child = children[relationship]
        where = f"{role.value} {relationship}"
        assert outreach_policy.can(principal, "view", open_request) == (
            relationship in OUTREACH_OPEN_VIEW.get(role, set())
        ), where
        assert outreach_policy.can(principal, "view", answered) == (
            relationship in OUTREACH_ANSWERED_VIEW.get(role, set())
        ), where
        assert outreach_policy.can(principal, "create", child) == (relationship in ASK.get(role, set())), (
            where
        )
        assert outreach_policy.can(principal, "withdraw", open_request) == (
            relationship in ASK.get(role, set())
        ), where
        for action in ("decide", "answer"):
            assert outreach_policy.can(principal, action, open_request) == (
                relationship in DECIDE.get(role, set())
            ), where
        assert placement_policy.can(principal, "view", placement) == (
            relationship in PLACEMENT_VIEW.get(role, set())
        ), where
        assert placement_policy.can(principal, "refer", child) == (relationship in MANAGE.get(role, set())), (
            where
        )
        assert placement_policy.can(principal, "manage", placement) == (
            relationship in MANAGE.get(role, set())
        ), where
    assert outreach_policy.can(principal, "view_times") == (role in TIMES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_pages_and_api_answer_exactly_as_the_policies_say(role):
    actor, children = _world(role)
    records = _records(children)
    client = signed_in_client(actor)
    for relationship, (open_request, answered, placement) in records.items():
        child = children[relationship]
        checks = [
            (f"/targeted/outreach/{open_request.pk}/", OUTREACH_OPEN_VIEW),
            (f"/api/v1/targeted/outreach/{open_request.pk}", OUTREACH_OPEN_VIEW),
            (f"/targeted/outreach/{answered.pk}/", OUTREACH_ANSWERED_VIEW),
            (f"/api/v1/targeted/outreach/{answered.pk}", OUTREACH_ANSWERED_VIEW),
            (f"/targeted/alternative-provision/{placement.pk}/", PLACEMENT_VIEW),
            (f"/api/v1/targeted/placements/{placement.pk}", PLACEMENT_VIEW),
            (f"/targeted/children/{child.pk}/", PLACEMENT_VIEW),
            (f"/targeted/outreach/{open_request.pk}/decide/", DECIDE),
            (f"/targeted/outreach/{open_request.pk}/withdraw/", ASK),
            (f"/targeted/children/{child.pk}/outreach/new/", ASK),
            (f"/targeted/children/{child.pk}/alternative-provision/new/", MANAGE),
            (f"/targeted/alternative-provision/{placement.pk}/start/", MANAGE),
        ]
        for url, table in checks:
            status = client.get(url).status_code
            expected = 200 if relationship in table.get(role, set()) else 404
            assert status == expected, f"{role.value} {relationship} {url}: {status}"
    times = client.get("/targeted/outreach/answer-times/").status_code
    assert times == (200 if role in TIMES else 404)
    listing = client.get("/api/v1/targeted/placements?per_page=100")
    if PLACEMENT_VIEW.get(role):
        ids = {row["id"] for row in listing.json()["results"]}
        assert ids == {records[r][2].pk for r in PLACEMENT_VIEW[role]}
    else:
        assert listing.status_code == 404
