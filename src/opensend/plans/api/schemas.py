"""The plans' API answers, built from the records the selectors and services return."""

import datetime as dt

from ninja import Schema

from opensend.core import clock
from opensend.plans import selectors
from opensend.plans.models import Ceasing, Plan, PlanTransfer, PlanVersion, Review, ReviewStatus


class VersionOut(Schema):
    id: int
    plan_id: int
    number: int
    kind: str
    status: str
    schema_id: str
    content_hash: str
    issued_on: dt.date
    comments_due_on: dt.date | None

    @staticmethod
    def of(v: PlanVersion) -> "VersionOut":
        return VersionOut(
            id=v.pk,
            plan_id=v.plan_id,
            number=v.number,
            kind=v.kind,
            status=v.status,
            schema_id=v.schema_id,
            content_hash=v.content_hash,
            issued_on=v.issued_on,
            comments_due_on=v.comments_due_on,
        )


class VersionBrief(Schema):
    id: int
    number: int
    kind: str
    content_hash: str
    issued_on: dt.date
    comments_due_on: dt.date | None

    @staticmethod
    def of(v: PlanVersion) -> "VersionBrief":
        return VersionBrief(
            id=v.pk,
            number=v.number,
            kind=v.kind,
            content_hash=v.content_hash,
            issued_on=v.issued_on,
            comments_due_on=v.comments_due_on,
        )


class PlanOut(Schema):
    id: int
    reference: str
    child_id: int
    local_authority_id: int
    case_id: int | None
    status: str
    made_on: dt.date | None
    current_version_id: int | None
    versions: list[VersionOut]

    @staticmethod
    def of(plan: Plan, versions: list[PlanVersion]) -> "PlanOut":
        return PlanOut(
            id=plan.pk,
            reference=plan.reference,
            child_id=plan.child_id,
            local_authority_id=plan.local_authority_id,
            case_id=plan.case_id,
            status=plan.status,
            made_on=plan.made_on,
            current_version_id=plan.current_version_id,
            versions=[VersionOut.of(v) for v in versions],
        )


class PlanDueOut(Schema):
    id: int
    reference: str
    child_id: int
    status: str
    made_on: dt.date | None
    next_review_due: dt.date | None
    meeting_on: dt.date | None = None
    phase_transfer_on: dt.date | None = None
    phase_transfer_due: dt.date | None = None
    next_setting_named: bool | None = None
    phase_warning: str | None = None

    @staticmethod
    def of(plan: Plan) -> "PlanDueOut":
        named: bool | None = None
        message: str | None = None
        if plan.phase_transfer_due:
            warning = getattr(plan, "warning", None) or selectors.phase_warning(plan, clock.today())
            named, message = warning is None, (warning.message if warning else None)
        return PlanDueOut(
            id=plan.pk,
            reference=plan.reference,
            child_id=plan.child_id,
            status=plan.status,
            made_on=plan.made_on,
            next_review_due=plan.next_review_due,
            meeting_on=getattr(plan, "meeting_on", None),
            phase_transfer_on=plan.phase_transfer_on,
            phase_transfer_due=plan.phase_transfer_due,
            next_setting_named=named,
            phase_warning=message,
        )


class DecisionOut(Schema):
    outcome: str
    reasons: str
    decided_on: dt.date


class ReviewOut(Schema):
    id: int
    plan_id: int
    status: str
    due_on: dt.date
    meeting_on: dt.date
    advice_by: dt.date
    held_on: dt.date | None
    report_due: dt.date | None
    decision_due: dt.date | None
    invited: int
    decision: DecisionOut | None

    @staticmethod
    def of(r: Review) -> "ReviewOut":
        d = r.decision if r.status == ReviewStatus.DECIDED else None
        return ReviewOut(
            id=r.pk,
            plan_id=r.plan_id,
            status=r.status,
            due_on=r.due_on,
            meeting_on=r.meeting_on,
            advice_by=r.advice_by,
            held_on=r.held_on,
            report_due=r.report_due,
            decision_due=r.decision_due,
            invited=r.invitations.count(),
            decision=DecisionOut(outcome=d.outcome, reasons=d.reasons, decided_on=d.decided_on)
            if d
            else None,
        )


class CeasingOut(Schema):
    id: int
    plan_id: int
    reason: int
    notice_on: dt.date
    appeal_by: dt.date
    appeal_lodged_on: dt.date | None
    appeal_concluded_on: dt.date | None
    appeal_outcome: str | None
    ceased_on: dt.date | None
    plan_status: str

    @staticmethod
    def of(c: Ceasing) -> "CeasingOut":
        """`c.plan` is the plan as it is now (the selector's or the service's)."""
        return CeasingOut(
            id=c.pk,
            plan_id=c.plan_id,
            reason=c.reason,
            notice_on=c.notice_on,
            appeal_by=c.appeal_by,
            appeal_lodged_on=c.appeal_lodged_on,
            appeal_concluded_on=c.appeal_concluded_on,
            appeal_outcome=None
            if c.appeal_upheld_cease is None
            else ("dismissed" if c.appeal_upheld_cease else "upheld"),
            ceased_on=c.ceased_on,
            plan_status=selectors.effective_status(c.plan, clock.today()),
        )


class TransferOut(Schema):
    id: int
    plan_id: int
    child_id: int
    from_la_id: int
    to_la_id: int
    status: str
    aware_on: dt.date
    x1_due: dt.date
    sent_on: dt.date
    content_hash: str
    received_on: dt.date | None
    new_plan_id: int | None
    made_on: dt.date | None
    x2_due: dt.date | None
    x3_due: dt.date | None
    family_told_on: dt.date | None = None
    x2_met: bool | None = None
    cancelled_on: dt.date | None = None

    @staticmethod
    def of(t: PlanTransfer) -> "TransferOut":
        return TransferOut(
            id=t.pk,
            plan_id=t.plan_id,
            child_id=t.child_id,
            from_la_id=t.from_la_id,
            to_la_id=t.to_la_id,
            status=t.status,
            aware_on=t.aware_on,
            x1_due=t.x1_due,
            sent_on=t.sent_on,
            content_hash=t.content_hash,
            received_on=t.received_on,
            new_plan_id=t.new_plan_id,
            made_on=t.plan.made_on,
            x2_due=t.x2_due,
            x3_due=t.x3_due,
            family_told_on=t.family_told_on,
            x2_met=t.x2_met,
            cancelled_on=t.cancelled_on,
        )
