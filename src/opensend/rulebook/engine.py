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

from .errors import RuleNotInForce, SecondDateBeforeTrigger, SecondDateNotUsed, SecondDateRequired
from .exceptions import Closure, ExceptionFact, Finding, assess
from .rules import Rule, RuleBook, RuleSet, default_rulebook
from .tribunal import ACT_NOTE, TimeRule, application_day, application_deadline, is_not_counted
from .units import Count, long_date


@dataclass(frozen=True, slots=True)
class DueDate:
    """The answer for one rule and one trigger.

    `due` is the statutory due date counted from the trigger: the last day on which the act is in
    time. An exception never moves it: it records that the council was excused
    (`exception_applies`, with `findings` saying why).
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
    def words(self) -> str:
        return self.rule.words

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


def _check_in_force(rule: Rule, trigger: dt.date) -> None:
    if rule.in_force_from is not None and trigger < rule.in_force_from:
        raise RuleNotInForce(
            f"Rule {rule.id} counts from {long_date(rule.in_force_from)}, when {rule.in_force_note} came "
            f"into force. The rule book holds no time limit for it on {long_date(trigger)}."
        )


def _compiled(rule_set: RuleSet, rule: Rule, part: int) -> Callable[[dt.date], dt.date]:
    """The count's own arithmetic, with the rule's commencement date and special cases around it."""
    count = rule.counts[part].compile(rule_set.calendar_for_rule(rule))
    special = {case.trigger: case.due for case in rule.special_cases}
    if rule.in_force_from is None and not special:
        return count

    def compute(trigger: dt.date) -> dt.date:
        _check_in_force(rule, trigger)
        return special.get(trigger) or count(trigger)

    return compute


def _memo(rule_set: RuleSet, rule: Rule, part: int) -> _Memo:
    key = (rule.id, part)
    memo = rule_set.memos.get(key)
    if memo is None:
        memo = rule_set.memos[key] = _Memo(_compiled(rule_set, rule, part))
    return memo


def _finish_memo(rule_set: RuleSet, rule: Rule) -> _Memo:
    """Rule 12(2) and (3)(a) for the appeal deadline: the last day an appeal is in time."""
    key = (rule.id, -1)
    memo = rule_set.memos.get(key)
    if memo is None:
        working = rule_set.calendar_for_rule(rule)
        memo = rule_set.memos[key] = _Memo(lambda last: application_day(last, working))
    return memo


def _resolve(rule_id: str, on: dt.date, rulebook: RuleBook | None) -> tuple[RuleSet, Rule]:
    rule_set = (rulebook or default_rulebook()).in_force(on)
    return rule_set, rule_set.rule(rule_id)


def check_second_date(rule: Rule, trigger: dt.date, second: dt.date | None) -> None:
    """Refuse a missing, unneeded or impossible second date, naming what is wrong."""
    if rule.is_later_of and second is None:
        raise SecondDateRequired(rule.id, rule.counts[1].trigger_label)
    if not rule.is_later_of and second is not None:
        raise SecondDateNotUsed(rule.id)
    if second is not None and second < trigger:
        first, later = rule.counts
        raise SecondDateBeforeTrigger(
            rule.id,
            f"The second date, {later.trigger_label} ({long_date(second)}), is before "
            f"{first.trigger_label} ({long_date(trigger)}). It cannot come first: check both dates.",
        )


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
    check_second_date(rule, trigger, second)
    triggers = (trigger, second) if second is not None else (trigger,)
    dues = [_memo(rule_set, rule, part)[day] for part, day in enumerate(triggers)]
    due = max(dues)
    explanation = _explain(rule, rule_set, triggers, dues)
    if rule.time_rule is TimeRule.HESC_APPLICATION:
        due, note = application_deadline(due, rule_set.calendar_for_rule(rule))
        explanation = f"{explanation} {note}"
    findings = assess(rule.exceptions, min(trigger, due), max(trigger, due), exceptions, closures)
    return DueDate(rule, rule_set.id, trigger, second, due, explanation, findings)


def _explain(rule: Rule, rule_set: RuleSet, triggers: tuple[dt.date, ...], dues: list[dt.date]) -> str:
    working = rule_set.calendar_for_rule(rule)
    case = rule.special_case(triggers[0]) if not rule.is_later_of else None
    if case is not None:
        return (
            f'{case.reference} says "{case.period_text}" for {rule.counts[0].trigger_label} on '
            f"{long_date(case.trigger)}, so the last day is {long_date(case.due)}."
        )
    if not rule.is_later_of:
        if rule.time_rule is TimeRule.HESC_ACT:
            text = rule.counts[0].explain(triggers[0], dues[0], working, unnamed=is_not_counted)
            return f"{text} {ACT_NOTE}"
        return rule.counts[0].explain(triggers[0], dues[0], working)
    parts = [
        f"({letter}) {_part_words(count, day, due)}"
        for letter, count, day, due in zip("ab", rule.counts, triggers, dues, strict=True)
    ]
    later = "(a)" if dues[0] >= dues[1] else "(b)"
    return f"The later of {parts[0]} and {parts[1]}. The later is {later}, {long_date(max(dues))}."


def _part_words(count: Count, trigger: dt.date, due: dt.date) -> str:
    return f'"{count.period_text}", {count.describe()} ({long_date(trigger)}), which ends on {long_date(due)}'


def fast_due(rule_id: str, *, on: dt.date, rulebook: RuleBook | None = None) -> Callable[..., dt.date]:
    """For bulk work: a function trigger -> due date (two triggers for a 'later of' rule).

    The rule set is fixed once, by `on`; no exceptions are assessed and the second date is not
    checked. For a one-trigger rule this is the bound `__getitem__` of the rule's memo table, so a
    call never enters Python code once a trigger date has been seen.
    """
    rule_set, rule = _resolve(rule_id, on, rulebook)
    if not rule.is_later_of:
        return _memo(rule_set, rule, 0).__getitem__
    first, second = _memo(rule_set, rule, 0), _memo(rule_set, rule, 1)
    if rule.time_rule is TimeRule.HESC_APPLICATION:
        finish = _finish_memo(rule_set, rule)

        def appeal_by(trigger: dt.date, other: dt.date) -> dt.date:
            return finish[max(first[trigger], second[other])]

        return appeal_by

    def later_of(trigger: dt.date, other: dt.date) -> dt.date:
        return max(first[trigger], second[other])

    return later_of


def compute_uncached(rule_id: str, *, on: dt.date, rulebook: RuleBook | None = None) -> Callable[..., Any]:
    """The same arithmetic with no memo, so the benchmark can show what the memo buys."""
    rule_set, rule = _resolve(rule_id, on, rulebook)
    compiled = [_compiled(rule_set, rule, part) for part in range(len(rule.counts))]
    if len(compiled) == 1:
        return compiled[0]
    first, second = compiled
    if rule.time_rule is TimeRule.HESC_APPLICATION:
        working = rule_set.calendar_for_rule(rule)

        def appeal_by(trigger: dt.date, other: dt.date) -> dt.date:
            return application_day(max(first(trigger), second(other)), working)

        return appeal_by

    def later_of(trigger: dt.date, other: dt.date) -> dt.date:
        return max(first(trigger), second(other))

    return later_of
