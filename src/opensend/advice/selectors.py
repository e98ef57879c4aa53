"""Every read of the advice app: scoped by the advice policy, and audited (it is children's data)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Prefetch, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.roles import Role
from opensend.casework.models import AssessmentRequest, CaseDocument
from opensend.casework.policies import case_policy
from opensend.children.selectors import deadline_inputs
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.rulebook.engine import DueDate, due_date
from opensend.rulebook.selectors import DeadlineInputs

from .audit import AdviceAudit
from .codes import AdviceStatus, RequestStatus
from .models import Advice, AdviceRequest, AdviceReuse, Message
from .policies import addressed_q, advice_policy, la_ids

if TYPE_CHECKING:
    from opensend.accounts.models import Organisation, User

PAGE_SIZE = 25


def _submitted() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=Advice.objects.filter(status=AdviceStatus.SUBMITTED).order_by("-number"),
        to_attr="submitted_versions",
    )


def outstanding(case: AssessmentRequest) -> list[AdviceRequest] | None:
    """Requests still waiting for advice whose type is not covered by reuse; None when nothing was
    asked for or reused at all (so there is nothing to be complete)."""
    requests = list(
        case.advice_requests.exclude(status=RequestStatus.CANCELLED).select_related("adviser", "organisation")
    )
    reused = set(case.advice_reuses.values_list("advice_type", flat=True))
    if not requests and not reused:
        return None
    return [r for r in requests if r.status == RequestStatus.REQUESTED and r.advice_type not in reused]


@dataclass
class RequestRow:
    request: AdviceRequest
    deadline: DueDate
    latest: Advice | None
    today: dt.date

    @property
    def state(self) -> str:
        if self.request.status == RequestStatus.SUBMITTED:
            return "received"
        if self.request.status == RequestStatus.CANCELLED:
            return "cancelled"
        if self.deadline.due < self.today:
            return "excused" if self.deadline.exception_applies else "overdue"
        return "waiting"


@dataclass
class CaseAdvice:
    """The advice on one case, as the council (or the family) may see it."""

    rows: list[RequestRow]
    reuses: list[AdviceReuse]
    waiting: list[AdviceRequest] | None
    today: dt.date
    inputs: DeadlineInputs = field(default_factory=DeadlineInputs)

    @property
    def all_received(self) -> bool:
        return self.waiting is not None and not self.waiting

    @property
    def received(self) -> list[RequestRow]:
        return [r for r in self.rows if r.latest is not None]


def _inputs(principal: Principal, case: AssessmentRequest) -> DeadlineInputs:
    try:
        return deadline_inputs(principal, case.child)
    except Http404:
        return DeadlineInputs()


def case_advice(principal: Principal, case: AssessmentRequest) -> CaseAdvice:
    """Every request on the case with its A3 date, raw and with the child's recorded exceptions."""
    if not (
        advice_policy.can(principal, "view_all", case) or advice_policy.can(principal, "view_family", case)
    ):
        raise Http404("Page not found")
    inputs = _inputs(principal, case)
    today = clock.today()
    requests = list(
        advice_policy.visible(principal, case.advice_requests.all())
        .select_related("adviser", "organisation")
        .prefetch_related(_submitted())
        .order_by("requested_on", "id")
    )
    rows = [
        RequestRow(
            r,
            due_date("A3", r.requested_on, exceptions=inputs.exceptions, closures=inputs.closures),
            next(iter(r.submitted_versions), None),
            today,
        )
        for r in requests
    ]
    reuses = list(case.advice_reuses.select_related("source_advice", "source_document"))
    audit.record(principal, AdviceAudit.REQUESTS_LISTED, child_id=case.child_id, obj=case)
    return CaseAdvice(rows, reuses, outstanding(case), today, inputs)


def my_requests(
    principal: Principal, *, show: str = "open", page: int = 1, per_page: int = PAGE_SIZE
) -> Page:
    """ "Advice requested from you": requests addressed to this person or their organisation."""
    if not advice_policy.can(principal, "contribute"):
        raise Http404("Page not found")
    qs = advice_policy.visible(principal, AdviceRequest.objects.filter(addressed_q(principal)))
    if show == "open":
        qs = qs.filter(status=RequestStatus.REQUESTED).order_by("due_on", "id")
    else:
        qs = qs.exclude(status=RequestStatus.REQUESTED).order_by("-received_on", "-id")
    qs = qs.select_related("child", "organisation", "adviser", "case__local_authority")
    result = Paginator(qs, per_page).get_page(page)
    audit.record_reads(principal, AdviceAudit.REQUESTS_LISTED, [r.child_id for r in result.object_list])
    return result


