"""The API's input and output shapes for advice and case messages (`advice.api`)."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from . import services
from .models import Advice, AdviceRequest, Message


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
