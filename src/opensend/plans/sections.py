"""What the plans app adds to the case pages and the child's page."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from opensend.access.principal import Principal
from opensend.casework.codes import Status as CaseStatus
from opensend.casework.models import AssessmentRequest
from opensend.children.models import Child

from .models import Plan, PlanVersion
from .policies import plan_policy


def staff_context(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    probe = Plan(local_authority_id=case.local_authority_id, child_id=case.child_id)
    if not plan_policy.can(principal, "draft", probe):
        return None
    plan = Plan.objects.filter(case=case).select_related("current_version").first()
    if plan is None and case.status != CaseStatus.DRAFTING:
        return None
    problems = plan.quality_problems.count() if plan else 0
    return {"plan": plan, "problems": problems, "can_start": plan is None}


def family_context(
    request: HttpRequest, principal: Principal, case: AssessmentRequest
) -> dict[str, Any] | None:
    version = (
        plan_policy.visible(principal, PlanVersion.objects.filter(plan__case=case))
        .select_related("plan")
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    return {"version": version}


def child_links(principal: Principal, child: Child) -> list[tuple[str, str]]:
    if not plan_policy.visible(principal, Plan.objects.filter(child=child)).exists():
        return []
    return [("EHC plans", reverse("plans:child", args=[child.pk]))]
