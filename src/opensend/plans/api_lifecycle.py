"""A plan in force in the API: reviews, amendments, phase transfers, re-assessment, ceasing and
transfer between councils. Mounted on the plans router (`/api/v1/plans/`)."""

import datetime as dt
import json
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from opensend.access import audit
from opensend.access.policy import policy_required
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict

from . import selectors, services
from .audit import PlansAudit
from .models import Ceasing, Plan, PlanTransfer, Review
from .policies import plan_policy
from .schema import validate_document

router = Router(tags=["plan reviews and transfers"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


def _plan(principal: Principal, plan_id: int, action: str) -> Plan:
    plan = Plan.objects.select_related("child", "local_authority").filter(pk=plan_id).first()
    if plan is None or not plan_policy.can(principal, action, plan):
        raise Http404("Not found")
    return plan


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


class PlanDueList(Schema):
    results: list[PlanDueOut]
    page: int
    has_next: bool


def _phase(plan: Plan) -> dict[str, Any]:
    if not plan.phase_transfer_due:
        return {}
    warning = selectors.phase_warning(plan, clock.today())
    return {"next_setting_named": warning is None, "phase_warning": warning.message if warning else None}


def _due_page(principal: Principal, qs: Any, page: int) -> PlanDueList:
    p = Paginator(qs, 50).get_page(page)
    audit.record_reads(principal, PlansAudit.LISTED, [x.child_id for x in p.object_list])
    return PlanDueList(
        results=[
            PlanDueOut(
                id=x.pk,
                reference=x.reference,
                child_id=x.child_id,
                status=x.status,
                made_on=x.made_on,
                next_review_due=x.next_review_due,
                meeting_on=getattr(x, "meeting_on", None),
                phase_transfer_on=x.phase_transfer_on,
                phase_transfer_due=x.phase_transfer_due,
                **_phase(x),
            )
            for x in p.object_list
        ],
        page=p.number,
        has_next=p.has_next(),
    )


@router.get("/reviews-due", response=PlanDueList, summary="Plans whose review is overdue or due in 8 weeks")
@policy_required(plan_policy, "report")
def reviews_due(request: HttpRequest, page: int = Query(1, ge=1)) -> PlanDueList:
    principal = _principal(request)
    return _due_page(principal, selectors.reviews_due(principal, clock.today()), page)


@router.get("/phase-transfers-due", response=PlanDueList, summary="Plans with a phase transfer (P1, P2, P3)")
@policy_required(plan_policy, "report")
def phases_due(request: HttpRequest, page: int = Query(1, ge=1)) -> PlanDueList:
    principal = _principal(request)
    return _due_page(principal, selectors.phase_transfers_due(principal, clock.today()), page)


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
        d = r.decision if r.status == "decided" else None
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


class ScheduleIn(Schema):
    meeting_on: dt.date


@router.get("/{int:plan_id}/reviews", response=list[ReviewOut], summary="A plan's reviews")
@policy_required(plan_policy, "review")
def reviews(request: HttpRequest, plan_id: int) -> list[ReviewOut]:
    plan = _plan(_principal(request), plan_id, "review")
    return [ReviewOut.of(r) for r in selectors.reviews_of(plan)]


@router.post("/{int:plan_id}/reviews", response={201: ReviewOut}, summary="Arrange the review meeting (R3)")
@policy_required(plan_policy, "review")
def review_schedule(request: HttpRequest, plan_id: int, payload: ScheduleIn) -> Any:
    principal = _principal(request)
    plan = _plan(principal, plan_id, "review")
    return 201, ReviewOut.of(services.review_schedule(by=principal, plan=plan, meeting_on=payload.meeting_on))


@router.get("/reviews/{int:review_id}", response=ReviewOut, summary="One review")
@policy_required(plan_policy, "view")
def review_get(request: HttpRequest, review_id: int) -> ReviewOut:
    return ReviewOut.of(selectors.review_get(_principal(request), review_id))


class ContributionIn(Schema):
    text: str


class ContributionOut(Schema):
    id: int
    text: str
    late: bool
    created_at: dt.datetime


@router.post(
    "/reviews/{int:review_id}/contributions", response={201: ContributionOut}, summary="Send views or advice"
)
@policy_required(plan_policy, "contribute")
def contribute(request: HttpRequest, review_id: int, payload: ContributionIn) -> Any:
    principal = _principal(request)
    r = selectors.review_get(principal, review_id)
    c = services.review_contribute(by=principal, review=r, text=payload.text)
    return 201, ContributionOut(id=c.pk, text=c.text, late=c.late, created_at=c.created_at)


class MeetingIn(Schema):
    held_on: dt.date
    attendees: str
    views: str = ""
    recommendations: str


@router.post("/reviews/{int:review_id}/meeting", response=ReviewOut, summary="Record the meeting (R4, R5)")
@policy_required(plan_policy, "review")
def meeting(request: HttpRequest, review_id: int, payload: MeetingIn) -> ReviewOut:
    principal = _principal(request)
    r = selectors.review_get(principal, review_id)
    return ReviewOut.of(services.review_record_meeting(by=principal, review=r, **payload.dict()))


class DecisionIn(Schema):
    outcome: str
    reasons: str = ""
    cease_reason: int | None = None


@router.post("/reviews/{int:review_id}/decision", response={201: ReviewOut}, summary="The council's decision")
@policy_required(plan_policy, "decide")
def decide(request: HttpRequest, review_id: int, payload: DecisionIn) -> Any:
    principal = _principal(request)
    r = selectors.review_get(principal, review_id)
    services.review_decide(by=principal, review=r, **payload.dict())
    return 201, ReviewOut.of(Review.objects.get(pk=r.pk))


def _refuse(request: HttpRequest, review_id: int) -> HttpResponse:
    selectors.review_get(_principal(request), review_id)
    raise Conflict("A decision never changes: record a new review instead")


@router.put(
    "/reviews/{int:review_id}/decision", response={409: dict}, summary="Refused: decisions never change"
)
@policy_required(plan_policy, "view")
def decision_put(request: HttpRequest, review_id: int) -> HttpResponse:
    return _refuse(request, review_id)


@router.delete(
    "/reviews/{int:review_id}/decision", response={409: dict}, summary="Refused: decisions never change"
)
@policy_required(plan_policy, "view")
def decision_delete(request: HttpRequest, review_id: int) -> HttpResponse:
    return _refuse(request, review_id)


class VersionBrief(Schema):
    id: int
    number: int
    kind: str
    content_hash: str
    issued_on: dt.date
    comments_due_on: dt.date | None


@router.post(
    "/{int:plan_id}/amendment/{step}",
    response={201: VersionBrief},
    summary="Amendment notice (R6, R7) or final",
)
@policy_required(plan_policy, "decide")
def amendment(request: HttpRequest, plan_id: int, step: str) -> Any:
    principal = _principal(request)
    plan = _plan(principal, plan_id, "decide")
    if step not in ("notice", "final"):
        raise Http404("Not found")
    issue = services.amended_final_issue if step == "final" else services.amendment_notice_issue
    v = issue(by=principal, plan=plan)
    return 201, VersionBrief(
        id=v.pk,
        number=v.number,
        kind=v.kind,
        content_hash=v.content_hash,
        issued_on=v.issued_on,
        comments_due_on=v.comments_due_on,
    )


class PhaseIn(Schema):
    next_phase: str
    transfer_on: dt.date


@router.post("/{int:plan_id}/phase-transfer", response=PlanDueOut, summary="Record a phase transfer (P1-P3)")
@policy_required(plan_policy, "decide")
def phase_transfer(request: HttpRequest, plan_id: int, payload: PhaseIn) -> PlanDueOut:
    principal = _principal(request)
    p = services.phase_transfer_set(by=principal, plan=_plan(principal, plan_id, "decide"), **payload.dict())
    return PlanDueOut(
        id=p.pk,
        reference=p.reference,
        child_id=p.child_id,
        status=p.status,
        made_on=p.made_on,
        next_review_due=p.next_review_due,
        phase_transfer_on=p.phase_transfer_on,
        phase_transfer_due=p.phase_transfer_due,
        **_phase(p),
    )


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
    principal = _principal(request)
    plan = _plan(principal, plan_id, "decide")
    a = services.reassessment_start(by=principal, plan=plan, notified_on=payload.notified_on)
    plan.refresh_from_db()
    assert plan.reassessment_notified_on and a.final_due
    return 201, ReassessOut(plan_id=plan.pk, notified_on=plan.reassessment_notified_on, due=a.final_due)


class CeaseIn(Schema):
    cease_reason: int | None = None
    reasons: str = ""


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
            plan_status=selectors.effective_status(Plan.objects.get(pk=c.plan_id), clock.today()),
        )


@router.post("/{int:plan_id}/cease", response={201: CeasingOut}, summary="Decide to cease (kept until T1)")
@policy_required(plan_policy, "decide")
def cease(request: HttpRequest, plan_id: int, payload: CeaseIn) -> Any:
    principal = _principal(request)
    plan = _plan(principal, plan_id, "decide")
    return 201, CeasingOut.of(
        services.cease_decide(by=principal, plan=plan, reason=payload.cease_reason, reasons=payload.reasons)
    )


class AppealIn(Schema):
    lodged_on: dt.date


def _ceasing(principal: Principal, ceasing_id: int) -> Ceasing:
    c = Ceasing.objects.select_related("plan").filter(pk=ceasing_id).first()
    if c is None or not plan_policy.can(principal, "decide", c.plan):
        raise Http404("Not found")
    return c


@router.post("/ceasings/{int:ceasing_id}/appeal", response=CeasingOut, summary="An appeal keeps the plan")
@policy_required(plan_policy, "decide")
def appeal(request: HttpRequest, ceasing_id: int, payload: AppealIn) -> CeasingOut:
    principal = _principal(request)
    c = _ceasing(principal, ceasing_id)
    return CeasingOut.of(services.cease_appeal_lodged(by=principal, ceasing=c, lodged_on=payload.lodged_on))


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
    principal = _principal(request)
    c = _ceasing(principal, ceasing_id)
    services.cease_appeal_concluded(
        by=principal, ceasing=c, concluded_on=payload.concluded_on, outcome=payload.outcome
    )
    return CeasingOut.of(Ceasing.objects.get(pk=c.pk))


class TransferIn(Schema):
    to_la_id: int
    aware_on: dt.date
    moved_on: dt.date | None = None


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


@router.post(
    "/{int:plan_id}/transfer", response={201: TransferOut}, summary="Send the plan to a new council (X1)"
)
@policy_required(plan_policy, "transfer")
def transfer_start(request: HttpRequest, plan_id: int, payload: TransferIn) -> Any:
    principal = _principal(request)
    plan = _plan(principal, plan_id, "transfer")
    to_la = Organisation.objects.filter(pk=payload.to_la_id).first()
    t = services.transfer_start(
        by=principal, plan=plan, to_la=to_la, aware_on=payload.aware_on, moved_on=payload.moved_on
    )
    return 201, TransferOut.of(t)


@router.get("/transfers", response=list[TransferOut], summary="Transfers to and from your councils")
@policy_required(plan_policy, "transfer")
def transfers(request: HttpRequest) -> list[TransferOut]:
    incoming, outgoing = selectors.transfers_for(_principal(request))
    return [TransferOut.of(t) for t in incoming + outgoing]


@router.get("/transfers/{int:transfer_id}", response=TransferOut, summary="One transfer")
@policy_required(plan_policy, "receive")
def transfer_get(request: HttpRequest, transfer_id: int) -> TransferOut:
    return TransferOut.of(selectors.transfer_get(_principal(request), transfer_id))


@router.get("/transfers/{int:transfer_id}/document", summary="The plan sent, as a schema document")
@policy_required(plan_policy, "receive")
def transfer_document(request: HttpRequest, transfer_id: int) -> HttpResponse:
    principal = _principal(request)
    t = selectors.transfer_get(principal, transfer_id)
    audit.record(principal, PlansAudit.EXPORTED, child_id=t.child_id, obj=t.version)
    response = HttpResponse(t.version.canonical, content_type="application/json")
    response["Digest"] = f"sha-256={t.content_hash}"
    return response


@router.post(
    "/transfers/{int:transfer_id}/receive",
    response={201: TransferOut, 422: dict},
    summary="The new council receives the plan (body: the schema document; token scope plans:transfer)",
)
@policy_required(plan_policy, "receive")
def transfer_receive(request: HttpRequest, transfer_id: int) -> Any:
    principal = _principal(request)
    t = selectors.transfer_get(principal, transfer_id)
    if not plan_policy.can(principal, "receive", t):
        raise Http404("Not found")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApplicationError("The body is not JSON", fields={"": ["The body is not JSON"]}) from None
    doc, errors = validate_document(data)
    if doc is None:
        n = sum(map(len, errors.values()))
        message = f"The plan does not meet the schema ({n} problem{'s' if n != 1 else ''})"
        raise ApplicationError(message, fields=errors)
    try:
        services.transfer_receive(by=principal, transfer=t, doc=doc, source="API transfer")
    except services.DocumentRefused as exc:
        raise ApplicationError(exc.message, fields={str(exc.extra["pointer"]): [exc.message]}) from exc
    return 201, TransferOut.of(PlanTransfer.objects.select_related("plan").get(pk=t.pk))


class CancelIn(Schema):
    reason: str = ""


@router.post(
    "/transfers/{int:transfer_id}/cancel",
    response=TransferOut,
    summary="The old council cancels a transfer not yet received",
)
@policy_required(plan_policy, "cancel")
def transfer_cancel(request: HttpRequest, transfer_id: int, payload: CancelIn) -> TransferOut:
    principal = _principal(request)
    t = selectors.transfer_get(principal, transfer_id)
    if not plan_policy.can(principal, "cancel", t):
        raise Http404("Not found")
    return TransferOut.of(services.transfer_cancel(by=principal, transfer=t, reason=payload.reason))


class FamilyToldIn(Schema):
    told_on: dt.date


@router.post(
    "/transfers/{int:transfer_id}/family-told",
    response=TransferOut,
    summary="The new council records the day it wrote to the family (X2)",
)
@policy_required(plan_policy, "family_told")
def transfer_family_told(request: HttpRequest, transfer_id: int, payload: FamilyToldIn) -> TransferOut:
    principal = _principal(request)
    t = selectors.transfer_get(principal, transfer_id)
    if not plan_policy.can(principal, "family_told", t):
        raise Http404("Not found")
    return TransferOut.of(services.transfer_family_told(by=principal, transfer=t, told_on=payload.told_on))
