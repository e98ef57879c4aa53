import io

import pytest
from django.core.management import CommandError, call_command

from .cases import CASES, Case


def run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.trigger}" for c in CASES])
def test_first_line_is_the_due_date_from_the_hand_worked_table(case: Case) -> None:
    args = [case.rule, case.trigger.isoformat()] + ([case.second.isoformat()] if case.second else [])
    assert run(*args)[0] == case.due.isoformat(), case.why


def test_then_the_rule_reference_and_how_it_was_counted() -> None:
    lines = run("X1", "2025-12-19")
    assert lines[0] == "2026-01-13"
    assert lines[1] == "Rule: X1 Plan passed to the new council"
    assert lines[2] == "Reference: SEND Regulations 2014, regulation 15(2) and (3)"
    assert lines[3] == "Words: beginning with"
    assert lines[4].startswith(
        'Counted: The law says "within 15 working days beginning with the day on which'
    )
    assert "Friday 19 December 2025 is a working day, so it is day 1" in lines[4]
    assert "Thursday 25 December 2025 (Christmas Day)" in lines[4]
    assert lines[5] == "Rule set: england-2014"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Z9", "2025-01-06"), "There is no rule with the id 'Z9'"),
        (("A8", "06/01/2025"), "Enter the trigger date as YYYY-MM-DD"),
        (("A8", "2025-02-30"), "The trigger date must be a real date"),
        (("A8", "20250106"), "Enter the trigger date as YYYY-MM-DD"),
        (("T1", "2025-01-06"), "Rule T1 needs a second date: the date the mediation certificate was issued"),
        (("X3", "2025-01-06"), "Rule X3 needs a second date: the day the plan transferred"),
        (("T1", "2025-01-06", "2025-13-01"), "The second date must be a real date"),
        (("A8", "2025-01-06", "2025-02-01"), "Rule A8 is counted from one date only"),
        (("A8", "2010-01-06"), "No rule set covers dates before Monday 1 September 2014"),
        (("X3", "2025-01-06", "2024-12-31"), "is before the day the plan was made or last reviewed"),
        (("T3e", "2015-03-01"), "Rule T3e counts from Monday 23 March 2015"),
    ],
)
def test_bad_input_is_a_command_error_naming_the_problem(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(*args)


def test_missing_trigger_is_refused_by_the_argument_parser() -> None:
    with pytest.raises(CommandError, match="trigger"):
        run("A8")
