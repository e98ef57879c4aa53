"""Every read of panels: scoped by the policies and audited (agenda cases are children's data)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, Organisation, User
from opensend.advice.selectors import PanelAdvice, advice_for_panel
from opensend.casework.audit import CaseworkAudit
from opensend.casework.models import AssessmentRequest, CaseDocument
from opensend.core import clock

from .audit import PanelsAudit
from .codes import PANEL_STAGES
from .models import AgendaItem, Decision, Meeting, Panel, PanelMember
from .policies import (
    MEMBER_ROLES,
    decision_policy,
    manager_la_ids,
    meeting_policy,
    member_la_ids,
    panel_policy,
    staff_la_ids,
)


def council_for(principal: Principal) -> Organisation | None:
    """The council whose panel this person works with: the first where they hold a panel role."""
    la_ids = manager_la_ids(principal) or staff_la_ids(principal) or member_la_ids(principal)
    return Organisation.objects.filter(pk__in=la_ids[:1]).first() if la_ids else None


def panel_for(principal: Principal) -> Panel | None:
    la = council_for(principal)
    if la is None:
        return None
    return (
        panel_policy.visible(principal, Panel.objects.select_related("chair", "local_authority"))
        .filter(local_authority=la)
        .first()
    )


def members_of(panel: Panel) -> list[PanelMember]:
    return list(panel.members.filter(active=True).select_related("user").order_by("user__full_name"))


def eligible_people(panel_la: Organisation) -> list[User]:
    """People who may be added to the council's panel: a live panel member or LA staff role there."""
    return list(
        User.objects.filter(
            pk__in=Membership.objects.live(clock.today())
            .filter(organisation=panel_la, role__in=MEMBER_ROLES)
            .values("user_id"),
            is_active=True,
        ).order_by("full_name")
    )


def meetings(principal: Principal) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, recent) meetings this person may see, each with its number of cases."""
    if not meeting_policy.can(principal, "list"):
        raise Http404("Page not found")
    qs = meeting_policy.visible(principal, Meeting.objects.select_related("panel")).annotate(
        cases=Count("items")
    )
    today = clock.today()
    upcoming = list(qs.filter(held_on__gte=today).order_by("held_on", "id")[:50])
    recent = list(qs.filter(held_on__lt=today).order_by("-held_on", "-id")[:25])
    return upcoming, recent


@dataclass
class AgendaRow:
    item: AgendaItem
    decisions: list[Decision]

    @property
    def current(self) -> Decision | None:
        return next((d for d in self.decisions if d.is_current), None)


@dataclass
class MeetingView:
    meeting: Meeting
    rows: list[AgendaRow]
    members: list[PanelMember]
    present_ids: set[int]
    attendance_recorded: bool
    quorum_gaps: list[str] = field(default_factory=list)


def meeting_get(principal: Principal, meeting_id: int, *, action: str = "view") -> Meeting:
    return meeting_policy.get_or_404(
        principal, action, Meeting.objects.select_related("panel", "panel__local_authority"), pk=meeting_id
    )


def meeting_view(principal: Principal, meeting: Meeting, *, with_agenda: bool = True) -> MeetingView:
    """The agenda with each case's decisions, and attendance. Each agenda case read is audited."""
    from .services import quorum_gaps

    items = (
        []
        if not with_agenda
        else list(
            meeting.items.select_related("case", "case__child").prefetch_related(
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.select_related("letter", "notice", "superseded_by").order_by(
                        "-recorded_at"
                    ),
                )
            )
        )
    )
    audit.record_reads(principal, PanelsAudit.AGENDA_VIEWED, [i.case.child_id for i in items])
    members = list(
        meeting.panel.members.filter(active=True).select_related("user").order_by("user__full_name")
    )
    recorded = {a.member_id: a.present for a in meeting.attendance.all()}
    present = {m.user_id for m in members if recorded.get(m.pk)}
    return MeetingView(
        meeting=meeting,
        rows=[AgendaRow(i, list(i.decisions.all())) for i in items],
        members=members,
        present_ids=present,
        attendance_recorded=bool(recorded),
        quorum_gaps=quorum_gaps(meeting),
    )


