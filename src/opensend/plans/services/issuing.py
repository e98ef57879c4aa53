"""Issuing: the draft (starts A6), the final (an immutable version, HTML, JSON, PDF, hash), and the
helpers the other plan services share (the locked plan, writing a version, telling the family)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import OrganisationKind
from opensend.casework.codes import Status as CaseStatus
from opensend.casework.services import case_transition
from opensend.children.policies import child_policy
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.core.tasks import enqueue_on_commit
from opensend.notify.services import notify
from opensend.plans import deadlines, quality, render, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import (
    CommentKind,
    Plan,
    PlanComment,
    PlanStatus,
    PlanVersion,
    Rendering,
    VersionKind,
)
from opensend.plans.policies import plan_policy
from opensend.plans.schema.document import PlanDocument
from opensend.plans.schema.io import canonical_json, content_hash
from opensend.plans.tasks import render_version_pdf
from opensend.plans.workflow import PlanAction

from .drafting import working_document
from .transitions import plan_transition


class QualityFailed(ApplicationError):
    def __init__(self, problems: list[quality.Problem]) -> None:
        n = len(problems)
        super().__init__(
            f"The plan cannot be issued yet: fix the {n} problem{'s' if n != 1 else ''} listed",
            extra={"problems": problems},
        )


def locked_plan(by: Principal, plan: Plan, action: str = "issue") -> Plan:
    locked = Plan.objects.select_for_update().filter(pk=plan.pk).first()
    if locked is None or not plan_policy.can(by, action, locked):
        raise NotFound()
    return Plan.objects.select_related("child", "local_authority", "case", "current_version").get(
        pk=locked.pk
    )


def record_version(
    *,
    by: Principal | None,
    plan: Plan,
    doc: PlanDocument,
    kind: str,
    issued_on: dt.date,
    comments_due_on: dt.date | None,
    stamp: bool = True,
    supersedes: PlanVersion | None = None,
) -> PlanVersion:
    """Write the immutable version and its pending PDF, and make it the plan's current version.
    `stamp` writes kind, issue date and reference into the document (not for an imported one)."""
    if stamp:
        doc.plan.kind = kind  # type: ignore[assignment]
        doc.plan.issued_on = issued_on
        doc.plan.reference = plan.reference
    canonical = canonical_json(doc)
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    meta = {"kind_label": VersionKind(kind).label, "number": number, "reference": plan.reference}
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        kind=kind,
        schema_id=doc.schema_id,
        canonical=canonical,
        content_hash=content_hash(canonical),
        html=render.plan_html(doc, meta),
        issued_on=issued_on,
        issued_by=by.user if by else None,
        issued_by_name=actor_name(by) if by else "",
        comments_due_on=comments_due_on,
        supersedes=supersedes or plan.current_version,
    )
    Rendering.objects.create(version=version)
    plan.current_version = version
    enqueue_on_commit(render_version_pdf, version.pk)
    return version


def family_users(plan: Plan) -> list[Any]:
    """The child's family today: parental responsibility or the young person (ADR 0110)."""
    return list(child_policy.users_with_permission_for_instance("family", plan.child).order_by("pk"))


def notify_family(plan: Plan, kind: str, context: dict[str, Any], link: str) -> None:
    for user in family_users(plan):
        notify(
            to=user,
            kind=kind,
            context={"child_name": plan.child.first_name, **context},
            link=link,
            child=plan.child,
        )


