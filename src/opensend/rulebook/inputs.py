"""Questions typed as text (command line, API query): parsed strictly, so nothing is guessed."""

import datetime as dt
import re

from .engine import DueDate, check_second_date, due_date
from .errors import InvalidInput, SecondDateNotUsed
from .rules import default_rulebook

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str, *, field: str, label: str) -> dt.date:
    """A date written YYYY-MM-DD, and a real one. Python's own parser accepts more than we want."""
    text = value.strip()
    if not _ISO_DATE.fullmatch(text):
        raise InvalidInput(
            f"Enter {label} as YYYY-MM-DD, for example 2025-01-06 (got {value!r})", field=field
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{label[0].upper()}{label[1:]} must be a real date (got {value!r})", field=field
        ) from None


def answer(rule_id: str, trigger: str, second: str | None = None) -> DueDate:
    """Compute a due date from text, naming the first thing that is wrong."""
    rule_set = default_rulebook().current()
    rule = rule_set.rule(rule_id.strip())
    trigger_date = parse_date(trigger, field="trigger", label="the trigger date")
    second_date = None
    if second is not None and second.strip():
        if not rule.is_later_of:
            raise SecondDateNotUsed(rule.id)
        second_date = parse_date(second, field="second", label="the second date")
    check_second_date(rule, trigger_date, second_date)
    return due_date(rule.id, trigger_date, second=second_date)


def describe(result: DueDate) -> list[str]:
    """The answer as lines of text: the due date first, as YYYY-MM-DD, for scripts to read."""
    rule = result.rule
    lines = [
        result.due.isoformat(),
        f"Rule: {rule.id} {rule.title}",
        f"Reference: {rule.reference}",
        f"Words: {rule.words}",
        f"Counted: {result.explanation}",
        f"Rule set: {result.rule_set_id}",
    ]
    if rule.exceptions.terms:
        kinds = ", ".join(kind.value for kind in rule.exceptions.kinds)
        lines.append(f"Exceptions allowed ({rule.exceptions.reference}): {kinds}")
    return lines
