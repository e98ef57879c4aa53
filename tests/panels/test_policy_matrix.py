"""Who sees what of panels: every role x every relationship to a child, through the policies and
through real HTTP requests (papers, letters, meetings, set-up). The tables are the policy as data."""

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.casework.codes import Status
from opensend.core import clock
from opensend.panels import services
from opensend.panels.codes import Agency
from opensend.panels.models import Decision
from opensend.panels.policies import decision_policy, meeting_policy, panel_policy
from tests.access.test_policy_matrix import ALL_ROLES, RELATIONSHIPS, _world
from tests.casework.factories import CaseFactory
from tests.conftest import signed_in_client
from tests.factories import MembershipFactory, UserFactory

from .conftest import REASONS

# Every case here was received by the home council (a case stays with the council that received it,
# whoever is responsible for the child now), so its staff see every decision; families their own.
EVERY = set(RELATIONSHIPS)
DECISIONS = {
    Role.LA_CASEWORKER: EVERY,
    Role.LA_SEND_MANAGER: EVERY,
    Role.PARENT_CARER: {"parent_with_pr"},
    Role.YOUNG_PERSON: {"own_record"},
}
# The home council's meeting (agenda: every case) and its papers: staff, and panel members on the panel.
MEETING = {Role.LA_CASEWORKER, Role.LA_SEND_MANAGER, Role.PANEL_MEMBER}
CONFIGURE = {Role.LA_SEND_MANAGER}
SCHEDULE = {Role.LA_CASEWORKER, Role.LA_SEND_MANAGER}
RECORD = {Role.LA_SEND_MANAGER}  # and the chair, tested in test_services


def _setup(role):
    actor, children = _world(role)
    la = children["own_la"].responsible_la
    manager = MembershipFactory(organisation=la, role=Role.LA_SEND_MANAGER).user
    by = principal_for_user(manager)
    panel = services.panel_configure(
        by=by,
        local_authority=la,
        name="Home panel",
        quorum_agencies=["education", "health", "social_care"],
    )
    members = {}
    for agency in (Agency.EDUCATION, Agency.HEALTH, Agency.SOCIAL_CARE, "chair"):
        user = MembershipFactory(organisation=la, role=Role.PANEL_MEMBER, user=UserFactory()).user
        services.panel_member_add(
            by=by, panel=panel, user=user, agency=agency if agency != "chair" else Agency.OTHER
        )
        members[agency] = user
    if role == Role.PANEL_MEMBER:
        services.panel_member_add(by=by, panel=panel, user=actor, agency=Agency.OTHER)
    panel = services.panel_configure(
        by=by,
        local_authority=la,
        name="Home panel",
        quorum_agencies=panel.quorum_agencies,
        chair=members["chair"],
    )
    meeting = services.meeting_schedule(by=by, panel=panel, held_on=clock.today())
    cases, items, decisions = {}, {}, {}
    for relationship, child in children.items():
        case = CaseFactory(child=child, local_authority=la, status=Status.PANEL_ASSESS)
        cases[relationship] = case
        items[relationship] = services.agenda_add(by=by, meeting=meeting, case=case)
    services.meeting_publish(by=by, meeting=meeting)
    services.attendance_record(by=by, meeting=meeting, present_user_ids=[u.pk for u in members.values()])
    for relationship, item in items.items():
        decisions[relationship] = services.decision_record(by=by, item=item, yes=True, reasons=REASONS)
    return actor, meeting, items, decisions


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_policies_and_pages_answer_exactly_as_the_tables_say(role):
    actor, meeting, items, decisions = _setup(role)
    principal = principal_for_user(actor)
    allowed = DECISIONS.get(role, set())
    visible = set(decision_policy.visible(principal, Decision.objects.all()).values_list("pk", flat=True))
    assert visible == {decisions[r].pk for r in allowed}
    assert meeting_policy.can(principal, "view", meeting) == (role in MEETING)
    assert meeting_policy.can(principal, "schedule", meeting) == (role in SCHEDULE)
    assert meeting_policy.can(principal, "record", meeting) == (role in RECORD)
    assert panel_policy.can(principal, "configure", meeting.panel) == (role in CONFIGURE)

    client = signed_in_client(actor)
    for relationship, decision in decisions.items():
        expected = 200 if relationship in allowed else 404
        status = client.get(f"/panels/decisions/{decision.pk}/letter/").status_code
        assert status == expected, (role, relationship, "letter", status)
        api = client.get(f"/api/v1/panels/decisions/{decision.pk}").status_code
        assert api == expected, (role, relationship, "api", api)
        papers = client.get(
            f"/panels/meetings/{meeting.pk}/cases/{items[relationship].pk}/papers/"
        ).status_code
        assert papers == (200 if role in MEETING else 404), (role, relationship, "papers", papers)
    assert client.get(f"/panels/meetings/{meeting.pk}/").status_code == (200 if role in MEETING else 404)
    assert client.get("/panels/setup/").status_code == (200 if role in CONFIGURE else 404)
    assert client.get("/panels/meetings/new/").status_code == (200 if role in SCHEDULE else 404)
