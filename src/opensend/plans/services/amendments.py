"""Amending a plan in force (regulation 22): the amendment notice (R6 for representations, R7 for the
final) and the amended final, a new immutable version that supersedes the previous final. The plan
keeps the day it was first made."""

from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError
from opensend.plans import deadlines, quality, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import Amendment, Plan, PlanStatus, PlanVersion, VersionKind
from opensend.plans.workflow import AmendmentStage, PlanAction, amendment_stage

from .drafting import working_document
from .issuing import (
    QualityFailed,
    family_finished,
    locked_plan,
    named_setting_of,
    notify_family,
    record_version,
)
from .transitions import plan_transition


def open_amendment(plan: Plan) -> Amendment | None:
    return plan.amendments.filter(final_version__isnull=True).order_by("-id").first()


@transaction.atomic
def amendment_notice_issue(*, by: Principal, plan: Plan) -> PlanVersion:
    """Serve the proposed amended plan (the working copy) on the family: R6 and R7 start today."""
    plan = locked_plan(by, plan, "decide")
    workflow.require(plan.status, PlanAction.AMENDMENT_NOTICE)
    amendment = open_amendment(plan)
    if amendment is None:
        raise ApplicationError(workflow.ACTIONS[PlanAction.AMENDMENT_NOTICE].refused)
    workflow.check(
        workflow.AMENDMENT_TRANSITIONS,
        amendment_stage(amendment),
        AmendmentStage.NOTICE_SENT,
        "The amendment notice has already been sent: issue the amended final plan",
    )
    doc = working_document(plan)
    problems = quality.check(doc, "final")
    if problems:
        raise QualityFailed(problems)
    today = clock.today()
    reply_by = deadlines.amendment_representations_due(today)
    doc.plan.made_on = plan.made_on
    version = record_version(
        by=by, plan=plan, doc=doc, kind=VersionKind.AMENDMENT_DRAFT, issued_on=today, comments_due_on=reply_by
    )
    plan.save(update_fields=["current_version", "updated_at"])
    amendment.notice_version = version
    amendment.notice_on = today
    amendment.representations_due = reply_by
    if amendment.reason != "reassessment" or amendment.final_due is None:
        amendment.final_due = deadlines.amended_final_due(today)
    amendment.save()
    timeline_append(
        child=plan.child,
        kind="plans.amendment_notice",
        title=f"Proposed changes to the EHC plan sent: comments by {reply_by:%-d %B %Y}",
        by=by,
    )
    audit.record(
        by,
        PlansAudit.AMENDMENT_NOTICE,
        child_id=plan.child_id,
        obj=version,
        detail={"hash": version.content_hash, "final_due": str(amendment.final_due)},
    )
    notify_family(
        plan,
        "plan.amendment_notice",
        {"reply_by": reply_by, "final_by": amendment.final_due},
        reverse("plans:respond", args=[version.pk]),
    )
    return version


@transaction.atomic
def amended_final_issue(*, by: Principal, plan: Plan) -> PlanVersion:
    """Issue the amended final after the family's 15 days (or once they have finished). An
    appealable decision (Children and Families Act 2014 s.51(2)(c), (3)(b))."""
    plan = locked_plan(by, plan, "decide")
    workflow.require(plan.status, PlanAction.AMENDED_FINAL)
    amendment = open_amendment(plan)
    refused = workflow.ACTIONS[PlanAction.AMENDED_FINAL].refused
    if amendment is None:
        raise ApplicationError(refused)
    workflow.check(workflow.AMENDMENT_TRANSITIONS, amendment_stage(amendment), AmendmentStage.ISSUED, refused)
    notice = amendment.notice_version
    assert notice is not None  # the stage says the notice was sent
    today = clock.today()
    if notice.comments_due_on and today <= notice.comments_due_on and not family_finished(notice):
        raise ApplicationError(
            f"The family has until {notice.comments_due_on:%-d %B %Y} to comment on the proposed changes "
            "(regulation 22(2)), unless they say they have finished"
        )
    doc = working_document(plan)
    problems = quality.check(doc, "final")
    if problems:
        raise QualityFailed(problems)
    doc.plan.made_on = plan.made_on
    previous = plan.in_force_version
    version = record_version(
        by=by,
        plan=plan,
        doc=doc,
        kind=VersionKind.AMENDED_FINAL,
        issued_on=today,
        comments_due_on=None,
        supersedes=previous,
    )
    plan.in_force_version = version
    plan.named_setting = named_setting_of(doc, None) or plan.named_setting
    plan.save(update_fields=["current_version", "in_force_version", "named_setting", "updated_at"])
    amendment.final_version = version
    amendment.save(update_fields=["final_version"])
    plan_transition(
        by=by,
        plan=plan,
        to=PlanStatus.FINAL_ISSUED,
        kind="plans.amended_final",
        title="Amended EHC plan issued",
        audit_action=PlansAudit.AMENDED_FINAL_ISSUED,
        obj=version,
        detail={
            "hash": version.content_hash,
            "supersedes": previous.pk if previous else None,
            "on_time": today <= amendment.final_due if amendment.final_due else None,
        },
    )
    notify_family(
        plan,
        "plan.amended_final_issued",
        {"la_name": plan.local_authority.name, "issued_on": today},
        reverse("plans:version", args=[version.pk]),
    )
    return version
