"""Every write of panels. Each checks the policy, writes, audits in the same transaction, and sends
side effects after commit (contributing.md)."""

import datetime as dt
import functools
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.principal import Principal
from opensend.accounts.roles import OrganisationKind
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.casework.notifications import family_of
from opensend.casework.policies import case_policy
from opensend.casework.services import case_transition
from opensend.casework.services.common import case_event
from opensend.casework.workflow import DECISIONS, FAMILY_STAGES, NOTICE_KINDS
from opensend.core import clock
from opensend.core import letters as stored_letters
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.notices.models import DecisionNotice
from opensend.notices.services import notice_issue

from . import letters, quorum
from .audit import PanelsAudit
from .codes import OUTCOME_STATUS, PANEL_STAGES, QUESTION_AT, Agency
from .models import AgendaItem, Attendance, Decision, Letter, Meeting, Panel, PanelMember
from .policies import MEMBER_ROLES, meeting_policy, panel_policy

MAX_PAPERS_DAYS = 30
PDF_MAX_ATTEMPTS = stored_letters.PDF_MAX_ATTEMPTS
MIN_REASONS = 20


def _name(by: Principal) -> str:
    if by.user is not None:
        return by.user.full_name
    return by.token.name if by.token is not None else ""


def rule_of(panel: Panel) -> quorum.QuorumRule:
    return quorum.QuorumRule(
        agencies=frozenset(panel.quorum_agencies), chair=True, min_members=panel.quorum_min_members
    )


# The panel ----------------------------------------------------------------------------------------


@transaction.atomic
def panel_configure(
    *,
    by: Principal,
    local_authority: Organisation,
    name: str,
    quorum_agencies: Iterable[str] = (),
    quorum_min_members: int = 0,
    papers_days_after: int = 7,
    chair: User | None = None,
    expected_version: int | None = None,
) -> Panel:
    """Create or change the council's panel. The quorum can be tightened, never loosened below the
    national minimum; the chair must be an active member."""
    panel = Panel.objects.select_for_update().filter(local_authority=local_authority).first()
    probe = panel or Panel(local_authority=local_authority)
    if local_authority.kind != OrganisationKind.LOCAL_AUTHORITY or not panel_policy.can(
        by, "configure", probe
    ):
        raise NotFound()
    if panel is not None and expected_version is not None and panel.version != expected_version:
        raise Conflict(
            "Someone else changed the panel while you were looking at it. Nothing has been saved: "
            "check the panel as it is now, then make your change again",
            extra={"current_version": panel.version},
        )
    name = name.strip()
    if not name:
        raise ApplicationError("Enter the panel's name", field="name")
    agencies = set(quorum_agencies)
    unknown = agencies - set(Agency.values)
    if unknown:
        raise ApplicationError("Choose agencies from the list", field="quorum_agencies")
    rule = quorum.QuorumRule(agencies=frozenset(agencies), min_members=quorum_min_members)
    below = rule.below_national_minimum()
    if below:
        raise ApplicationError(
            "The quorum must include at least one member each from education, health and social care "
            f"and the chair (the national minimum). It leaves out {', '.join(below)}",
            field="quorum_agencies",
        )
    if not 0 <= quorum_min_members <= 30:
        raise ApplicationError("The number of members must be between 0 and 30", field="quorum_min_members")
    if not 0 <= papers_days_after <= MAX_PAPERS_DAYS:
        raise ApplicationError(
            f"Members can see papers for between 0 and {MAX_PAPERS_DAYS} days after a meeting",
            field="papers_days_after",
        )
    if chair is not None and (panel is None or not panel.members.filter(user=chair, active=True).exists()):
        raise ApplicationError("Choose the chair from the panel's members", field="chair")
    old = None
    if panel is None:
        panel = Panel(local_authority=local_authority)
    else:
        old = {"chair": panel.chair_id, "quorum": panel.quorum_agencies, "min": panel.quorum_min_members}
        panel.version += 1
    panel.name = name
    panel.quorum_agencies = sorted(agencies)
    panel.quorum_min_members = quorum_min_members
    panel.papers_days_after = papers_days_after
    panel.chair = chair
    panel.save()
    audit.record(
        by,
        PanelsAudit.PANEL_CONFIGURED,
        obj=panel,
        detail={
            "old": old,
            "new": {"chair": panel.chair_id, "quorum": panel.quorum_agencies, "min": quorum_min_members},
        },
    )
    return panel


