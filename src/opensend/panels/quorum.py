"""The quorum rule, as data, and the one function that checks who is present against it (ADR 0071).

National minimum: at least one member each from education, health and social care, and the chair.
The chair is counted as the chair, not for their agency: "plus the chair" reads as a fourth person.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .codes import NATIONAL_MINIMUM_AGENCIES, Agency


@dataclass(frozen=True)
class QuorumRule:
    agencies: frozenset[str] = NATIONAL_MINIMUM_AGENCIES
    chair: bool = True
    min_members: int = 0

    def as_data(self) -> dict[str, object]:
        return {"agencies": sorted(self.agencies), "chair": self.chair, "min_members": self.min_members}

    def below_national_minimum(self) -> list[str]:
        """What this rule leaves out of the national minimum, in words (empty: it is at least that)."""
        missing = [
            f"a member from {Agency(a).label.lower()}"
            for a in sorted(NATIONAL_MINIMUM_AGENCIES - self.agencies)
        ]
        if not self.chair:
            missing.append("the chair")
        return missing

    def describe(self) -> str:
        agencies = ", ".join(Agency(a).label.lower() for a in _ordered(self.agencies))
        text = f"at least one member each from {agencies}, and the chair"
        if self.min_members:
            text += f"; at least {self.min_members} members present in all"
        return text


@dataclass(frozen=True)
class Present:
    """One person present: the agency they speak for and whether they chair."""

    agency: str
    chair: bool = False


def _ordered(agencies: Iterable[str]) -> list[str]:
    order = list(Agency.values)
    return sorted(agencies, key=lambda a: order.index(a) if a in order else len(order))


def missing(rule: QuorumRule, present: Iterable[Present]) -> list[str]:
    """What the people present lack to be quorate, in plain words; empty when quorate."""
    people = list(present)
    gaps: list[str] = []
    if rule.chair and not any(p.chair for p in people):
        gaps.append("the chair is not present")
    # The chair does not count for an agency: "plus the chair" is a fourth person.
    agencies = {p.agency for p in people if not p.chair}
    for agency in _ordered(rule.agencies - agencies):
        gaps.append(f"no member from {Agency(agency).label.lower()} is present")
    if rule.min_members and len(people) < rule.min_members:
        gaps.append(f"{len(people)} of the {rule.min_members} members needed are present")
    return gaps


def refusal_message(gaps: list[str]) -> str:
    return "The panel is not quorate, so it cannot decide: " + "; ".join(gaps) + "."
