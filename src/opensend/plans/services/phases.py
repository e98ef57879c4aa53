"""Phase transfers (P1, P2, P3: regulation 18) and re-assessment (RA2: regulation 27)."""

import datetime as dt

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.plans import deadlines, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import Amendment, Phase, Plan, PlanStatus
from opensend.plans.workflow import PlanAction

from .issuing import locked_plan
from .transitions import plan_transition


@transaction.atomic
def phase_transfer_set(*, by: Principal, plan: Plan, next_phase: str, transfer_on: dt.date | None) -> Plan:
    """Record the next phase and the day of the move; the plan must name the next setting (through an
    amendment after the review before the move) by the P1/P2/P3 date, stored as PhaseTransferDueDate."""
    plan = locked_plan(by, plan, "decide")
    workflow.require(plan.status, PlanAction.PHASE_TRANSFER)
    try:
        phase = Phase(next_phase)
    except ValueError:
        raise ApplicationError("Choose the next phase of education", field="next_phase") from None
    if transfer_on is None:
        raise ApplicationError("Enter the date of the move", field="transfer_on")
    if plan.made_on and transfer_on < plan.made_on:
        raise ApplicationError("The move must be after the plan was made", field="transfer_on")
    plan.next_phase = phase.value
    plan.phase_transfer_on = transfer_on
    plan.phase_transfer_due = deadlines.phase_transfer_due(phase, transfer_on)
    plan.phase_transfer_version = plan.in_force_version
    plan.save(
        update_fields=[
            "next_phase",
            "phase_transfer_on",
            "phase_transfer_due",
            "phase_transfer_version",
            "updated_at",
        ]
    )
    timeline_append(
        child=plan.child,
        kind="plans.phase_transfer",
        title=f"Move to the next phase on {transfer_on:%-d %B %Y}: plan to name the new setting by "
        f"{plan.phase_transfer_due:%-d %B %Y}",
        by=by,
    )
    audit.record(
        by,
        PlansAudit.PHASE_TRANSFER_SET,
        child_id=plan.child_id,
        obj=plan,
        detail={"phase": phase.value, "transfer_on": str(transfer_on), "due": str(plan.phase_transfer_due)},
    )
    return plan


@transaction.atomic
def reassessment_start(*, by: Principal, plan: Plan, notified_on: dt.date | None = None) -> Amendment:
    """The council has told the family it will re-assess: the amended plan is due within 14 weeks (RA2).
    The re-assessment's outcome is issued through the same amendment notice and amended final."""
    plan = locked_plan(by, plan, "decide")
    workflow.require(plan.status, PlanAction.REASSESS)
    notified_on = notified_on or clock.today()
    if notified_on > clock.today():
        raise ApplicationError("The date must be today or in the past", field="notified_on")
    plan.reassessment_notified_on = notified_on
    plan.reassessment_due = deadlines.reassessment_due(notified_on)
    plan.save(update_fields=["reassessment_notified_on", "reassessment_due", "updated_at"])
    amendment = Amendment.objects.create(plan=plan, reason="reassessment", final_due=plan.reassessment_due)
    plan_transition(
        by=by,
        plan=plan,
        to=PlanStatus.AMENDING,
        kind="plans.reassessment",
        title=f"Re-assessment started: the plan is due by {plan.reassessment_due:%-d %B %Y}",
        audit_action=PlansAudit.REASSESSMENT_STARTED,
        obj=plan,
        detail={"due": str(plan.reassessment_due)},
    )
    return amendment
