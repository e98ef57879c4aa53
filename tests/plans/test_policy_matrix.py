"""Who sees which plan versions: every role x every relationship to a child, through the policy and
through real requests, in the style of tests/access/test_policy_matrix.py.

Each child in the role's world has a plan with an issued draft (v1) and a final (v2) that names the
actor's own setting in section I (so a SENCo's tie is "named setting", not "attends").
"""

import json

import pytest

from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.plans.models import Plan, PlanVersion
from opensend.plans.policies import plan_policy
from opensend.plans.schema import canonical_json, content_hash
from opensend.plans.schema.document import PlanDocument
from tests.access.test_policy_matrix import ALL_ROLES, _world
from tests.conftest import signed_in_client

FAMILY = {"parent_with_pr", "own_record"}
# The policy as data: relationships that let each role see finals, drafts, and draft/issue.
FINALS = {
    Role.LA_CASEWORKER: {"own_la"},
    Role.LA_SEND_MANAGER: {"own_la"},
    Role.SENCO: {"at_own_setting"},
    Role.HEALTH_PROFESSIONAL: {"live_grant"},
    Role.SOCIAL_CARE_PROFESSIONAL: {"live_grant"},
    Role.PARENT_CARER: {"parent_with_pr"},
    Role.YOUNG_PERSON: {"own_record"},
}
DRAFTS = {
    Role.LA_CASEWORKER: {"own_la"},
    Role.LA_SEND_MANAGER: {"own_la"},
    Role.PARENT_CARER: {"parent_with_pr"},
    Role.YOUNG_PERSON: {"own_record"},
}
EDIT = {Role.LA_CASEWORKER: {"own_la"}, Role.LA_SEND_MANAGER: {"own_la"}}


def _version(plan, number, kind):
    doc = PlanDocument()
    doc.plan.kind = kind
    canonical = canonical_json(doc)
    return PlanVersion.objects.create(
        plan=plan, number=number, kind=kind, schema_id=doc.schema_id, canonical=canonical,
        content_hash=content_hash(canonical), issued_on="2026-01-05",
    )  # fmt: skip


def _plans(children, setting_for):
    out = {}
    for relationship, child in children.items():
        setting = child.current_setting if relationship == "at_own_setting" else None
        plan = Plan.objects.create(
            child=child, local_authority=child.responsible_la, status="final_issued", named_setting=setting
        )
        draft = _version(plan, 1, "draft")
        final = _version(plan, 2, "final")
        Plan.objects.filter(pk=plan.pk).update(
            current_version=final, in_force_version=final, made_on="2026-01-05"
        )
        out[relationship] = (plan, draft, final)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_each_role_sees_exactly_the_versions_the_policy_allows(role):
    actor, children = _world(role)
    plans = _plans(children, None)
    principal = principal_for_user(actor)
    visible = set(plan_policy.visible(principal, PlanVersion.objects.all()).values_list("pk", flat=True))
    for relationship, (plan, draft, final) in plans.items():
        assert (final.pk in visible) == (relationship in FINALS.get(role, set())), (relationship, "final")
        assert (draft.pk in visible) == (relationship in DRAFTS.get(role, set())), (relationship, "draft")
        plan.refresh_from_db()
        assert plan_policy.can(principal, "draft", plan) == (relationship in EDIT.get(role, set())), (
            relationship
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_pages_and_api_answer_exactly_as_the_policy_says(role):
    actor, children = _world(role)
    plans = _plans(children, None)
    client = signed_in_client(actor)
    for relationship, (plan, draft, final) in plans.items():
        for version, allowed in ((final, FINALS), (draft, DRAFTS)):
            expected = 200 if relationship in allowed.get(role, set()) else 404
            assert client.get(f"/plans/versions/{version.pk}/").status_code == expected, (
                relationship,
                version.kind,
            )
            assert client.get(f"/api/v1/plans/versions/{version.pk}/document").status_code == expected
        expected = 200 if relationship in EDIT.get(role, set()) else 404
        assert client.get(f"/plans/{plan.pk}/").status_code == expected, relationship
        body = json.dumps({"kind": "section", "section": "a", "text": "x"})
        comment = client.post(
            f"/api/v1/plans/versions/{draft.pk}/comments", data=body, content_type="application/json"
        )
        # A final was issued after the draft: the draft is no longer current, so nobody may comment,
        # and the answer is the same 404 for those who may see it and those who may not.
        assert comment.status_code == 404, relationship


# Reviews and changes to a plan in force: the council runs them; the named setting's SENCo may hold
# the review meeting; only the council decides, amends, ceases and transfers.
REVIEW = {Role.LA_CASEWORKER: {"own_la"}, Role.LA_SEND_MANAGER: {"own_la"}, Role.SENCO: {"at_own_setting"}}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES, ids=[r.value for r in ALL_ROLES])
def test_reviews_amendments_ceasing_and_transfers_answer_as_the_policy_says(role):
    actor, children = _world(role)
    plans = _plans(children, None)
    client = signed_in_client(actor)
    principal = principal_for_user(actor)
    for relationship, (plan, _draft, _final) in plans.items():
        plan.refresh_from_db()
        reviews = relationship in REVIEW.get(role, set())
        decides = relationship in EDIT.get(role, set())
        assert plan_policy.can(principal, "review", plan) == reviews, relationship
        assert plan_policy.can(principal, "decide", plan) == decides, relationship
        assert plan_policy.can(principal, "transfer", plan) == decides, relationship
        assert client.get(f"/plans/{plan.pk}/in-force/").status_code == (200 if reviews else 404), (
            relationship
        )
        assert client.get(f"/api/v1/plans/{plan.pk}/reviews").status_code == (200 if reviews else 404)
        cease = client.post(
            f"/api/v1/plans/{plan.pk}/cease", data="{}", content_type="application/json"
        ).status_code
        assert cease == (422 if decides else 404), (relationship, cease)
        transfer = client.post(
            f"/api/v1/plans/{plan.pk}/transfer",
            data=json.dumps({"to_la_id": plan.local_authority_id, "aware_on": "2026-01-05"}),
            content_type="application/json",
        ).status_code
        assert transfer == (422 if decides else 404), (relationship, transfer)