@transaction.atomic
def panel_member_add(*, by: Principal, panel: Panel, user: User, agency: str) -> PanelMember:
    if not panel_policy.can(by, "configure", panel):
        raise NotFound()
    if agency not in Agency.values:
        raise ApplicationError("Choose the agency the member speaks for", field="agency")
    holds_role = (
        Membership.objects.live(clock.today())
        .filter(
            user=user, organisation_id=panel.local_authority_id, role__in=MEMBER_ROLES, user__is_active=True
        )
        .exists()
    )
    if not holds_role:
        raise ApplicationError(
            f"{user.full_name} does not hold a panel member, caseworker or SEND manager role at "
            f"{panel.local_authority.name}. Give them the panel member role first",
            field="user",
        )
    member = PanelMember.objects.select_for_update().filter(panel=panel, user=user).first()
    if member is not None and member.active:
        raise ApplicationError(f"{user.full_name} is already a member of the panel", field="user")
    if member is None:
        member = PanelMember.objects.create(panel=panel, user=user, agency=agency)
    else:
        member.active, member.agency = True, agency
        member.save(update_fields=["active", "agency", "updated_at"])
    audit.record(by, PanelsAudit.MEMBER_ADDED, obj=member, detail={"user": user.pk, "agency": agency})
    return member


@transaction.atomic
def panel_member_remove(*, by: Principal, member: PanelMember) -> PanelMember:
    panel = member.panel
    if not panel_policy.can(by, "configure", panel):
        raise NotFound()
    if panel.chair_id == member.user_id:
        raise ApplicationError(
            "Choose another chair before removing the chair from the panel", field="member"
        )
    if member.active:
        member.active = False
        member.save(update_fields=["active", "updated_at"])
        audit.record(by, PanelsAudit.MEMBER_REMOVED, obj=member, detail={"user": member.user_id})
    return member


# Meetings and agendas -------------------------------------------------------------------------------


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


# Decisions -------------------------------------------------------------------------------------------


def present_people(meeting: Meeting) -> list[dict[str, object]]:
    """Every active member and whether they were present, as stored with a decision."""
    recorded = {a.member_id: a.present for a in meeting.attendance.all()}
    return [
        {
            "user_id": m.user_id,
            "name": m.user.full_name,
            "agency": m.agency,
            "chair": m.user_id == meeting.panel.chair_id,
            "present": recorded.get(m.pk, False),
        }
        for m in meeting.panel.members.filter(active=True).select_related("user").order_by("user__full_name")
    ]


def quorum_gaps(meeting: Meeting, people: list[dict[str, object]] | None = None) -> list[str]:
    people = present_people(meeting) if people is None else people
    present = [quorum.Present(str(p["agency"]), bool(p["chair"])) for p in people if p["present"]]
    return quorum.missing(rule_of(meeting.panel), present)


