"""Panel pages: set-up, meetings, agenda, attendance, decisions, papers and letters."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.casework import selectors as case_selectors
from opensend.casework.policies import case_policy
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict

from . import letters, selectors, services
from .codes import NATIONAL_MINIMUM_AGENCIES, PANEL_STAGES, PdfStatus, Question
from .forms import (
    AgendaAddForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    MemberAddForm,
    PanelForm,
    ScheduleForm,
)
from .models import Decision, PanelMember
from .policies import decision_policy, meeting_policy, panel_policy


@policy_required(meeting_policy, "list")
def home(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    upcoming, recent = selectors.meetings(principal)
    panel = selectors.panel_for(principal)
    return render(
        request,
        "panels/home.html",
        {
            "panel": panel,
            "upcoming": upcoming,
            "recent": recent,
            "can_configure": panel_policy.can(principal, "configure"),
            "can_schedule": panel is not None and meeting_policy.can(principal, "schedule"),
        },
    )


@policy_required(panel_policy, "configure")
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    la = selectors.council_for(principal)
    if la is None:
        raise Http404("Page not found")
    panel = la.send_panel if hasattr(la, "send_panel") else None
    if panel is not None and not panel_policy.can(principal, "configure", panel):
        raise Http404("Page not found")
    members = selectors.members_of(panel) if panel else []
    people = selectors.eligible_people(la)
    member_ids = {m.user_id for m in members}
    initial: dict[str, Any] = {
        "quorum_min_members": 0,
        "papers_days_after": 7,
        "name": f"{la.name} EHC panel",
    }
    if panel is not None:
        initial = {
            "name": panel.name,
            "chair": panel.chair_id,
            "extra_agencies": [a for a in panel.quorum_agencies if a not in NATIONAL_MINIMUM_AGENCIES],
            "quorum_min_members": panel.quorum_min_members,
            "papers_days_after": panel.papers_days_after,
            "version": panel.version,
        }
    panel_form = PanelForm(initial=initial, members=members, prefix="p")
    member_form = MemberAddForm(people=[u for u in people if u.pk not in member_ids], prefix="m")
    bound: Any = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "panel":
                bound = panel_form = PanelForm(request.POST, members=members, prefix="p")
                if panel_form.is_valid():
                    data = panel_form.cleaned_data
                    chair = next((m.user for m in members if m.user_id == data["chair"]), None)
                    services.panel_configure(
                        by=principal,
                        local_authority=la,
                        name=data["name"],
                        quorum_agencies=[*NATIONAL_MINIMUM_AGENCIES, *data["extra_agencies"]],
                        quorum_min_members=data["quorum_min_members"],
                        papers_days_after=data["papers_days_after"],
                        chair=chair,
                        expected_version=data["version"],
                    )
                    messages.success(request, "Panel saved")
                    return redirect("panels:setup")
            elif action == "add_member" and panel is not None:
                bound = member_form = MemberAddForm(
                    request.POST, people=[u for u in people if u.pk not in member_ids], prefix="m"
                )
                if member_form.is_valid():
                    user = next(u for u in people if u.pk == member_form.cleaned_data["user"])
                    services.panel_member_add(
                        by=principal, panel=panel, user=user, agency=member_form.cleaned_data["agency"]
                    )
                    messages.success(request, f"{user.full_name} added to the panel")
                    return redirect("panels:setup")
            elif action == "remove_member" and panel is not None:
                member = PanelMember.objects.filter(panel=panel, pk=request.POST.get("member") or 0).first()
                if member is None:
                    raise Http404("Page not found")
                bound = member_form
                services.panel_member_remove(by=principal, member=member)
                messages.success(request, f"{member.user.full_name} removed from the panel")
                return redirect("panels:setup")
            else:
                raise Http404("Page not found")
        except Conflict as error:
            bound.add_application_error(error)
        except ApplicationError as error:
            bound.add_application_error(error)
    return render(
        request,
        "panels/setup.html",
        {
            "la": la,
            "panel": panel,
            "members": members,
            "panel_form": panel_form,
            "member_form": member_form,
            "form": bound,
            "rule": services.rule_of(panel) if panel else None,
        },
        status=400 if bound is not None else 200,
    )


@policy_required(meeting_policy, "schedule")
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    panel = selectors.panel_for(principal)
    if panel is None:
        raise Http404("Page not found")
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(by=principal, panel=panel, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Meeting on {meeting.held_on:%-d %B %Y} scheduled")
            return redirect("panels:meeting", meeting_id=meeting.pk)
    return render(
        request, "panels/meeting_new.html", {"panel": panel, "form": form}, status=400 if form.errors else 200
    )


@policy_required(meeting_policy, "view")
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = selectors.meeting_get(principal, meeting_id)
    if request.method == "POST":
        if request.POST.get("action") != "publish" or not meeting_policy.can(principal, "schedule", meeting):
            raise Http404("Page not found")
        try:
            services.meeting_publish(by=principal, meeting=meeting)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Agenda published: members can now read the papers")
        return redirect("panels:meeting", meeting_id=meeting.pk)
    can_record = meeting_policy.can(principal, "record", meeting)
    can_schedule = meeting_policy.can(principal, "schedule", meeting)
    papers_open = meeting_policy.meeting_papers_open(principal, meeting)
    # Members who are not the council's staff see the agenda only while its papers are open.
    show_agenda = can_schedule or can_record or papers_open
    view = selectors.meeting_view(principal, meeting, with_agenda=show_agenda)
    return render(
        request,
        "panels/meeting.html",
        {
            "meeting": meeting,
            "view": view,
            "can_schedule": can_schedule,
            "can_record": can_record,
            "can_read_papers": papers_open,
            "show_agenda": show_agenda,
            "today": clock.today(),
            "rule": services.rule_of(meeting.panel),
        },
    )


@policy_required(meeting_policy, "schedule")
@require_http_methods(["GET", "POST"])
def agenda_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = selectors.meeting_get(principal, meeting_id, action="schedule")
    cases = list(selectors.schedulable_cases(principal, meeting)[:200])
    form = AgendaAddForm(request.POST if request.method == "POST" else None, cases=cases)
    if request.method == "POST" and form.is_valid():
        case = next(c for c in cases if c.pk == form.cleaned_data["case"])
        try:
            services.agenda_add(by=principal, meeting=meeting, case=case)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"{case.reference} {case.child.full_name} added to the agenda")
            return redirect("panels:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "panels/agenda_add.html",
        {"meeting": meeting, "form": form, "cases": cases},
        status=400 if form.errors else 200,
    )


@policy_required(meeting_policy, "schedule")
@require_http_methods(["GET", "POST"])
def case_schedule(request: HttpRequest, case_id: int) -> HttpResponse:
    """From the caseworker's case page: put this case on a panel meeting's agenda."""
    principal = principal_of(request)
    case = case_selectors.case_get(principal, case_id, action="transition")
    meetings = selectors.upcoming_meetings_for(principal, case)
    form = ScheduleForm(request.POST if request.method == "POST" else None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        meeting = next(m for m in meetings if m.pk == form.cleaned_data["meeting"])
        try:
            services.agenda_add(by=principal, meeting=meeting, case=case)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Added to the panel meeting on {meeting.held_on:%-d %B %Y}")
            return redirect("casework:case", case_id=case.pk)
    return render(
        request,
        "panels/case_schedule.html",
        {"case": case, "meetings": meetings, "form": form, "at_panel_stage": case.status in PANEL_STAGES},
        status=400 if form.errors else 200,
    )


@policy_required(meeting_policy, "record")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = selectors.meeting_get(principal, meeting_id, action="record")
    view = selectors.meeting_view(principal, meeting)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        members=view.members,
        chair_id=meeting.panel.chair_id,
        initial={"present": sorted(view.present_ids)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                by=principal, meeting=meeting, present_user_ids=form.cleaned_data["present"]
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Attendance recorded")
            return redirect("panels:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "panels/attendance.html",
        {"meeting": meeting, "form": form, "rule": services.rule_of(meeting.panel)},
        status=400 if form.errors else 200,
    )


@policy_required(meeting_policy, "record")
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = selectors.meeting_get(principal, meeting_id, action="record")
    item = selectors.agenda_item_get(principal, meeting, item_id)
    current = item.case.panel_decisions.filter(question=item.question, superseded_by__isnull=True).first()
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        question=item.question,
        initial={"supersedes": current.pk if current else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        supersedes = (
            Decision.objects.filter(case=item.case, pk=data["supersedes"]).first()
            if data["supersedes"]
            else None
        )
        try:
            decision = services.decision_record(
                by=principal,
                item=item,
                yes=data["decision"] == "yes",
                reasons=data["reasons"],
                supersedes=supersedes,
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request, f"Decision recorded for {item.case.child.full_name}: the family has been told"
            )
            if decision_policy.can(principal, "letter", decision):
                return redirect("panels:letter", decision_id=decision.pk)
            return redirect("panels:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "panels/decide.html",
        {
            "meeting": meeting,
            "item": item,
            "case": item.case,
            "current": current,
            "form": form,
            "question": Question(item.question),
            "gaps": services.quorum_gaps(meeting),
        },
        status=400 if form.errors else 200,
    )


@policy_required(meeting_policy, "papers")
def papers(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    principal = principal_of(request)
    p = selectors.papers_get(principal, meeting_id, item_id)
    return render(
        request,
        "panels/papers.html",
        {"p": p, "meeting": p.item.meeting, "case": p.case, "child": p.case.child},
    )


@policy_required(meeting_policy, "papers")
def paper_document(request: HttpRequest, meeting_id: int, item_id: int, document_id: int) -> FileResponse:
    principal = principal_of(request)
    document = selectors.paper_document_get(principal, meeting_id, item_id, document_id)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )


@policy_required(decision_policy, "letter")
def letter(request: HttpRequest, decision_id: int) -> HttpResponse:
    principal = principal_of(request)
    decision = selectors.decision_get(principal, decision_id)
    if decision.notice_id is not None:  # a refusal's letter is its statutory notice
        return redirect("notices:notice", notice_id=decision.notice_id)
    back = (
        ("casework:family-case", "Back to the request")
        if case_policy.can(principal, "view_family", decision.case)
        else ("casework:case", "Back to the case")
    )
    return render(
        request,
        "panels/letter.html",
        {
            "decision": decision,
            "letter": decision.letter,
            "body": mark_safe(letters.body_of(decision.letter.html)),
            "back": back,
            "ready": decision.letter.pdf_status == PdfStatus.READY,
        },
    )


@policy_required(decision_policy, "letter")
def letter_pdf(request: HttpRequest, decision_id: int) -> HttpResponseBase:
    principal = principal_of(request)
    decision = selectors.decision_get(principal, decision_id)
    if decision.notice_id is not None:
        return redirect("notices:notice-pdf", notice_id=decision.notice_id)
    letter = decision.letter
    if letter.pdf_status != PdfStatus.READY or not letter.pdf:
        raise Http404("Page not found")
    return FileResponse(
        letter.pdf.open("rb"),
        as_attachment=False,
        filename=f"{decision.case.reference}-decision-letter.pdf",
        content_type="application/pdf",
    )
