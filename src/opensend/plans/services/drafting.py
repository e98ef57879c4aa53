"""The working copy: start a plan from a case, save a section or one item of it."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.casework.codes import Status as CaseStatus
from opensend.casework.models import AssessmentRequest
from opensend.children.services import timeline_append
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.plans import quality, workflow
from opensend.plans.audit import PlansAudit
from opensend.plans.models import Plan, PlanSection, QualityProblem, SectionStatus
from opensend.plans.policies import plan_policy
from opensend.plans.prefill import prefill
from opensend.plans.schema.document import ITEM_LISTS, SECTION_KEYS, PlanDocument, Sections
from opensend.plans.schema.io import pointer
from opensend.plans.workflow import PlanAction

from .transitions import plan_create


def header(plan: Plan) -> dict[str, Any]:
    child = plan.child
    today = clock.today()
    return {
        "reference": plan.reference,
        "child": {
            "given_name": child.first_name,
            "family_name": child.last_name,
            "date_of_birth": child.date_of_birth.isoformat(),
            "upn": child.upn,
            "school_year": max(-3, min(14, quality.school_year(child.date_of_birth, today))),
        },
        "local_authority": {"name": plan.local_authority.name, "la_code": plan.local_authority.la_code_old},
        "made_on": plan.made_on.isoformat() if plan.made_on else None,
    }


def working_document(plan: Plan, sections: list[PlanSection] | None = None) -> PlanDocument:
    rows = sections if sections is not None else list(plan.sections.all())
    content = {row.key: row.content for row in rows}
    return PlanDocument.model_validate(
        {"schema": "opensend-ehc-plan/1.0", "plan": header(plan), "sections": content}
    )


def refresh_quality(plan: Plan) -> list[quality.Problem]:
    """Store the working copy's problems for the council's report (one DELETE, one INSERT)."""
    problems = quality.check(working_document(plan), "draft")
    QualityProblem.objects.filter(plan=plan).delete()
    QualityProblem.objects.bulk_create(
        QualityProblem(
            plan=plan,
            local_authority_id=plan.local_authority_id,
            rule=p.rule,
            section=p.section,
            item_id=p.item_id,
        )
        for p in problems
    )
    return problems


@transaction.atomic
def plan_start(*, by: Principal, case: AssessmentRequest) -> Plan:
    """The plan for a case in drafting: made on first use, prefilled from the case's advice."""
    case = (
        AssessmentRequest.objects.select_for_update()
        .select_related("child", "local_authority")
        .get(pk=case.pk)
    )
    probe = Plan(local_authority_id=case.local_authority_id, child=case.child)
    if not plan_policy.can(by, "draft", probe):
        raise NotFound()
    existing = Plan.objects.filter(case=case).first()
    if existing is not None:
        return existing
    if case.status != CaseStatus.DRAFTING:
        raise ApplicationError("A plan can be drafted only when the case is at “Drafting the plan”")
    plan = plan_create(child=case.child, local_authority=case.local_authority, case=case)
    filled = prefill(case)
    empty = Sections().model_dump(mode="json")
    PlanSection.objects.bulk_create(
        PlanSection(
            plan=plan,
            key=key,
            content=filled.get(key, empty[key]),
            status=SectionStatus.IN_PROGRESS if key in filled else SectionStatus.NOT_STARTED,
        )
        for key in SECTION_KEYS
    )
    refresh_quality(plan)
    timeline_append(
        child=case.child,
        kind="plans.started",
        title="Drafting of the EHC plan started",
        by=by,
        visible_to_family=False,
    )
    audit.record(
        by, PlansAudit.PLAN_STARTED, child_id=case.child_id, obj=plan, detail={"prefilled": sorted(filled)}
    )
    return plan


def _locked_section(by: Principal, plan: Plan, key: str) -> PlanSection:
    if key not in SECTION_KEYS:
        raise NotFound()
    plan = Plan.objects.select_related("child", "local_authority").get(pk=plan.pk)
    if not plan_policy.can(by, "draft", plan):
        raise NotFound()
    workflow.require(plan.status, PlanAction.EDIT)
    return PlanSection.objects.select_for_update().select_related("plan").get(plan=plan, key=key)


@transaction.atomic
def section_save(
    *,
    by: Principal,
    plan: Plan,
    key: str,
    content: dict[str, Any],
    expected_version: int | None,
    completed: bool | None = None,
) -> PlanSection:
    """Replace one section of the working copy. A stale `expected_version` is a Conflict that carries
    the saved content, so the page can show both versions and nothing typed is lost."""
    section = _locked_section(by, plan, key)
    if expected_version is not None and section.version != expected_version:
        raise Conflict(
            f"{section.updated_by_name or 'Someone else'} saved this section while you were editing it. "
            "Your changes are not saved yet: compare them with the saved version below, then save again",
            extra={"current_version": section.version, "saved": section.content},
        )
    try:
        validated = getattr(Sections.model_validate({key: content}), key)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = list(err["loc"])[1:]
        raise ApplicationError(
            err["msg"], field=str(loc[-1]) if loc else None, extra={"pointer": pointer(loc)}
        ) from None
    section.content = validated.model_dump(mode="json")
    section.version += 1
    if completed is not None:
        section.status = SectionStatus.COMPLETED if completed else SectionStatus.IN_PROGRESS
    elif section.status == SectionStatus.NOT_STARTED:
        section.status = SectionStatus.IN_PROGRESS
    section.updated_at = timezone.now()
    section.updated_by = by.user
    section.updated_by_name = actor_name(by)
    section.save()
    refresh_quality(section.plan)
    audit.record(
        by,
        PlansAudit.SECTION_SAVED,
        child_id=section.plan.child_id,
        obj=section.plan,
        detail={"section": key},
    )
    return section


def next_item_id(content: dict[str, Any], key: str) -> str:
    field, prefix = ITEM_LISTS[key]
    numbers = [int(i["id"].rsplit("-", 1)[1]) for i in content.get(field, []) if "-" in i.get("id", "")]
    return f"{prefix}-{max(numbers, default=0) + 1}"


@transaction.atomic
def item_save(
    *, by: Principal, plan: Plan, key: str, item: dict[str, Any], expected_version: int | None
) -> PlanSection:
    """Add an item (no id) or replace the item with the same id, in a list section."""
    if key not in ITEM_LISTS:
        raise NotFound()
    section = _locked_section(by, plan, key)
    field, _ = ITEM_LISTS[key]
    content = dict(section.content)
    items = list(content.get(field, []))
    if not item.get("id"):
        item = {**item, "id": next_item_id(content, key)}
        items.append(item)
    else:
        index = next((i for i, row in enumerate(items) if row["id"] == item["id"]), None)
        if index is None and expected_version == section.version:
            raise NotFound()
        if index is None:
            items.append(item)  # removed by someone else meanwhile: the Conflict below keeps it
        else:
            items[index] = item
    content[field] = items
    return section_save(by=by, plan=plan, key=key, content=content, expected_version=expected_version)


@transaction.atomic
def item_remove(
    *, by: Principal, plan: Plan, key: str, item_id: str, expected_version: int | None
) -> PlanSection:
    if key not in ITEM_LISTS:
        raise NotFound()
    section = _locked_section(by, plan, key)
    field, _ = ITEM_LISTS[key]
    content = dict(section.content)
    content[field] = [row for row in content.get(field, []) if row["id"] != item_id]
    return section_save(by=by, plan=plan, key=key, content=content, expected_version=expected_version)
