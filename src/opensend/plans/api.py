"""EHC plans in the API: plans, versions, comparison, JSON export and import, drafting and issuing."""

import dataclasses
import datetime as dt
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from opensend.access import audit
from opensend.access.policy import policy_required
from opensend.access.principal import Principal
from opensend.children.models import Child
from opensend.children.policies import child_policy
from opensend.core.errors import ApplicationError, Conflict

from . import selectors, services
from .audit import PlansAudit
from .compare import compare
from .models import Plan, PlanVersion
from .policies import plan_policy
from .schema import validate_document

router = Router(tags=["plans"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


class VersionOut(Schema):
    id: int
    plan_id: int
    number: int
    kind: str
    status: str
    schema_id: str
    content_hash: str
    issued_on: dt.date
    comments_due_on: dt.date | None

    @staticmethod
    def of(v: PlanVersion) -> "VersionOut":
        return VersionOut(
            id=v.pk,
            plan_id=v.plan_id,
            number=v.number,
            kind=v.kind,
            status=v.status,
            schema_id=v.schema_id,
            content_hash=v.content_hash,
            issued_on=v.issued_on,
            comments_due_on=v.comments_due_on,
        )


class PlanOut(Schema):
    id: int
    reference: str
    child_id: int
    local_authority_id: int
    case_id: int | None
    status: str
    made_on: dt.date | None
    current_version_id: int | None
    versions: list[VersionOut]


class PlanList(Schema):
    results: list[PlanOut]
    page: int
    has_next: bool


def _plan_out(principal: Principal, plan: Plan) -> PlanOut:
    return PlanOut(
        id=plan.pk,
        reference=plan.reference,
        child_id=plan.child_id,
        local_authority_id=plan.local_authority_id,
        case_id=plan.case_id,
        status=plan.status,
        made_on=plan.made_on,
        current_version_id=plan.current_version_id,
        versions=[VersionOut.of(v) for v in selectors.versions_of(principal, plan)],
    )


def _plan(principal: Principal, plan_id: int) -> Plan:
    return plan_policy.get_or_404(principal, "view", Plan.objects.select_related("child"), pk=plan_id)


@router.get("", response=PlanList, summary="Plans you may see")
@policy_required(plan_policy, "view")
def plan_list(
    request: HttpRequest, page: int = Query(1, ge=1), per_page: int = Query(25, ge=1, le=100)
) -> PlanList:
    principal = _principal(request)
    qs = plan_policy.visible(principal, Plan.objects.all()).order_by("id")
    rows = list(qs[(page - 1) * per_page : page * per_page + 1])
    audit.record_reads(principal, PlansAudit.LISTED, [p.child_id for p in rows[:per_page]])
    return PlanList(
        results=[_plan_out(principal, p) for p in rows[:per_page]], page=page, has_next=len(rows) > per_page
    )


@router.get("/{int:plan_id}", response=PlanOut, summary="A plan and its versions")
@policy_required(plan_policy, "view")
def plan_get(request: HttpRequest, plan_id: int) -> PlanOut:
    principal = _principal(request)
    plan = _plan(principal, plan_id)
    audit.record(principal, PlansAudit.VIEWED, child_id=plan.child_id, obj=plan)
    return _plan_out(principal, plan)


@router.get("/versions/{int:version_id}", response=VersionOut, summary="One issued version")
@policy_required(plan_policy, "view")
def version_get(request: HttpRequest, version_id: int) -> VersionOut:
    return VersionOut.of(selectors.version_get(_principal(request), version_id))


@router.get("/versions/{int:version_id}/document", summary="The version as a schema document (JSON export)")
@policy_required(plan_policy, "view")
def version_document(request: HttpRequest, version_id: int) -> HttpResponse:
    principal = _principal(request)
    v = selectors.version_get(principal, version_id)
    audit.record(principal, PlansAudit.EXPORTED, child_id=v.plan.child_id, obj=v)
    response = HttpResponse(v.canonical, content_type="application/json")
    response["Digest"] = f"sha-256={v.content_hash}"
    return response


def _refuse_change(request: HttpRequest, version_id: int) -> HttpResponse:
    selectors.version_get(_principal(request), version_id)  # 404 for what you may not see
    raise Conflict("An issued plan never changes: draft and issue a new version instead")


@router.put(
    "/versions/{int:version_id}", summary="Refused: issued versions never change", response={409: dict}
)
@policy_required(plan_policy, "view")
def version_put(request: HttpRequest, version_id: int) -> HttpResponse:
    return _refuse_change(request, version_id)


@router.patch(
    "/versions/{int:version_id}", summary="Refused: issued versions never change", response={409: dict}
)
@policy_required(plan_policy, "view")
def version_patch(request: HttpRequest, version_id: int) -> HttpResponse:
    return _refuse_change(request, version_id)


@router.delete(
    "/versions/{int:version_id}", summary="Refused: issued versions never change", response={409: dict}
)
@policy_required(plan_policy, "view")
def version_delete(request: HttpRequest, version_id: int) -> HttpResponse:
    return _refuse_change(request, version_id)


class ChangeOut(Schema):
    what: str
    where: str
    field: str
    old: Any
    new: Any


class SectionComparisonOut(Schema):
    key: str
    title: str
    changed: bool
    changes: list[ChangeOut]


@router.get(
    "/versions/{int:version_id}/compare/{int:other_id}",
    response=list[SectionComparisonOut],
    summary="Compare two versions, section by section",
)
@policy_required(plan_policy, "view")
def version_compare(request: HttpRequest, version_id: int, other_id: int) -> list[SectionComparisonOut]:
    principal = _principal(request)
    a, b = selectors.version_get(principal, version_id), selectors.version_get(principal, other_id)
    if a.plan_id != b.plan_id:
        raise Http404("Not found")
    old, new = (a, b) if a.number < b.number else (b, a)
    return [
        SectionComparisonOut(
            key=s.key,
            title=s.title,
            changed=s.changed,
            changes=[ChangeOut(**dataclasses.asdict(c)) for c in s.changes],
        )
        for s in compare(selectors.document(old), selectors.document(new))
    ]


@router.post(
    "/import",
    response={201: VersionOut, 422: dict},
    summary="Import a plan document for a child (validated against the schema)",
)
@policy_required(plan_policy, "import")
def plan_import(request: HttpRequest, child_id: int, source: str = "") -> Any:
    principal = _principal(request)
    child = child_policy.get_or_404(principal, "edit", Child.objects.all(), pk=child_id)
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApplicationError("The body is not JSON", fields={"": ["The body is not JSON"]}) from None
    doc, errors = validate_document(data)
    if doc is None:
        n = sum(map(len, errors.values()))
        raise ApplicationError(
            f"The plan does not meet the schema ({n} problem{'s' if n != 1 else ''})", fields=errors
        )
    version = services.plan_import(by=principal, child=child, doc=doc, source=source)
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
    principal = _principal(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    try:
        sec = services.section_save(
            by=principal, plan=plan, key=key, content=payload.content, expected_version=payload.version
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
    plan = selectors.plan_for_editing(_principal(request), plan_id)
    return [ProblemOut(**dataclasses.asdict(p)) for p in selectors.editor(plan).problems]


@router.post(
    "/{int:plan_id}/issue/{kind}", response={201: VersionOut}, summary="Issue the draft or the final plan"
)
@policy_required(plan_policy, "issue")
def issue(request: HttpRequest, plan_id: int, kind: str) -> Any:
    principal = _principal(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    if kind not in ("draft", "final"):
        raise Http404("Not found")
    version = (services.final_issue if kind == "final" else services.draft_issue)(by=principal, plan=plan)
    return 201, VersionOut.of(version)


class CommentIn(Schema):
    kind: str
    section: str = ""
    text: str = ""


class CommentOut(Schema):
    id: int
    kind: str
    section: str
    text: str
    late: bool
    created_at: dt.datetime


@router.post(
    "/versions/{int:version_id}/comments",
    response={201: CommentOut},
    summary="The family comments on an issued draft",
)
@policy_required(plan_policy, "comment")
def comment(request: HttpRequest, version_id: int, payload: CommentIn) -> Any:
    principal = _principal(request)
    v = selectors.version_get(principal, version_id)
    c = services.comment_add(
        by=principal, version=v, kind=payload.kind, section=payload.section, text=payload.text
    )
    return 201, CommentOut(
        id=c.pk, kind=c.kind, section=c.section, text=c.text, late=c.late, created_at=c.created_at
    )


from .api_lifecycle import router as lifecycle_router  # noqa: E402  (reviews, amendments, transfers)

router.add_router("", lifecycle_router)
