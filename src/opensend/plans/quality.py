"""What a plan must contain before it is issued, as data (cf. data-hub-api's `validate.py`).

`RULES` maps each rule id to what it checks and for which issue (a draft, a final). Each check
returns problems that name the section, the item and the field, so the editor can link to the
place to fix it. `VAGUE_PHRASES` is data too: a council can extend it without touching code.
"""

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator

from .schema.document import (
    PROVISION_FOR,
    PROVISION_SECTIONS,
    SECTION_TITLES,
    PlanDocument,
    Provision,
)

# Words that make provision or outcomes unenforceable (tribunal case law: provision must be specified).
VAGUE_PHRASES: tuple[str, ...] = (
    "access to",
    "regular",
    "as required",
    "as needed",
    "as appropriate",
    "opportunities for",
    "opportunity to",
    "where possible",
    "if possible",
    "when necessary",
    "may benefit",
    "would benefit",
    "up to",
    "periodic",
    "support as",
    "some support",
)
PFA_FROM_YEAR = 9
QUANTITY_FIELDS: tuple[tuple[str, str], ...] = (
    ("what", "what the provision is"),
    ("delivered_by", "who delivers it"),
    ("qualification", "their qualification or level of expertise"),
    ("group_size", "the group size"),
    ("sessions", "how often (sessions)"),
    ("per", "how often (per day, week or term)"),
    ("minutes", "how long each session lasts"),
    ("weeks_per_year", "weeks per year"),
    ("starts_on", "the start date"),
    ("funding", "who funds it"),
)


@dataclasses.dataclass(frozen=True)
class Problem:
    rule: str
    message: str
    section: str
    item_id: str = ""
    field: str = ""

    @property
    def section_title(self) -> str:
        return SECTION_TITLES[self.section]


Check = Callable[[PlanDocument, str], Iterator[Problem]]


def _vague(text: str) -> str | None:
    lowered = text.lower()
    for phrase in VAGUE_PHRASES:
        if re.search(rf"\b{re.escape(phrase)}\b", lowered):
            return phrase
    return None


def _all_provision(doc: PlanDocument) -> Iterator[tuple[str, Provision]]:
    for key in PROVISION_SECTIONS:
        for item in getattr(doc.sections, key).provision:
            yield key, item


