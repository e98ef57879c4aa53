"""Notices in the API: a child's decision letters, one letter (with its stored HTML and hashes), and
the council's details for letters (read by its staff, changed by its SEND manager)."""

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from opensend.access.policy import policy_required
from opensend.access.principal import Principal
from opensend.core.letters import PdfStatus

from . import letters, selectors, services
from .kinds import KINDS
from .models import DETAIL_FIELDS, DecisionNotice
from .policies import council_details_policy, notice_policy

router = Router(tags=["notices"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


class NoticeSummaryOut(Schema):
    id: int
    kind: str
    title: str
    child_id: int
    local_authority_id: int
    case_id: int | None
    plan_id: int | None
    plan_version_id: int | None
    decided_on: dt.date
    dated: dt.date
    mediation_by: dt.date = Field(description="M2: contact the mediation adviser by (regulation 33)")
    appeal_by: dt.date = Field(
        description="T1 part (a): 2 months from the letter; or 1 month from a certificate"
    )
    rule_set: str
    html_sha256: str
    pdf_status: str
    pdf_sha256: str
    letter_url: str
    pdf_url: str | None
    supersedes_id: int | None
    current: bool

    @staticmethod
    def of(n: DecisionNotice) -> "NoticeSummaryOut":
        return NoticeSummaryOut(
            id=n.pk,
            kind=n.kind,
            title=KINDS[n.kind].title,
            child_id=n.child_id,
            local_authority_id=n.local_authority_id,
            case_id=n.case_id,
            plan_id=n.plan_id,
            plan_version_id=n.plan_version_id,
            decided_on=n.decided_on,
            dated=n.dated,
            mediation_by=n.mediation_by,
            appeal_by=n.appeal_by,
            rule_set=n.rule_set,
            html_sha256=n.html_sha256,
            pdf_status=n.pdf_status,
            pdf_sha256=n.pdf_sha256,
            letter_url=reverse("notices:notice", args=[n.pk]),
            pdf_url=reverse("notices:notice-pdf", args=[n.pk]) if n.pdf_status == PdfStatus.READY else None,
            supersedes_id=n.supersedes_id,
            current=n.is_current,
        )


class NoticeOut(NoticeSummaryOut):
    reasons: str
    html: str = Field(description="The letter as sent; its SHA-256 is html_sha256")


class NoticePageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[NoticeSummaryOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1)
    per_page: int = Field(25, ge=1, le=100)


class CouncilDetailsOut(Schema):
    local_authority_id: int
    version: int | None
    values: dict[str, str]
    missing: list[str] = Field(description="What a letter needs that is not filled in")


class CouncilDetailsIn(Schema):
    version: int | None = Field(None, description="The version you read; omit only for the first save")
    values: dict[str, str] = Field(description=f"Any of: {', '.join(DETAIL_FIELDS)}; empty text clears one")


@router.get("/children/{child_id}", response=NoticePageOut, summary="A child's decision letters")
@policy_required(notice_policy, "view")
def list_child_notices(request: HttpRequest, child_id: int, q: Query[PageQuery]) -> NoticePageOut:
    principal = _principal(request)
    child = selectors.child_for_notices(principal, child_id)
    page = selectors.notices_for_child(principal, child, page=q.page, per_page=q.per_page)
    return NoticePageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[NoticeSummaryOut.of(n) for n in page.object_list],
    )


@router.get("/{notice_id}", response=NoticeOut, summary="One decision letter, as sent")
@policy_required(notice_policy, "view")
def get_notice(request: HttpRequest, notice_id: int) -> NoticeOut:
    n = selectors.notice_get(_principal(request), notice_id)
    return NoticeOut(**NoticeSummaryOut.of(n).dict(), reasons=n.reasons, html=n.html)


def _details_out(council_id: int, request: HttpRequest) -> CouncilDetailsOut:
    council, details = selectors.council_details_get(_principal(request), council_id)
    return CouncilDetailsOut(
        local_authority_id=council.pk,
        version=details.version if details else None,
        values={k: str(v) for k, v in selectors.details_values(details).items()},
        missing=letters.missing_settings(details),
    )


@router.get(
    "/council-details/{council_id}", response=CouncilDetailsOut, summary="A council's details for letters"
)
@policy_required(council_details_policy, "view")
def get_council_details(request: HttpRequest, council_id: int) -> CouncilDetailsOut:
    return _details_out(council_id, request)


@router.patch(
    "/council-details/{council_id}",
    response=CouncilDetailsOut,
    summary="Change a council's details for letters (fields not given keep their value)",
)
@policy_required(council_details_policy, "edit")
def patch_council_details(
    request: HttpRequest, council_id: int, payload: CouncilDetailsIn
) -> CouncilDetailsOut:
    council, details = selectors.council_details_get(_principal(request), council_id)
    values = {**selectors.details_values(details), **payload.values}
    services.council_details_save(
        by=_principal(request), local_authority=council, values=values, expected_version=payload.version
    )
    return _details_out(council_id, request)