@transaction.atomic
def decision_record(
    *,
    by: Principal,
    item: AgendaItem,
    yes: bool | None,
    reasons: str,
    supersedes: Decision | None = None,
) -> Decision:
    """Record the panel's decision on one agenda case, move the case, write the letter, tell the family.

    Refused without quorum (the message names what is missing). A decision already made is changed
    only by a new decision that supersedes it.
    """
    meeting = Meeting.objects.select_related("panel", "panel__local_authority").get(pk=item.meeting_id)
    if not meeting_policy.can(by, "record", meeting):
        raise NotFound()
    case = (
        AssessmentRequest.objects.select_for_update()
        .select_related("child", "local_authority")
        .get(pk=item.case_id)
    )
    today = clock.today()
    if meeting.held_on > today:
        raise ApplicationError(
            f"The panel can decide from the day of the meeting, {meeting.held_on:%-d %B %Y}", field="decision"
        )
    if yes is None:
        raise ApplicationError("Choose the panel's decision", field="decision")
    reasons = reasons.strip()
    if not reasons:
        raise ApplicationError(
            "Give the reasons for the decision: the family will read them", field="reasons"
        )
    if len(reasons) < MIN_REASONS:
        raise ApplicationError(
            "Explain the reasons in full sentences the family can understand", field="reasons"
        )
    if len(reasons) > 5000:
        raise ApplicationError("The reasons must be 5,000 characters or fewer", field="reasons")
    current = (
        Decision.objects.select_for_update(of=("self",))
        .filter(case=case, question=item.question, superseded_by__isnull=True)
        .first()
    )
    if supersedes is None and current is not None:
        raise ApplicationError(
            f"The panel already decided this on {current.decided_on:%-d %B %Y}. To change it, record a "
            "new decision that replaces it",
            field="decision",
        )
    if supersedes is not None and (current is None or supersedes.pk != current.pk):
        raise ApplicationError("Only the latest decision on this question can be replaced", field="decision")
    if supersedes is None and QUESTION_AT.get(case.status) != item.question:
        raise ApplicationError(
            f"{case.reference} is now at “{Status(case.status).label}”, so the panel cannot decide "
            "this question for it",
            field="decision",
        )
    people = present_people(meeting)
    gaps = quorum_gaps(meeting, people)
    if gaps:
        raise ApplicationError(quorum.refusal_message(gaps), field="attendance")
    to_status = OUTCOME_STATUS[(item.question, yes)]
    assert to_status in DECISIONS
    moved = case.status != to_status
    appealable = to_status in NOTICE_KINDS
    if moved:
        try:
            # A refusal's statutory notice is written by the move itself (ADR 0151), naming the panel.
            case = case_transition(
                by=by,
                case=case,
                to=to_status,
                reason=reasons,
                panel_name=meeting.panel.name,
                panel_met_on=meeting.held_on,
                caller_writes_to_family=not appealable,
            )
        except ApplicationError as error:
            if error.field != "to":
                raise
            raise ApplicationError(
                f"The case is now at “{Status(case.status).label}”, so the decision cannot be changed to "
                f"“{letters.DECISION_PHRASE[to_status]}” here",
                field="decision",
            ) from None
    notice = _notice_of(by, case, to_status, reasons, supersedes, moved, meeting) if appealable else None
    decision = Decision.objects.create(
        item=item,
        case=case,
        question=item.question,
        yes=yes,
        to_status=to_status,
        reasons=reasons,
        decided_on=today,
        attendance=people,
        quorum_rule=rule_of(meeting.panel).as_data(),
        supersedes=supersedes,
        recorded_by=by.user,
        recorded_by_name=_name(by),
        notice=notice,
    )
    phrase = letters.DECISION_PHRASE[to_status]
    case_event(
        case=case,
        by=by,
        kind="panel_decision",
        title=("Changed panel decision: " if supersedes else "Panel decision: ") + phrase + " (letter sent)",
        body="" if moved else reasons,  # a move's own event already carries the reasons
        # A refusal is on the family's timeline once, as its notice.
        visible_to_family=not appealable,
    )
    audit.record(
        by,
        PanelsAudit.DECISION_RECORDED,
        child_id=case.child_id,
        obj=decision,
        detail={
            "question": item.question,
            "yes": yes,
            "supersedes": supersedes.pk if supersedes else None,
            "notice": notice.pk if notice else None,
        },
    )
    if not appealable:
        letter = _letter_write(decision, case, meeting.panel)
        _notify_family(decision, case, letter)
        transaction.on_commit(functools.partial(enqueue_pdf, letter.pk), robust=True)
    return decision


