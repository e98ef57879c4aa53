"""The plan's workflow table, exhaustively: every pair of statuses is either moved or refused by
`plan_transition` exactly as the table says, with its timeline entry and audit row or with nothing
written; the actions pages offer agree with the moves; and the sub-tables (reviews, transfers,
amendments, ceasings) as the issue describes them."""

import datetime as dt
import itertools

import pytest

from opensend.access.models import AuditEvent
from opensend.access.principal import Grant, Principal
from opensend.accounts.roles import Role
from opensend.children.models import TimelineEvent
from opensend.core.errors import ApplicationError, NotFound
from opensend.plans import workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import (
    Plan,
    PlanStatus,
    PlanTransfer,
    PlanVersion,
    ReviewStatus,
    TransferStatus,
)
from opensend.plans.policies import SCHEDULED_TASK_ROLE
from opensend.plans.schema import canonical_json, content_hash
from opensend.plans.schema.document import PlanDocument
from opensend.plans.services.transitions import plan_create, plan_transition
from opensend.plans.workflow import AmendmentStage, CeasingStage, PlanAction
from tests.factories import LocalAuthorityFactory, MembershipFactory, UserFactory

from .conftest import TODAY, p

pytestmark = pytest.mark.django_db

EXPECTED_MOVES = {
    ("drafting", "draft_issued"),
    ("draft_issued", "draft_issued"),
    ("draft_issued", "final_issued"),
    ("final_issued", "amending"),
    ("amending", "final_issued"),
    ("final_issued", "ceasing"),
    ("ceasing", "final_issued"),
    ("ceasing", "ceased"),
    ("final_issued", "transferred"),
    ("amending", "transferred"),
}
PAIRS = list(itertools.product(PlanStatus, PlanStatus))


def test_the_plan_table_is_the_one_the_issue_describes():
    allowed = {(a.value, b.value) for a, nexts in workflow.TRANSITIONS.items() for b in nexts}
    assert allowed == EXPECTED_MOVES
    assert set(workflow.TRANSITIONS) == set(PlanStatus)
    assert {s.value for s in workflow.ENDED} == {"ceased", "transferred"}
    assert {s.value for s in workflow.ENTRY} == {"drafting", "draft_issued", "final_issued"}


def _version(plan):
    doc = PlanDocument()
    doc.plan.kind = "final"
    canonical = canonical_json(doc)
    return PlanVersion.objects.create(
        plan=plan, number=1, kind="final", schema_id=doc.schema_id, canonical=canonical,
        content_hash=content_hash(canonical), issued_on=TODAY,
    )  # fmt: skip


def _mover(plan, target):
    """Who may make the move: the council's caseworker, or for a transfer the new council's."""
    if target != PlanStatus.TRANSFERRED:
        return p(MembershipFactory(role=Role.LA_CASEWORKER, organisation=plan.local_authority).user)
    new_la = LocalAuthorityFactory()
    PlanTransfer.objects.create(
        plan=plan, child=plan.child, from_la=plan.local_authority, to_la=new_la, aware_on=TODAY,
        x1_due=TODAY, sent_on=TODAY, version=_version(plan), content_hash="x",
    )  # fmt: skip
    return p(MembershipFactory(role=Role.LA_CASEWORKER, organisation=new_la).user)


@pytest.mark.parametrize(("current", "to"), PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS])
def test_every_move_is_made_or_refused_exactly_as_the_table_says(current, to, child, la):
    plan = Plan.objects.create(child=child, local_authority=la, status=current)
    by = _mover(plan, to)
    before = AuditEvent.objects.count()
    move = {"kind": "plans.test_move", "title": "Moved", "audit_action": PlansAudit.VIEWED}
    if (current.value, to.value) in EXPECTED_MOVES:
        moved = plan_transition(by=by, plan=plan, to=to, **move)
        assert moved.status == to
        assert Plan.objects.get(pk=plan.pk).status == to
        assert TimelineEvent.objects.filter(child=child, kind="plans.test_move").count() == 1
        row = AuditEvent.objects.get(action=PlansAudit.VIEWED, child_id=child.pk)
        assert row.detail == {"old": current.value, "new": to.value}
        assert AuditEvent.objects.count() == before + 1
    else:
        with pytest.raises(ApplicationError) as error:
            plan_transition(by=by, plan=plan, to=to, **move)
        assert not isinstance(error.value, NotFound)
        assert Plan.objects.get(pk=plan.pk).status == current
        assert not TimelineEvent.objects.filter(child=child).exists()
        assert AuditEvent.objects.count() == before


def test_a_move_the_principal_may_not_make_is_the_same_404_and_changes_nothing(child, la, parent):
    plan = Plan.objects.create(child=child, local_authority=la, status=PlanStatus.FINAL_ISSUED)
    other_council = p(MembershipFactory(role=Role.LA_CASEWORKER).user)
    move = {"kind": "plans.test_move", "title": "Moved", "audit_action": PlansAudit.VIEWED}
    for by in (p(parent), other_council, p(UserFactory())):
        for to in (PlanStatus.CEASING, PlanStatus.AMENDING, PlanStatus.TRANSFERRED):
            with pytest.raises(NotFound):
                plan_transition(by=by, plan=plan, to=to, **move)
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.FINAL_ISSUED
    assert not TimelineEvent.objects.filter(child=child).exists()


def _task(la_id):
    grant = Grant(SCHEDULED_TASK_ROLE, la_id, "", "local_authority", la_id, None)
    return Principal(user=None, token=None, grants=(grant,), acting_as="a scheduled task")


