"""What a principal may do, from the workflow tables and the policy (ADR 0121). Pages show exactly
these; the services check the same tables again when the step is taken."""

import datetime as dt

from opensend.access.principal import Principal
from opensend.plans import workflow
from opensend.plans.models import Plan, PlanStatus, PlanTransfer, Review, ReviewStatus, TransferStatus
from opensend.plans.policies import plan_policy
from opensend.plans.workflow import (
    ACTIONS,
    AMENDMENT_TRANSITIONS,
    CEASING_TRANSITIONS,
    REVIEW_TRANSITIONS,
    TRANSFER_TRANSITIONS,
    AmendmentStage,
    CeasingStage,
    PlanAction,
    amendment_stage,
    ceasing_stage,
)

A = PlanAction


def effective_status(plan: Plan, today: dt.date) -> str:
    """`ceasing` becomes `ceased` once the appeal window has closed with no appeal, whether or not the
    task has run yet (ADR 0104)."""
    if plan.status == PlanStatus.CEASING:
        ceasing = plan.ceasings.first()
        if ceasing and ceasing_stage(ceasing, today) == CeasingStage.CEASED:
            return PlanStatus.CEASED.value
    return str(plan.status)


def plan_actions(principal: Principal, plan: Plan, today: dt.date) -> frozenset[PlanAction]:
    """The plan's actions this principal may take today: the plan's (effective) status allows them,
    the policy allows the principal, and the amendment, ceasing, review or transfer under way allows
    the step. A handful of queries, whatever the plan."""
    status = PlanStatus(effective_status(plan, today))
    granted: dict[str, bool] = {}
    allowed = set()
    for action, rule in ACTIONS.items():
        if status not in rule.statuses:
            continue
        if rule.allowed_for not in granted:
            granted[rule.allowed_for] = plan_policy.can(principal, rule.allowed_for, plan)
        if granted[rule.allowed_for]:
            allowed.add(action)
    if A.REVIEW_SCHEDULE in allowed and plan.reviews.filter(status__in=workflow.OPEN_REVIEW).exists():
        allowed.discard(A.REVIEW_SCHEDULE)
    if allowed & {A.AMENDMENT_NOTICE, A.AMENDED_FINAL}:
        amendment = plan.amendments.filter(final_version__isnull=True).order_by("-id").first()
        a_stage = amendment_stage(amendment) if amendment is not None else AmendmentStage.ISSUED
        if AmendmentStage.NOTICE_SENT not in AMENDMENT_TRANSITIONS[a_stage]:
            allowed.discard(A.AMENDMENT_NOTICE)
        if AmendmentStage.ISSUED not in AMENDMENT_TRANSITIONS[a_stage]:
            allowed.discard(A.AMENDED_FINAL)
    if allowed & {A.CEASE_APPEAL_LODGED, A.CEASE_APPEAL_CONCLUDED}:
        ceasing = plan.ceasings.first()
        c_stage = ceasing_stage(ceasing, today) if ceasing is not None else CeasingStage.CEASED
        if CeasingStage.APPEALED not in CEASING_TRANSITIONS[c_stage]:
            allowed.discard(A.CEASE_APPEAL_LODGED)
        if CeasingStage.CONTINUED not in CEASING_TRANSITIONS[c_stage]:
            allowed.discard(A.CEASE_APPEAL_CONCLUDED)
    open_transfer = [s for s, nexts in TRANSFER_TRANSITIONS.items() if nexts]
    if A.TRANSFER in allowed and plan.transfers_out.filter(status__in=open_transfer).exists():
        allowed.discard(A.TRANSFER)
    return frozenset(allowed)


class ReviewAction:
    RECORD_MEETING = "record_meeting"
    DECIDE = "decide"
    CONTRIBUTE = "contribute"


def review_actions(principal: Principal, review: Review) -> frozenset[str]:
    """Record the meeting (the council or the setting holding it), decide (the council), send views
    (anyone invited, and the council), as far as the review's status allows."""
    nexts = REVIEW_TRANSITIONS[ReviewStatus(review.status)]
    out = set()
    if ReviewStatus.HELD in nexts and plan_policy.can(principal, "review", review):
        out.add(ReviewAction.RECORD_MEETING)
    if ReviewStatus.DECIDED in nexts and plan_policy.can(principal, "decide", review.plan):
        out.add(ReviewAction.DECIDE)
    if nexts and plan_policy.can(principal, "contribute", review):
        out.add(ReviewAction.CONTRIBUTE)
    return frozenset(out)


class TransferAction:
    RECEIVE = "receive"
    CANCEL = "cancel"
    FAMILY_TOLD = "family_told"


def transfer_actions(principal: Principal, transfer: PlanTransfer) -> frozenset[str]:
    """Receive (the new council) or cancel (the old one) while it is sent; once received, record the
    new council's letter to the family (X2), once."""
    nexts = TRANSFER_TRANSITIONS[TransferStatus(transfer.status)]
    out = set()
    if TransferStatus.RECEIVED in nexts and plan_policy.can(principal, "receive", transfer):
        out.add(TransferAction.RECEIVE)
    if TransferStatus.CANCELLED in nexts and plan_policy.can(principal, "cancel", transfer):
        out.add(TransferAction.CANCEL)
    if (
        transfer.status == TransferStatus.RECEIVED
        and transfer.family_told_on is None
        and plan_policy.can(principal, "family_told", transfer)
    ):
        out.add(TransferAction.FAMILY_TOLD)
    return frozenset(out)
