"""The plan's statutory dates, each asked of the rule book by name (ADR 0100, 0121).

The services store these dates when the triggering fact is recorded; the selectors use the same
functions to tell a person, before they act, the date that acting today would give. No view and
no template computes a statutory date.
"""

import datetime as dt

from opensend.rulebook.engine import due_date
from opensend.rulebook.errors import NoRuleSetInForce

from .models import PHASE_RULES, Phase


def draft_comments_due(issued_on: dt.date) -> dt.date:
    """A6: the family has 15 days, beginning with the day the draft is served (regulation 13(1))."""
    return due_date("A6", issued_on).due


def review_due(last: dt.date) -> dt.date:
    """R1: within 12 months of the day the plan was made or last reviewed."""
    return due_date("R1", last).due


def review_due_or_none(made_on: dt.date | None) -> dt.date | None:
    """R1 from the day a plan was made; None without a date or before any rule set (an old import)."""
    if made_on is None:
        return None
    try:
        return review_due(made_on)
    except NoRuleSetInForce:
        return None


def review_advice_by(meeting_on: dt.date) -> dt.date:
    """R3: advice and information circulated 2 weeks before the meeting."""
    return due_date("R3", meeting_on).due


def review_report_due(held_on: dt.date) -> dt.date:
    """R4: the meeting's report within 2 weeks of the meeting."""
    return due_date("R4", held_on).due


def review_decision_due(held_on: dt.date) -> dt.date:
    """R5: the council's decision within 4 weeks of the meeting."""
    return due_date("R5", held_on).due


def amendment_representations_due(notice_on: dt.date) -> dt.date:
    """R6: the family has 15 days to comment on the proposed changes (regulation 22(2))."""
    return due_date("R6", notice_on).due


def amended_final_due(notice_on: dt.date) -> dt.date:
    """R7: the amended plan within 8 weeks of the amendment notice."""
    return due_date("R7", notice_on).due


def reassessment_due(notified_on: dt.date) -> dt.date:
    """RA2: the plan after a re-assessment within 14 weeks of telling the family."""
    return due_date("RA2", notified_on).due


def appeal_window_end(notice_on: dt.date) -> dt.date:
    """T1 with no mediation certificate: the certificate part is counted from the notice too."""
    return due_date("T1", notice_on, second=notice_on).due


def phase_transfer_due(phase: Phase, transfer_on: dt.date) -> dt.date:
    """P1, P2 or P3: the day the plan naming the next setting must be ready."""
    return due_date(PHASE_RULES[phase], transfer_on).due


def transfer_send_by(aware_on: dt.date) -> dt.date:
    """X1: the old council sends the plan within 15 working days of finding out about the move."""
    return due_date("X1", aware_on).due


def transfer_family_told_by(received_on: dt.date) -> dt.date:
    """X2: the new council tells the family within 6 weeks of the transfer."""
    return due_date("X2", received_on).due


def transferred_review_due(last_review: dt.date, received_on: dt.date) -> dt.date:
    """X3: the later of the plan's own review date and 3 months after the transfer."""
    return due_date("X3", last_review, second=received_on).due
