"""The letter of a decision to assess or to issue: what it says (with the rule book's dates), its
HTML, and its tagged PDF.

The HTML is rendered once, when the decision is recorded, and stored with its hash: the letter is
evidence and must read the same for ever. The PDF is made from that stored HTML (ADR 0074), by the
code shared with the statutory notices (`opensend.core.letters`). A refusal's letter is its
statutory notice (`opensend.notices`, ADR 0153), which carries the appeal and mediation rights.
"""

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string

from opensend.casework.codes import Status
from opensend.core.letters import body_of, render_pdf, sha256
from opensend.rulebook.engine import due_date

from .codes import Question

__all__ = ["DECISION_PHRASE", "LetterDates", "NextStep", "body_of", "letter_dates", "render_pdf", "sha256"]

# What each decision says, in the council's voice, completing "Decision about <child>:".
DECISION_PHRASE: dict[Status, str] = {
    Status.ASSESSING: "we will carry out an EHC needs assessment",
    Status.DECIDED_NOT_TO_ASSESS: "we will not carry out an EHC needs assessment",
    Status.DRAFTING: "we will issue an EHC plan",
    Status.DECIDED_NOT_TO_ISSUE: "we will not issue an EHC plan",
}


@dataclass(frozen=True)
class NextStep:
    text: str
    due: dt.date | None = None
    reference: str = ""


@dataclass(frozen=True)
class LetterDates:
    """The dates a letter gives, each from the rule book."""

    steps: tuple[NextStep, ...]


def _step(rule_id: str, trigger: dt.date, text: str) -> NextStep:
    result = due_date(rule_id, trigger)
    return NextStep(text, result.due, result.reference)


def letter_dates(to_status: Status, *, dated: dt.date, received_on: dt.date) -> LetterDates:
    steps: list[NextStep] = []
    if to_status == Status.ASSESSING:
        steps = [
            NextStep(
                "We will ask for advice about your child from you, their school or setting, an "
                "educational psychologist, health and social care. Each must reply within 6 weeks of "
                "being asked.",
                due_date("A3", dated).due,
                due_date("A3", dated).reference,
            ),
            _step(
                "A4",
                received_on,
                "If we then decide not to issue an EHC plan, we must tell you by this date.",
            ),
            _step("A8", received_on, "If we issue an EHC plan, the final plan must be ready by this date."),
        ]
    elif to_status == Status.DRAFTING:
        steps = [
            NextStep(
                "We will send you a draft EHC plan. You will have at least 15 days to comment on it, "
                "to ask for a meeting, and to ask for a particular school or college to be named."
            ),
            _step("A8", received_on, "The final EHC plan must be ready by this date."),
        ]
    return LetterDates(steps=tuple(steps))


def next_steps_text(dates: LetterDates) -> str:
    """The next steps in one paragraph, for the email."""
    return " ".join(step.text + (f" ({step.due:%-d %B %Y})" if step.due else "") for step in dates.steps)


def render_html(context: dict[str, object]) -> str:
    return render_to_string("panels/letter_document.html", context)


def question_of(to_status: Status) -> Question:
    return (
        Question.ASSESS if to_status in (Status.ASSESSING, Status.DECIDED_NOT_TO_ASSESS) else Question.ISSUE
    )