def request_get(principal: Principal, request_id: int, *, action: str = "view") -> AdviceRequest:
    request = advice_policy.get_or_404(
        principal,
        action,
        AdviceRequest.objects.select_related(
            "case",
            "case__local_authority",
            "case__caseworker",
            "child",
            "child__current_setting",
            "adviser",
            "organisation",
        ),
        pk=request_id,
    )
    audit.record(principal, AdviceAudit.REQUEST_VIEWED, child_id=request.child_id, obj=request)
    return request


@dataclass
class RequestView:
    request: AdviceRequest
    deadline: DueDate
    draft: Advice | None
    submitted: list[Advice]
    can_write: bool


def request_view(principal: Principal, request: AdviceRequest) -> RequestView:
    """The adviser's page: the request, their draft if any, and what they submitted."""
    versions = list(advice_policy.versions_visible(principal, request.versions.all()).order_by("-number"))
    return RequestView(
        request=request,
        deadline=due_date("A3", request.requested_on),
        draft=next((v for v in versions if v.status == AdviceStatus.DRAFT), None),
        submitted=[v for v in versions if v.status == AdviceStatus.SUBMITTED],
        can_write=advice_policy.can(principal, "write", request),
    )


def request_documents(request: AdviceRequest) -> list[CaseDocument]:
    """The case's documents an adviser may read: those the family can see (not the council's own)."""
    return list(request.case.documents.filter(visible_to_family=True)[:50])


def request_document(principal: Principal, request: AdviceRequest, document_id: int) -> CaseDocument:
    document = request.case.documents.filter(visible_to_family=True, pk=document_id).first()
    if document is None:
        raise Http404("Page not found")
    audit.record(principal, AdviceAudit.DOCUMENT_VIEWED, child_id=request.child_id, obj=document)
    return document


def advice_get(principal: Principal, advice_id: int) -> Advice:
    """One version of advice: submitted advice to whoever may see its request; a draft to its writers."""
    qs = advice_policy.versions_visible(
        principal,
        Advice.objects.select_related(
            "request", "request__case", "request__child", "request__organisation", "request__adviser"
        ),
    )
    advice = qs.filter(pk=advice_id).first()
    if advice is None:
        raise Http404("Page not found")
    audit.record(principal, AdviceAudit.VIEWED, child_id=advice.request.child_id, obj=advice)
    return advice


# The overdue desk ----------------------------------------------------------------------------------


def _overdue(principal: Principal) -> "QuerySet[AdviceRequest]":
    if not advice_policy.can(principal, "overdue"):
        raise Http404("Page not found")
    return advice_policy.visible(
        principal,
        AdviceRequest.objects.filter(
            case__local_authority_id__in=la_ids(principal),
            status=RequestStatus.REQUESTED,
            due_on__lt=clock.today(),
        ),
    )


@dataclass(frozen=True)
class AgencyCount:
    organisation_id: int
    name: str
    kind: str
    overdue: int
    oldest_due: dt.date


def overdue_by_agency(principal: Principal) -> list[AgencyCount]:
    """Overdue advice per organisation asked, most overdue first: one GROUP BY query."""
    rows = (
        _overdue(principal)
        .values("organisation_id", "organisation__name", "organisation__kind")
        .annotate(overdue=Count("id"), oldest_due=Min("due_on"))
        .order_by("-overdue", "organisation__name")
    )
    return [
        AgencyCount(
            r["organisation_id"],
            r["organisation__name"],
            r["organisation__kind"],
            r["overdue"],
            r["oldest_due"],
        )
        for r in rows
    ]


def overdue_page(
    principal: Principal, *, organisation_id: int | None = None, page: int = 1, per_page: int = PAGE_SIZE
) -> Page:
    qs = _overdue(principal)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    qs = qs.select_related("child", "organisation", "adviser", "case").order_by("due_on", "id")
    result = Paginator(qs, per_page).get_page(page)
    audit.record_reads(principal, AdviceAudit.REQUESTS_LISTED, [r.child_id for r in result.object_list])
    return result


