"""Advice and case messages in the API: ask for advice, the adviser's list, one request, save a draft,
submit, record reuse, move on when complete, overdue by agency, and a case's messages."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from opensend.access.policy import policy_required
from opensend.accounts.models import Organisation, User
from opensend.accounts.principal import Principal
from opensend.casework import selectors as case_selectors
from opensend.casework.models import AssessmentRequest, CaseDocument
from opensend.core.errors import ApplicationError, NotFound

from . import selectors, services
from .models import Advice, AdviceRequest, AdviceReuse, Message
from .policies import advice_policy

router = Router(tags=["advice"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


def _case(principal: Principal, case_id: int, action: str) -> AssessmentRequest:
    try:
        case = case_selectors.case_get(principal, case_id)
    except Http404:
        raise NotFound() from None
    if not advice_policy.can(principal, action, case):
        raise NotFound()
    return case


class ProvisionIn(Schema):
    area: str = Field("", max_length=30)
    what: str = Field("", max_length=500)
    who: str = Field("", max_length=500)
    how_often: str = Field("", max_length=500)
    how_long: str = Field("", max_length=500)


class AdviceIn(Schema):
    needs_cognition: str = Field("", max_length=20_000)
    needs_communication: str = Field("", max_length=20_000)
    needs_semh: str = Field("", max_length=20_000)
    needs_sensory_physical: str = Field("", max_length=20_000)
    provision: list[ProvisionIn] = Field(default_factory=list, max_length=21)
    outcomes: str = Field("", max_length=20_000)
    version: int | None = Field(None, description="The draft's version you started from (409 if stale)")

    def content(self) -> services.AdviceContent:
        return services.AdviceContent(
            needs_cognition=self.needs_cognition,
            needs_communication=self.needs_communication,
            needs_semh=self.needs_semh,
            needs_sensory_physical=self.needs_sensory_physical,
            provision=[p.dict() for p in self.provision],
            outcomes=self.outcomes,
        )


class AdviceOut(Schema):
    id: int
    number: int
    status: str
    supersedes_id: int | None
    needs_cognition: str
    needs_communication: str
    needs_semh: str
    needs_sensory_physical: str
    provision: list[dict[str, str]]
    outcomes: str
    document_name: str
    submitted_at: dt.datetime | None
    version: int

    @staticmethod
    def of(a: Advice) -> "AdviceOut":
        return AdviceOut(
            id=a.pk,
            number=a.number,
            status=a.status,
            supersedes_id=a.supersedes_id,
            needs_cognition=a.needs_cognition,
            needs_communication=a.needs_communication,
            needs_semh=a.needs_semh,
            needs_sensory_physical=a.needs_sensory_physical,
            provision=a.provision,
            outcomes=a.outcomes,
            document_name=a.document_name,
            submitted_at=a.submitted_at,
            version=a.version,
        )


class RequestOut(Schema):
    id: int
    case_id: int
    case_reference: str
    child_id: int
    child_name: str
    advice_type: str
    advice_type_label: str
    adviser_id: int | None
    organisation_id: int
    adviser_name: str
    question: str
    requested_on: dt.date
    due_on: dt.date
    status: str
    received_on: dt.date | None

    @staticmethod
    def of(r: AdviceRequest) -> "RequestOut":
        return RequestOut(
            id=r.pk,
            case_id=r.case_id,
            case_reference=f"EHCNA-{r.case_id:06d}",
            child_id=r.child_id,
            child_name=r.child.full_name,
            advice_type=r.advice_type,
            advice_type_label=r.get_advice_type_display(),
            adviser_id=r.adviser_id,
            organisation_id=r.organisation_id,
            adviser_name=r.adviser_name,
            question=r.question,
            requested_on=r.requested_on,
            due_on=r.due_on,
            status=r.status,
            received_on=r.received_on,
        )


class RequestDetailOut(RequestOut):
    due_explanation: str
    versions: list[AdviceOut]


class RequestPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[RequestOut]


class RequestIn(Schema):
    advice_type: str
    question: str = Field(max_length=5000)
    adviser_id: int | None = None
    organisation_id: int | None = Field(None, description="Required when no adviser is named")


class ReuseIn(Schema):
    advice_type: str
    source_description: str = Field(max_length=300)
    family_agreed_on: dt.date
    family_agreed_by: str = Field(max_length=200)
    adviser_agreed_on: dt.date
    adviser_agreed_by: str = Field(max_length=200)
    la_agreed_on: dt.date
    source_advice_id: int | None = None
    source_document_id: int | None = None


class ReuseOut(Schema):
    id: int
    case_id: int
    advice_type: str
    source_description: str


class CaseAdviceOut(Schema):
    requests: list[RequestOut]
    reused_types: list[str]
    all_received: bool


class CompleteIn(Schema):
    version: int


class AgencyOut(Schema):
    organisation_id: int
    name: str
    kind: str
    overdue: int
    oldest_due: dt.date


class PageQuery(Schema):
    page: int = Field(1, ge=1)
    per_page: int = Field(25, ge=1, le=100)


class MineQuery(PageQuery):
    show: str = Field("open", pattern="^(open|done)$")


class MessageIn(Schema):
    body: str = Field(max_length=services.MAX_MESSAGE)


class MessageOut(Schema):
    id: int
    author_name: str
    from_family: bool
    body: str
    sent_at: dt.datetime

    @staticmethod
    def of(m: Message) -> "MessageOut":
        return MessageOut(
            id=m.pk, author_name=m.author_name, from_family=m.from_family, body=m.body, sent_at=m.sent_at
        )


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
    adviser = User.objects.filter(pk=payload.adviser_id).first() if payload.adviser_id else None
    organisation = (
        Organisation.objects.filter(pk=payload.organisation_id).first() if payload.organisation_id else None
    )
    if payload.adviser_id and adviser is None:
        raise ApplicationError("Choose a person who can be asked for advice", field="adviser_id")
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
    source_advice = Advice.objects.filter(pk=advice_id).first() if advice_id else None
    source_document = CaseDocument.objects.filter(pk=document_id).first() if document_id else None
    if advice_id and source_advice is None:
        raise NotFound()
    if document_id and source_document is None:
        raise NotFound()
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
