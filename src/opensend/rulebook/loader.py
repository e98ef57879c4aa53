"""Reading a rule set file, strictly: an unknown key, unit, word or exception set is an error.

A lawyer reading `rulesets/*.toml` should be able to trust that every key there means something,
so nothing is ignored and nothing is guessed. See docs/rulebook.md for the format.
"""

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from .counting import Words
from .errors import RuleSetError
from .exceptions import FOUR_WEEKS, NO_EXCEPTIONS, ExceptionKind, ExceptionSet, ExceptionTerm
from .rules import LATER_OF, Rule, RuleSet, SpecialCase, Stage
from .tribunal import TimeRule
from .units import ALLOWED_WORDS, Count, Unit

_COUNT_KEYS = {"trigger", "trigger_label", "offset", "unit", "words", "period_text", "month", "day"}
_RULE_KEYS = _COUNT_KEYS | {
    "id", "stage", "title", "description", "reference", "provenance", "exceptions", "sen2_week20",
    "parts", "time_rule", "in_force_from", "in_force_note", "special_cases",
}  # fmt: skip
_SET_KEYS = {"id", "reference", "terms"}
_TERM_KEYS = {"kind", "text", "min_days"}
_CASE_KEYS = {"trigger", "before", "reference", "period_text"}


def load_rule_set(path: Path) -> RuleSet:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    try:
        return parse_rule_set(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleSetError(f"{path.name}: {exc}") from exc


def _date(value: Any, what: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValueError(f"{what} must be a date such as 2014-09-01")
    return value


def _only(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(raw) - allowed
    if unknown:
        raise ValueError(f"{where} has unknown keys {sorted(unknown)}")


def parse_rule_set(data: dict[str, Any]) -> RuleSet:
    effective_from = _date(data["effective_from"], "effective_from")
    stages = tuple(Stage(id=s["id"], title=s["title"]) for s in data["stages"])
    stage_ids = {s.id for s in stages}
    exception_sets = {s.id: s for s in (_parse_set(raw) for raw in data.get("exception_sets", []))}
    rules: dict[str, Rule] = {}
    for raw in data["rules"]:
        rule = _parse_rule(raw, exception_sets)
        if rule.id in rules:
            raise ValueError(f"rule {rule.id} appears twice")
        if rule.stage not in stage_ids:
            raise ValueError(f"rule {rule.id} has unknown stage {rule.stage!r}")
        rules[rule.id] = rule
    closure_days = data.get("closure_days", [])
    if not all(isinstance(d, dt.date) for d in closure_days):
        raise ValueError("closure_days must be a list of dates")
    return RuleSet(
        id=data["id"],
        title=data["title"],
        effective_from=effective_from,
        sources=tuple(data["sources"]),
        stages=stages,
        rules=rules,
        closure_days=frozenset(closure_days),
        exception_sets=exception_sets,
    )


def _parse_set(raw: dict[str, Any]) -> ExceptionSet:
    _only(raw, _SET_KEYS, f"exception set {raw.get('id')}")
    terms = []
    for term in raw["terms"]:
        _only(term, _TERM_KEYS, f"a term of exception set {raw['id']}")
        kind = ExceptionKind(term["kind"])
        min_days = int(term.get("min_days", 0))
        if kind in (ExceptionKind.SCHOOL_CLOSURE, ExceptionKind.EY_CLOSURE, ExceptionKind.ABSENT_FROM_AREA):
            if min_days <= 0:
                raise ValueError(
                    f"exception set {raw['id']}: {kind} needs min_days (for example {FOUR_WEEKS})"
                )
        elif min_days:
            raise ValueError(f"exception set {raw['id']}: {kind} has no threshold, so no min_days")
        terms.append(ExceptionTerm(kind=kind, text=" ".join(term["text"].split()), min_days=min_days))
    kinds = [t.kind for t in terms]
    if len(set(kinds)) != len(kinds):
        raise ValueError(f"exception set {raw['id']} lists a kind twice")
    return ExceptionSet(id=raw["id"], reference=raw["reference"], terms=tuple(terms))


def _parse_rule(raw: dict[str, Any], exception_sets: dict[str, ExceptionSet]) -> Rule:
    _only(raw, _RULE_KEYS, f"rule {raw.get('id')}")
    if raw.get("unit") == LATER_OF:
        counts = tuple(_parse_count(raw["id"], part) for part in raw["parts"])
        if len(counts) != 2:
            raise ValueError(f"rule {raw['id']}: a 'later_of' rule has exactly two parts")
    else:
        counts = (_parse_count(raw["id"], {k: v for k, v in raw.items() if k in _COUNT_KEYS}),)
    set_id = raw.get("exceptions")
    if set_id is not None and set_id not in exception_sets:
        raise ValueError(f"rule {raw['id']} names unknown exception set {set_id!r}")
    in_force_from = raw.get("in_force_from")
    if in_force_from is not None:
        _date(in_force_from, f"rule {raw['id']}: in_force_from")
        if not raw.get("in_force_note"):
            raise ValueError(f"rule {raw['id']}: in_force_from needs an in_force_note naming the provision")
    return Rule(
        id=raw["id"],
        stage=raw["stage"],
        title=raw["title"],
        description=" ".join(raw["description"].split()),
        reference=raw["reference"],
        provenance=raw["provenance"],
        counts=counts,
        exceptions=exception_sets[set_id] if set_id is not None else NO_EXCEPTIONS,
        sen2_week20=bool(raw.get("sen2_week20", False)),
        time_rule=TimeRule(raw["time_rule"]) if "time_rule" in raw else None,
        in_force_from=in_force_from,
        in_force_note=" ".join(raw.get("in_force_note", "").split()),
        special_cases=tuple(_parse_case(raw["id"], case) for case in raw.get("special_cases", [])),
    )


def _parse_case(rule_id: str, raw: dict[str, Any]) -> SpecialCase:
    _only(raw, _CASE_KEYS, f"a special case of rule {rule_id}")
    return SpecialCase(
        trigger=_date(raw["trigger"], f"rule {rule_id}: special case trigger"),
        before=_date(raw["before"], f"rule {rule_id}: special case before"),
        reference=raw["reference"],
        period_text=" ".join(raw["period_text"].split()),
    )


def _parse_count(rule_id: str, raw: dict[str, Any]) -> Count:
    _only(raw, _COUNT_KEYS, f"rule {rule_id} (a part)")
    unit = Unit(raw["unit"])
    if "words" not in raw:
        raise ValueError(f'rule {rule_id}: every period needs its words, for example words = "within"')
    words = Words(raw["words"])
    if not str(raw.get("period_text", "")).strip():
        raise ValueError(f"rule {rule_id}: every period needs its period_text, the regulation's own phrase")
    if words not in ALLOWED_WORDS[unit]:
        raise ValueError(f"rule {rule_id}: a {unit.value} period cannot be worded {words.value!r}")
    count = Count(
        trigger=raw["trigger"],
        trigger_label=raw["trigger_label"],
        unit=unit,
        words=words,
        period_text=" ".join(raw.get("period_text", "").split()),
        offset=int(raw.get("offset", 0)),
        month=int(raw.get("month", 0)),
        day=int(raw.get("day", 0)),
    )
    if unit is Unit.FIXED_DATE:
        dt.date(2000, count.month, count.day)  # raises ValueError for an impossible day (leap year allowed)
    elif count.offset <= 0:
        raise ValueError(f"rule {rule_id}: offset must be a positive whole number")
    return count
