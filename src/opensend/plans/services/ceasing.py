"""Ceasing a plan (regulations 29 to 31; ADR 0104, 0106): the decision with reasons and SEN2
CeaseReason; the plan is maintained (status `ceasing`) until the appeal window (T1, from the rule
book) closes, or while an appeal lodged in it runs, and then ceases. The ceasing's stage follows
from its facts (`workflow.ceasing_stage`, `workflow.CEASING_TRANSITIONS`). No nightly countdown:
`plans_cease_due` (a task) and `selectors.effective_status` both read the stored T1 date."""

import datetime as dt

from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Grant, Principal
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.plans import deadlines, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import AppealOutcome, CeaseReason, Ceasing, Plan, PlanStatus, ReviewDecision
from opensend.plans.policies import SCHEDULED_TASK_ROLE
from opensend.plans.workflow import CeasingStage, PlanAction, ceasing_stage

from .issuing import locked_plan, notify_family
from .transitions import plan_transition


@transaction.atomic
def cease_decide(
    *,
    by: Principal,
    plan: Plan,
    reason: int | str | None,
    reasons: str,
    decision: ReviewDecision | None = None,
) -> Ceasing:
    """The decision to cease (regulation 31), from the plan page or a review's decision. An appealable
    decision (Children and Families Act 2014 s.51(2)(f)): the notice carries the T1 date."""
    plan = locked_plan(by, plan, "decide")
    workflow.require(plan.status, PlanAction.CEASE)
    try:
        code = CeaseReason(int(reason))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ApplicationError("Choose why the plan will stop", field="cease_reason") from None
    if code == CeaseReason.TRANSFERRED:
        raise ApplicationError("Transfer the plan to the new council instead", field="cease_reason")
    reasons = (reasons or "").replace("\x00", "").strip()
    if not reasons:
        raise ApplicationError("Enter the reasons for the decision", field="reasons")
    today = clock.today()
    ceasing = Ceasing.objects.create(
        plan=plan,
        decision=decision,
        reason=code,
        reasons=reasons,
        notice_on=today,
        appeal_by=deadlines.appeal_window_end(today),
        decided_by_name=actor_name(by),
    )
    plan_transition(
        by=by,
        plan=plan,
        to=PlanStatus.CEASING,
        kind="plans.cease_decided",
        title=f"The council decided to stop the EHC plan; it is kept until {ceasing.appeal_by:%-d %B %Y}",
        body=reasons,
        audit_action=PlansAudit.CEASE_DECIDED,
        obj=ceasing,
        detail={"reason": int(code), "appeal_by": str(ceasing.appeal_by)},
    )
    notify_family(
        plan,
        "plan.cease_decided",
        {"reasons": reasons, "appeal_by": ceasing.appeal_by},
        reverse("plans:child", args=[plan.child_id]),
    )
    return ceasing


@transaction.atomic
def cease_appeal_lodged(*, by: Principal, ceasing: Ceasing, lodged_on: dt.date | None) -> Ceasing:
    """An appeal lodged in time keeps the plan maintained until it is concluded."""
    plan = locked_plan(by, ceasing.plan, "decide")
    ceasing = Ceasing.objects.select_for_update().get(pk=ceasing.pk)
    workflow.require(plan.status, PlanAction.CEASE_APPEAL_LODGED)
    workflow.check(
        workflow.CEASING_TRANSITIONS,
        ceasing_stage(ceasing),
        CeasingStage.APPEALED,
        workflow.ACTIONS[PlanAction.CEASE_APPEAL_LODGED].refused,
    )
    if lodged_on is None:
        raise ApplicationError("Enter the date the appeal was lodged", field="lodged_on")
    if lodged_on > ceasing.appeal_by or lodged_on < ceasing.notice_on or lodged_on > clock.today():
        raise ApplicationError(
            f"An appeal must be lodged between {ceasing.notice_on:%-d %B %Y} and "
            f"{min(ceasing.appeal_by, clock.today()):%-d %B %Y}",
            field="lodged_on",
        )
    ceasing.appeal_lodged_on = lodged_on
    ceasing.save(update_fields=["appeal_lodged_on"])
    timeline_append(
        child=plan.child,
        kind="plans.cease_appealed",
        title=f"Appeal against stopping the EHC plan lodged on {lodged_on:%-d %B %Y}: the plan is kept "
        "while the appeal goes on",
        by=by,
    )
    audit.record(
        by,
        PlansAudit.CEASE_APPEALED,
        child_id=plan.child_id,
        obj=ceasing,
        detail={"lodged_on": str(lodged_on)},
    )
    return ceasing


