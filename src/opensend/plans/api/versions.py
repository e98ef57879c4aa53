"""Issued versions in the API: one version, its document (the JSON export), comparison, the family's
comments on a draft, and the refusal to change what was issued."""

import dataclasses
import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema

from opensend.access.policy import caller, policy_required
from opensend.core.errors import Conflict
from opensend.plans import selectors, services
from opensend.plans.compare import compare
from opensend.plans.policies import plan_policy

from .schemas import VersionOut

router = Router()  # its tags are the plans router's


@router.get("/versions/{int:version_id}", response=VersionOut, summary="One issued version")
@policy_required(plan_policy, "view")
def version_get(request: HttpRequest, version_id: int) -> VersionOut:
    return VersionOut.of(selectors.version_get(caller(request), version_id))


@router.get("/versions/{int:version_id}/document", summary="The version as a schema document (JSON export)")
@policy_required(plan_policy, "view")
def version_document(request: HttpRequest, version_id: int) -> HttpResponse:
    v = selectors.version_export(caller(request), version_id)
    response = HttpResponse(v.canonical, content_type="application/json")
    response["Digest"] = f"sha-256={v.content_hash}"
    return response


def _refuse_change(request: HttpRequest, version_id: int) -> HttpResponse:
    selectors.version_get(caller(request), version_id)  # 404 for what you may not see
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
    who = caller(request)
    a, b = selectors.version_get(who, version_id), selectors.version_get(who, other_id)
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
    who = caller(request)
    v = selectors.version_get(who, version_id)
    c = services.comment_add(by=who, version=v, kind=payload.kind, section=payload.section, text=payload.text)
    return 201, CommentOut(
        id=c.pk, kind=c.kind, section=c.section, text=c.text, late=c.late, created_at=c.created_at
    )
