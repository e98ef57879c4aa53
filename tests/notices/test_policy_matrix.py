"""Who reads decision notices: every role x every relationship to a child, through the policy and
through the page, the PDF, the child's list and the API. The family of the child and the staff of
the responsible council; nobody else (the same 404)."""

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.notices.models import DecisionNotice
from opensend.notices.policies import notice_policy
from tests.access.test_policy_matrix import ALL_ROLES, _world
from tests.casework.factories import CaseFactory
from tests.conftest import signed_in_client
from tests.notices.factories import NoticeFactory

READ = {
    Role.LA_CASEWORKER: {"own_la"},
    Role.LA_SEND_MANAGER: {"own_la"},
    Role.PARENT_CARER: {"parent_with_pr"},
    Role.YOUNG_PERSON: {"own_record"},
}


def _notices(children):
    return {
        r: NoticeFactory(case=CaseFactory(child=c, status="decided_not_to_assess"))
        for r, c in children.items()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_each_role_reads_exactly_the_notices_its_relationships_allow(role):
    actor, children = _world(role)
    notices = _notices(children)
    principal = principal_for_user(actor)
    allowed = READ.get(role, set())
    visible = set(notice_policy.visible(principal, DecisionNotice.objects.all()).values_list("pk", flat=True))
    assert visible == {notices[r].pk for r in allowed}
    for relationship, notice in notices.items():
        assert notice_policy.can(principal, "view", notice) == (relationship in allowed), relationship
    client = signed_in_client(actor)
    for relationship, notice in notices.items():
        expected = 200 if relationship in allowed else 404
        for url in (
            f"/notices/{notice.pk}/",
            f"/notices/children/{notice.child_id}/",
            f"/api/v1/notices/{notice.pk}",
            f"/api/v1/notices/children/{notice.child_id}",
        ):
            status = client.get(url).status_code
            assert status == expected, f"{role.value} {relationship} {url}: {status}"
