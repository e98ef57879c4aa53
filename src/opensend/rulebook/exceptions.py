"""The Regulation 10(4) exceptions: when a council need not meet a time limit.

Regulations 5(4), 8(2), 10(4), 13(3) and 27(3) of the SEND Regulations 2014 excuse a council from a
time limit when it is impractical to meet it because of one of these, during the period from the
trigger to the due date. They are recorded on a case as dated facts; this module decides, fact by
fact, whether each one applies to a deadline and says why. An exception never moves the due date:
the council must still act as soon as practicable, and SEN2 reports timeliness both ways.
"""

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from .units import long_date

#: A closure (or an absence) must last at least this many days to count: "not less than 4 weeks".
FOUR_WEEKS = 28
#: The school-closure window runs from one week before closing to one week before reopening.
ONE_WEEK = dt.timedelta(days=7)


class ExceptionKind(enum.StrEnum):
    SCHOOL_CLOSURE = "SCHOOL_CLOSURE"
    EY_CLOSURE = "EY_CLOSURE"
    EXCEPTIONAL_PERSONAL = "EXCEPTIONAL_PERSONAL"
    ABSENT_FROM_AREA = "ABSENT_FROM_AREA"

    @property
    def label(self) -> str:
        return EXCEPTION_LABELS[self]


EXCEPTION_LABELS: dict[ExceptionKind, str] = {
    ExceptionKind.SCHOOL_CLOSURE: "A school or college closed for 4 weeks or more when asked for advice",
    ExceptionKind.EY_CLOSURE: "An early years setting closed for 4 weeks or more when asked for advice",
    ExceptionKind.EXCEPTIONAL_PERSONAL: "Exceptional personal circumstances of the family or young person",
    ExceptionKind.ABSENT_FROM_AREA: "The family or young person away from the area for 4 weeks or more",
}


@dataclass(frozen=True, slots=True)
class ExceptionFact:
    """A dated fact recorded on a case.

    For SCHOOL_CLOSURE and EY_CLOSURE, `starts_on` is the day the council asked the setting for
    advice (`ends_on` is not used). For the others it is the period the circumstances or absence
    lasted; `ends_on=None` means it has not ended.
    """

    kind: ExceptionKind
    starts_on: dt.date
    ends_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Closure:
    """A setting closed from `starts_on` to `ends_on`, both days included; it reopens the day after."""

    starts_on: dt.date
    ends_on: dt.date
    description: str = ""

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def reopens_on(self) -> dt.date:
        return self.ends_on + dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Finding:
    """Whether one recorded fact excuses one deadline, and the reason in words."""

    fact: ExceptionFact
    applies: bool
    reason: str


def assess(
    allowed: Iterable[ExceptionKind],
    period_start: dt.date,
    period_end: dt.date,
    facts: Iterable[ExceptionFact],
    closures: Iterable[Closure] = (),
) -> tuple[Finding, ...]:
    """One finding per fact, in the order given. `period_*` is the trigger and the due date."""
    allowed = frozenset(allowed)
    closures = tuple(closures)
    findings: list[Finding] = []
    for fact in facts:
        kind = ExceptionKind(fact.kind)
        if kind not in allowed:
            findings.append(
                Finding(
                    fact,
                    False,
                    f"The regulation for this deadline does not allow this exception ({kind.label.lower()}).",
                )
            )
        elif kind in (ExceptionKind.SCHOOL_CLOSURE, ExceptionKind.EY_CLOSURE):
            findings.append(_closure_finding(fact, period_start, period_end, closures))
        else:
            findings.append(_period_finding(fact, period_start, period_end))
    return tuple(findings)


def _closure_finding(
    fact: ExceptionFact, period_start: dt.date, period_end: dt.date, closures: tuple[Closure, ...]
) -> Finding:
    asked = fact.starts_on
    setting = "early years setting" if fact.kind == ExceptionKind.EY_CLOSURE else "school or college"
    if not (period_start <= asked <= period_end):
        return Finding(
            fact,
            False,
            f"Advice was asked for on {long_date(asked)}, outside the period from {long_date(period_start)} "
            f"to {long_date(period_end)}.",
        )
    for closure in closures:
        if closure.days < FOUR_WEEKS:
            continue
        window_start, window_end = closure.starts_on - ONE_WEEK, closure.reopens_on - ONE_WEEK
        if window_start <= asked <= window_end:
            return Finding(
                fact,
                True,
                f"Advice was asked of the {setting} on {long_date(asked)}, within the period from one week "
                f"before it closed on {long_date(closure.starts_on)} for {closure.days} days until one week "
                f"before it reopened on {long_date(closure.reopens_on)}.",
            )
    return Finding(
        fact,
        False,
        f"Advice was asked for on {long_date(asked)}, but not within one week before a closure of 4 weeks or "
        "more, nor during one until the week before it reopened.",
    )


def _period_finding(fact: ExceptionFact, period_start: dt.date, period_end: dt.date) -> Finding:
    starts = fact.starts_on
    ends = fact.ends_on or period_end
    overlap_start, overlap_end = max(starts, period_start), min(ends, period_end)
    if overlap_start > overlap_end:
        return Finding(
            fact,
            False,
            f"The period recorded ({long_date(starts)} to {long_date(ends)}) is outside the period from "
            f"{long_date(period_start)} to {long_date(period_end)}.",
        )
    if fact.kind == ExceptionKind.EXCEPTIONAL_PERSONAL:
        return Finding(
            fact,
            True,
            f"Exceptional personal circumstances were recorded from {long_date(starts)}, during the period "
            f"from {long_date(period_start)} to {long_date(period_end)}.",
        )
    days_away = (overlap_end - overlap_start).days + 1
    if days_away < FOUR_WEEKS:
        return Finding(
            fact,
            False,
            f"The absence from the area lasted {days_away} days within the period; the exception needs a "
            "continuous absence of at least 4 weeks (28 days).",
        )
    return Finding(
        fact,
        True,
        f"Absent from the area for {days_away} continuous days from {long_date(overlap_start)}, during the "
        f"period from {long_date(period_start)} to {long_date(period_end)}.",
    )
