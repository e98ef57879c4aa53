"""Every read of EHC plans, scoped by the policy, and audited when it shows a child's data."""

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, F, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.accounts.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES
from opensend.casework.models import AssessmentRequest
from opensend.rulebook.engine import due_date

from . import quality
from .audit import PlansAudit
from .models import FINAL_KINDS, Plan, PlanComment, PlanSection, PlanVersion
from .policies import plan_policy
from .services.drafting import working_document


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


@dataclasses.dataclass
class EditorView:
    plan: Plan
    sections: list[PlanSection]
    problems: list[quality.Problem]
    draft_problems: list[quality.Problem]


def editor(plan: Plan) -> EditorView:
    sections = list(plan.sections.order_by("id"))
    doc = working_document(plan, sections)
    kind = "final" if plan.status != "drafting" else "draft"
    return EditorView(plan, sections, quality.check(doc, kind), quality.check(doc, "draft"))


def version_get(principal: Principal, version_id: int) -> PlanVersion:
    version = (
        plan_policy.visible(
            principal, PlanVersion.objects.select_related("plan", "plan__child", "plan__local_authority")
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404("Page not found")
    audit.record(principal, PlansAudit.VIEWED, child_id=version.plan.child_id, obj=version)
    return version


def versions_of(principal: Principal, plan: Plan) -> list[PlanVersion]:
    return list(plan_policy.visible(principal, plan.versions.select_related("plan")).order_by("number"))


def document(version: PlanVersion) -> dict[str, Any]:
    return json.loads(version.canonical)  # type: ignore[no-any-return]


def comments(version: PlanVersion) -> list[PlanComment]:
    return list(version.comments.all())


def review_by(version: PlanVersion) -> dt.date | None:
    made = version.plan.made_on
    return due_date("R1", made).due if made and version.kind in FINAL_KINDS else None


def plan_for_case(case: AssessmentRequest) -> Plan | None:
    return Plan.objects.filter(case=case).select_related("current_version").first()


def council_plans(principal: Principal) -> QuerySet[Plan]:
    la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
    return (
        Plan.objects.filter(local_authority_id__in=la_ids)
        .select_related("child", "current_version")
        .annotate(problems=Count("quality_problems"))
        .order_by("-updated_at", "-id")
    )


def quality_report(principal: Principal) -> list[dict[str, Any]]:
    """Set-based: one GROUP BY over the stored problems of the council's plans being drafted."""
    la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
    from .models import QualityProblem

    rows = (
        QualityProblem.objects.filter(
            local_authority_id__in=la_ids, plan__status__in=["drafting", "draft_issued"]
        )
        .values("rule")
        .annotate(problems=Count("id"), plans=Count("plan", distinct=True))
        .order_by("-plans", "rule")
    )
    return [{**r, "title": quality.RULES[r["rule"]].title} for r in rows if r["rule"] in quality.RULES]


def child_plans(principal: Principal, child_id: int) -> list[Plan]:
    return list(
        plan_policy.visible(
            principal, Plan.objects.filter(child_id=child_id).select_related("current_version")
        )
    )


def export_stream(local_authority_id: int, chunk_size: int = 500) -> Iterator[str]:
    """A JSON array of the current version of every plan of a council, streamed in chunks: memory does
    not grow with the number of plans, and the stored canonical text is written as it is."""
    rows = (
        PlanVersion.objects.filter(
            plan__local_authority_id=local_authority_id, plan__current_version_id=F("pk")
        )
        .order_by("id")
        .values_list("canonical", flat=True)
        .iterator(chunk_size=chunk_size)
    )
    yield "["
    first = True
    for canonical in rows:
        yield canonical if first else "," + canonical
        first = False
    yield "]"
