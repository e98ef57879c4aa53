"""Work on a case: the one status change service, allocation, notes and deadline exceptions."""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import LA_STAFF_ROLES, OrganisationKind
from opensend.casework import notifications
from opensend.casework.audit import CaseworkAudit
from opensend.casework.codes import AssessmentOutcome, RequestOutcome, Status
from opensend.casework.deadlines import next_deadline
from opensend.casework.models import AssessmentRequest, CaseNote
from opensend.casework.policies import case_policy, may_move
from opensend.casework.workflow import (
    FAMILY_STAGES,
    MOVES_WITH_OWN_NOTICE,
    NOTICE_KINDS,
    TRANSITIONS,
    Move,
    unmet,
)
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.rulebook.exceptions import ExceptionKind
from opensend.rulebook.models import ExceptionFact

from .common import case_event


def _locked(
    by: Principal,
    case: AssessmentRequest,
    action: str,
    expected_version: int | None,
    allowed: Callable[[AssessmentRequest], bool] | None = None,
) -> AssessmentRequest:
    """The case row, locked until the transaction ends, if `by` may do `action` (or what `allowed`
    says) and nobody saved since."""
    locked = (
        AssessmentRequest.objects.select_for_update()
        .select_related("child", "local_authority")
        .filter(pk=case.pk)
        .first()
    )
    permitted = allowed(locked) if (locked is not None and allowed) else None
    if locked is None or not (permitted if permitted is not None else case_policy.can(by, action, locked)):
        raise NotFound()
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(
            "Someone else changed this case while you were looking at it. Nothing has been saved: "
            "check the case as it is now, then make your change again",
            extra={"current_version": locked.version},
        )
    return locked


def _set_outcomes(case: AssessmentRequest, to: Status, today: dt.date) -> None:
    """SEN2 RequestOutcome and AssessmentOutcome follow from the decision the move records."""
    if to == Status.ASSESSING:
        case.request_outcome, case.request_outcome_on = RequestOutcome.YES, today
        case.assessment_outcome = AssessmentOutcome.AWAITING
    elif to == Status.DECIDED_NOT_TO_ASSESS:
        case.request_outcome, case.request_outcome_on = RequestOutcome.NO, today
    elif to == Status.DRAFTING:
        # The outcome date is the day the plan is issued: blank until then (SEN2 guidance).
        case.assessment_outcome = AssessmentOutcome.YES
    elif to == Status.PLAN_ISSUED:
        # SEN2 AssessmentOutcomeDate for Y is the date the final plan was issued.
        case.assessment_outcome, case.assessment_outcome_on = AssessmentOutcome.YES, today
    elif to == Status.DECIDED_NOT_TO_ISSUE:
        case.assessment_outcome, case.assessment_outcome_on = AssessmentOutcome.NO, today
    elif to in (Status.WITHDRAWN, Status.EXPORTED):
        if case.request_outcome == RequestOutcome.AWAITING:
            case.request_outcome = RequestOutcome.WITHDRAWN
        elif case.assessment_outcome == AssessmentOutcome.AWAITING:
            case.assessment_outcome = AssessmentOutcome.WITHDRAWN


@transaction.atomic
def case_transition(
    *,
    by: Principal,
    case: AssessmentRequest,
    to: str,
    reason: str = "",
    expected_version: int | None = None,
    exported_to: Organisation | None = None,
    panel_name: str = "",
    panel_met_on: dt.date | None = None,
    caller_writes_to_family: bool = False,
) -> AssessmentRequest:
    """Move a case to its next stage. The only code that changes `status`.

    The move must be in the table and meet its guards (`workflow.GUARDS`). An appealable decision
    (`workflow.NOTICE_KINDS`) writes its statutory notice here, in the same transaction, with the
    reasons as given (and the panel's name and meeting date when a panel decided); if the notice
    cannot be written (the council's details are incomplete) nothing moves. The family gets the
    generic stage email unless the move has its own letter or `caller_writes_to_family` (a panel's
    letter for a decision to assess or issue).
    """
    locked = _locked(by, case, "transition", expected_version, allowed=lambda row: may_move(by, row, to))
    try:
        target = Status(to)
    except ValueError:
        raise ApplicationError("Choose the stage to move the case to", field="to") from None
    current = Status(locked.status)
    allowed = TRANSITIONS[current]
    if target not in allowed:
        if allowed:
            options = ", ".join(sorted(s.label.lower() for s in allowed))
            message = (
                f"A case at “{current.label}” cannot move to “{target.label}”. It can move to: {options}"
            )
        else:
            message = f"This case is closed ({current.label.lower()}) and cannot move to another stage"
        raise ApplicationError(message, field="to")
    reason = reason.strip()
    failed = unmet(current, target, locked, Move(reason=reason))
    if failed:
        raise ApplicationError(failed[0].message, field=failed[0].field)
    if target == Status.EXPORTED:
        if exported_to is None or exported_to.kind != OrganisationKind.LOCAL_AUTHORITY:
            raise ApplicationError("Choose the council the child has moved to", field="exported_to")
        if exported_to.pk == locked.local_authority_id:
            raise ApplicationError("Choose a different council from this one", field="exported_to")
        locked.exported_to = exported_to
    today = clock.today()
    _set_outcomes(locked, target, today)
    locked.status = target
    locked.status_changed_at = timezone.now()
    locked.next_rule, due = next_deadline(target, locked.received_on)
    locked.next_due_on = due
    locked.version += 1
    locked.save()
    case_event(
        case=locked,
        by=by,
        kind="stage_changed",
        # The family's words for the stage; a move with its own letter (a panel decision, the issued
        # plan) is on the family's timeline once, as that letter, so this entry is for staff only.
        title=FAMILY_STAGES[target].title,
        body=reason,
        from_status=current,
        to_status=target,
        visible_to_family=target not in MOVES_WITH_OWN_NOTICE and not caller_writes_to_family,
    )
    audit.record(
        by,
        CaseworkAudit.CASE_TRANSITIONED,
        child_id=locked.child_id,
        obj=locked,
        detail={"old": current.value, "new": target.value},
    )
    if target in NOTICE_KINDS:
        notice_writer()(
            by=by,
            case=locked,
            kind=NOTICE_KINDS[target],
            reasons=reason,
            decided_on=today,
            panel_name=panel_name,
            panel_met_on=panel_met_on,
        )
    for hook in _TRANSITION_HOOKS.values():
        hook(by=by, case=locked, old=current, new=target)
    quiet = target in MOVES_WITH_OWN_NOTICE or caller_writes_to_family
    notifications.stage_changed(locked.pk, current.value, target.value, quiet)
    return locked


