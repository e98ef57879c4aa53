"""Rule sets as data: load the TOML files in `rulesets/` and pick the one in force on a date.

A rule set is the national standard at a point in time (for example the SEND Regulations 2014 as
amended). A later file with a later `effective_from` takes over from its own date, with no code
change. See docs/adr/0020-rules-as-toml-data.md and docs/rulebook.md for the file format.
"""

import bisect
import datetime as dt
import functools
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .calendar import WorkingDayCalendar, calendar_for
from .errors import NoRuleSetInForce, RuleSetError, UnknownRule
from .exceptions import ExceptionKind
from .units import Count, Direction, Unit, long_date

RULESETS_DIR = Path(__file__).resolve().parent / "rulesets"
LATER_OF = "later_of"

_RULE_KEYS = {
    "id", "stage", "title", "description", "reference", "provenance", "exceptions", "sen2_week20",
    "trigger", "trigger_label", "offset", "unit", "direction", "month", "day", "parts",
}  # fmt: skip
_COUNT_KEYS = {"trigger", "trigger_label", "offset", "unit", "direction", "month", "day"}


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One statutory timescale. `counts` has one entry, or two for a 'later of' rule (T1, X3)."""

    id: str
    stage: str
    title: str
    description: str
    reference: str
    provenance: str
    counts: tuple[Count, ...]
    exceptions: tuple[ExceptionKind, ...] = ()
    sen2_week20: bool = False

    @property
    def is_later_of(self) -> bool:
        return len(self.counts) > 1

    @property
    def needs_second_date(self) -> bool:
        return self.is_later_of

    @property
    def unit(self) -> str:
        return LATER_OF if self.is_later_of else self.counts[0].unit.value

    def summary(self) -> str:
        """'20 weeks after the date the council received the request', or the 'later of' both."""
        if self.is_later_of:
            return "The later of " + " and ".join(count.describe() for count in self.counts)
        return self.counts[0].describe()[:1].upper() + self.counts[0].describe()[1:]


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    effective_from: dt.date
    sources: tuple[str, ...]
    stages: tuple[Stage, ...]
    rules: Mapping[str, Rule]
    closure_days: frozenset[dt.date] = field(default_factory=frozenset)
    #: The engine's per-rule memo tables (trigger -> due date); see engine.fast_due.
    memos: dict[tuple[str, int], Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def calendar(self) -> WorkingDayCalendar:
        return calendar_for(self.closure_days)

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise UnknownRule(rule_id) from None

    def by_stage(self) -> list[tuple[Stage, list[Rule]]]:
        return [(stage, [r for r in self.rules.values() if r.stage == stage.id]) for stage in self.stages]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())


class RuleBook:
    """Every rule set in a directory, ordered by the date each comes into force."""

    def __init__(self, rule_sets: list[RuleSet]) -> None:
        if not rule_sets:
            raise RuleSetError("A rule book needs at least one rule set")
        self.rule_sets = sorted(rule_sets, key=lambda rs: rs.effective_from)
        starts = [rs.effective_from for rs in self.rule_sets]
        if len(set(starts)) != len(starts):
            raise RuleSetError("Two rule sets come into force on the same date")
        self._starts = starts

    @classmethod
    def from_directory(cls, directory: Path) -> "RuleBook":
        return cls([load_rule_set(path) for path in sorted(directory.glob("*.toml"))])

    def in_force(self, on: dt.date) -> RuleSet:
        index = bisect.bisect_right(self._starts, on) - 1
        if index < 0:
            first = self.rule_sets[0]
            raise NoRuleSetInForce(
                f"No rule set covers dates before {long_date(first.effective_from)}, when "
                f"{first.title} came into force"
            )
        return self.rule_sets[index]

    def current(self) -> RuleSet:
        return self.rule_sets[-1]


@functools.lru_cache(maxsize=1)
def default_rulebook() -> RuleBook:
    """The rule sets shipped with OpenSEND, read once per process."""
    return RuleBook.from_directory(RULESETS_DIR)


def load_rule_set(path: Path) -> RuleSet:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    try:
        return _parse_rule_set(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleSetError(f"{path.name}: {exc}") from exc


def _parse_rule_set(data: dict[str, Any]) -> RuleSet:
    effective_from = data["effective_from"]
    if not isinstance(effective_from, dt.date) or isinstance(effective_from, dt.datetime):
        raise ValueError("effective_from must be a date such as 2014-09-01")
    stages = tuple(Stage(id=s["id"], title=s["title"]) for s in data["stages"])
    stage_ids = {s.id for s in stages}
    rules: dict[str, Rule] = {}
    for raw in data["rules"]:
        rule = _parse_rule(raw)
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
    )


def _parse_rule(raw: dict[str, Any]) -> Rule:
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise ValueError(f"rule {raw.get('id')} has unknown keys {sorted(unknown)}")
    if raw.get("unit") == LATER_OF:
        counts = tuple(_parse_count(raw["id"], part) for part in raw["parts"])
        if len(counts) != 2:
            raise ValueError(f"rule {raw['id']}: a 'later_of' rule has exactly two parts")
    else:
        counts = (_parse_count(raw["id"], {k: v for k, v in raw.items() if k in _COUNT_KEYS}),)
    return Rule(
        id=raw["id"],
        stage=raw["stage"],
        title=raw["title"],
        description=" ".join(raw["description"].split()),
        reference=raw["reference"],
        provenance=raw["provenance"],
        counts=counts,
        exceptions=tuple(ExceptionKind(code) for code in raw.get("exceptions", [])),
        sen2_week20=bool(raw.get("sen2_week20", False)),
    )


def _parse_count(rule_id: str, raw: dict[str, Any]) -> Count:
    unknown = set(raw) - _COUNT_KEYS
    if unknown:
        raise ValueError(f"rule {rule_id} has unknown keys {sorted(unknown)} in a part")
    unit = Unit(raw["unit"])
    count = Count(
        trigger=raw["trigger"],
        trigger_label=raw["trigger_label"],
        unit=unit,
        offset=int(raw.get("offset", 0)),
        direction=Direction(raw.get("direction", "after")),
        month=int(raw.get("month", 0)),
        day=int(raw.get("day", 0)),
    )
    if unit is Unit.FIXED_DATE:
        dt.date(2000, count.month, count.day)  # raises ValueError for an impossible day (leap year allowed)
    elif count.offset <= 0:
        raise ValueError(f"rule {rule_id}: offset must be a positive whole number")
    return count
