"""Rule sets as data: load the TOML files in `rulesets/` and pick the one in force on a date.

A rule set is the national standard at a point in time (for example the SEND Regulations 2014 as
amended). A later file with a later `effective_from` takes over from its own date, with no code
change. See docs/adr/0020-rules-as-toml-data.md and docs/rulebook.md for the file format.
"""

import bisect
import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .calendar import WorkingDayCalendar, calendar_for
from .counting import Words
from .errors import NoRuleSetInForce, RuleSetError, UnknownRule
from .exceptions import NO_EXCEPTIONS, ExceptionSet
from .tribunal import TimeRule, days_not_counted
from .units import Count, long_date

RULESETS_DIR = Path(__file__).resolve().parent / "rulesets"
LATER_OF = "later_of"


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class SpecialCase:
    """A dated provision that replaces the rule for one trigger date (regulation 18(3))."""

    trigger: dt.date
    before: dt.date  # the last day is the day before this
    reference: str
    period_text: str

    @property
    def due(self) -> dt.date:
        return self.before - dt.timedelta(days=1)


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
    exceptions: ExceptionSet = NO_EXCEPTIONS
    sen2_week20: bool = False
    time_rule: TimeRule | None = None
    #: The day the provision this rule encodes came into force, when later than its rule set's.
    in_force_from: dt.date | None = None
    in_force_note: str = ""
    special_cases: tuple[SpecialCase, ...] = ()

    @property
    def is_later_of(self) -> bool:
        return len(self.counts) > 1

    @property
    def needs_second_date(self) -> bool:
        return self.is_later_of

    @property
    def unit(self) -> str:
        return LATER_OF if self.is_later_of else self.counts[0].unit.value

    @property
    def words(self) -> str:
        """The words of the period ("within", "beginning with", ...), or "later of" for T1 and X3."""
        if self.is_later_of:
            return "later of: " + " / ".join(count.words.value for count in self.counts)
        return self.counts[0].words.value

    @property
    def period_text(self) -> str:
        """The regulation's own phrase for the period (both phrases for a 'later of' rule)."""
        return " ... ".join(count.period_text for count in self.counts if count.period_text)

    def summary(self) -> str:
        """'Within 20 weeks of the day the council received the request', or the 'later of' both."""
        if self.is_later_of:
            return "The later of " + " and ".join(count.describe() for count in self.counts)
        text = self.counts[0].describe()
        return text[:1].upper() + text[1:]

    def special_case(self, trigger: dt.date) -> SpecialCase | None:
        return next((case for case in self.special_cases if case.trigger == trigger), None)


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    effective_from: dt.date
    sources: tuple[str, ...]
    stages: tuple[Stage, ...]
    rules: Mapping[str, Rule]
    closure_days: frozenset[dt.date] = field(default_factory=frozenset)
    exception_sets: Mapping[str, ExceptionSet] = field(default_factory=dict)
    #: The engine's per-rule memo tables (trigger -> due date); see engine.fast_due.
    memos: dict[tuple[str, int], Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def calendar(self) -> WorkingDayCalendar:
        return calendar_for(self.closure_days)

    def calendar_for_rule(self, rule: Rule) -> WorkingDayCalendar:
        """The working days a rule counts: Tribunal Procedure Rules rule 12(3)(b) leaves out more."""
        if rule.time_rule is TimeRule.HESC_ACT:
            return calendar_for(self.closure_days | days_not_counted())
        return self.calendar

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
        from .loader import load_rule_set

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
    """Kept here for callers that import it from `rules`; the parsing lives in `loader.py`."""
    from .loader import load_rule_set as load

    return load(path)


__all__ = ["LATER_OF", "RULESETS_DIR", "Rule", "RuleBook", "RuleSet", "SpecialCase", "Stage", "Words"]