@transaction.atomic
def cease_appeal_concluded(
    *, by: Principal, ceasing: Ceasing, concluded_on: dt.date | None, outcome: str | None
) -> Plan:
    """The appeal ended (ADR 0106). `upheld`: the family won, the plan continues in force.
    `dismissed`: the decision stands and the plan ceases that day (SEN2 CeaseDate, CeaseReason)."""
    plan = locked_plan(by, ceasing.plan, "decide")
    ceasing = Ceasing.objects.select_for_update().get(pk=ceasing.pk)
    refused = workflow.ACTIONS[PlanAction.CEASE_APPEAL_CONCLUDED].refused
    workflow.require(plan.status, PlanAction.CEASE_APPEAL_CONCLUDED)
    workflow.check(workflow.CEASING_TRANSITIONS, ceasing_stage(ceasing), CeasingStage.CONTINUED, refused)
    lodged_on = ceasing.appeal_lodged_on
    assert lodged_on is not None  # the stage says it was appealed
    try:
        result = AppealOutcome(outcome or "")
    except ValueError:
        raise ApplicationError("Choose how the appeal ended", field="outcome") from None
    if concluded_on is None:
        raise ApplicationError("Enter the date the appeal ended", field="concluded_on")
    if concluded_on < lodged_on or concluded_on > clock.today():
        raise ApplicationError(
            f"The appeal must have ended between {lodged_on:%-d %B %Y} and today",
            field="concluded_on",
        )
    dismissed = result == AppealOutcome.DISMISSED
    ceasing.appeal_concluded_on = concluded_on
    ceasing.appeal_upheld_cease = dismissed  # the council's decision to cease stands
    if dismissed:
        ceasing.ceased_on = concluded_on
        plan.cease_date, plan.cease_reason = concluded_on, ceasing.reason
        plan.next_review_due = None
        plan.save(update_fields=["cease_date", "cease_reason", "next_review_due", "updated_at"])
        title = f"The appeal was dismissed: the EHC plan stopped on {concluded_on:%-d %B %Y}"
    else:
        title = "The appeal was upheld: the EHC plan continues"
    ceasing.save()
    return plan_transition(
        by=by,
        plan=plan,
        to=PlanStatus.CEASED if dismissed else PlanStatus.FINAL_ISSUED,
        kind="plans.cease_appeal_concluded",
        title=title,
        audit_action=PlansAudit.CEASE_APPEAL_CONCLUDED,
        obj=ceasing,
        detail={"outcome": result.value, "concluded_on": str(concluded_on)},
    )


def _system(local_authority_id: int) -> Principal:
    """Who ceases a plan when the window closes: nobody signed in; recorded against the council."""
    grant = Grant(
        role=SCHEDULED_TASK_ROLE,
        organisation_id=local_authority_id,
        organisation_name="",
        organisation_kind="local_authority",
        local_authority_id=local_authority_id,
        region_id=None,
    )
    return Principal(
        user=None, token=None, grants=(grant,), acting_as="OpenSEND scheduled task (plans_cease_due)"
    )


def plans_cease_due(today: dt.date | None = None) -> int:
    """Cease every plan whose appeal window closed with no appeal: the day after T1 is the CeaseDate.
    Idempotent (each row is locked and checked again), so cron or a task may run it at any time; the
    selectors already treat these plans as ceased. One audit row and one timeline entry per plan."""
    today = today or clock.today()
    due = Ceasing.objects.filter(
        plan__status=PlanStatus.CEASING,
        appeal_lodged_on__isnull=True,
        ceased_on__isnull=True,
        appeal_by__lt=today,
    ).values_list("pk", flat=True)
    done = 0
    for pk in list(due):
        with transaction.atomic():
            ceasing = (
                Ceasing.objects.select_for_update()
                .filter(pk=pk, appeal_lodged_on__isnull=True, ceased_on__isnull=True, appeal_by__lt=today)
                .first()
            )
            if ceasing is None:
                continue
            plan = Plan.objects.select_for_update().select_related("child").get(pk=ceasing.plan_id)
            if plan.status != PlanStatus.CEASING:
                continue
            ended = ceasing.appeal_by + dt.timedelta(days=1)
            ceasing.ceased_on = ended
            ceasing.save(update_fields=["ceased_on"])
            plan.cease_date, plan.cease_reason = ended, ceasing.reason
            plan.next_review_due = None
            plan.save(update_fields=["cease_date", "cease_reason", "next_review_due", "updated_at"])
            plan_transition(
                by=_system(plan.local_authority_id),
                plan=plan,
                to=PlanStatus.CEASED,
                kind="plans.ceased",
                title=f"The EHC plan stopped on {ended:%-d %B %Y}: no appeal was lodged by "
                f"{ceasing.appeal_by:%-d %B %Y}",
                audit_action=PlansAudit.CEASED,
                obj=ceasing,
                detail={
                    "plan": plan.pk,
                    "cease_date": str(ended),
                    "reason": ceasing.reason,
                    "run_by": "plans_cease_due",
                },
            )
            done += 1
    return done
