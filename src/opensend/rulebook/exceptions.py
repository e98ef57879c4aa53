"""Exceptions to time limits: when a council (or an adviser) need not meet one.

Each regulation that has exceptions lists its own: regulation 5(4), 10(4), 13(3) and 27(3) the four
"regulation 10(4)" circumstances; regulation 8(2) (advice) a different three, including the child
or young person not keeping an appointment; regulations 44 and 45 (Tribunal orders and unopposed
appeals) their own, with an absence of 2 weeks rather than 4. The rule set holds each list as an
`ExceptionSet` of `ExceptionTerm`s, with the regulation's words and thresholds; this module decides,
fact by fact, whether a recorded fact meets a term and says why.

An exception never moves the due date: the council must still act as soon as practicable, and
SEN2 reports timeliness both ways. See docs/adr/0024-exceptions-per-regulation.md.
"""

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from .units import long_date

#: "not less than 4 weeks": the closure length in regulation 10(4)(a) and (b), and the usual absence.
FOUR_WEEKS = 28
#: The school-closure window runs from one week before closing to one week before reopening.
ONE_WEEK = dt.timedelta(days=7)


class ExceptionKind(enum.StrEnum):
    SCHOOL_CLOSURE = "SCHOOL_CLOSURE"
    EY_CLOSURE = "EY_CLOSURE"
    EXCEPTIONAL_PERSONAL = "EXCEPTIONAL_PERSONAL"
    ABSENT_FROM_AREA = "ABSENT_FROM_AREA"
    APPOINTMENT_MISSED = "APPOINTMENT_MISSED"

    @property
    def label(self) -> str:
        return EXCEPTION_LABELS[self]


EXCEPTION_LABELS: dict[ExceptionKind, str] = {
    ExceptionKind.SCHOOL_CLOSURE: "A school or college closed for 4 weeks or more when asked for advice",
    ExceptionKind.EY_CLOSURE: "An early years setting closed for 4 weeks or more when asked for advice",
    ExceptionKind.EXCEPTIONAL_PERSONAL: "Exceptional personal circumstances of the family or young person",
    ExceptionKind.ABSENT_FROM_AREA: "The family or young person away from the area",
    ExceptionKind.APPOINTMENT_MISSED: (
        "The child or young person did not keep an appointment for an examination or test"
    ),
}

CLOSURE_KINDS = frozenset({ExceptionKind.SCHOOL_CLOSURE, ExceptionKind.EY_CLOSURE})
#: Kinds recorded as one day (the day advice was asked, the day of the appointment), not a period.
ONE_DAY_KINDS = CLOSURE_KINDS | {ExceptionKind.APPOINTMENT_MISSED}


@dataclass(frozen=True, slots=True)
class ExceptionTerm:
    """One circumstance a regulation allows, with its threshold and the regulation's words.

    `min_days` is the shortest closure (for the closure kinds) or absence (ABSENT_FROM_AREA) that
    counts; it is 0 for the kinds that have none.
    """

    kind: ExceptionKind
    text: str
    min_days: int = 0


@dataclass(frozen=True, slots=True)
class ExceptionSet:
    """The exceptions one regulation gives: `reference` names it, `terms` are its circumstances."""

    id: str
    reference: str
    terms: tuple[ExceptionTerm, ...]

    @property
    def kinds(self) -> tuple[ExceptionKind, ...]:
        return tuple(term.kind for term in self.terms)

    def term(self, kind: ExceptionKind) -> ExceptionTerm | None:
        return next((term for term in self.terms if term.kind == kind), None)


NO_EXCEPTIONS = ExceptionSet("none", "", ())


@dataclass(frozen=True, slots=True)
class ExceptionFact:
    """A dated fact recorded on a case.

    For SCHOOL_CLOSURE and EY_CLOSURE, `starts_on` is the day the council asked the setting for
    advice; for APPOINTMENT_MISSED, the day of the appointment (`ends_on` is not used by either).
    For the others it is the period the circumstances or absence lasted; `ends_on=None` means it
    has not ended.
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
    allowed: ExceptionSet,
    period_start: dt.date,
    period_end: dt.date,
    facts: Iterable[ExceptionFact],
    closures: Iterable[Closure] = (),
) -> tuple[Finding, ...]:
    """One finding per fact, in the order given. `period_*` is the trigger and the due date."""
    closures = tuple(closures)
    findings: list[Finding] = []
    for fact in facts:
        kind = ExceptionKind(fact.kind)
        term = allowed.term(kind)
        if term is None:
            where = f" ({allowed.reference})" if allowed.reference else ""
            findings.append(
                Finding(
                    fact,
                    False,
                    f"The regulation for this deadline{where} does not allow this exception "
                    f"({kind.label.lower()}).",
                )
            )
        elif kind in CLOSURE_KINDS:
            findings.append(_closure_finding(fact, term, period_start, period_end, closures))
        elif kind is ExceptionKind.APPOINTMENT_MISSED:
            findings.append(_appointment_finding(fact, period_start, period_end))
        else:
            findings.append(_period_finding(fact, term, period_start, period_end))
    return tuple(findings)


def _outside(what: str, day: dt.date, period_start: dt.date, period_end: dt.date) -> str:
    return (
        f"{what} {long_date(day)}, outside the period from {long_date(period_start)} to "
        f"{long_date(period_end)}."
    )


def _closure_finding(
    fact: ExceptionFact,
    term: ExceptionTerm,
    period_start: dt.date,
    period_end: dt.date,
    closures: tuple[Closure, ...],
) -> Finding:
    asked = fact.starts_on
    setting = "early years setting" if fact.kind == ExceptionKind.EY_CLOSURE else "school or college"
    if not (period_start <= asked <= period_end):
        return Finding(fact, False, _outside("Advice was asked for on", asked, period_start, period_end))
    for closure in closures:
        if closure.days < term.min_days:
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
        f"Advice was asked for on {long_date(asked)}, but not within one week before a closure of "
        f"{_weeks(term.min_days)} or more, nor during one until the week before it reopened.",
    )


def _appointment_finding(fact: ExceptionFact, period_start: dt.date, period_end: dt.date) -> Finding:
    day = fact.starts_on
    if not (period_start <= day <= period_end):
        return Finding(
            fact, False, _outside("The appointment that was not kept was on", day, period_start, period_end)
        )
    return Finding(
        fact,
        True,
        f"The child or young person did not keep an appointment for an examination or test on "
        f"{long_date(day)}, during the period from {long_date(period_start)} to {long_date(period_end)}.",
    )


def _period_finding(
    fact: ExceptionFact, term: ExceptionTerm, period_start: dt.date, period_end: dt.date
) -> Finding:
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
            f"Exceptional circumstances were recorded from {long_date(starts)}, during the period from "
            f"{long_date(period_start)} to {long_date(period_end)}.",
        )
    days_away = (overlap_end - overlap_start).days + 1
    if days_away < term.min_days:
        return Finding(
            fact,
            False,
            f"The absence from the area lasted {days_away} days within the period; this regulation needs "
            f"a continuous absence of at least {_weeks(term.min_days)} ({term.min_days} days).",
        )
    return Finding(
        fact,
        True,
        f"Absent from the area for {days_away} continuous days from {long_date(overlap_start)}, during the "
        f"period from {long_date(period_start)} to {long_date(period_end)}; this regulation needs "
        f"{_weeks(term.min_days)}.",
    )


def _weeks(days: int) -> str:
    weeks, rest = divmod(days, 7)
    if rest:
        return f"{days} days"
    return "1 week" if weeks == 1 else f"{weeks} weeks"
