"""docs/rulebook.md keeps a table of every rule, its regulation, its words and its worked cases.

The table must say what the rule set and the hand-worked cases say, so that families, SENDIASS and
tribunals reading the documentation see the same dates the engine gives.
"""

import datetime as dt
from pathlib import Path

import pytest

from opensend.rulebook.rules import default_rulebook

from .cases import CASES

DOC = Path(__file__).resolve().parents[2] / "docs" / "rulebook.md"


def _short(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _rows() -> dict[str, str]:
    text = DOC.read_text()
    table = text[text.index("## Every rule: regulation, words and worked cases") :]
    rows: dict[str, str] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 4 and cells[1] and not cells[1].startswith(("Rule", "---")):
            rows[cells[1]] = line
    return rows


def test_the_table_has_one_row_per_rule_and_no_other() -> None:
    assert list(_rows()) == list(default_rulebook().current().rules)


@pytest.mark.parametrize("rule_id", list(default_rulebook().current().rules))
def test_each_row_has_the_regulation_the_words_and_every_worked_case(rule_id: str) -> None:
    rule = default_rulebook().current().rule(rule_id)
    row = _rows()[rule_id]
    assert f"| {rule.reference} |" in row
    assert f"| {rule.words}: " in row
    for count in rule.counts:
        assert f'"{count.period_text}"' in row
    for case in (c for c in CASES if c.rule == rule_id):
        second = f" ({_short(case.second)})" if case.second else ""
        assert f"{_short(case.trigger)}{second} → **{_short(case.due)}**" in row
