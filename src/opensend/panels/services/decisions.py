"""Decisions with reasons, their letters (HTML now, the PDF by a task) and the family's notice."""

import datetime as dt

from django.db import transaction
from django.urls import reverse

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.casework.notifications import family_of
from opensend.casework.services import case_transition
from opensend.casework.services.common import case_event
from opensend.casework.workflow import DECISIONS, FAMILY_STAGES, NOTICE_KINDS
from opensend.core import clock
from opensend.core import letters as stored_letters
from opensend.core.errors import ApplicationError, NotFound
from opensend.core.tasks import enqueue_on_commit
from opensend.notices.models import DecisionNotice
from opensend.notices.services import notice_issue
from opensend.panels import letters, quorum
from opensend.panels.audit import PanelsAudit
from opensend.panels.codes import OUTCOME_STATUS, QUESTION_AT
from opensend.panels.models import AgendaItem, Decision, Letter, Meeting, Panel
from opensend.panels.policies import meeting_policy
from opensend.panels.tasks import render_letter_pdf

from .common import actor_name, rule_of

MIN_REASONS = 20


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
        recorded_by_name=actor_name(by),
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
        enqueue_on_commit(render_letter_pdf, letter.pk)
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


def letters_retry_failed() -> int:
    """Start again on letters whose PDF gave up (after the cause is fixed); returns how many."""
    return stored_letters.retry_failed(Letter, render_letter_pdf)
