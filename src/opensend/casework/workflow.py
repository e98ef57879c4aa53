"""The case's workflow as data: which stage may follow which, what must be true for a move, which
moves carry a statutory notice, what each stage means, and its clock.

Nothing changes a case's status except `services.case_transition`, which checks this table and
its guards (ADR 0154).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .codes import Status

if TYPE_CHECKING:
    from .models import AssessmentRequest

_ENDS = frozenset({Status.WITHDRAWN, Status.EXPORTED})

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.CONSIDERING}) | _ENDS,
    Status.CONSIDERING: frozenset({Status.PANEL_ASSESS}) | _ENDS,
    Status.PANEL_ASSESS: frozenset({Status.ASSESSING, Status.DECIDED_NOT_TO_ASSESS}) | _ENDS,
    Status.ASSESSING: frozenset({Status.ADVICE_COMPLETE}) | _ENDS,
    Status.ADVICE_COMPLETE: frozenset({Status.PANEL_ISSUE}) | _ENDS,
    Status.PANEL_ISSUE: frozenset({Status.DRAFTING, Status.DECIDED_NOT_TO_ISSUE}) | _ENDS,
    # The final plan is issued by the plans app (plans.services.final_issue).
    Status.DRAFTING: frozenset({Status.PLAN_ISSUED}) | _ENDS,
    Status.PLAN_ISSUED: frozenset(),
    Status.DECIDED_NOT_TO_ASSESS: frozenset(),
    Status.DECIDED_NOT_TO_ISSUE: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.EXPORTED: frozenset(),
}

OPEN_STATUSES: frozenset[Status] = frozenset(s for s, nexts in TRANSITIONS.items() if nexts)
CLOSED_STATUSES: frozenset[Status] = frozenset(Status) - OPEN_STATUSES

# The decisions whether to assess and whether to issue. A council with a multi-agency panel makes
# them on the panel's pages (with quorum); a council without one, on the case page. Both, and the
# API, go through `services.case_transition`.
DECISIONS: frozenset[Status] = frozenset(
    {Status.ASSESSING, Status.DECIDED_NOT_TO_ASSESS, Status.DRAFTING, Status.DECIDED_NOT_TO_ISSUE}
)
# Moves made only by another app's service, which checks what they need (advice all received; the
# final plan issued): the caseworker's "Move case" form never offers them.
RESERVED_MOVES: frozenset[Status] = frozenset({Status.PLAN_ISSUED, Status.ADVICE_COMPLETE})

# Appealable decisions (Children and Families Act 2014, section 51(2)(a) and (b)): the move writes
# the statutory notice of that kind (`opensend.notices`) in the same transaction, whichever way it is
# made; without one the move does not happen (ADR 0151).
NOTICE_KINDS: dict[Status, str] = {
    Status.DECIDED_NOT_TO_ASSESS: "refuse_assess",
    Status.DECIDED_NOT_TO_ISSUE: "refuse_issue",
}
# Moves after which the family hears from a letter rather than the generic "your case has moved"
# email: the statutory notice, or the issued plan (plans sends it).
MOVES_WITH_OWN_NOTICE: frozenset[Status] = frozenset(NOTICE_KINDS) | {Status.PLAN_ISSUED}


@dataclass(frozen=True)
class Move:
    """What a person gives with a move, for the guards to read."""

    reason: str = ""


@dataclass(frozen=True)
class Condition:
    """Something that must be true, besides the table, for a move to happen. `met` reads the case
    (inside the move's transaction) and the move; `message` says what to do when it is not."""

    key: str
    message: str
    field: str
    met: "Callable[[AssessmentRequest, Move], bool]"


def _has_reasons(case: "AssessmentRequest", move: Move) -> bool:
    return bool(move.reason.strip())


def final_plan_issued_from_draft(case: "AssessmentRequest", move: Move | None = None) -> bool:
    """The case's EHC plan has a final version issued from its draft after the family's 15 days
    (A6, regulation 13(1)), or after they said they had finished commenting (ADR 0094).

    Read straight from the plans app's tables (it depends on casework, not the other way round):
    a final version whose `supersedes` is a draft of the same plan, issued after the draft's
    comment date, or after a "finished" comment on that draft.
    """
    from django.apps import apps
    from django.db.models import Exists, OuterRef

    from opensend.rulebook.engine import due_date

    version_model = apps.get_model("plans", "PlanVersion")
    comment_model = apps.get_model("plans", "PlanComment")
    finished = comment_model.objects.filter(
        version=OuterRef("supersedes"), kind="finished", created_at__lte=OuterRef("issued_at")
    )
    finals = (
        version_model.objects.filter(plan__case=case, kind="final", supersedes__kind="draft")
        .select_related("supersedes")
        .annotate(family_finished=Exists(finished))
    )
    for final in finals:
        draft = final.supersedes
        if draft is None or draft.plan_id != final.plan_id:
            continue
        # The date the family was given; a draft without one gets the rule book's A6 from its issue.
        last_day: dt.date = draft.comments_due_on or due_date("A6", draft.issued_on).due
        if final.issued_on > last_day or final.family_finished:
            return True
    return False


REASONS = Condition(
    key="reasons",
    message="Give the reasons: they go in the letter or email to the family",
    field="reason",
    met=_has_reasons,
)
FINAL_PLAN = Condition(
    key="final_plan_issued",
    message=(
        "A case reaches “Plan issued” only when its final EHC plan has been issued from the draft, "
        "after the family’s 15 days to comment or once they said they had finished. Issue the final "
        "plan from the plan’s page"
    ),
    field="to",
    met=final_plan_issued_from_draft,
)

# The guards on each move (from, to). A move not listed needs only the table.
GUARDS: dict[tuple[Status, Status], tuple[Condition, ...]] = {
    (Status.PANEL_ASSESS, Status.DECIDED_NOT_TO_ASSESS): (REASONS,),
    (Status.PANEL_ISSUE, Status.DECIDED_NOT_TO_ISSUE): (REASONS,),
    (Status.DRAFTING, Status.PLAN_ISSUED): (FINAL_PLAN,),
    **{(s, end): (REASONS,) for s, nexts in TRANSITIONS.items() for end in nexts & _ENDS},
}


def unmet(current: Status, target: Status, case: "AssessmentRequest", move: Move) -> list[Condition]:
    """The guards of this move that `case` and `move` do not meet, in order."""
    return [c for c in GUARDS.get((current, target), ()) if not c.met(case, move)]


# Which rule book deadline comes next at each open stage (all counted from the received date).
NEXT_RULE: dict[Status, str] = {
    Status.RECEIVED: "A2",
    Status.CONSIDERING: "A2",
    Status.PANEL_ASSESS: "A2",
    Status.ASSESSING: "A4",
    Status.ADVICE_COMPLETE: "A4",
    Status.PANEL_ISSUE: "A4",
    Status.DRAFTING: "A8",
}
# The deadlines shown on a case: every one that counts from the received date.
CASE_RULES = ("A2", "A4", "A8")


def can_move(current: str, to: str) -> bool:
    return Status(to) in TRANSITIONS[Status(current)]


@dataclass(frozen=True)
class FamilyStage:
    """A stage in plain English, for the family's view."""

    title: str
    what_happens: str


FAMILY_STAGES: dict[Status, FamilyStage] = {
    Status.RECEIVED: FamilyStage(
        "Request received",
        "The council has your request. A caseworker will look at it and tell you that the council is "
        "considering an assessment.",
    ),
    Status.CONSIDERING: FamilyStage(
        "The council is considering an assessment",
        "The council is gathering information from you, the school or setting, health and social care. "
        "You can send more evidence or views at any time.",
    ),
    Status.PANEL_ASSESS: FamilyStage(
        "A panel is deciding whether to assess",
        "A panel of people from education, health and social care will decide whether to carry out an "
        "assessment. The council will write to you with the decision and the reasons.",
    ),
    Status.ASSESSING: FamilyStage(
        "Assessment under way",
        "The council is asking for advice from the people who know your child, including you. Each "
        "should reply within 6 weeks.",
    ),
    Status.DECIDED_NOT_TO_ASSESS: FamilyStage(
        "The council decided not to assess",
        "The council has sent you a letter with its reasons, your right to appeal and how to get "
        "mediation. You can read it again under “Decision letters”.",
    ),
    Status.ADVICE_COMPLETE: FamilyStage(
        "All advice received",
        "The council has the advice it asked for and will decide whether to issue an EHC plan.",
    ),
    Status.PANEL_ISSUE: FamilyStage(
        "A panel is deciding whether to issue a plan",
        "A panel will decide whether your child needs an EHC plan. The council will write to you with "
        "the decision and the reasons.",
    ),
    Status.DRAFTING: FamilyStage(
        "The plan is being written",
        "The council is writing a draft EHC plan. You will have at least 15 days to comment on it and "
        "to ask for a school or college to be named.",
    ),
    Status.DECIDED_NOT_TO_ISSUE: FamilyStage(
        "The council decided not to issue a plan",
        "The council has sent you a letter with its reasons, your right to appeal and how to get "
        "mediation. You can read it again under “Decision letters”.",
    ),
    Status.PLAN_ISSUED: FamilyStage(
        "EHC plan issued",
        "The council has issued the final EHC plan. It will be reviewed at least once a year. If you "
        "disagree with what it says, the council's decision letter that came with the plan tells you "
        "how to ask for mediation or appeal. You can read it again under “Decision letters” on your "
        "child's page.",
    ),
    Status.WITHDRAWN: FamilyStage("Request withdrawn", "This request has ended."),
    Status.EXPORTED: FamilyStage(
        "Passed to another council",
        "Your child is now the responsibility of another council, which will carry on with the request.",
    ),
}
