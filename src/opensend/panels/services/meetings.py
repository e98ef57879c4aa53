"""Meetings and agendas: scheduling, publishing the papers, adding cases, recording attendance."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.casework.policies import case_policy
from opensend.casework.services.common import case_event
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.panels.audit import PanelsAudit
from opensend.panels.codes import PANEL_STAGES, QUESTION_AT
from opensend.panels.models import AgendaItem, Attendance, Meeting, Panel
from opensend.panels.policies import meeting_policy


@transaction.atomic
def meeting_schedule(*, by: Principal, panel: Panel, held_on: dt.date, location: str = "") -> Meeting:
    probe = Meeting(panel=panel, held_on=held_on)
    if not meeting_policy.can(by, "schedule", probe):
        raise NotFound()
    today = clock.today()
    if held_on < today:
        raise ApplicationError("The date of the meeting must be today or in the future", field="held_on")
    if held_on > today + dt.timedelta(days=366):
        raise ApplicationError("The date of the meeting must be within the next year", field="held_on")
    meeting = Meeting.objects.create(
        panel=panel,
        held_on=held_on,
        location=location.strip()[:200],
        papers_until=held_on + dt.timedelta(days=panel.papers_days_after),
    )
    audit.record(by, PanelsAudit.MEETING_SCHEDULED, obj=meeting, detail={"held_on": held_on.isoformat()})
    return meeting


@transaction.atomic
def meeting_publish(*, by: Principal, meeting: Meeting) -> Meeting:
    """Publish the agenda: from now until `papers_until`, members can read each case's papers."""
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    if not meeting_policy.can(by, "schedule", meeting):
        raise NotFound()
    if meeting.published_at is not None:
        return meeting
    if not meeting.items.exists():
        raise ApplicationError("Add at least one case to the agenda before publishing it", field="meeting")
    if meeting.papers_until < clock.today():
        raise ApplicationError("This meeting's papers have closed, so its agenda cannot be published")
    meeting.published_at = clock.now()
    meeting.save(update_fields=["published_at", "updated_at"])
    audit.record(by, PanelsAudit.AGENDA_PUBLISHED, obj=meeting)
    return meeting


@transaction.atomic
def agenda_add(*, by: Principal, meeting: Meeting, case: AssessmentRequest) -> AgendaItem:
    if not meeting_policy.can(by, "schedule", meeting) or not case_policy.can(by, "view", case):
        raise NotFound()
    if case.local_authority_id != meeting.panel.local_authority_id:
        raise ApplicationError("Choose a case of this council", field="case")
    if meeting.held_on < clock.today():
        raise ApplicationError(
            f"The meeting on {meeting.held_on:%-d %B %Y} has already happened: "
            "choose a meeting today or later",
            field="meeting",
        )
    if case.status not in PANEL_STAGES:
        raise ApplicationError(
            f"{case.reference} is at “{Status(case.status).label}”. Only cases waiting for a panel "
            f"(“{Status.PANEL_ASSESS.label}” or “{Status.PANEL_ISSUE.label}”) can go on an agenda",
            field="case",
        )
    question = QUESTION_AT[case.status]
    if AgendaItem.objects.filter(meeting=meeting, case=case, question=question).exists():
        raise ApplicationError(f"{case.reference} is already on this meeting's agenda", field="case")
    item = AgendaItem.objects.create(meeting=meeting, case=case, question=question, added_by=by.user)
    case_event(
        case=case,
        by=by,
        kind="panel_scheduled",
        title=f"On the agenda of the panel meeting on {meeting.held_on:%-d %B %Y}",
        visible_to_family=False,
    )
    audit.record(by, PanelsAudit.CASE_ADDED, child_id=case.child_id, obj=item)
    return item


@transaction.atomic
def attendance_record(
    *, by: Principal, meeting: Meeting, present_user_ids: Iterable[int]
) -> list[Attendance]:
    """Who was at the meeting: every active member is recorded present or absent."""
    if not meeting_policy.can(by, "record", meeting):
        raise NotFound()
    if meeting.held_on > clock.today():
        raise ApplicationError(
            f"You can record who attended from the day of the meeting, {meeting.held_on:%-d %B %Y}",
            field="present",
        )
    members = {m.user_id: m for m in meeting.panel.members.filter(active=True).select_related("user")}
    present = set(present_user_ids)
    strangers = present - set(members)
    if strangers:
        raise ApplicationError("Choose people who are members of the panel", field="present")
    now = clock.now()
    rows = []
    for user_id, member in members.items():
        row, _ = Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"present": user_id in present, "recorded_at": now}
        )
        rows.append(row)
    audit.record(by, PanelsAudit.ATTENDANCE_RECORDED, obj=meeting, detail={"present": sorted(present)})
    return rows