def test_the_scheduled_task_may_only_end_a_ceasing_plan_of_its_own_council(child, la):
    move = {"kind": "plans.test_move", "title": "Moved", "audit_action": PlansAudit.CEASED}
    final = Plan.objects.create(child=child, local_authority=la, status=PlanStatus.FINAL_ISSUED)
    with pytest.raises(NotFound):
        plan_transition(by=_task(la.pk), plan=final, to=PlanStatus.CEASING, **move)
    ceasing = Plan.objects.create(child=child, local_authority=la, status=PlanStatus.CEASING)
    with pytest.raises(NotFound):
        plan_transition(by=_task(LocalAuthorityFactory().pk), plan=ceasing, to=PlanStatus.CEASED, **move)
    with pytest.raises(NotFound):
        plan_transition(by=_task(la.pk), plan=ceasing, to=PlanStatus.FINAL_ISSUED, **move)
    assert plan_transition(by=_task(la.pk), plan=ceasing, to=PlanStatus.CEASED, **move).status == "ceased"


@pytest.mark.parametrize("status", list(PlanStatus), ids=[s.value for s in PlanStatus])
def test_a_plan_is_made_only_at_an_entry_status(status, child, la):
    if status.value in {"drafting", "draft_issued", "final_issued"}:
        assert plan_create(child=child, local_authority=la, status=status).status == status
    else:
        with pytest.raises(ApplicationError):
            plan_create(child=child, local_authority=la, status=status)
        assert not Plan.objects.filter(child=child).exists()


def test_every_action_that_moves_a_plan_is_a_move_of_the_table_for_the_same_policy_action():
    for action, rule in workflow.ACTIONS.items():
        for status in rule.statuses:
            for target in rule.to:
                assert any(m.allowed_for == rule.allowed_for for m in workflow.moves(status, target)), (
                    action,
                    status,
                    target,
                )
    # and every move of the table made by a person is offered by an action or a review's decision
    offered = {(s, t) for rule in workflow.ACTIONS.values() for s in rule.statuses for t in rule.to}
    by_decision = {(PlanStatus.FINAL_ISSUED, PlanStatus.AMENDING)}  # review_decide (amend)
    by_another_council_or_task = {
        (m.source, m.target) for m in workflow.PLAN_MOVES if m.allowed_for in {"receive", "cease_due"}
    }
    assert {
        (m.source, m.target) for m in workflow.PLAN_MOVES
    } == offered | by_decision | by_another_council_or_task


def test_actions_are_refused_at_other_statuses_in_the_rules_words():
    workflow.require(PlanStatus.DRAFTING, PlanAction.EDIT)
    with pytest.raises(ApplicationError, match="Only a plan in force can be ceased"):
        workflow.require(PlanStatus.AMENDING, PlanAction.CEASE)
    assert workflow.ACTIONS[PlanAction.TRANSFER].statuses == {PlanStatus.FINAL_ISSUED, PlanStatus.AMENDING}


# --- the sub-tables ------------------------------------------------------------------------------


def _pairs(table):
    return {(a.value, b.value) for a, nexts in table.items() for b in nexts}


def test_reviews_move_from_scheduled_to_held_to_decided_and_close_only_while_open():
    assert _pairs(workflow.REVIEW_TRANSITIONS) == {
        ("scheduled", "held"),
        ("scheduled", "closed"),
        ("held", "decided"),
        ("held", "closed"),
    }
    assert set(workflow.REVIEW_TRANSITIONS) == set(ReviewStatus)
    assert {ReviewStatus.SCHEDULED, ReviewStatus.HELD} == workflow.OPEN_REVIEW


def test_transfers_are_received_or_cancelled_once():
    assert _pairs(workflow.TRANSFER_TRANSITIONS) == {("sent", "received"), ("sent", "cancelled")}
    assert set(workflow.TRANSFER_TRANSITIONS) == set(TransferStatus)


def test_amendments_and_ceasings_move_as_their_facts_are_recorded():
    assert _pairs(workflow.AMENDMENT_TRANSITIONS) == {("decided", "notice_sent"), ("notice_sent", "issued")}
    assert set(workflow.AMENDMENT_TRANSITIONS) == set(AmendmentStage)
    assert _pairs(workflow.CEASING_TRANSITIONS) == {
        ("notice", "appealed"),
        ("notice", "ceased"),
        ("appealed", "continued"),
        ("appealed", "ceased"),
    }
    assert set(workflow.CEASING_TRANSITIONS) == set(CeasingStage)


def test_a_ceasing_stage_is_read_from_its_facts_and_the_window_closes_without_the_task():
    from opensend.plans.models import Ceasing

    c = Ceasing(notice_on=TODAY, appeal_by=TODAY + dt.timedelta(days=60), reason=2, reasons="x")
    assert workflow.ceasing_stage(c) == workflow.ceasing_stage(c, TODAY) == CeasingStage.NOTICE
    assert workflow.ceasing_stage(c, TODAY + dt.timedelta(days=61)) == CeasingStage.CEASED
    c.appeal_lodged_on = TODAY
    assert workflow.ceasing_stage(c, TODAY + dt.timedelta(days=61)) == CeasingStage.APPEALED
    c.appeal_concluded_on, c.appeal_upheld_cease = TODAY, False
    assert workflow.ceasing_stage(c) == CeasingStage.CONTINUED
    c.appeal_upheld_cease, c.ceased_on = True, TODAY
    assert workflow.ceasing_stage(c) == CeasingStage.CEASED
