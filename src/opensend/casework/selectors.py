"""Every read of casework: scoped by the case policy, and audited (cases are children's data)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, User
from opensend.accounts.roles import LA_STAFF_ROLES
from opensend.children.models import Child
from opensend.children.selectors import deadline_inputs
from opensend.core import clock
from opensend.rulebook.selectors import DeadlineInputs

from .audit import CaseworkAudit
from .codes import Status
from .deadlines import CaseDeadline, case_deadlines
from .models import AssessmentRequest, CaseDocument, CaseEvent, CaseNote, RequestDraft
from .policies import case_policy, decided_elsewhere, family_child_q
from .workflow import (
    CLOSED_STATUSES,
    DECISIONS,
    FAMILY_STAGES,
    OPEN_STATUSES,
    RESERVED_MOVES,
    TRANSITIONS,
    FamilyStage,
)

PAGE_SIZE = 25
SORTS: dict[str, Any] = {
    "due": (F("next_due_on").asc(nulls_last=True), "id"),
    "-due": (F("next_due_on").desc(nulls_last=True), "-id"),
    "received": ("received_on", "id"),
    "-received": ("-received_on", "-id"),
    "name": ("child__last_name", "child__first_name", "id"),
}


@dataclass(frozen=True)
class DeskFilters:
    """What the desk list is narrowed by. Empty strings mean 'any'."""

    scope: str = "team"  # "mine": allocated to me; "team": the council's
    stage: str = "open"  # "open", "closed", "all" or a Status value
    due: str = ""  # "overdue", "7", "28"
    need: str = ""
    setting: int | None = None
    caseworker: str = ""  # a user id, or "none" for unallocated
    sort: str = "due"


def cases_visible(principal: Principal) -> "QuerySet[AssessmentRequest]":
    """Unaudited queryset for composing; callers that show rows must audit."""
    return case_policy.visible(principal, AssessmentRequest.objects.all())


def desk_page(
    principal: Principal, filters: DeskFilters, *, page: int = 1, per_page: int = PAGE_SIZE
) -> Page:
    """The caseworker's desk: the council's cases (or mine), filtered, sorted and paginated."""
    if not case_policy.can(principal, "list"):
        raise Http404("Page not found")
    la_ids = [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]
    qs = cases_visible(principal).filter(local_authority_id__in=la_ids)
    if filters.scope == "mine":
        qs = qs.filter(caseworker_id=principal.user_id)
    if filters.stage == "open":
        qs = qs.filter(status__in=sorted(OPEN_STATUSES))
    elif filters.stage == "closed":
        qs = qs.filter(status__in=sorted(CLOSED_STATUSES))
    elif filters.stage in Status.values:
        qs = qs.filter(status=filters.stage)
    today = clock.today()
    if filters.due == "overdue":
        qs = qs.filter(next_due_on__lt=today)
    elif filters.due in ("7", "28"):
        qs = qs.filter(next_due_on__gte=today, next_due_on__lte=today + dt.timedelta(days=int(filters.due)))
    if filters.need:
        qs = qs.filter(primary_need=filters.need)
    if filters.setting:
        qs = qs.filter(child__current_setting_id=filters.setting)
    if filters.caseworker == "none":
        qs = qs.filter(caseworker__isnull=True)
    elif filters.caseworker.isdigit():
        qs = qs.filter(caseworker_id=int(filters.caseworker))
    qs = qs.select_related("child", "child__current_setting", "caseworker").order_by(
        *SORTS.get(filters.sort, SORTS["due"])
    )
    result = Paginator(qs, per_page).get_page(page)
    audit.record_reads(principal, CaseworkAudit.CASE_LISTED, [c.child_id for c in result.object_list])
    return result


def case_get(principal: Principal, case_id: int, *, action: str = "view") -> AssessmentRequest:
    """One case, if this principal may do `action` on it; 404 otherwise. Records the read."""
    case = case_policy.get_or_404(
        principal,
        action,
        AssessmentRequest.objects.select_related(
            "child", "child__current_setting", "local_authority", "caseworker", "exported_to"
        ),
        pk=case_id,
    )
    audit.record(principal, CaseworkAudit.CASE_VIEWED, child_id=case.child_id, obj=case)
    return case


@dataclass
class CaseView:
    """Everything the case page shows, read in a fixed number of queries."""

    case: AssessmentRequest
    deadlines: list[CaseDeadline]
    inputs: DeadlineInputs
    events: list[CaseEvent]
    documents: list[CaseDocument]
    notes: list[CaseNote] = field(default_factory=list)
    caseworkers: list[User] = field(default_factory=list)
    next_stages: list[Status] = field(default_factory=list)


def _inputs(principal: Principal, case: AssessmentRequest) -> DeadlineInputs:
    try:
        return deadline_inputs(principal, case.child)
    except Http404:  # e.g. the child has since moved to another council: dates without exceptions
        return DeadlineInputs()


def case_view(principal: Principal, case: AssessmentRequest, *, events: int = 50) -> CaseView:
    staff = case_policy.can(principal, "view_notes", case)
    inputs = _inputs(principal, case)
    event_qs = case.events.all()
    document_qs = case.documents.all()
    if not staff:
        event_qs = event_qs.filter(visible_to_family=True)
        document_qs = document_qs.filter(visible_to_family=True)
    view = CaseView(
        case=case,
        deadlines=case_deadlines(case.status, case.received_on, inputs),
        inputs=inputs,
        events=list(event_qs[:events]),
        documents=list(document_qs[:100]),
    )
    if staff:
        view.notes = list(case.notes.all()[:50])
        view.caseworkers = [
            m.user
            for m in Membership.objects.live(clock.today())
            .filter(organisation_id=case.local_authority_id, role__in=LA_STAFF_ROLES, user__is_active=True)
            .select_related("user")
            .order_by("user__full_name")
        ]
        # Issuing the plan and completing advice happen in their own apps; a council with a panel
        # makes its decisions on the panel's pages, one without on this page.
        offered = TRANSITIONS[Status(case.status)] - RESERVED_MOVES
        if decided_elsewhere(case):
            offered -= DECISIONS
        view.next_stages = sorted(offered, key=list(Status).index)
    return view


def document_get(principal: Principal, case: AssessmentRequest, document_id: int) -> CaseDocument:
    qs = case.documents.all()
    if not case_policy.can(principal, "view_notes", case):
        qs = qs.filter(visible_to_family=True)
    document = qs.filter(pk=document_id).first()
    if document is None:
        raise Http404("Page not found")
    audit.record(principal, CaseworkAudit.DOCUMENT_VIEWED, child_id=case.child_id, obj=document)
    return document


# The family's view --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyCase:
    case: AssessmentRequest
    stage: FamilyStage
    deadlines: list[CaseDeadline]

    @property
    def next_deadline(self) -> CaseDeadline | None:
        return next((d for d in self.deadlines if d.is_next), None)


def family_cases(principal: Principal) -> list[FamilyCase]:
    """Every request for the children this person is family of, newest first."""
    if not case_policy.can(principal, "view_family"):
        raise Http404("Page not found")
    cases = list(
        AssessmentRequest.objects.filter(family_child_q(principal, prefix="child__"))
        .select_related("child", "local_authority")
        .order_by("-received_on", "-id")[:50]
    )
    audit.record_reads(principal, CaseworkAudit.CASE_LISTED, [c.child_id for c in cases])
    return [
        FamilyCase(
            c, FAMILY_STAGES[Status(c.status)], case_deadlines(c.status, c.received_on, DeadlineInputs())
        )
        for c in cases
    ]


def family_case(principal: Principal, case_id: int) -> tuple[FamilyCase, CaseView]:
    case = case_get(principal, case_id, action="view_family")
    view = case_view(principal, case)
    return FamilyCase(case, FAMILY_STAGES[Status(case.status)], view.deadlines), view


def drafts_for(principal: Principal) -> list[RequestDraft]:
    """Unfinished requests this person can come back to."""
    if principal.user is None:
        return []
    return list(
        RequestDraft.objects.filter(user=principal.user).select_related("child").order_by("-updated_at")
    )


def la_staff(la_ids: list[int]) -> list[User]:
    """The councils' caseworkers and managers, for allocation and the desk's filter."""
    return list(
        User.objects.filter(
            memberships__organisation_id__in=la_ids,
            memberships__role__in=LA_STAFF_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def child_page_links(principal: Principal, child: Child) -> list[tuple[str, str]]:
    """Links on the child's page: their assessment requests, and how to start or record one."""
    from django.urls import reverse

    from opensend.accounts.roles import FAMILY_ROLES

    links: list[tuple[str, str]] = []
    if case_policy.can(principal, "view"):
        family_view = principal.roles() <= FAMILY_ROLES and bool(principal.roles())
        cases = (
            case_policy.visible(principal, AssessmentRequest.objects.filter(child=child))
            .only("pk", "status")
            .order_by("-received_on", "-pk")[:10]
        )
        for case in cases:
            url_name = "casework:family-case" if family_view else "casework:case"
            links.append(
                (
                    f"EHC needs assessment request {case.reference} ({Status(case.status).label.lower()})",
                    reverse(url_name, args=[case.pk]),
                )
            )
    if case_policy.can(principal, "record", child):
        links.append(
            (
                "Record an assessment request received by post, phone or email",
                reverse("casework:record-request", args=[child.pk]),
            )
        )
    elif case_policy.can(principal, "request", child):
        links.append(("Request an EHC needs assessment", reverse("casework:request-start")))
    return links