def need_has_provision(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    for need_key, provision_keys in PROVISION_FOR.items():
        met = {n for key in provision_keys for p in getattr(doc.sections, key).provision for n in p.need_ids}
        for need in getattr(doc.sections, need_key).needs:
            if need.id not in met:
                where = " or ".join(k.upper() for k in provision_keys)
                yield Problem(
                    "need_has_provision",
                    f"Need {need.id} has no provision in section {where}",
                    need_key,
                    need.id,
                )


def need_has_outcome(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    met = {n for o in doc.sections.e.outcomes for n in o.need_ids}
    for key in ("b", "c", "d"):
        for need in getattr(doc.sections, key).needs:
            if need.id not in met:
                yield Problem("need_has_outcome", f"Need {need.id} has no outcome in section E", key, need.id)


def has_needs(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    if not doc.sections.b.needs:
        yield Problem("has_needs", "Section B must describe at least one special educational need", "b")


def need_described(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    for key in ("b", "c", "d"):
        for need in getattr(doc.sections, key).needs:
            if not need.description.strip():
                yield Problem(
                    "need_described", f"Need {need.id} has no description", key, need.id, "description"
                )
            if key == "b" and need.area is None:
                yield Problem(
                    "need_described", f"Need {need.id} has no broad area of need", key, need.id, "area"
                )


def provision_quantified(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    for key, item in _all_provision(doc):
        missing = [label for field, label in QUANTITY_FIELDS if getattr(item, field) in (None, "")]
        if missing:
            yield Problem(
                "provision_quantified",
                f"Provision {item.id} does not say {', '.join(missing)}",
                key,
                item.id,
                next(f for f, label in QUANTITY_FIELDS if label == missing[0]),
            )
        if not item.need_ids:
            yield Problem(
                "provision_quantified",
                f"Provision {item.id} is not linked to a need",
                key,
                item.id,
                "need_ids",
            )


def vague_wording(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    for key, item in _all_provision(doc):
        phrase = _vague(item.what)
        if phrase:
            yield Problem(
                "vague_wording",
                f"Provision {item.id} says “{phrase}”: say exactly what is provided, by whom and how often",
                key,
                item.id,
                "what",
            )
    for outcome in doc.sections.e.outcomes:
        for field in ("description", "measure"):
            phrase = _vague(getattr(outcome, field))
            if phrase:
                yield Problem(
                    "vague_wording",
                    f"Outcome {outcome.id} says “{phrase}”: make it specific and measurable",
                    "e",
                    outcome.id,
                    field,
                )


def outcome_specific(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    for outcome in doc.sections.e.outcomes:
        if not outcome.description.strip():
            yield Problem(
                "outcome_specific", f"Outcome {outcome.id} has no description", "e", outcome.id, "description"
            )
        if not outcome.measure.strip():
            yield Problem(
                "outcome_specific",
                f"Outcome {outcome.id} does not say how it will be measured",
                "e",
                outcome.id,
                "measure",
            )
        if not outcome.need_ids:
            yield Problem(
                "outcome_specific",
                f"Outcome {outcome.id} is not linked to a need",
                "e",
                outcome.id,
                "need_ids",
            )


def outcome_dated(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    for outcome in doc.sections.e.outcomes:
        if outcome.by_date is None:
            yield Problem(
                "outcome_dated",
                f"Outcome {outcome.id} has no date to achieve it by",
                "e",
                outcome.id,
                "by_date",
            )


def pfa_outcomes(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    year = doc.plan.child.school_year
    if year is not None and year >= PFA_FROM_YEAR and not any(o.pfa_area for o in doc.sections.e.outcomes):
        yield Problem(
            "pfa_outcomes",
            "From Year 9 the plan must include preparing-for-adulthood outcomes (regulation 12(3))",
            "e",
        )


def placement_blank_in_draft(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    i = doc.sections.i
    if kind == "draft" and any((i.name, i.setting_type, i.urn, i.ukprn, i.sen2_setting_code)):
        yield Problem(
            "placement_blank_in_draft", "Section I must be left blank in a draft plan", "i", field="name"
        )


def placement_named_in_final(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    i = doc.sections.i
    if kind == "final" and not (i.name.strip() or i.setting_type.strip()):
        yield Problem(
            "placement_named_in_final",
            "Section I must name the setting, or its type, in a final plan",
            "i",
            field="name",
        )


def health_agreed(doc: PlanDocument, kind: str) -> Iterator[Problem]:
    g = doc.sections.g
    agreement = g.agreement
    if g.provision and (
        agreement is None
        or not agreement.commissioning_body.strip()
        or not agreement.agreed_by.strip()
        or agreement.agreed_on is None
    ):
        yield Problem(
            "health_agreed",
            "The health provision in section G has not been recorded as agreed by the commissioning body "
            "(who agreed it and when)",
            "g",
            field="commissioning_body",
        )


@dataclasses.dataclass(frozen=True)
class Rule:
    title: str
    check: Check
    before: frozenset[str] = frozenset({"draft", "final"})


RULES: dict[str, Rule] = {
    "has_needs": Rule("Section B describes the special educational needs", has_needs),
    "need_described": Rule("Every need is described, and each need in B has a broad area", need_described),
    "need_has_provision": Rule("Every need has provision", need_has_provision),
    "need_has_outcome": Rule("Every need has an outcome", need_has_outcome),
    "outcome_specific": Rule("Every outcome is specific, measurable and linked to a need", outcome_specific),
    "outcome_dated": Rule("Every outcome has a date", outcome_dated),
    "pfa_outcomes": Rule("Preparing-for-adulthood outcomes from Year 9", pfa_outcomes),
    "provision_quantified": Rule("Every provision is quantified and linked to a need", provision_quantified),
    "vague_wording": Rule("No vague wording in provision or outcomes", vague_wording),
    "health_agreed": Rule("Health provision agreed by the commissioning body", health_agreed),
    "placement_blank_in_draft": Rule(
        "Section I is blank in a draft", placement_blank_in_draft, frozenset({"draft"})
    ),
    "placement_named_in_final": Rule(
        "Section I names the setting in a final", placement_named_in_final, frozenset({"final"})
    ),
}


def check(doc: PlanDocument, kind: str) -> list[Problem]:
    """Every problem that stops `doc` being issued as `kind` ("draft" or "final"), in section order."""
    problems = [p for rule in RULES.values() if kind in rule.before for p in rule.check(doc, kind)]
    order = {key: i for i, key in enumerate(SECTION_TITLES)}
    return sorted(problems, key=lambda p: order[p.section])


def school_year(date_of_birth: dt.date, on: dt.date) -> int:
    """England national curriculum year on `on` (Reception is 0): age on the 31 August before, minus 4."""
    start = on.year if (on.month, on.day) >= (9, 1) else on.year - 1
    eve = dt.date(start, 8, 31)
    age = eve.year - date_of_birth.year - ((eve.month, eve.day) < (date_of_birth.month, date_of_birth.day))
    return age - 4
