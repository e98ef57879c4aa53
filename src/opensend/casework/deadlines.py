"""A case's statutory dates, from the rule book. Nothing here counts days down."""

import datetime as dt
from dataclasses import dataclass

from opensend.rulebook.engine import DueDate, due_date, fast_due
from opensend.rulebook.selectors import DeadlineInputs

from .codes import Status
from .workflow import CASE_RULES, NEXT_RULE


def next_deadline(status: str, received_on: dt.date) -> tuple[str, dt.date | None]:
    """(rule id, due date) of the next statutory deadline at this stage; ("", None) when closed."""
    rule_id = NEXT_RULE.get(Status(status), "")
    if not rule_id:
        return "", None
    return rule_id, fast_due(rule_id, on=received_on)(received_on)


@dataclass(frozen=True)
class CaseDeadline:
    """One rule's date on a case: the statutory date and what the recorded exceptions do to it."""

    result: DueDate
    is_next: bool
    met: bool  # the stage it is for has passed

    def status_on(self, today: dt.date) -> str:
        if self.met:
            return "done"
        if self.result.due < today:
            return "excused" if self.result.exception_applies else "overdue"
        return "due"


_MET_AFTER: dict[str, frozenset[Status]] = {
    # A2 is met once the decision whether to assess is made; A4 once the decision to issue is.
    "A2": frozenset(
        {
            Status.ASSESSING,
            Status.DECIDED_NOT_TO_ASSESS,
            Status.ADVICE_COMPLETE,
            Status.PANEL_ISSUE,
            Status.DRAFTING,
            Status.DECIDED_NOT_TO_ISSUE,
        }
    ),
    "A4": frozenset({Status.DRAFTING, Status.DECIDED_NOT_TO_ISSUE, Status.DECIDED_NOT_TO_ASSESS}),
    "A8": frozenset({Status.DECIDED_NOT_TO_ASSESS, Status.DECIDED_NOT_TO_ISSUE}),
}


def case_deadlines(status: str, received_on: dt.date, inputs: DeadlineInputs) -> list[CaseDeadline]:
    """Every deadline counted from the received date, with each recorded exception assessed."""
    next_rule = NEXT_RULE.get(Status(status), "")
    return [
        CaseDeadline(
            due_date(rule_id, received_on, exceptions=inputs.exceptions, closures=inputs.closures),
            is_next=rule_id == next_rule,
            met=Status(status) in _MET_AFTER[rule_id],
        )
        for rule_id in CASE_RULES
    ]