# Messages ------------------------------------------------------------------------------------------


def messages_for(principal: Principal, case: AssessmentRequest, *, limit: int = 200) -> list[Message]:
    if not advice_policy.can(principal, "message", case):
        raise Http404("Page not found")
    messages = list(case.messages.order_by("-sent_at", "-id")[:limit])[::-1]
    audit.record(principal, AdviceAudit.MESSAGES_READ, child_id=case.child_id, obj=case)
    return messages


# What the API names by id --------------------------------------------------------------------------


def request_recipients(
    adviser_id: int | None, organisation_id: int | None
) -> tuple["User | None", "Organisation | None"]:
    """The person and the organisation an API caller names when asking for advice. The service
    checks who may be asked; a person who does not exist is a mistake the caller can correct."""
    from opensend.accounts.models import Organisation, User

    adviser = User.objects.filter(pk=adviser_id).first() if adviser_id else None
    if adviser_id and adviser is None:
        raise ApplicationError("Choose a person who can be asked for advice", field="adviser_id")
    organisation = Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    return adviser, organisation


def reuse_sources(
    advice_id: int | None, document_id: int | None
) -> tuple[Advice | None, CaseDocument | None]:
    """The advice or document an API caller names as reused; the service checks the caller may use it."""
    source_advice = Advice.objects.filter(pk=advice_id).first() if advice_id else None
    source_document = CaseDocument.objects.filter(pk=document_id).first() if document_id else None
    if (advice_id and source_advice is None) or (document_id and source_document is None):
        raise NotFound()
    return source_advice, source_document


# Panel papers ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelAdvice:
    """One piece of advice as the panel reads it: the latest submitted version, or reused advice."""

    title: str
    adviser: str
    received_on: dt.date | None
    needs: list[tuple[str, str]]
    provision: list[dict[str, str]]
    outcomes: str
    reused_from: str = ""

    @property
    def summary(self) -> str:
        lines = [f"{area}: {text.strip()}" for area, text in self.needs if text.strip()]
        if self.outcomes.strip():
            lines.append(f"Outcomes: {self.outcomes.strip()}")
        if self.reused_from:
            lines.append(f"Existing advice used instead of a new request: {self.reused_from}")
        return "\n".join(lines)


def _may_read_for_panel(principal: Principal, case: AssessmentRequest) -> bool:
    """The council's staff, and panel members while the case is on a meeting whose papers are open
    (the casework visibility that the panels app registers). Nobody else reads advice this way."""
    if advice_policy.can(principal, "view_all", case):
        return True
    return (
        principal.has_role(Role.PANEL_MEMBER)
        and principal.allows_scope("children:read")
        and case_policy.can(principal, "view", case)
    )


def advice_for_panel(principal: Principal, case: AssessmentRequest) -> list[PanelAdvice]:
    """The advice received on a case, for the panel's papers: two queries, audited as a read."""
    if not _may_read_for_panel(principal, case):
        raise Http404("Page not found")
    versions = (
        Advice.objects.filter(request__case=case, status=AdviceStatus.SUBMITTED)
        .exclude(request__status=RequestStatus.CANCELLED)
        .select_related("request", "request__adviser", "request__organisation")
        .order_by("request__requested_on", "request_id", "-number")
    )
    latest: dict[int, Advice] = {}
    for version in versions:
        latest.setdefault(version.request_id, version)
    rows = [
        PanelAdvice(
            title=version.request.get_advice_type_display(),
            adviser=version.request.adviser_name,
            received_on=version.request.received_on,
            needs=version.needs(),
            provision=list(version.provision or []),
            outcomes=version.outcomes,
        )
        for version in latest.values()
    ]
    rows += [
        PanelAdvice(
            title=reuse.get_advice_type_display(),
            adviser=reuse.adviser_agreed_by,
            received_on=reuse.la_agreed_on,
            needs=[],
            provision=[],
            outcomes="",
            reused_from=reuse.source_description,
        )
        for reuse in case.advice_reuses.order_by("advice_type", "id")
    ]
    audit.record(principal, AdviceAudit.PANEL_READ, child_id=case.child_id, obj=case)
    return rows
