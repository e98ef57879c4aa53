"""Targeted help and alternative provision in the API: the same services, selectors and policies
as the pages. Reads need the `children:read` scope, writes `children:write` (ADR 0047)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Status

from opensend.access.policy import caller as _by
from opensend.access.policy import policy_required
from opensend.access.principal import Principal
from opensend.accounts.roles import FAMILY_ROLES
from opensend.core import clock

from . import selectors, services
from .models import APPlacement, APReview, OutreachRequest
from .policies import outreach_policy, placement_policy
from .schemas import (
    AnswerIn,
    CancelIn,
    DecisionIn,
    EndIn,
    ListQuery,
    OutreachIn,
    OutreachOut,
    OutreachPageOut,
    PlacementIn,
    PlacementOut,
    PlacementPageOut,
    PlacementSummaryOut,
    ReviewIn,
    ReviewOut,
    ServiceTimesOut,
    StartIn,
    TimesOut,
    TimesQuery,
    WithdrawIn,
)

router = Router(tags=["targeted"])


def _outreach(r: OutreachRequest, by: Principal) -> OutreachOut:
    out = OutreachOut.from_orm(r)
    if by.roles() <= FAMILY_ROLES:  # families read the advice, not the professionals' notes (ADR 0046)
        out.urgency = ""
        out.decision_reason = ""
    return out


@router.get("/outreach", response=OutreachPageOut, summary="List outreach and advice requests you may see")
@policy_required(outreach_policy, "list")
def list_outreach(request: HttpRequest, filters: Query[ListQuery]) -> OutreachPageOut:
    page = selectors.outreach_page(
        _by(request), status=filters.status, page=filters.page, per_page=filters.per_page
    )
    return OutreachPageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[_outreach(r, _by(request)) for r in page.object_list],
    )


@router.post("/outreach", response={201: OutreachOut}, summary="Ask an LA service for outreach or advice")
@policy_required(outreach_policy, "create")
def create_outreach(request: HttpRequest, payload: OutreachIn) -> Status[OutreachOut]:
    by = _by(request)
    child = selectors.child_get(by, payload.child_id)
    created = services.outreach_request_create(
        by=by,
        child=child,
        service=payload.service,
        service_other=payload.service_other,
        question=payload.question,
        tried=payload.tried,
        urgency=payload.urgency,
    )
    return Status(201, _outreach(selectors.outreach_get(by, created.pk), by))


@router.get(
    "/outreach/answer-times",
    response=TimesOut,
    summary="Median and 90th percentile days to answer, per service, over a period",
)
@policy_required(outreach_policy, "view_times")
def outreach_times(request: HttpRequest, period: Query[TimesQuery]) -> TimesOut:
    until = period.until or clock.today()
    since = period.since or until - dt.timedelta(days=364)
    if since > until:
        from opensend.core.errors import ApplicationError

        raise ApplicationError("The end of the period must be on or after its start", field="until")
    rows = selectors.outreach_times(_by(request), since=since, until=until)
    return TimesOut(since=since, until=until, services=[ServiceTimesOut(**vars(r)) for r in rows])


@router.get("/outreach/{request_id}", response=OutreachOut, summary="Read one outreach request")
@policy_required(outreach_policy, "view")
def get_outreach(request: HttpRequest, request_id: int) -> OutreachOut:
    return _outreach(selectors.outreach_get(_by(request), request_id), _by(request))


@router.post("/outreach/{request_id}/decision", response=OutreachOut, summary="Accept or decline a request")
@policy_required(outreach_policy, "decide")
def decide_outreach(request: HttpRequest, request_id: int, payload: DecisionIn) -> OutreachOut:
    by = _by(request)
    selectors.outreach_get(by, request_id, action="decide")
    done = services.outreach_decide(
        by=by,
        request_id=request_id,
        accept=payload.accept,
        reason=payload.reason,
        expected_version=payload.version,
    )
    return _outreach(done, by)


@router.post("/outreach/{request_id}/answer", response=OutreachOut, summary="Answer an accepted request")
@policy_required(outreach_policy, "answer")
def answer_outreach(request: HttpRequest, request_id: int, payload: AnswerIn) -> OutreachOut:
    by = _by(request)
    selectors.outreach_get(by, request_id, action="answer")
    done = services.outreach_answer(
        by=by,
        request_id=request_id,
        kind=payload.kind,
        answer=payload.answer,
        visited_on=payload.visited_on,
        expected_version=payload.version,
    )
    return _outreach(done, by)


@router.post("/outreach/{request_id}/withdraw", response=OutreachOut, summary="Withdraw an open request")
@policy_required(outreach_policy, "withdraw")
def withdraw_outreach(request: HttpRequest, request_id: int, payload: WithdrawIn) -> OutreachOut:
    by = _by(request)
    selectors.outreach_get(by, request_id, action="withdraw")
    done = services.outreach_withdraw(
        by=by, request_id=request_id, reason=payload.reason, expected_version=payload.version
    )
    return _outreach(done, by)


# Alternative provision -------------------------------------------------------------------------


def _placement(p: APPlacement) -> PlacementOut:
    return PlacementOut(
        **PlacementSummaryOut.from_orm(p).model_dump(),
        reviews=[ReviewOut.from_orm(r) for r in p.reviews.all()],
    )


@router.get("/placements", response=PlacementPageOut, summary="List alternative provision placements")
@policy_required(placement_policy, "list")
def list_placements(request: HttpRequest, filters: Query[ListQuery]) -> PlacementPageOut:
    page = selectors.placement_page(
        _by(request), status=filters.status, page=filters.page, per_page=filters.per_page
    )
    return PlacementPageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[PlacementSummaryOut.from_orm(p) for p in page.object_list],
    )


@router.post("/placements", response={201: PlacementOut}, summary="Refer a child to alternative provision")
@policy_required(placement_policy, "refer")
def refer_placement(request: HttpRequest, payload: PlacementIn) -> Status[PlacementOut]:
    by = _by(request)
    child = selectors.child_get(by, payload.child_id)
    created = services.placement_refer(
        by=by,
        child=child,
        tier=payload.tier,
        purpose=payload.purpose,
        provider=selectors.settings_for_child(child).filter(pk=payload.provider_id).first(),
        start_on=payload.start_on,
        planned_end_on=payload.planned_end_on,
    )
    return Status(201, _placement(selectors.placement_get(by, created.pk)))


@router.get("/placements/{placement_id}", response=PlacementOut, summary="Read one placement and its reviews")
@policy_required(placement_policy, "view")
def get_placement(request: HttpRequest, placement_id: int) -> PlacementOut:
    return _placement(selectors.placement_get(_by(request), placement_id))


def _reread(by: Principal, placement_id: int) -> PlacementOut:
    return _placement(selectors.placement_get(by, placement_id))


@router.post("/placements/{placement_id}/start", response=PlacementOut, summary="Record that it started")
@policy_required(placement_policy, "manage")
def start_placement(request: HttpRequest, placement_id: int, payload: StartIn) -> PlacementOut:
    by = _by(request)
    services.placement_start(
        by=by, placement_id=placement_id, started_on=payload.started_on, expected_version=payload.version
    )
    return _reread(by, placement_id)


@router.post("/placements/{placement_id}/reviews", response={201: ReviewOut}, summary="Record a review")
@policy_required(placement_policy, "manage")
def review_placement(request: HttpRequest, placement_id: int, payload: ReviewIn) -> Status[APReview]:
    review = services.placement_review(
        by=_by(request),
        placement_id=placement_id,
        reviewed_on=payload.reviewed_on,
        progress=payload.progress,
        decision=payload.decision,
        new_planned_end_on=payload.new_planned_end_on,
        expected_version=payload.version,
    )
    return Status(201, review)


@router.post(
    "/placements/{placement_id}/end", response=PlacementOut, summary="End a placement with its outcome"
)
@policy_required(placement_policy, "manage")
def end_placement(request: HttpRequest, placement_id: int, payload: EndIn) -> PlacementOut:
    by = _by(request)
    placement = selectors.placement_get(by, placement_id, action="manage")
    setting = (
        selectors.settings_for_child(placement.child).filter(pk=payload.outcome_setting_id).first()
        if payload.outcome_setting_id
        else None
    )
    services.placement_end(
        by=by,
        placement_id=placement_id,
        ended_on=payload.ended_on,
        outcome=payload.outcome,
        outcome_setting=setting,
        outcome_notes=payload.outcome_notes,
        expected_version=payload.version,
    )
    return _reread(by, placement_id)


@router.post("/placements/{placement_id}/cancel", response=PlacementOut, summary="Cancel a referral")
@policy_required(placement_policy, "manage")
def cancel_placement(request: HttpRequest, placement_id: int, payload: CancelIn) -> PlacementOut:
    by = _by(request)
    services.placement_cancel(
        by=by, placement_id=placement_id, reason=payload.reason, expected_version=payload.version
    )
    return _reread(by, placement_id)
