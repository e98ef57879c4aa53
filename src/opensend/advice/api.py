"""Advice and case messages in the API: ask for advice, the adviser's list, one request, save a draft,
submit, record reuse, move on when complete, overdue by agency, and a case's messages."""

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from opensend.access.policy import caller as _principal
from opensend.access.policy import policy_required
from opensend.access.principal import Principal
from opensend.casework import selectors as case_selectors
from opensend.casework.models import AssessmentRequest
from opensend.core.errors import NotFound

from . import selectors, services
from .models import AdviceRequest, AdviceReuse
from .policies import advice_policy
from .schemas import (
    AdviceIn,
    AdviceOut,
    AgencyOut,
    CaseAdviceOut,
    CompleteIn,
    MessageIn,
    MessageOut,
    MineQuery,
    PageQuery,
    RequestDetailOut,
    RequestIn,
    RequestOut,
    RequestPageOut,
    ReuseIn,
    ReuseOut,
)

router = Router(tags=["advice"])


def _case(principal: Principal, case_id: int, action: str) -> AssessmentRequest:
    try:
        case = case_selectors.case_get(principal, case_id)
    except Http404:
        raise NotFound() from None
    if not advice_policy.can(principal, action, case):
        raise NotFound()
    return case


def _detail(principal: Principal, request: AdviceRequest) -> RequestDetailOut:
    view = selectors.request_view(principal, request)
    versions = ([view.draft] if view.draft else []) + view.submitted
    return RequestDetailOut(
        **RequestOut.of(request).dict(),
        due_explanation=view.deadline.explanation,
        versions=[AdviceOut.of(v) for v in versions],
    )


def _page(page: object) -> RequestPageOut:
    return RequestPageOut(
        count=page.paginator.count,  # type: ignore[attr-defined]
        page=page.number,  # type: ignore[attr-defined]
        pages=page.paginator.num_pages,  # type: ignore[attr-defined]
        results=[RequestOut.of(r) for r in page.object_list],  # type: ignore[attr-defined]
    )


@router.post(
    "/cases/{case_id}/requests",
    response={201: RequestOut},
    summary="Ask for advice (due in 6 weeks, rule A3)",
)
@policy_required(advice_policy, "request")
def request_advice(request: HttpRequest, case_id: int, payload: RequestIn) -> Status:
    principal = _principal(request)
    case = _case(principal, case_id, "request")
    adviser, organisation = selectors.request_recipients(payload.adviser_id, payload.organisation_id)
    made = services.advice_request(
        by=principal,
        case=case,
        advice_type=payload.advice_type,
        question=payload.question,
        adviser=adviser,
        organisation=organisation,
    )
    return Status(201, RequestOut.of(made))


@router.get("/cases/{case_id}/requests", response=CaseAdviceOut, summary="The advice asked for on a case")
@policy_required(advice_policy, "view")
def case_requests(request: HttpRequest, case_id: int) -> CaseAdviceOut:
    principal = _principal(request)
    try:
        case = case_selectors.case_get(principal, case_id)
        advice = selectors.case_advice(principal, case)
    except Http404:
        raise NotFound() from None
    return CaseAdviceOut(
        requests=[RequestOut.of(r.request) for r in advice.rows],
        reused_types=[r.advice_type for r in advice.reuses],
        all_received=advice.all_received,
    )


@router.get("/mine", response=RequestPageOut, summary="Advice requested from you")
@policy_required(advice_policy, "contribute")
def mine(request: HttpRequest, query: Query[MineQuery]) -> RequestPageOut:
    return _page(
        selectors.my_requests(_principal(request), show=query.show, page=query.page, per_page=query.per_page)
    )


@router.get(
    "/requests/{request_id}", response=RequestDetailOut, summary="One request for advice, with its versions"
)
@policy_required(advice_policy, "view")
def get_request(request: HttpRequest, request_id: int) -> RequestDetailOut:
    principal = _principal(request)
    return _detail(principal, selectors.request_get(principal, request_id))