@transaction.atomic
def draft_issue(*, by: Principal, plan: Plan) -> PlanVersion:
    """Serve the draft on the family: an immutable draft version; A6 (15 days) starts today."""
    plan = locked_plan(by, plan)
    if plan.case is None or plan.case.status != CaseStatus.DRAFTING:
        raise ApplicationError("A draft plan can be issued only while the case is at “Drafting the plan”")
    workflow.require(plan.status, PlanAction.ISSUE_DRAFT)
    doc = working_document(plan)
    problems = quality.check(doc, "draft")
    if problems:
        raise QualityFailed(problems)
    today = clock.today()
    reply_by = deadlines.draft_comments_due(today)
    version = record_version(
        by=by, plan=plan, doc=doc, kind=VersionKind.DRAFT, issued_on=today, comments_due_on=reply_by
    )
    plan.save(update_fields=["current_version", "updated_at"])
    plan_transition(
        by=by,
        plan=plan,
        to=PlanStatus.DRAFT_ISSUED,
        kind="plans.draft_issued",
        title=f"Draft EHC plan issued: comments by {reply_by:%-d %B %Y}",
        audit_action=PlansAudit.DRAFT_ISSUED,
        obj=version,
        detail={"hash": version.content_hash},
    )
    notify_family(
        plan, "plan.draft_issued", {"reply_by": reply_by}, reverse("plans:respond", args=[version.pk])
    )
    return version


def family_finished(version: PlanVersion) -> bool:
    return version.comments.filter(kind=CommentKind.FINISHED).exists()


def named_setting_of(doc: PlanDocument, chosen: Organisation | None) -> Organisation | None:
    if chosen is not None:
        return chosen
    i = doc.sections.i
    q = Organisation.objects.filter(kind=OrganisationKind.EDUCATION_SETTING)
    if i.urn:
        return q.filter(urn=i.urn).first()
    if i.ukprn:
        return q.filter(ukprn=i.ukprn).first()
    return None


@transaction.atomic
def final_issue(*, by: Principal, plan: Plan, setting: Organisation | None = None) -> PlanVersion:
    """Issue the final plan: after the family's 15 days (or once they say they have finished).
    An appealable decision (Children and Families Act 2014 s.51(2)(c), (3)(a))."""
    plan = locked_plan(by, plan)
    workflow.require(plan.status, PlanAction.ISSUE_FINAL)
    if plan.current_version is None:
        raise ApplicationError(workflow.ACTIONS[PlanAction.ISSUE_FINAL].refused)
    if plan.case is None or plan.case.status != CaseStatus.DRAFTING:
        raise ApplicationError("A final plan can be issued only while the case is at “Drafting the plan”")
    draft = plan.current_version
    today = clock.today()
    if draft.comments_due_on and today <= draft.comments_due_on and not family_finished(draft):
        raise ApplicationError(
            f"The family has until {draft.comments_due_on:%-d %B %Y} to comment on the draft "
            "(regulation 13(1)), unless they say they have finished"
        )
    doc = working_document(plan)
    problems = quality.check(doc, "final")
    if problems:
        raise QualityFailed(problems)
    plan.made_on = plan.made_on or today
    doc.plan.made_on = plan.made_on
    version = record_version(
        by=by, plan=plan, doc=doc, kind=VersionKind.FINAL, issued_on=today, comments_due_on=None
    )
    plan.named_setting = named_setting_of(doc, setting)
    plan.in_force_version = version
    plan.next_review_due = deadlines.review_due(plan.made_on)
    plan.save(
        update_fields=[
            "current_version",
            "in_force_version",
            "made_on",
            "named_setting",
            "next_review_due",
            "updated_at",
        ]
    )
    late = PlanComment.objects.filter(version=draft, late=True).count()
    # The case ends here: SEN2 AssessmentOutcome Y with today's date, A8 met or missed for good.
    case_transition(by=by, case=plan.case, to=CaseStatus.PLAN_ISSUED, reason="The final EHC plan was issued")
    plan_transition(
        by=by,
        plan=plan,
        to=PlanStatus.FINAL_ISSUED,
        kind="plans.final_issued",
        title="Final EHC plan issued",
        audit_action=PlansAudit.FINAL_ISSUED,
        obj=version,
        detail={"hash": version.content_hash, "case": plan.case_id, "late_comments": late},
    )
    notify_family(
        plan,
        "plan.final_issued",
        {"la_name": plan.local_authority.name, "issued_on": today},
        reverse("plans:version", args=[version.pk]),
    )
    return version