def _notice_of(
    by: Principal,
    case: AssessmentRequest,
    to_status: Status,
    reasons: str,
    supersedes: Decision | None,
    moved: bool,
    meeting: Meeting,
) -> DecisionNotice:
    """The refusal's statutory notice: the one the move just wrote, or, when the panel restates a
    refusal (clearer reasons, same outcome), a new notice that replaces the previous one."""
    kind = NOTICE_KINDS[to_status]
    if moved:
        return DecisionNotice.objects.get(case=case, kind=kind, superseded_by__isnull=True)
    previous = supersedes.notice if supersedes is not None else None
    return notice_issue(
        by=by,
        kind=kind,
        child=case.child,
        case=case,
        reasons=reasons,
        decided_on=clock.today(),
        supersedes=previous,
        panel_name=meeting.panel.name,
        panel_met_on=meeting.held_on,
    )


def letter_context(
    decision: Decision, case: AssessmentRequest, panel: Panel, dated: dt.date
) -> dict[str, object]:
    to_status = Status(decision.to_status)
    family = family_of(case.child)
    return {
        "decision": decision,
        "case": case,
        "child": case.child,
        "council": case.local_authority,
        "panel": panel,
        "dated": dated,
        "to_names": [u.full_name for u in family],
        "phrase": letters.DECISION_PHRASE[to_status],
        "dates": letters.letter_dates(to_status, dated=dated, received_on=case.received_on),
        "stage": FAMILY_STAGES[to_status],
        "superseded": decision.supersedes,
    }


def _letter_write(decision: Decision, case: AssessmentRequest, panel: Panel) -> Letter:
    dated = decision.decided_on
    html = letters.render_html(letter_context(decision, case, panel, dated))
    return Letter.objects.create(decision=decision, dated=dated, html=html, html_sha256=letters.sha256(html))


def _notify_family(decision: Decision, case: AssessmentRequest, letter: Letter) -> None:
    from opensend.notify.services import notify

    to_status = Status(decision.to_status)
    dates = letters.letter_dates(to_status, dated=letter.dated, received_on=case.received_on)
    context: dict[str, object] = {
        "child_name": case.child.full_name,
        "la_name": case.local_authority.name,
        "decision": letters.DECISION_PHRASE[to_status],
        "reasons": decision.reasons,
        "next_steps": letters.next_steps_text(dates),
    }
    for user in family_of(case.child):
        notify(
            to=user,
            kind="assessment.decision",
            context=context,
            link=reverse("panels:letter", args=[decision.pk]),
            child=case.child,
        )


# The letter's PDF ------------------------------------------------------------------------------------


def enqueue_pdf(letter_id: int, delay_seconds: int = 0) -> None:
    from .tasks import render_letter_pdf

    task = render_letter_pdf
    if delay_seconds and task.get_backend().supports_defer:
        task = task.using(run_after=clock.now() + dt.timedelta(seconds=delay_seconds))
    task.enqueue(letter_id)


def letter_pdf_make(letter_id: int) -> str:
    """One attempt to make a letter's PDF (the task's body). A failure is recorded and retried;
    the decision and the HTML letter are never touched. Returns the PDF status after the attempt."""
    return stored_letters.pdf_attempt(
        Letter,
        letter_id,
        filename=lambda letter: f"{letter.decision.case.reference}-decision-{letter.decision_id}.pdf",
        render=letters.render_pdf,
        retry=enqueue_pdf,
    )


def letters_retry_failed() -> int:
    """Start again on letters whose PDF gave up (after the cause is fixed); returns how many."""
    return stored_letters.retry_failed(Letter, enqueue_pdf)
