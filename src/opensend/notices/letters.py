"""What a notice says: the rule book's dates, the council's details, and the rendered letter.

The HTML is rendered once by `services.notice_issue` and stored with its hash; the PDF is made from
the stored HTML by a task (`opensend.core.letters`, ADR 0074). Nothing here writes.
"""

import dataclasses
import datetime as dt
from typing import Any

from django.template.loader import render_to_string

from opensend.core.letters import body_of, render_pdf, sha256
from opensend.rulebook.engine import DueDate, due_date

from .kinds import NoticeKind
from .models import CONTACTS, CouncilDetails

__all__ = [
    "NoticeDates",
    "body_of",
    "compose",
    "missing_settings",
    "notice_dates",
    "render_html",
    "render_pdf",
    "sha256",
]


@dataclasses.dataclass(frozen=True)
class NoticeDates:
    """The dates every notice gives, from the rule book, counted from the date of the letter."""

    mediation: DueDate  # M2: contact the mediation adviser (regulation 33)
    appeal: DueDate  # T1: appeal to the Tribunal, route (a), 2 months from the letter

    @property
    def rule_set(self) -> str:
        return self.appeal.rule_set_id


def notice_dates(dated: dt.date) -> NoticeDates:
    # T1 is the later of 2 months from the letter and 1 month from a mediation certificate. No
    # certificate exists yet: with the certificate part counted from the letter too, the later of
    # the two is part (a). The letter states part (b) as a rule the family applies to their own
    # certificate.
    return NoticeDates(mediation=due_date("M2", dated), appeal=due_date("T1", dated, second=dated))


def missing_settings(details: CouncilDetails | None) -> list[str]:
    """The council details a notice needs that are not filled in, each named as on the council
    details page. Every contact needs a name and a telephone number or email address."""
    missing: list[str] = []
    for spec in CONTACTS:
        contact = details.contact(spec) if details is not None else {}
        parts = [] if contact.get("name") else ["its name"]
        if not (contact.get("telephone") or contact.get("email")):
            parts.append("a telephone number or email address")
        if parts:
            missing.append(f"{spec.label}: {' and '.join(parts)}")
    if details is None or not details.local_offer_url:
        missing.append("Local Offer: its web address")
    return missing


def contacts_of(details: CouncilDetails) -> dict[str, dict[str, str]]:
    return {spec.prefix: details.contact(spec) for spec in CONTACTS}


def render_html(kind: NoticeKind, context: dict[str, Any]) -> str:
    return render_to_string(kind.template, {"kind": kind, **context})


def compose(
    kind: NoticeKind,
    *,
    child: Any,
    council: Any,
    details: CouncilDetails,
    reasons: str,
    decided_on: dt.date,
    dated: dt.date,
    dates: NoticeDates,
    to_names: list[str],
    case: Any = None,
    plan: Any = None,
    plan_version: Any = None,
    panel_name: str = "",
    panel_met_on: dt.date | None = None,
    supersedes: Any = None,
) -> str:
    """The letter's HTML, from everything it says. Called once per notice; the result is stored."""
    reference = case.reference if case is not None else plan.reference if plan is not None else ""
    return render_html(
        kind,
        {
            "child": child,
            "council": council,
            "case": case,
            "plan": plan,
            "plan_version": plan_version,
            "reference": reference,
            "reasons": reasons,
            "decided_on": decided_on,
            "dated": dated,
            "dates": dates,
            "to_names": to_names,
            "contacts": contacts_of(details),
            "details": details,
            "panel_name": panel_name,
            "panel_met_on": panel_met_on,
            "supersedes": supersedes,
        },
    )
