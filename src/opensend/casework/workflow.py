"""The case's workflow as data: which stage may follow which, what each means, and its clock.

Nothing changes a case's status except `services.case_transition`, which checks this table.
"""

from dataclasses import dataclass

from .codes import Status

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

# Decisions that the panels app records with quorum and reasons.
DECISIONS: frozenset[Status] = frozenset(
    {Status.ASSESSING, Status.DECIDED_NOT_TO_ASSESS, Status.DRAFTING, Status.DECIDED_NOT_TO_ISSUE}
)
# Moves made by another app's service, which checks what they need (quorum; an issued plan); the
# caseworker's "Move case" form does not offer them. The service itself still allows LA staff
# (the API, and councils without a panel configured).
RESERVED_MOVES: frozenset[Status] = DECISIONS | {Status.PLAN_ISSUED, Status.ADVICE_COMPLETE}
# Moves that come with their own letter or email to the family (the panel's decision letter, the
# issued plan), so the generic "your case has moved" email is not sent for them.
MOVES_WITH_OWN_NOTICE: frozenset[Status] = DECISIONS | {Status.PLAN_ISSUED}

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
        "The council must write to you with its reasons, your right to appeal and how to get mediation.",
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
        "The council must write to you with its reasons, your right to appeal and how to get mediation.",
    ),
    Status.PLAN_ISSUED: FamilyStage(
        "EHC plan issued",
        "The council has issued the final EHC plan. It will be reviewed at least once a year. If you "
        "disagree with what it says, the letter with the plan tells you how to ask for mediation or appeal.",
    ),
    Status.WITHDRAWN: FamilyStage("Request withdrawn", "This request has ended."),
    Status.EXPORTED: FamilyStage(
        "Passed to another council",
        "Your child is now the responsibility of another council, which will carry on with the request.",
    ),
}
