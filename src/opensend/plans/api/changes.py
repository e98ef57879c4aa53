"""Changes to a plan in force in the API: the amendment notice and the amended plan, a phase
transfer, a re-assessment, the decision to cease and the appeal against it."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from opensend.access.policy import caller, policy_required
from opensend.plans import selectors, services
from opensend.plans.policies import plan_policy

from .schemas import CeasingOut, PlanDueOut, VersionBrief

router = Router(tags=["plan reviews and transfers"])


@router.post(
    "/{int:plan_id}/amendment/{step}",
    response={201: VersionBrief},
    summary="Amendment notice (R6, R7) or final",
)
@policy_required(plan_policy, "decide")
def amendment(request: HttpRequest, plan_id: int, step: str) -> Any:
    who = caller(request)
    plan = selectors.plan_to_change(who, plan_id, "decide")
    if step not in ("notice", "final"):
        raise Http404("Not found")
    issue = services.amended_final_issue if step == "final" else services.amendment_notice_issue
    return 201, VersionBrief.of(issue(by=who, plan=plan))


class PhaseIn(Schema):
    next_phase: str
    transfer_on: dt.date


@router.post("/{int:plan_id}/phase-transfer", response=PlanDueOut, summary="Record a phase transfer (P1-P3)")
@policy_required(plan_policy, "decide")
def phase_transfer(request: HttpRequest, plan_id: int, payload: PhaseIn) -> PlanDueOut:
    who = caller(request)
    plan = selectors.plan_to_change(who, plan_id, "decide")
    return PlanDueOut.of(services.phase_transfer_set(by=who, plan=plan, **payload.dict()))


class ReassessIn(Schema):
    notified_on: dt.date | None = None


class ReassessOut(Schema):
    plan_id: int
    notified_on: dt.date
    due: dt.date


@router.post(
    "/{int:plan_id}/reassessment", response={201: ReassessOut}, summary="Start a re-assessment (RA2)"
)
@policy_required(plan_policy, "decide")
def reassessment(request: HttpRequest, plan_id: int, payload: ReassessIn) -> Any:
    who = caller(request)
    plan = selectors.plan_to_change(who, plan_id, "decide")
    a = services.reassessment_start(by=who, plan=plan, notified_on=payload.notified_on)
    assert a.plan.reassessment_notified_on and a.final_due  # set by the service
    return 201, ReassessOut(plan_id=a.plan_id, notified_on=a.plan.reassessment_notified_on, due=a.final_due)


class CeaseIn(Schema):
    cease_reason: int | None = None
    reasons: str = ""


@router.post("/{int:plan_id}/cease", response={201: CeasingOut}, summary="Decide to cease (kept until T1)")
@policy_required(plan_policy, "decide")
def cease(request: HttpRequest, plan_id: int, payload: CeaseIn) -> Any:
    who = caller(request)
    plan = selectors.plan_to_change(who, plan_id, "decide")
    return 201, CeasingOut.of(
        services.cease_decide(by=who, plan=plan, reason=payload.cease_reason, reasons=payload.reasons)
    )


class AppealIn(Schema):
    lodged_on: dt.date


@router.post("/ceasings/{int:ceasing_id}/appeal", response=CeasingOut, summary="An appeal keeps the plan")
@policy_required(plan_policy, "decide")
def appeal(request: HttpRequest, ceasing_id: int, payload: AppealIn) -> CeasingOut:
    who = caller(request)
    c = selectors.ceasing_get(who, ceasing_id)
    services.cease_appeal_lodged(by=who, ceasing=c, lodged_on=payload.lodged_on)
    return CeasingOut.of(selectors.ceasing_get(who, ceasing_id))


class AppealEndIn(Schema):
    concluded_on: dt.date
    outcome: str  # "upheld": the plan continues; "dismissed": it stops on concluded_on


@router.post(
    "/ceasings/{int:ceasing_id}/appeal/conclusion",
    response=CeasingOut,
    summary="The appeal ended: upheld (the plan continues) or dismissed (it ceases that day)",
)
@policy_required(plan_policy, "decide")
def appeal_concluded(request: HttpRequest, ceasing_id: int, payload: AppealEndIn) -> CeasingOut:
    who = caller(request)
    c = selectors.ceasing_get(who, ceasing_id)
    services.cease_appeal_concluded(
        by=who, ceasing=c, concluded_on=payload.concluded_on, outcome=payload.outcome
    )
    return CeasingOut.of(selectors.ceasing_get(who, ceasing_id))