@router.put("/requests/{request_id}/draft", response=RequestDetailOut, summary="Save advice as a draft")
@policy_required(advice_policy, "write")
def save_draft(request: HttpRequest, request_id: int, payload: AdviceIn) -> RequestDetailOut:
    principal = _principal(request)
    advice_request = selectors.request_get(principal, request_id, action="write")
    services.advice_draft_save(
        by=principal, request=advice_request, content=payload.content(), expected_version=payload.version
    )
    return _detail(principal, advice_request)


@router.post(
    "/requests/{request_id}/submit",
    response=RequestDetailOut,
    summary="Submit advice (409 if already submitted)",
)
@policy_required(advice_policy, "write")
def submit(request: HttpRequest, request_id: int, payload: AdviceIn) -> RequestDetailOut:
    principal = _principal(request)
    advice_request = selectors.request_get(principal, request_id, action="write")
    services.advice_submit(
        by=principal, request=advice_request, content=payload.content(), expected_version=payload.version
    )
    advice_request.refresh_from_db()
    return _detail(principal, advice_request)


@router.post(
    "/cases/{case_id}/reuse", response={201: ReuseOut}, summary="Record reused advice (regulation 6(4))"
)
@policy_required(advice_policy, "reuse")
def record_reuse(request: HttpRequest, case_id: int, payload: ReuseIn) -> Status:
    principal = _principal(request)
    case = _case(principal, case_id, "reuse")
    data = payload.dict()
    advice_id, document_id = data.pop("source_advice_id"), data.pop("source_document_id")
    source_advice, source_document = selectors.reuse_sources(advice_id, document_id)
    reuse: AdviceReuse = services.advice_reuse_record(
        by=principal, case=case, source_advice=source_advice, source_document=source_document, **data
    )
    return Status(
        201,
        ReuseOut(
            id=reuse.pk,
            case_id=case.pk,
            advice_type=reuse.advice_type,
            source_description=reuse.source_description,
        ),
    )


@router.post(
    "/cases/{case_id}/complete",
    response=CaseAdviceOut,
    summary="All advice received: move to advice complete",
)
@policy_required(advice_policy, "complete")
def complete(request: HttpRequest, case_id: int, payload: CompleteIn) -> CaseAdviceOut:
    principal = _principal(request)
    case = _case(principal, case_id, "complete")
    services.advice_complete(by=principal, case=case, expected_version=payload.version)
    return case_requests(request, case_id)


@router.get("/overdue", response=list[AgencyOut], summary="Overdue advice for your council, by agency")
@policy_required(advice_policy, "overdue")
def overdue(request: HttpRequest) -> list[AgencyOut]:
    return [AgencyOut(**a.__dict__) for a in selectors.overdue_by_agency(_principal(request))]


@router.get("/overdue/requests", response=RequestPageOut, summary="Overdue requests for advice, oldest first")
@policy_required(advice_policy, "overdue")
def overdue_requests(
    request: HttpRequest, query: Query[PageQuery], agency: int | None = None
) -> RequestPageOut:
    return _page(
        selectors.overdue_page(
            _principal(request), organisation_id=agency, page=query.page, per_page=query.per_page
        )
    )


@router.get(
    "/cases/{case_id}/messages", response=list[MessageOut], summary="The case's messages, oldest first"
)
@policy_required(advice_policy, "message")
def list_messages(request: HttpRequest, case_id: int) -> list[MessageOut]:
    principal = _principal(request)
    case = _case(principal, case_id, "message")
    return [MessageOut.of(m) for m in selectors.messages_for(principal, case)]


@router.post(
    "/cases/{case_id}/messages", response={201: MessageOut}, summary="Send a message in the case's thread"
)
@policy_required(advice_policy, "message")
def post_message(request: HttpRequest, case_id: int, payload: MessageIn) -> Status:
    principal = _principal(request)
    case = _case(principal, case_id, "message")
    return Status(201, MessageOut.of(services.message_send(by=principal, case=case, body=payload.body)))
