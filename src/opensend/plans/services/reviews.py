"""Annual reviews (regulations 18 to 20): the meeting (R3), invitations, contributions, the meeting
record (R4, R5) and the council's decision to maintain, amend or cease (immutable). A review's
status follows `workflow.REVIEW_TRANSITIONS` and is written only by `review_move`."""

import datetime as dt

from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import Role
from opensend.children.models import ProfessionalInvolvement
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.plans import deadlines, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import (
    Amendment,
    Plan,
    PlanStatus,
    Review,
    ReviewContribution,
    ReviewDecision,
    ReviewInvitation,
    ReviewOutcome,
    ReviewStatus,
)
from opensend.plans.policies import plan_policy
from opensend.plans.workflow import PlanAction

from .issuing import family_users, locked_plan, notify_family
from .transitions import plan_transition

MAX_TEXT = 20_000


def _text(value: str, field: str, missing: str, required: bool = True) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ApplicationError(missing, field=field)
    if len(value) > MAX_TEXT:
        raise ApplicationError(f"Enter {MAX_TEXT:,} characters or fewer", field=field)
    return value


def review_due(plan: Plan) -> dt.date | None:
    """The stored R1 (or X3) date; for a plan without one, R1 from the day it was made."""
    if plan.next_review_due:
        return plan.next_review_due
    return deadlines.review_due(plan.made_on) if plan.made_on else None


def _invitees(plan: Plan) -> list[tuple[User, str, Organisation | None]]:
    """The family, the SENCos of the named setting, and professionals with a live grant."""
    today = clock.today()
    people: list[tuple[User, str, Organisation | None]] = [(u, "family", None) for u in family_users(plan)]
    if plan.named_setting_id:
        for m in (
            Membership.objects.live(today)
            .filter(organisation_id=plan.named_setting_id, role=Role.SENCO)
            .select_related("user", "organisation")
        ):
            people.append((m.user, Role.SENCO, m.organisation))
    for grant in ProfessionalInvolvement.objects.filter(
        ProfessionalInvolvement.live_filter(today), child_id=plan.child_id
    ).select_related("user", "organisation"):
        people.append((grant.user, "professional", grant.organisation))
    seen: set[int] = set()
    out = []
    for user, role, org in people:
        if user.pk not in seen and user.is_active:
            seen.add(user.pk)
            out.append((user, role, org))
    return out


@transaction.atomic
def review_schedule(
    *, by: Principal, plan: Plan, meeting_on: dt.date, convened_by: Organisation | None = None
) -> Review:
    """Arrange the review meeting: R3 (advice 2 weeks before) and invitations to everyone concerned."""
    plan = locked_plan(by, plan, "review")
    workflow.require(plan.status, PlanAction.REVIEW_SCHEDULE)
    if plan.made_on is None:
        raise ApplicationError(workflow.ACTIONS[PlanAction.REVIEW_SCHEDULE].refused)
    if meeting_on < plan.made_on:
        raise ApplicationError(
            f"The review meeting must be on or after the day the plan was made ({plan.made_on:%-d %B %Y})",
            field="meeting_on",
        )
    if plan.last_review_meeting_on and meeting_on <= plan.last_review_meeting_on:
        raise ApplicationError("The review meeting must be after the last review meeting", field="meeting_on")
    if meeting_on > clock.today() + dt.timedelta(days=366):
        raise ApplicationError("The review meeting must be within the next year", field="meeting_on")
    if plan.reviews.filter(status__in=workflow.OPEN_REVIEW).exists():
        raise ApplicationError("A review of this plan is already under way: finish it first")
    if convened_by is None and by.has_role(Role.SENCO) and not plan_policy.can(by, "decide", plan):
        convened_by = plan.named_setting
    review = Review.objects.create(
        plan=plan,
        local_authority=plan.local_authority,
        due_on=review_due(plan) or meeting_on,
        meeting_on=meeting_on,
        advice_by=deadlines.review_advice_by(meeting_on),
        convened_by=convened_by,
        created_by_name=actor_name(by),
    )
    link = reverse("plans:review", args=[review.pk])
    from opensend.notify.services import notify

    for user, role, org in _invitees(plan):
        ReviewInvitation.objects.create(review=review, user=user, role=role, organisation=org)
        notify(
            to=user,
            kind="plan.review_invited",
            context={
                "child_name": plan.child.first_name,
                "meeting_on": meeting_on,
                "advice_by": review.advice_by,
            },
            link=link,
            child=plan.child,
        )
    timeline_append(
        child=plan.child,
        kind="plans.review_scheduled",
        title=f"Annual review meeting arranged for {meeting_on:%-d %B %Y}",
        by=by,
    )
    audit.record(
        by,
        PlansAudit.REVIEW_SCHEDULED,
        child_id=plan.child_id,
        obj=review,
        detail={"meeting_on": meeting_on.isoformat(), "advice_by": review.advice_by.isoformat()},
    )
    return review


def review_move(review: Review, to: ReviewStatus, refused: str) -> None:
    """The one place a review's status is written, after `workflow.REVIEW_TRANSITIONS` allows it. The
    caller holds the review's row lock; a refusal later in its transaction undoes the move."""
    workflow.check(workflow.REVIEW_TRANSITIONS, review.status, to, refused)
    review.status = to
    review.save(update_fields=["status"])


def _review(by: Principal, review: Review, action: str) -> Review:
    locked = Review.objects.select_for_update().filter(pk=review.pk).first()
    if locked is None:
        raise NotFound()
    locked = Review.objects.select_related("plan", "plan__child", "plan__local_authority").get(pk=locked.pk)
    if not plan_policy.can(by, action, locked):
        raise NotFound()
    return locked


