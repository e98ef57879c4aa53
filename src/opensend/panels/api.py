"""Panels in the API: the panel, meetings, agenda, attendance, decisions, papers and letters."""

import dataclasses
import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from pydantic import Field

from opensend.access.policy import policy_required
from opensend.access.principal import Principal
from opensend.accounts.models import User
from opensend.casework import selectors as case_selectors
from opensend.core.errors import ApplicationError, NotFound

from . import selectors, services
from .models import Decision, Meeting, Panel, PanelMember
from .policies import decision_policy, meeting_policy, panel_policy

router = Router(tags=["panels"])


def _principal(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


class MemberOut(Schema):
    id: int
    user_id: int
    name: str
    agency: str
    chair: bool


class PanelOut(Schema):
    id: int
    local_authority_id: int
    name: str
    chair_user_id: int | None
    quorum_agencies: list[str]
    quorum_min_members: int
    quorum: str
    papers_days_after: int
    version: int
    members: list[MemberOut]


class PanelIn(Schema):
    name: str = Field(max_length=200)
    quorum_agencies: list[str] = Field(description="Must include education, health and social_care")
    quorum_min_members: int = 0
    papers_days_after: int = 7
    chair_user_id: int | None = None
    version: int | None = None


class MemberIn(Schema):
    user_id: int
    agency: str


class MeetingIn(Schema):
    held_on: dt.date
    location: str = Field("", max_length=200)


class DecisionOut(Schema):
    id: int
    case_id: int
    question: str
    yes: bool
    to_status: str
    reasons: str
    decided_on: dt.date
    attendance: list[dict[str, object]]
    supersedes_id: int | None
    superseded_by_id: int | None
    letter_url: str
    letter_pdf_url: str | None
    letter_html_sha256: str
    letter_pdf_status: str


class ItemOut(Schema):
    id: int
    case_id: int
    case_reference: str
    child_name: str
    question: str
    decisions: list[DecisionOut]


class MeetingOut(Schema):
    id: int
    held_on: dt.date
    location: str
    published: bool
    papers_until: dt.date
    quorate: bool
    quorum_missing: list[str]
    present_user_ids: list[int]
    items: list[ItemOut]


class MeetingSummaryOut(Schema):
    id: int
    held_on: dt.date
    location: str
    published: bool
    cases: int


class AgendaIn(Schema):
    case_id: int


class AttendanceIn(Schema):
    present_user_ids: list[int]


class DecisionIn(Schema):
    decision: str = Field(pattern="^(yes|no)$")
    reasons: str = Field(max_length=5000)
    supersedes_id: int | None = None


class PapersOut(Schema):
    case_id: int
    reference: str
    child_name: str
    date_of_birth: dt.date
    question: str
    received_on: dt.date
    reasons: str
    support_so_far: str
    family_views: str
    support_history: object | None
    documents: list[str]
    advice: list[dict[str, object]]
    papers_until: dt.date


def _panel_out(panel: Panel) -> PanelOut:
    return PanelOut(
        id=panel.pk,
        local_authority_id=panel.local_authority_id,
        name=panel.name,
        chair_user_id=panel.chair_id,
        quorum_agencies=panel.quorum_agencies,
        quorum_min_members=panel.quorum_min_members,
        quorum=services.rule_of(panel).describe(),
        papers_days_after=panel.papers_days_after,
        version=panel.version,
        members=[
            MemberOut(
                id=m.pk,
                user_id=m.user_id,
                name=m.user.full_name,
                agency=m.agency,
                chair=m.user_id == panel.chair_id,
            )
            for m in selectors.members_of(panel)
        ],
    )


def decision_out(d: Decision) -> DecisionOut:
    # A refusal's letter is its statutory notice; a decision to assess or issue has the panel's letter.
    letter: Any = d.notice if d.notice_id is not None else d.letter
    superseded_by = getattr(d, "superseded_by", None)
    return DecisionOut(
        id=d.pk,
        case_id=d.case_id,
        question=d.question,
        yes=d.yes,
        to_status=d.to_status,
        reasons=d.reasons,
        decided_on=d.decided_on,
        attendance=d.attendance,
        supersedes_id=d.supersedes_id,
        superseded_by_id=superseded_by.pk if superseded_by else None,
        letter_url=reverse("notices:notice", args=[d.notice_id])
        if d.notice_id
        else reverse("panels:letter", args=[d.pk]),
        letter_pdf_url=(
            reverse("notices:notice-pdf", args=[d.notice_id])
            if d.notice_id
            else reverse("panels:letter-pdf", args=[d.pk])
        )
        if letter.pdf_status == "ready"
        else None,
        letter_html_sha256=letter.html_sha256,
        letter_pdf_status=letter.pdf_status,
    )


def _meeting_out(principal: Principal, meeting: Meeting) -> MeetingOut:
    can_see = (
        meeting_policy.can(principal, "schedule", meeting)
        or meeting_policy.can(principal, "record", meeting)
        or meeting_policy.meeting_papers_open(principal, meeting)
    )
    view = selectors.meeting_view(principal, meeting, with_agenda=can_see)
    return MeetingOut(
        id=meeting.pk,
        held_on=meeting.held_on,
        location=meeting.location,
        published=meeting.published_at is not None,
        papers_until=meeting.papers_until,
        quorate=not view.quorum_gaps,
        quorum_missing=view.quorum_gaps,
        present_user_ids=sorted(view.present_ids),
        items=[
            ItemOut(
                id=row.item.pk,
                case_id=row.item.case_id,
                case_reference=row.item.case.reference,
                child_name=row.item.case.child.full_name,
                question=row.item.question,
                decisions=[decision_out(d) for d in row.decisions],
            )
            for row in view.rows
        ],
    )


def _own_panel(principal: Principal) -> Panel:
    panel = selectors.panel_for(principal)
    if panel is None:
        raise NotFound()
    return panel


@router.get("/panel", response=PanelOut, summary="Your council's panel, its members and quorum rule")
@policy_required(panel_policy, "view")
def get_panel(request: HttpRequest) -> PanelOut:
    return _panel_out(_own_panel(_principal(request)))


@router.put("/panel", response=PanelOut, summary="Set up or change your council's panel")
@policy_required(panel_policy, "configure")
def put_panel(request: HttpRequest, payload: PanelIn) -> PanelOut:
    principal = _principal(request)
    la = selectors.council_for(principal)
    if la is None:
        raise NotFound()
    chair = None
    if payload.chair_user_id is not None:
        chair = User.objects.filter(pk=payload.chair_user_id).first()
        if chair is None:
            raise ApplicationError("Choose the chair from the panel's members", field="chair_user_id")
    panel = services.panel_configure(
        by=principal,
        local_authority=la,
        name=payload.name,
        quorum_agencies=payload.quorum_agencies,
        quorum_min_members=payload.quorum_min_members,
        papers_days_after=payload.papers_days_after,
        chair=chair,
        expected_version=payload.version,
    )
    return _panel_out(panel)


@router.post("/panel/members", response={201: PanelOut}, summary="Add a member to your council's panel")
@policy_required(panel_policy, "configure")
def add_member(request: HttpRequest, payload: MemberIn) -> Status:
    principal = _principal(request)
    panel = _own_panel(principal)
    user = User.objects.filter(pk=payload.user_id).first()
    if user is None:
        raise ApplicationError("Choose a person who works for this council", field="user_id")
    services.panel_member_add(by=principal, panel=panel, user=user, agency=payload.agency)
    return Status(201, _panel_out(panel))


@router.delete("/panel/members/{member_id}", response=PanelOut, summary="Remove a member from the panel")
@policy_required(panel_policy, "configure")
def remove_member(request: HttpRequest, member_id: int) -> PanelOut:
    principal = _principal(request)
    panel = _own_panel(principal)
    member = PanelMember.objects.filter(panel=panel, pk=member_id).select_related("panel", "user").first()
    if member is None:
        raise NotFound()
    services.panel_member_remove(by=principal, member=member)
    panel.refresh_from_db()
    return _panel_out(panel)


@router.get("/meetings", response=list[MeetingSummaryOut], summary="Meetings coming up and recent")
@policy_required(meeting_policy, "list")
def list_meetings(request: HttpRequest) -> list[MeetingSummaryOut]:
    upcoming, recent = selectors.meetings(_principal(request))
    return [
        MeetingSummaryOut(
            id=m.pk,
            held_on=m.held_on,
            location=m.location,
            published=m.published_at is not None,
            cases=m.cases,  # type: ignore[attr-defined]
        )
        for m in [*upcoming, *recent]
    ]


@router.post("/meetings", response={201: MeetingOut}, summary="Schedule a meeting")
@policy_required(meeting_policy, "schedule")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status:
    principal = _principal(request)
    meeting = services.meeting_schedule(
        by=principal, panel=_own_panel(principal), held_on=payload.held_on, location=payload.location
    )
    return Status(201, _meeting_out(principal, meeting))


@router.get("/meetings/{meeting_id}", response=MeetingOut, summary="A meeting: agenda, attendance, decisions")
@policy_required(meeting_policy, "view")
def get_meeting(request: HttpRequest, meeting_id: int) -> MeetingOut:
    principal = _principal(request)
    return _meeting_out(principal, selectors.meeting_get(principal, meeting_id))


@router.post("/meetings/{meeting_id}/publish", response=MeetingOut, summary="Publish the agenda to members")
@policy_required(meeting_policy, "schedule")
def publish_meeting(request: HttpRequest, meeting_id: int) -> MeetingOut:
    principal = _principal(request)
    meeting = selectors.meeting_get(principal, meeting_id, action="schedule")
    return _meeting_out(principal, services.meeting_publish(by=principal, meeting=meeting))


@router.post("/meetings/{meeting_id}/agenda", response={201: MeetingOut}, summary="Add a case to the agenda")
@policy_required(meeting_policy, "schedule")
def add_to_agenda(request: HttpRequest, meeting_id: int, payload: AgendaIn) -> Status:
    principal = _principal(request)
    meeting = selectors.meeting_get(principal, meeting_id, action="schedule")
    try:
        case = case_selectors.case_get(principal, payload.case_id)
    except Http404:
        raise ApplicationError("Choose a case of this council", field="case_id") from None
    services.agenda_add(by=principal, meeting=meeting, case=case)
    return Status(201, _meeting_out(principal, meeting))


@router.put("/meetings/{meeting_id}/attendance", response=MeetingOut, summary="Record who is at the meeting")
@policy_required(meeting_policy, "record")
def put_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> MeetingOut:
    principal = _principal(request)
    meeting = selectors.meeting_get(principal, meeting_id, action="record")
    services.attendance_record(by=principal, meeting=meeting, present_user_ids=payload.present_user_ids)
    return _meeting_out(principal, meeting)


@router.post(
    "/meetings/{meeting_id}/items/{item_id}/decision",
    response={201: DecisionOut},
    summary="Record the panel's decision on an agenda case (needs quorum)",
)
@policy_required(meeting_policy, "record")
def record_decision(request: HttpRequest, meeting_id: int, item_id: int, payload: DecisionIn) -> Status:
    principal = _principal(request)
    meeting = selectors.meeting_get(principal, meeting_id, action="record")
    item = selectors.agenda_item_get(principal, meeting, item_id)
    supersedes = None
    if payload.supersedes_id is not None:
        supersedes = Decision.objects.filter(case=item.case, pk=payload.supersedes_id).first()
        if supersedes is None:
            raise ApplicationError(
                "Only the latest decision on this question can be replaced", field="supersedes_id"
            )
    decision = services.decision_record(
        by=principal, item=item, yes=payload.decision == "yes", reasons=payload.reasons, supersedes=supersedes
    )
    return Status(201, decision_out(Decision.objects.select_related("letter", "notice").get(pk=decision.pk)))


@router.get(
    "/meetings/{meeting_id}/items/{item_id}/papers", response=PapersOut, summary="An agenda case's papers"
)
@policy_required(meeting_policy, "papers")
def get_papers(request: HttpRequest, meeting_id: int, item_id: int) -> PapersOut:
    p = selectors.papers_get(_principal(request), meeting_id, item_id)
    case = p.case
    return PapersOut(
        case_id=case.pk,
        reference=case.reference,
        child_name=case.child.full_name,
        date_of_birth=case.child.date_of_birth,
        question=p.item.question,
        received_on=case.received_on,
        reasons=case.reasons,
        support_so_far=case.support_so_far,
        family_views=case.family_views,
        support_history=case.support_history,
        documents=[d.name for d in p.documents],
        advice=[{**dataclasses.asdict(a), "summary": a.summary} for a in p.advice],
        papers_until=p.papers_until,
    )


@router.get("/decisions/{decision_id}", response=DecisionOut, summary="A decision and its letter")
@policy_required(decision_policy, "view")
def get_decision(request: HttpRequest, decision_id: int) -> DecisionOut:
    return decision_out(selectors.decision_get(_principal(request), decision_id, action="view"))
