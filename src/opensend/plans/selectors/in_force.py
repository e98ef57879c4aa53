"""Reads of a plan in force: its page of reviews and changes, a review, a ceasing, and the dates the
rule book would give if a step were taken today (shown on the form before it is taken)."""

import dataclasses
import datetime as dt
from typing import Any

from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.plans import deadlines, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import (
    Amendment,
    Ceasing,
    Phase,
    Plan,
    PlanStatus,
    PlanTransfer,
    Review,
    ReviewStatus,
    TransferStatus,
)
from opensend.plans.policies import plan_policy

from .actions import effective_status, plan_actions, review_actions
from .lists import PhaseWarning, phase_warning
from .versions import review_result


def plan_overview(principal: Principal, plan_id: int) -> Plan:
    """A plan in force for the council's staff (and the setting's SENCo, who may hold the review)."""
    return plan_for(principal, plan_id, "review")


def plan_for(principal: Principal, plan_id: int, action: str) -> Plan:
    """The plan, if the principal may do `action` to it (else the same 404 as a missing plan); audited
    as a view of the child's record."""
    plan = (
        Plan.objects.select_related(
            "child", "local_authority", "in_force_version", "current_version", "named_setting"
        )
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not plan_policy.can(principal, action, plan):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=plan.child_id, obj=plan)
    return plan


def plan_to_change(principal: Principal, plan_id: int, action: str) -> Plan:
    """The plan an API write names, if the principal may do `action` to it (else the same 404). Not
    audited as a read: the service audits the change it makes."""
    plan = Plan.objects.select_related("child", "local_authority").filter(pk=plan_id).first()
    if plan is None or not plan_policy.can(principal, action, plan):
        raise Http404("Page not found")
    return plan


def reviews_of(plan: Plan) -> list[Review]:
    """A plan's reviews, newest first, each with its `result` in words."""
    rows = list(plan.reviews.select_related("decision").order_by("-meeting_on", "-id"))
    for r in rows:
        r.result = review_result(r, dated=False)  # type: ignore[attr-defined]
    return rows


def review_get(principal: Principal, review_id: int) -> Review:
    review = (
        Review.objects.select_related("plan", "plan__child", "plan__local_authority", "convened_by")
        .filter(pk=review_id)
        .first()
    )
    if review is None or not plan_policy.can(principal, "view", review):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=review.plan.child_id, obj=review)
    return review


def review_detail(review: Review) -> dict[str, Any]:
    decision = getattr(review, "decision", None) if review.status == ReviewStatus.DECIDED else None
    return {
        "invitations": list(review.invitations.select_related("user", "organisation").order_by("id")),
        "contributions": list(review.contributions.all()),
        "decision": decision,
    }


def review_page(principal: Principal, review: Review) -> dict[str, Any]:
    """What the review page shows this principal, with the actions they may take."""
    return {
        "review": review,
        "plan": review.plan,
        "staff": plan_policy.can(principal, "review", review.plan),
        "actions": review_actions(principal, review),
        **review_detail(review),
    }


def amendment_of(plan: Plan) -> Amendment | None:
    return plan.amendments.select_related("notice_version", "final_version", "decision").first()


def ceasing_of(plan: Plan) -> Ceasing | None:
    return plan.ceasings.first()


def ceasing_get(principal: Principal, ceasing_id: int) -> Ceasing:
    """A decision to cease, for those who may decide on its plan; audited as a view."""
    ceasing = Ceasing.objects.select_related("plan", "plan__child").filter(pk=ceasing_id).first()
    if ceasing is None or not plan_policy.can(principal, "decide", ceasing.plan):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=ceasing.plan.child_id, obj=ceasing)
    return ceasing


@dataclasses.dataclass(frozen=True)
class Overview:
    """The page of reviews and changes of a plan in force."""

    plan: Plan
    status_label: str
    reviews: list[Review]
    open_review: Review | None
    amendment: Amendment | None
    ceasing: Ceasing | None
    phase_label: str
    phase_warning: PhaseWarning | None
    sent: PlanTransfer | None  # the last transfer to another council that was not cancelled
    actions: frozenset[workflow.PlanAction]


def overview(principal: Principal, plan: Plan, today: dt.date) -> Overview:
    reviews = reviews_of(plan)
    ceasing = ceasing_of(plan)
    sent = plan.transfers_out.select_related("to_la").exclude(status=TransferStatus.CANCELLED).first()
    return Overview(
        plan=plan,
        status_label=PlanStatus(effective_status(plan, today)).label,
        reviews=[r for r in reviews if r.status not in workflow.OPEN_REVIEW],
        open_review=next((r for r in reviews if r.status in workflow.OPEN_REVIEW), None),
        amendment=amendment_of(plan),
        ceasing=ceasing,
        phase_label=Phase(plan.next_phase).label if plan.next_phase else "",
        phase_warning=phase_warning(plan, today),
        sent=sent,
        actions=plan_actions(principal, plan, today),
    )


# --- the dates a form shows before the step is taken -------------------------------------------


@dataclasses.dataclass(frozen=True)
class AmendmentDates:
    representations_due: dt.date  # R6
    final_due: dt.date  # R7, or RA2 already set by a re-assessment
    final_rule: str


def amendment_notice_dates(plan: Plan, today: dt.date) -> AmendmentDates:
    """What sending the amendment notice today would give: R6, and R7 unless a re-assessment has
    already fixed the date (RA2)."""
    amendment = plan.amendments.filter(final_version__isnull=True).order_by("-id").first()
    if amendment is not None and amendment.reason == "reassessment" and amendment.final_due:
        final, rule = amendment.final_due, "RA2"
    else:
        final, rule = deadlines.amended_final_due(today), "R7"
    return AmendmentDates(deadlines.amendment_representations_due(today), final, rule)


def cease_appeal_by(today: dt.date) -> dt.date:
    """T1 if the council decided to cease today."""
    return deadlines.appeal_window_end(today)


def reassessment_due(today: dt.date) -> dt.date:
    """RA2 if the family were told today."""
    return deadlines.reassessment_due(today)


def draft_reply_by(today: dt.date) -> dt.date:
    """A6 if the draft were issued today."""
    return deadlines.draft_comments_due(today)