# Other apps act when a case moves (advice cancels open requests when a case closes). A hook runs
# inside the transition's transaction, after the change is written; raising undoes the move.
TransitionHook = Callable[..., None]
_TRANSITION_HOOKS: dict[str, TransitionHook] = {}


def register_transition_hook(key: str, hook: TransitionHook) -> None:
    _TRANSITION_HOOKS[key] = hook


# The statutory notice of an appealable decision is written by the notices app, which registers
# its writer in its AppConfig.ready() (it depends on casework, so casework cannot import it). The
# writer is called with by, case, kind, reasons, decided_on, panel_name and panel_met_on, and raises
# ApplicationError when the notice cannot be written. Without a writer a decision cannot be made:
# there is no path to a refusal without its letter.
NoticeWriter = Callable[..., object]
_NOTICE_WRITER: list[NoticeWriter] = []


def register_notice_writer(writer: NoticeWriter) -> None:
    _NOTICE_WRITER[:] = [writer]


def notice_writer() -> NoticeWriter:
    if not _NOTICE_WRITER:
        raise ImproperlyConfigured(
            "No statutory notice writer is registered: add opensend.notices to INSTALLED_APPS"
        )
    return _NOTICE_WRITER[0]


@transaction.atomic
def case_allocate(
    *,
    by: Principal,
    case: AssessmentRequest,
    caseworker: User | None,
    expected_version: int | None = None,
) -> AssessmentRequest:
    """Give the case to one of the council's caseworkers or managers (None: unallocate)."""
    locked = _locked(by, case, "allocate", expected_version)
    if (
        caseworker is not None
        and not Membership.objects.live(clock.today())
        .filter(user=caseworker, organisation_id=locked.local_authority_id, role__in=LA_STAFF_ROLES)
        .exists()
    ):
        raise ApplicationError("Choose a caseworker from this council", field="caseworker")
    old = locked.caseworker_id
    if old == (caseworker.pk if caseworker else None):
        return locked
    locked.caseworker = caseworker
    locked.version += 1
    locked.save(update_fields=["caseworker", "version", "updated_at"])
    title = f"Allocated to {caseworker.full_name}" if caseworker else "No longer allocated"
    case_event(case=locked, by=by, kind="allocated", title=title, visible_to_family=False)
    audit.record(
        by,
        CaseworkAudit.CASE_ALLOCATED,
        child_id=locked.child_id,
        obj=locked,
        detail={"old": old, "new": caseworker.pk if caseworker else None},
    )
    return locked


@transaction.atomic
def case_note_add(*, by: Principal, case: AssessmentRequest, text: str) -> CaseNote:
    if not case_policy.can(by, "note", case):
        raise NotFound()
    text = text.strip()
    if not text:
        raise ApplicationError("Enter the note", field="text")
    if len(text) > 5000:
        raise ApplicationError("The note must be 5,000 characters or fewer", field="text")
    note = CaseNote.objects.create(case=case, text=text, author=by.user, author_name=actor_name(by))
    audit.record(by, CaseworkAudit.CASE_NOTE_ADDED, child_id=case.child_id, obj=note)
    return note


@transaction.atomic
def exception_record(
    *,
    by: Principal,
    case: AssessmentRequest,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    note: str = "",
) -> ExceptionFact:
    """Record a Regulation 10(4) fact on the child. It never moves a due date; the rule book says
    for each deadline whether it excuses the council."""
    if not case_policy.can(by, "record_exception", case):
        raise NotFound()
    try:
        exception_kind = ExceptionKind(kind)
    except ValueError:
        raise ApplicationError("Choose the kind of exception", field="kind") from None
    if exception_kind in (ExceptionKind.SCHOOL_CLOSURE, ExceptionKind.EY_CLOSURE):
        ends_on = None  # only the day advice was asked counts
    if ends_on is not None and ends_on < starts_on:
        raise ApplicationError("The end date must be the same as or after the start date", field="ends_on")
    if starts_on < case.received_on - dt.timedelta(days=366):
        raise ApplicationError(
            "The start date must be no more than a year before the request was received", field="starts_on"
        )
    fact = ExceptionFact.objects.create(
        child=case.child,
        kind=exception_kind.value,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
        recorded_by=by.user,
    )
    case_event(
        case=case,
        by=by,
        kind="exception_recorded",
        title=f"Exception recorded: {exception_kind.label}",
        body=note.strip(),
        visible_to_family=False,
    )
    audit.record(
        by,
        CaseworkAudit.CASE_EXCEPTION_RECORDED,
        child_id=case.child_id,
        obj=fact,
        detail={"kind": exception_kind.value, "starts_on": starts_on.isoformat()},
    )
    return fact
