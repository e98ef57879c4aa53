"""The decision letter: what it says (with the rule book's dates), its HTML, and its tagged PDF.

The HTML is rendered once, when the decision is recorded, and stored with its hash: the letter is
evidence and must read the same for ever. The PDF is made from that stored HTML (ADR 0074).
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string

from opensend.casework.codes import Status
from opensend.rulebook.engine import DueDate, due_date

from .codes import APPEALABLE, Question

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

    mediation: DueDate | None  # M2: contact the mediation adviser (appealable decisions)
    appeal: DueDate | None  # T1 part (a): appeal, counted from the letter
    steps: tuple[NextStep, ...]


def _step(rule_id: str, trigger: dt.date, text: str) -> NextStep:
    result = due_date(rule_id, trigger)
    return NextStep(text, result.due, result.reference)


def letter_dates(to_status: Status, *, dated: dt.date, received_on: dt.date) -> LetterDates:
    mediation = appeal = None
    if to_status in APPEALABLE:
        mediation = due_date("M2", dated)
        # T1 is the later of 2 months from the letter and 1 month from a mediation certificate.
        # No certificate exists yet, so the letter gives part (a) and says how (b) can extend it:
        # with the certificate dated the same day, the later of the two is part (a).
        appeal = due_date("T1", dated, second=dated)
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
    elif to_status in APPEALABLE:
        steps = [
            NextStep(
                "You can talk to us about this decision. Contact your caseworker if you would like a "
                "meeting. You can also get free, impartial advice from your local SEND information, "
                "advice and support service (SENDIASS)."
            )
        ]
    return LetterDates(mediation=mediation, appeal=appeal, steps=tuple(steps))


def next_steps_text(dates: LetterDates) -> str:
    """The next steps in one paragraph, for the email."""
    parts = []
    for step in dates.steps:
        parts.append(step.text + (f" ({step.due:%-d %B %Y})" if step.due else ""))
    if dates.mediation is not None and dates.appeal is not None:
        parts.append(
            "If you want to appeal, you must first contact the mediation adviser by "
            f"{dates.mediation.due:%-d %B %Y}. The letter explains how."
        )
    return " ".join(parts)


def render_html(context: dict[str, object]) -> str:
    return render_to_string("panels/letter_document.html", context)


def sha256(data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def render_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of the stored letter HTML. Raises whatever WeasyPrint raises."""
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return bytes(pdf)


def question_of(to_status: Status) -> Question:
    return (
        Question.ASSESS if to_status in (Status.ASSESSING, Status.DECIDED_NOT_TO_ASSESS) else Question.ISSUE
    )


def body_of(html: str) -> str:
    """The letter itself, without its document head and print styles, for showing inside a page."""
    start, end = html.find("<!-- letter:start -->"), html.find("<!-- letter:end -->")
    if start == -1 or end == -1:
        return ""
    return html[start + len("<!-- letter:start -->") : end]
