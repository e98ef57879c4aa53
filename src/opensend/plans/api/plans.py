"""Plans in the API: the list, one plan, import of a plan document, the working copy's sections and
problems, and issuing the draft or the final."""

import dataclasses
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from opensend.access.policy import caller, policy_required
from opensend.core.errors import ApplicationError, Conflict
from opensend.plans import selectors, services
from opensend.plans.policies import plan_policy

from .common import document_from_body
from .schemas import PlanOut, VersionOut

router = Router(tags=["plans"])


class PlanList(Schema):
    results: list[PlanOut]
    page: int
    has_next: bool


@router.get("", response=PlanList, summary="Plans you may see")
@policy_required(plan_policy, "view")
def plan_list(
    request: HttpRequest, page: int = Query(1, ge=1), per_page: int = Query(25, ge=1, le=100)
) -> PlanList:
    who = caller(request)
    rows, has_next = selectors.plans_page(who, page, per_page)
    return PlanList(results=[PlanOut.of(p, p.visible_versions) for p in rows], page=page, has_next=has_next)  # type: ignore[attr-defined]


@router.get("/{int:plan_id}", response=PlanOut, summary="A plan and its versions")
@policy_required(plan_policy, "view")
def plan_get(request: HttpRequest, plan_id: int) -> PlanOut:
    who = caller(request)
    plan = selectors.plan_get(who, plan_id)
    return PlanOut.of(plan, selectors.versions_of(who, plan))


@router.post(
    "/import",
    response={201: VersionOut, 422: dict},
    summary="Import a plan document for a child (validated against the schema)",
)
@policy_required(plan_policy, "import")
def plan_import(request: HttpRequest, child_id: int, source: str = "") -> Any:
    who = caller(request)
    child = selectors.child_to_import_for(who, child_id)
    doc = document_from_body(request)
    version = services.plan_import(by=who, child=child, doc=doc, source=source)
    return 201, VersionOut.of(version)


class SectionIn(Schema):
    content: dict[str, Any]
    version: int


class SectionOut(Schema):
    key: str
    content: dict[str, Any]
    status: str
    version: int


@router.put(
    "/{int:plan_id}/sections/{key}", response=SectionOut, summary="Save one section of the working copy"
)
@policy_required(plan_policy, "draft")
def section_put(request: HttpRequest, plan_id: int, key: str, payload: SectionIn) -> Any:
    who = caller(request)
    plan = selectors.plan_for_editing(who, plan_id)
    try:
        sec = services.section_save(
            by=who, plan=plan, key=key, content=payload.content, expected_version=payload.version
        )
    except Conflict as error:
        saved = {"content": error.extra["saved"], "version": error.extra["current_version"]}
        raise Conflict(error.message, response_extra={"saved": saved}) from error
    except ApplicationError as error:
        if "pointer" in error.extra:
            pointer = f"/sections/{key}{error.extra['pointer']}"
            raise ApplicationError(error.message, fields={pointer: [error.message]}) from error
        raise
    return SectionOut(key=sec.key, content=sec.content, status=sec.status, version=sec.version)


class ProblemOut(Schema):
    rule: str
    message: str
    section: str
    item_id: str
    field: str


@router.get(
    "/{int:plan_id}/problems", response=list[ProblemOut], summary="Quality problems of the working copy"
)
@policy_required(plan_policy, "draft")
def problems(request: HttpRequest, plan_id: int) -> list[ProblemOut]:
    plan = selectors.plan_for_editing(caller(request), plan_id)
    return [ProblemOut(**dataclasses.asdict(p)) for p in selectors.editor(plan).problems]


@router.post(
    "/{int:plan_id}/issue/{kind}", response={201: VersionOut}, summary="Issue the draft or the final plan"
)
@policy_required(plan_policy, "issue")
def issue(request: HttpRequest, plan_id: int, kind: str) -> Any:
    who = caller(request)
    plan = selectors.plan_for_editing(who, plan_id)
    if kind not in ("draft", "final"):
        raise Http404("Not found")
    version = (services.final_issue if kind == "final" else services.draft_issue)(by=who, plan=plan)
    return 201, VersionOut.of(version)
