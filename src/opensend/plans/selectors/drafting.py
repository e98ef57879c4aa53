"""Reads for drafting and issuing: the working copy, its problems, and the plan on a case's page."""

import dataclasses
import datetime as dt
from typing import Any

from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.casework.codes import Status as CaseStatus
from opensend.casework.models import AssessmentRequest
from opensend.casework.policies import case_policy
from opensend.plans import deadlines, quality
from opensend.plans.audit import PlansAudit
from opensend.plans.models import Plan, PlanComment, PlanSection, PlanStatus, PlanVersion
from opensend.plans.policies import plan_policy
from opensend.plans.services.drafting import working_document

from .versions import comments, family_finished


def plan_for_editing(principal: Principal, plan_id: int) -> Plan:
    plan = (
        Plan.objects.select_related("child", "local_authority", "case", "current_version")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not plan_policy.can(principal, "draft", plan):
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=plan.child_id, obj=plan)
    return plan


def case_to_start_from(principal: Principal, case_id: int) -> AssessmentRequest:
    """The case a plan is started from: one the principal may move on."""
    return case_policy.get_or_404(principal, "transition", AssessmentRequest.objects.all(), pk=case_id)


def sections_of(plan: Plan) -> dict[str, PlanSection]:
    """The working copy's sections by key (the plan was read through `plan_for_editing`)."""
    return {s.key: s for s in plan.sections.all()}


@dataclasses.dataclass
class EditorView:
    plan: Plan
    sections: list[PlanSection]
    problems: list[quality.Problem]
    draft_problems: list[quality.Problem]


def editor(plan: Plan) -> EditorView:
    """The working copy's sections and its problems: those that stop a final (or an amended final)
    once a draft is out, and those that stop a draft."""
    sections = list(plan.sections.order_by("id"))
    doc = working_document(plan, sections)
    kind = "draft" if plan.status == PlanStatus.DRAFTING else "final"
    return EditorView(plan, sections, quality.check(doc, kind), quality.check(doc, "draft"))


@dataclasses.dataclass(frozen=True)
class IssuePage:
    problems: list[quality.Problem]
    reply_by: dt.date  # A6 if the draft were issued today
    draft: PlanVersion | None  # the draft the family has, when a final is being issued
    comments: list[PlanComment]
    finished: bool


def issue_page(plan: Plan, final: bool, today: dt.date) -> IssuePage:
    view = editor(plan)
    draft = plan.current_version if final and plan.status == PlanStatus.DRAFT_ISSUED else None
    return IssuePage(
        problems=view.problems if final else view.draft_problems,
        reply_by=deadlines.draft_comments_due(today),
        draft=draft,
        comments=comments(draft) if draft else [],
        finished=family_finished(draft) if draft else False,
    )


def issue_problems(plan: Plan, final: bool) -> list[quality.Problem]:
    view = editor(plan)
    return view.problems if final else view.draft_problems


def plan_for_case(case: AssessmentRequest) -> Plan | None:
    return Plan.objects.filter(case=case).select_related("current_version").first()


def case_section_staff(principal: Principal, case: AssessmentRequest) -> dict[str, Any] | None:
    """The plans part of a case page for the council: the plan, its problems, or a start button."""
    probe = Plan(local_authority_id=case.local_authority_id, child_id=case.child_id)
    if not plan_policy.can(principal, "draft", probe):
        return None
    plan = plan_for_case(case)
    if plan is None and case.status != CaseStatus.DRAFTING:
        return None
    problems = plan.quality_problems.count() if plan else 0
    return {"plan": plan, "problems": problems, "can_start": plan is None}


def case_section_family(principal: Principal, case: AssessmentRequest) -> dict[str, Any] | None:
    """The plans part of a case page for the family: the latest version they may read."""
    version = (
        plan_policy.visible(principal, PlanVersion.objects.filter(plan__case=case))
        .select_related("plan")
        .order_by("-number")
        .first()
    )
    return {"version": version} if version is not None else None
