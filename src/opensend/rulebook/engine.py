"""The deadline engine: a statutory due date from stored dates, the rule set and recorded facts.

`due_date` is the full answer (due date, how it was counted, which exceptions apply and why, the
SEN2 Week20 flag). `fast_due` is the same arithmetic for bulk work: a rule's due date depends only
on its trigger, and there are only a few thousand distinct trigger dates, so each rule keeps a
memo table (a dict that fills itself) and a bulk caller pays one C-level dict look-up per date.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .errors import SecondDateNotUsed, SecondDateRequired
from .exceptions import Closure, ExceptionFact, Finding, assess
from .rules import Rule, RuleBook, RuleSet, default_rulebook
from .units import Count, long_date


@dataclass(frozen=True, slots=True)
class DueDate:
    """The answer for one rule and one trigger.

    `due` is the statutory due date counted from the trigger. An exception never moves it: it
    records that the council was excused (`exception_applies`, with `findings` saying why).
    """

    rule: Rule
    rule_set_id: str
    trigger: dt.date
    second: dt.date | None
    due: dt.date
    explanation: str
    findings: tuple[Finding, ...] = ()

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def reference(self) -> str:
        return self.rule.reference

    @property
    def exception_applies(self) -> bool:
        return any(f.applies for f in self.findings)

    @property
    def applied(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.applies)

    @property
    def week20(self) -> int:
        """SEN2 `Week20`: 1 when an exception applied to the 20-week deadline, otherwise 0."""
        return int(self.rule.sen2_week20 and self.exception_applies)


class _Memo(dict[dt.date, dt.date]):
    """trigger -> due date for one count; a miss computes and stores."""

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[dt.date], dt.date]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, trigger: dt.date) -> dt.date:
        due = self[trigger] = self._compute(trigger)
        return due


def _memo(rule_set: RuleSet, rule: Rule, part: int) -> _Memo:
    key = (rule.id, part)
    memo = rule_set.memos.get(key)
    if memo is None:
        memo = rule_set.memos[key] = _Memo(rule.counts[part].compile(rule_set.calendar))
    return memo


def _resolve(rule_id: str, on: dt.date, rulebook: RuleBook | None) -> tuple[RuleSet, Rule]:
    rule_set = (rulebook or default_rulebook()).in_force(on)
    return rule_set, rule_set.rule(rule_id)


def due_date(
    rule_id: str,
    trigger: dt.date,
    *,
    second: dt.date | None = None,
    on: dt.date | None = None,
    exceptions: Iterable[ExceptionFact] = (),
    closures: Iterable[Closure] = (),
    rulebook: RuleBook | None = None,
) -> DueDate:
    """The due date for `rule_id` counted from `trigger` (and `second` for a 'later of' rule).

    The rule set is the one in force on `on`, or on the trigger when `on` is not given. For T1 the
    trigger is the decision notice and `second` the mediation certificate; for X3 the trigger is
    the day the plan was made or last reviewed and `second` the day it transferred.
    """
    rule_set, rule = _resolve(rule_id, on or trigger, rulebook)
    if rule.is_later_of and second is None:
        raise SecondDateRequired(rule.id, rule.counts[1].trigger_label)
    if not rule.is_later_of and second is not None:
        raise SecondDateNotUsed(rule.id)
    triggers = (trigger, second) if second is not None else (trigger,)
    dues = [_memo(rule_set, rule, part)[day] for part, day in enumerate(triggers)]
    due = max(dues)
    explanation = _explain(rule, rule_set, triggers, dues)
    findings = assess(rule.exceptions, min(trigger, due), max(trigger, due), exceptions, closures)
    return DueDate(rule, rule_set.id, trigger, second, due, explanation, findings)


def _explain(rule: Rule, rule_set: RuleSet, triggers: tuple[dt.date, ...], dues: list[dt.date]) -> str:
    working = rule_set.calendar
    if not rule.is_later_of:
        return rule.counts[0].explain(triggers[0], dues[0], working)
    parts = [
        f"({letter}) {_part_words(count, day, due)}"
        for letter, count, day, due in zip("ab", rule.counts, triggers, dues, strict=True)
    ]
    later = "(a)" if dues[0] >= dues[1] else "(b)"
    return f"The later of {parts[0]} and {parts[1]}. The later is {later}, {long_date(max(dues))}."


def _part_words(count: Count, trigger: dt.date, due: dt.date) -> str:
    return f"{count.describe()} ({long_date(trigger)}), which is {long_date(due)}"


def fast_due(rule_id: str, *, on: dt.date, rulebook: RuleBook | None = None) -> Callable[..., dt.date]:
    """For bulk work: a function trigger -> due date (two triggers for a 'later of' rule).

    The rule set is fixed once, by `on`; no exceptions are assessed. For a one-trigger rule this is
    the bound `__getitem__` of the rule's memo table, so a call never enters Python code once a
    trigger date has been seen.
    """
    rule_set, rule = _resolve(rule_id, on, rulebook)
    if not rule.is_later_of:
        return _memo(rule_set, rule, 0).__getitem__
    first, second = _memo(rule_set, rule, 0), _memo(rule_set, rule, 1)

    def later_of(trigger: dt.date, other: dt.date) -> dt.date:
        return max(first[trigger], second[other])

    return later_of


def compute_uncached(rule_id: str, *, on: dt.date, rulebook: RuleBook | None = None) -> Callable[..., Any]:
    """The same arithmetic with no memo, so the benchmark can show what the memo buys."""
    rule_set, rule = _resolve(rule_id, on, rulebook)
    compiled = [count.compile(rule_set.calendar) for count in rule.counts]
    if len(compiled) == 1:
        return compiled[0]
    first, second = compiled

    def later_of(trigger: dt.date, other: dt.date) -> dt.date:
        return max(first(trigger), second(other))

    return later_of