def agenda_item_get(principal: Principal, meeting: Meeting, item_id: int) -> AgendaItem:
    item = (
        meeting.items.select_related("case", "case__child", "case__local_authority", "meeting__panel")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Http404("Page not found")
    return item


def schedulable_cases(principal: Principal, meeting: Meeting) -> "QuerySet[AssessmentRequest]":
    """The council's cases waiting for a panel and not yet on this meeting's agenda."""
    return (
        AssessmentRequest.objects.filter(
            local_authority_id=meeting.panel.local_authority_id, status__in=sorted(PANEL_STAGES)
        )
        .exclude(panel_items__meeting=meeting)
        .select_related("child")
        .order_by("next_due_on", "id")
    )


def upcoming_meetings_for(principal: Principal, case: AssessmentRequest) -> list[Meeting]:
    return list(
        meeting_policy.visible(
            principal,
            Meeting.objects.filter(
                panel__local_authority_id=case.local_authority_id, held_on__gte=clock.today()
            ).select_related("panel"),
        ).order_by("held_on", "id")[:20]
    )


@dataclass
class Papers:
    """What a member reads before the meeting, for one agenda case."""

    item: AgendaItem
    case: AssessmentRequest
    documents: list[CaseDocument]
    decisions: list[Decision]
    advice: list[PanelAdvice]
    papers_until: dt.date


def papers_get(principal: Principal, meeting_id: int, item_id: int) -> Papers:
    meeting = meeting_get(principal, meeting_id, action="papers")
    item = agenda_item_get(principal, meeting, item_id)
    if not meeting_policy.can(principal, "papers", item):
        raise Http404("Page not found")
    case = item.case
    audit.record(principal, PanelsAudit.PAPERS_VIEWED, child_id=case.child_id, obj=item)
    return Papers(
        item=item,
        case=case,
        documents=list(case.documents.all()[:100]),
        decisions=list(case.panel_decisions.select_related("item__meeting").order_by("-recorded_at")),
        advice=advice_for_panel(principal, case),
        papers_until=meeting.papers_until,
    )


def paper_document_get(principal: Principal, meeting_id: int, item_id: int, document_id: int) -> CaseDocument:
    meeting = meeting_get(principal, meeting_id, action="papers")
    item = agenda_item_get(principal, meeting, item_id)
    if not meeting_policy.can(principal, "papers", item):
        raise Http404("Page not found")
    document = item.case.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404("Page not found")
    audit.record(principal, CaseworkAudit.DOCUMENT_VIEWED, child_id=item.case.child_id, obj=document)
    return document


def decisions_for_case(principal: Principal, case: AssessmentRequest) -> list[Decision]:
    """A case's decisions, newest first, for those who may see them. Audited when there are any."""
    rows = list(
        decision_policy.visible(principal, Decision.objects.filter(case=case))
        .select_related("letter", "notice", "item__meeting", "superseded_by")
        .order_by("-recorded_at", "-id")
    )
    if rows:
        audit.record(principal, PanelsAudit.DECISION_VIEWED, child_id=case.child_id, obj=rows[0])
    return rows


def decision_get(principal: Principal, decision_id: int, *, action: str = "letter") -> Decision:
    decision = decision_policy.get_or_404(
        principal,
        action,
        Decision.objects.select_related(
            "letter", "notice", "case", "case__child", "case__local_authority", "item__meeting"
        ),
        pk=decision_id,
    )
    audit.record(
        principal,
        PanelsAudit.LETTER_VIEWED if action == "letter" else PanelsAudit.DECISION_VIEWED,
        child_id=decision.case.child_id,
        obj=decision,
    )
    return decision
