"""Reviews in the API: the council's lists of reviews and phase transfers due, a plan's reviews, the
meeting, views and advice, and the council's decision (which never changes)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from opensend.access.policy import caller, policy_required
from opensend.core import clock
from opensend.core.errors import Conflict
from opensend.plans import selectors, services
from opensend.plans.policies import plan_policy

from .schemas import PlanDueOut, ReviewOut

router = Router(tags=["plan reviews and transfers"])
DUE_PAGE = 50


class PlanDueList(Schema):
    results: list[PlanDueOut]
    page: int
    has_next: bool


def _due(page: Any) -> PlanDueList:
    return PlanDueList(
        results=[PlanDueOut.of(x) for x in page.object_list], page=page.number, has_next=page.has_next()
    )


@router.get("/reviews-due", response=PlanDueList, summary="Plans whose review is overdue or due in 8 weeks")
@policy_required(plan_policy, "report")
def reviews_due(request: HttpRequest, page: int = Query(1, ge=1)) -> PlanDueList:
    return _due(selectors.reviews_due_page(caller(request), clock.today(), page, DUE_PAGE))


@router.get("/phase-transfers-due", response=PlanDueList, summary="Plans with a phase transfer (P1, P2, P3)")
@policy_required(plan_policy, "report")
def phases_due(request: HttpRequest, page: int = Query(1, ge=1)) -> PlanDueList:
    return _due(selectors.phase_transfers_page(caller(request), clock.today(), page, DUE_PAGE))


class ScheduleIn(Schema):
    meeting_on: dt.date


@router.get("/{int:plan_id}/reviews", response=list[ReviewOut], summary="A plan's reviews")
@policy_required(plan_policy, "review")
def reviews(request: HttpRequest, plan_id: int) -> list[ReviewOut]:
    plan = selectors.plan_for(caller(request), plan_id, "review")
    return [ReviewOut.of(r) for r in selectors.reviews_of(plan)]


@router.post("/{int:plan_id}/reviews", response={201: ReviewOut}, summary="Arrange the review meeting (R3)")
@policy_required(plan_policy, "review")
def review_schedule(request: HttpRequest, plan_id: int, payload: ScheduleIn) -> Any:
    who = caller(request)
    plan = selectors.plan_to_change(who, plan_id, "review")
    return 201, ReviewOut.of(services.review_schedule(by=who, plan=plan, meeting_on=payload.meeting_on))


@router.get("/reviews/{int:review_id}", response=ReviewOut, summary="One review")
@policy_required(plan_policy, "view")
def review_get(request: HttpRequest, review_id: int) -> ReviewOut:
    return ReviewOut.of(selectors.review_get(caller(request), review_id))


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
    who = caller(request)
    r = selectors.review_get(who, review_id)
    c = services.review_contribute(by=who, review=r, text=payload.text)
    return 201, ContributionOut(id=c.pk, text=c.text, late=c.late, created_at=c.created_at)


class MeetingIn(Schema):
    held_on: dt.date
    attendees: str
    views: str = ""
    recommendations: str


@router.post("/reviews/{int:review_id}/meeting", response=ReviewOut, summary="Record the meeting (R4, R5)")
@policy_required(plan_policy, "review")
def meeting(request: HttpRequest, review_id: int, payload: MeetingIn) -> ReviewOut:
    who = caller(request)
    r = selectors.review_get(who, review_id)
    return ReviewOut.of(services.review_record_meeting(by=who, review=r, **payload.dict()))


class DecisionIn(Schema):
    outcome: str
    reasons: str = ""
    cease_reason: int | None = None


@router.post("/reviews/{int:review_id}/decision", response={201: ReviewOut}, summary="The council's decision")
@policy_required(plan_policy, "decide")
def decide(request: HttpRequest, review_id: int, payload: DecisionIn) -> Any:
    who = caller(request)
    r = selectors.review_get(who, review_id)
    decision = services.review_decide(by=who, review=r, **payload.dict())
    return 201, ReviewOut.of(decision.review)


def _refuse(request: HttpRequest, review_id: int) -> HttpResponse:
    selectors.review_get(caller(request), review_id)
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
