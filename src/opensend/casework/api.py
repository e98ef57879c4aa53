"""Casework in the API: requests, the desk list, a case, stage moves, allocation, exceptions, documents."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from opensend.access.policy import policy_required
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation, User
from opensend.children.models import Child
from opensend.core.errors import ApplicationError, NotFound

from . import selectors, services
from .policies import case_policy

router = Router(tags=["casework"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


class CaseSummaryOut(Schema):
    id: int
    reference: str
    child_id: int
    child_name: str
    status: str
    status_label: str
    received_on: dt.date
    next_rule: str
    next_due_on: dt.date | None
    caseworker_id: int | None
    version: int

    @staticmethod
    def of(case) -> "CaseSummaryOut":
        return CaseSummaryOut(
            id=case.pk,
            reference=case.reference,
            child_id=case.child_id,
            child_name=case.child.full_name,
            status=case.status,
            status_label=case.get_status_display(),
            received_on=case.received_on,
            next_rule=case.next_rule,
            next_due_on=case.next_due_on,
            caseworker_id=case.caseworker_id,
            version=case.version,
        )


class DeadlineOut(Schema):
    rule_id: str
    title: str
    reference: str
    due: dt.date
    explanation: str
    is_next: bool
    stage_passed: bool
    exception_applies: bool
    exception_reasons: list[str]


class CaseOut(CaseSummaryOut):
    local_authority_id: int
    source: int
    consent_given: bool
    consent_recorded_on: dt.date | None
    in_youth_accommodation: bool
    reasons: str
    support_so_far: str
    family_views: str
    primary_need: str
    request_outcome: str
    request_outcome_on: dt.date | None
    assessment_outcome: str
    assessment_outcome_on: dt.date | None
    next_stages: list[str]
    deadlines: list[DeadlineOut]


class CasePageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[CaseSummaryOut]


class CaseListQuery(Schema):
    scope: str = Field("team", pattern="^(mine|team)$")
    stage: str = Field("open", max_length=30)
    due: str = Field("", pattern="^(|overdue|7|28)$")
    need: str = Field("", max_length=4)
    setting: int | None = None
    caseworker: str = Field("", max_length=12)
    sort: str = Field("due", pattern="^(due|-due|received|-received|name)$")
    page: int = Field(1, ge=1)
    per_page: int = Field(25, ge=1, le=100)


class RequestIn(Schema):
    child_id: int
    reasons: str = Field(max_length=10_000)
    consent_given: bool
    support_so_far: str = Field("", max_length=10_000)
    family_views: str = Field("", max_length=10_000)
    in_youth_accommodation: bool = False
    source: int | None = Field(None, description="SEN2 RequestSource 1-5: council staff only")
    received_on: dt.date | None = Field(None, description="Council staff only; online requests are today")
    requester_name: str = Field("", max_length=200)
    primary_need: str = Field("", max_length=4)


class TransitionIn(Schema):
    to: str
    reason: str = Field("", max_length=5000)
    version: int
    exported_to_id: int | None = None


class AllocateIn(Schema):
    caseworker_id: int | None
    version: int


class ExceptionIn(Schema):
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    note: str = Field("", max_length=1000)


class ExceptionOut(Schema):
    id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None


class DocumentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


def _case_out(principal: Principal, case) -> CaseOut:
    view = selectors.case_view(principal, case, events=0)
    summary = CaseSummaryOut.of(case).dict()
    return CaseOut(
        **summary,
        local_authority_id=case.local_authority_id,
        source=case.source,
        consent_given=case.consent_given,
        consent_recorded_on=case.consent_recorded_on,
        in_youth_accommodation=case.in_youth_accommodation,
        reasons=case.reasons,
        support_so_far=case.support_so_far,
        family_views=case.family_views,
        primary_need=case.primary_need,
        request_outcome=case.request_outcome,
        request_outcome_on=case.request_outcome_on,
        assessment_outcome=case.assessment_outcome,
        assessment_outcome_on=case.assessment_outcome_on,
        next_stages=[s.value for s in view.next_stages],
        deadlines=[
            DeadlineOut(
                rule_id=d.result.rule_id,
                title=d.result.rule.title,
                reference=d.result.reference,
                due=d.result.due,
                explanation=d.result.explanation,
                is_next=d.is_next,
                stage_passed=d.met,
                exception_applies=d.result.exception_applies,
                exception_reasons=[f.reason for f in d.result.findings],
            )
            for d in view.deadlines
        ],
    )


@router.post("", response={201: CaseOut}, summary="Request an EHC needs assessment (or record one received)")
@policy_required(case_policy, "view")
def create_request(request: HttpRequest, payload: RequestIn) -> Status:
    principal = _principal(request)
    child = Child.objects.filter(pk=payload.child_id).first()
    if child is None:
        raise NotFound()
    data = payload.dict()
    data.pop("child_id")
    case = services.request_receive(by=principal, child=child, **data)
    return Status(201, _case_out(principal, selectors.case_get(principal, case.pk)))


@router.get("", response=CasePageOut, summary="The council's cases (the caseworker's desk)")
@policy_required(case_policy, "list")
def list_cases(request: HttpRequest, filters: Query[CaseListQuery]) -> CasePageOut:
    data = filters.dict()
    page_number, per_page = data.pop("page"), data.pop("per_page")
    page = selectors.desk_page(
        _principal(request), selectors.DeskFilters(**data), page=page_number, per_page=per_page
    )
    return CasePageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        results=[CaseSummaryOut.of(c) for c in page.object_list],
    )


@router.get("/{case_id}", response=CaseOut, summary="Read one case, with every statutory date")
@policy_required(case_policy, "view")
def get_case(request: HttpRequest, case_id: int) -> CaseOut:
    principal = _principal(request)
    return _case_out(principal, selectors.case_get(principal, case_id))


@router.post("/{case_id}/transition", response=CaseOut, summary="Move a case to its next stage")
@policy_required(case_policy, "transition")
def transition_case(request: HttpRequest, case_id: int, payload: TransitionIn) -> CaseOut:
    principal = _principal(request)
    case = selectors.case_get(principal, case_id, action="transition")
    exported_to = None
    if payload.exported_to_id is not None:
        exported_to = Organisation.objects.filter(pk=payload.exported_to_id).first()
        if exported_to is None:
            raise ApplicationError("Choose the council the child has moved to", field="exported_to_id")
    services.case_transition(
        by=principal,
        case=case,
        to=payload.to,
        reason=payload.reason,
        expected_version=payload.version,
        exported_to=exported_to,
    )
    return _case_out(principal, selectors.case_get(principal, case_id))


@router.post("/{case_id}/allocate", response=CaseOut, summary="Allocate a case to a caseworker")
@policy_required(case_policy, "allocate")
def allocate_case(request: HttpRequest, case_id: int, payload: AllocateIn) -> CaseOut:
    principal = _principal(request)
    case = selectors.case_get(principal, case_id, action="allocate")
    worker = None
    if payload.caseworker_id is not None:
        worker = User.objects.filter(pk=payload.caseworker_id).first()
        if worker is None:
            raise ApplicationError("Choose a caseworker from this council", field="caseworker_id")
    services.case_allocate(by=principal, case=case, caseworker=worker, expected_version=payload.version)
    return _case_out(principal, selectors.case_get(principal, case_id))


@router.post("/{case_id}/exceptions", response={201: ExceptionOut}, summary="Record a deadline exception")
@policy_required(case_policy, "record_exception")
def record_exception(request: HttpRequest, case_id: int, payload: ExceptionIn) -> Status:
    principal = _principal(request)
    case = selectors.case_get(principal, case_id, action="record_exception")
    fact = services.exception_record(by=principal, case=case, **payload.dict())
    return Status(
        201, ExceptionOut(id=fact.pk, kind=fact.kind, starts_on=fact.starts_on, ends_on=fact.ends_on)
    )


@router.post("/{case_id}/documents", response={201: DocumentOut}, summary="Upload a document to a case")
@policy_required(case_policy, "upload")
def upload_document(
    request: HttpRequest, case_id: int, file: File[UploadedFile], description: Form[str] = ""
) -> Status:
    principal = _principal(request)
    case = selectors.case_get(principal, case_id, action="upload")
    try:
        document = services.document_upload(by=principal, case=case, file=file, description=description)
    except Http404:
        raise NotFound() from None
    out = DocumentOut(
        id=document.pk, name=document.name, content_type=document.content_type, size=document.size
    )
    return Status(201, out)