@transaction.atomic
def review_contribute(*, by: Principal, review: Review, text: str) -> ReviewContribution:
    """An invitee's (or the council's) views or advice. After the R3 date it is kept and marked late."""
    review = _review(by, review, "contribute")
    if review.status == ReviewStatus.DECIDED:
        raise ApplicationError("The council has already decided on this review")
    if review.status == ReviewStatus.CLOSED:
        raise ApplicationError("This review was closed without a decision")
    text = _text(text, "text", "Enter your views or advice")
    invitation = review.invitations.filter(user=by.user).first() if by.user else None
    contribution = ReviewContribution.objects.create(
        review=review,
        author=by.user,
        author_name=actor_name(by),
        role=invitation.role if invitation else "council",
        text=text,
        late=clock.today() > review.advice_by,
    )
    audit.record(
        by,
        PlansAudit.REVIEW_CONTRIBUTED,
        child_id=review.plan.child_id,
        obj=contribution,
        detail={"late": contribution.late},
    )
    return contribution


@transaction.atomic
def review_record_meeting(
    *,
    by: Principal,
    review: Review,
    held_on: dt.date,
    attendees: str,
    views: str,
    recommendations: str,
) -> Review:
    """The meeting record: starts R4 (report in 2 weeks) and R5 (decision in 4 weeks)."""
    review = _review(by, review, "review")
    plan = review.plan
    review_move(review, ReviewStatus.HELD, "The meeting for this review has already been recorded")
    if plan.made_on and held_on < plan.made_on:
        raise ApplicationError(
            f"The meeting cannot be before the day the plan was made ({plan.made_on:%-d %B %Y})",
            field="held_on",
        )
    if held_on > clock.today():
        raise ApplicationError("The meeting date must be today or in the past", field="held_on")
    review.attendees = _text(attendees, "attendees", "Enter who came to the meeting")
    review.views = _text(views, "views", "", required=False)
    review.recommendations = _text(recommendations, "recommendations", "Enter the meeting's recommendations")
    review.held_on = held_on
    review.report_due = deadlines.review_report_due(held_on)
    review.decision_due = deadlines.review_decision_due(held_on)
    review.save(
        update_fields=["attendees", "views", "recommendations", "held_on", "report_due", "decision_due"]
    )
    timeline_append(
        child=plan.child,
        kind="plans.review_held",
        title=f"Annual review meeting held on {held_on:%-d %B %Y}",
        by=by,
    )
    audit.record(
        by, PlansAudit.REVIEW_HELD, child_id=plan.child_id, obj=review, detail={"held_on": str(held_on)}
    )
    return review


@transaction.atomic
def review_decide(
    *, by: Principal, review: Review, outcome: str, reasons: str, cease_reason: int | None = None
) -> ReviewDecision:
    """The council's decision (regulation 20(10)), written once; the family is told with the reasons.
    Amend opens an amendment; cease starts the ceasing (the plan is kept until the appeal window closes).
    Keep ("maintain") is the decision not to amend following a review, which the family may appeal
    (Children and Families Act 2014 s.51(2)(e)); cease is appealable through `cease_decide`."""
    review = _review(by, review, "view")
    plan = locked_plan(by, review.plan, "decide")
    before = "Record the review meeting before deciding"
    review_move(review, ReviewStatus.DECIDED, before)
    if review.held_on is None:
        raise ApplicationError(before)
    try:
        choice = ReviewOutcome(outcome)
    except ValueError:
        raise ApplicationError("Choose whether to keep, change or stop the plan", field="outcome") from None
    if choice == ReviewOutcome.AMEND and not workflow.can_move(plan.status, PlanStatus.AMENDING):
        raise ApplicationError(
            "This plan is already being changed: issue the amended plan before deciding to change it again",
            field="outcome",
        )
    if choice == ReviewOutcome.CEASE:
        workflow.require(plan.status, PlanAction.CEASE)
    reasons = _text(reasons, "reasons", "Enter the reasons for the decision")
    today = clock.today()
    decision = ReviewDecision.objects.create(
        review=review,
        plan=plan,
        outcome=choice,
        reasons=reasons,
        decided_on=today,
        decided_by=by.user,
        decided_by_name=actor_name(by),
    )
    plan.last_review_meeting_on = review.held_on
    plan.last_review_outcome = choice.value
    plan.last_review_on = today
    plan.next_review_due = deadlines.review_due(review.held_on)
    plan.save(
        update_fields=[
            "last_review_meeting_on",
            "last_review_outcome",
            "last_review_on",
            "next_review_due",
            "updated_at",
        ]
    )
    kind, title = (
        "plans.review_decided",
        f"After the annual review the council decided: {choice.label.lower()}",
    )
    detail = {"outcome": choice.value, "decision_due": str(review.decision_due)}
    if choice == ReviewOutcome.AMEND:
        Amendment.objects.create(plan=plan, decision=decision, reason="review")
        plan_transition(
            by=by,
            plan=plan,
            to=PlanStatus.AMENDING,
            audit_action=PlansAudit.REVIEW_DECIDED,
            obj=decision,
            detail=detail,
            kind=kind,
            title=title,
            body=reasons,
        )
    else:
        if choice == ReviewOutcome.CEASE:
            from .ceasing import cease_decide

            cease_decide(by=by, plan=plan, reason=cease_reason, reasons=reasons, decision=decision)
        timeline_append(child=plan.child, kind=kind, title=title, body=reasons, by=by)
        audit.record(by, PlansAudit.REVIEW_DECIDED, child_id=plan.child_id, obj=decision, detail=detail)
    if choice != ReviewOutcome.CEASE:  # ceasing sends its own notice, with the appeal date
        notify_family(
            plan,
            "plan.review_decided",
            {"decision": str(choice.label).lower(), "reasons": reasons},
            reverse("plans:review", args=[review.pk]),
        )
    return decision
