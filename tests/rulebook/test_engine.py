import datetime as dt

import pytest

from opensend.rulebook.engine import DueDate, compute_uncached, due_date, fast_due
from opensend.rulebook.errors import (
    InvalidInput,
    NoRuleSetInForce,
    SecondDateNotUsed,
    SecondDateRequired,
    UnknownRule,
)
from opensend.rulebook.exceptions import Closure, ExceptionFact, ExceptionKind
from opensend.rulebook.rules import default_rulebook

from .cases import CASES, Case

D = dt.date


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.trigger}" for c in CASES])
def test_due_date_matches_the_hand_worked_table(case: Case) -> None:
    result = due_date(case.rule, case.trigger, second=case.second)
    assert result.due == case.due, case.why


def test_the_table_covers_every_rule_and_every_unit() -> None:
    rule_set = default_rulebook().current()
    assert {c.rule for c in CASES} == set(rule_set.rules)
    units = {rule_set.rule(c.rule).unit for c in CASES}
    assert units == {
        "weeks",
        "days",
        "days_beginning_with",
        "working_days",
        "months",
        "fixed_date",
        "later_of",
    }
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.trigger}" for c in CASES])
def test_fast_path_and_uncached_path_agree_with_the_table(case: Case) -> None:
    args = (case.trigger, case.second) if case.second else (case.trigger,)
    assert fast_due(case.rule, on=case.trigger)(*args) == case.due
    assert compute_uncached(case.rule, on=case.trigger)(*args) == case.due


def test_result_carries_rule_reference_and_rule_set() -> None:
    result = due_date("A8", D(2025, 1, 6))
    assert isinstance(result, DueDate)
    assert result.rule_id == "A8"
    assert result.reference.startswith("SEND Regulations 2014, regulation 13(2)")
    assert result.rule_set_id == "england-2014"
    assert result.trigger == D(2025, 1, 6)
    assert result.second is None


def test_result_is_immutable() -> None:
    result = due_date("A2", D(2025, 1, 6))
    with pytest.raises(AttributeError):
        result.due = D(2030, 1, 1)  # type: ignore[misc]


def test_working_day_explanation_names_the_skipped_bank_holidays() -> None:
    text = due_date("M3", D(2021, 12, 23)).explanation
    assert "day 0" in text
    assert "Monday 27 December 2021 (Christmas Day (observed))" in text
    assert "Tuesday 28 December 2021 (Boxing Day (observed))" in text


def test_days_beginning_with_explanation_says_the_trigger_is_day_one() -> None:
    text = due_date("A6", D(2025, 3, 1)).explanation
    assert "Saturday 1 March 2025: that day is day 1, so day 15 is Saturday 15 March 2025" in text


def test_month_end_explanation_says_why_the_day_changed() -> None:
    text = due_date("M2", D(2024, 12, 31)).explanation
    assert "February 2025 has no day 31" in text


def test_later_of_explanation_shows_both_counts_and_which_won() -> None:
    text = due_date("T1", D(2025, 1, 10), second=D(2025, 2, 20)).explanation
    assert "Monday 10 March 2025" in text
    assert "Thursday 20 March 2025" in text
    assert "The later is (b)" in text


def test_unknown_rule_is_an_invalid_input_naming_the_id() -> None:
    with pytest.raises(UnknownRule, match="'Z9'") as raised:
        due_date("Z9", D(2025, 1, 6))
    assert isinstance(raised.value, InvalidInput)
    assert raised.value.status_code == 422
    assert raised.value.field == "rule"


@pytest.mark.parametrize("rule_id", ["T1", "X3"])
def test_later_of_rules_need_the_second_date(rule_id: str) -> None:
    with pytest.raises(SecondDateRequired, match=f"Rule {rule_id} needs a second date"):
        due_date(rule_id, D(2025, 1, 6))


def test_a_second_date_for_a_one_date_rule_is_refused_not_ignored() -> None:
    with pytest.raises(SecondDateNotUsed):
        due_date("A8", D(2025, 1, 6), second=D(2025, 2, 1))


def test_no_rule_set_before_september_2014() -> None:
    with pytest.raises(NoRuleSetInForce, match="1 September 2014"):
        due_date("A8", D(2014, 8, 31))


def test_on_chooses_the_rule_set_not_the_trigger() -> None:
    with pytest.raises(NoRuleSetInForce):
        due_date("A8", D(2025, 1, 6), on=D(2010, 1, 1))


# --- Regulation 10(4) exceptions ------------------------------------------------------------------

SUMMER = Closure(D(2025, 7, 23), D(2025, 9, 2), "Summer holiday")  # reopens Wednesday 3 September


def test_no_facts_means_no_exception_and_week20_zero() -> None:
    result = due_date("A8", D(2025, 4, 1))
    assert result.findings == ()
    assert not result.exception_applies
    assert result.week20 == 0


def test_school_closure_applies_when_advice_asked_within_a_week_before_the_summer_closure() -> None:
    fact = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 7, 16))  # exactly one week before
    result = due_date("A8", D(2025, 4, 1), exceptions=[fact], closures=[SUMMER])
    assert result.exception_applies
    assert result.week20 == 1
    assert result.applied[0].fact == fact
    assert "one week before it closed on Wednesday 23 July 2025" in result.applied[0].reason
    assert result.due == D(2025, 8, 19)  # an exception never moves the due date


def test_school_closure_window_ends_one_week_before_reopening() -> None:
    last_day = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 8, 27))  # reopens 3 Sep, minus 7
    too_late = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 8, 28))
    too_early = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 7, 15))
    result = due_date("A8", D(2025, 4, 28), exceptions=[last_day, too_late, too_early], closures=[SUMMER])
    assert [f.applies for f in result.findings] == [True, False, False]


def test_school_closure_shorter_than_four_weeks_does_not_count() -> None:
    easter = Closure(D(2025, 4, 7), D(2025, 5, 4))  # 28 days would count; this is 28 days
    short = Closure(D(2025, 4, 7), D(2025, 5, 3))  # 27 days
    fact = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 4, 10))
    assert due_date("A8", D(2025, 2, 3), exceptions=[fact], closures=[easter]).exception_applies
    assert not due_date("A8", D(2025, 2, 3), exceptions=[fact], closures=[short]).exception_applies


def test_school_closure_needs_the_request_within_the_period_of_the_deadline() -> None:
    fact = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 7, 20))
    result = due_date("A8", D(2025, 1, 6), exceptions=[fact], closures=[SUMMER])  # due 26 May
    assert not result.exception_applies
    assert "outside the period" in result.findings[0].reason


def test_early_years_closure_is_its_own_kind() -> None:
    fact = ExceptionFact(ExceptionKind.EY_CLOSURE, D(2025, 7, 30))
    result = due_date("A4", D(2025, 5, 1), exceptions=[fact], closures=[SUMMER])
    assert result.exception_applies
    assert "early years setting" in result.applied[0].reason


def test_absence_from_the_area_needs_four_continuous_weeks_within_the_period() -> None:
    four_weeks = ExceptionFact(ExceptionKind.ABSENT_FROM_AREA, D(2025, 2, 1), D(2025, 2, 28))
    short = ExceptionFact(ExceptionKind.ABSENT_FROM_AREA, D(2025, 2, 1), D(2025, 2, 27))
    assert due_date("A8", D(2025, 1, 6), exceptions=[four_weeks]).week20 == 1
    result = due_date("A8", D(2025, 1, 6), exceptions=[short])
    assert result.week20 == 0
    assert "27 days" in result.findings[0].reason


def test_absence_counts_only_the_part_inside_the_period() -> None:
    # A2: 6 Jan to 17 Feb 2025. Away from 1 Dec to 20 Jan: only 15 days fall inside the period.
    fact = ExceptionFact(ExceptionKind.ABSENT_FROM_AREA, D(2024, 12, 1), D(2025, 1, 20))
    assert not due_date("A2", D(2025, 1, 6), exceptions=[fact]).exception_applies


def test_absence_not_yet_ended_runs_to_the_due_date() -> None:
    fact = ExceptionFact(ExceptionKind.ABSENT_FROM_AREA, D(2025, 4, 1))
    assert due_date("A8", D(2025, 1, 6), exceptions=[fact]).exception_applies


def test_exceptional_personal_circumstances_apply_when_they_overlap_the_period() -> None:
    during = ExceptionFact(ExceptionKind.EXCEPTIONAL_PERSONAL, D(2025, 5, 20), D(2025, 6, 10))
    before = ExceptionFact(ExceptionKind.EXCEPTIONAL_PERSONAL, D(2024, 11, 1), D(2025, 1, 5))
    result = due_date("A8", D(2025, 1, 6), exceptions=[during, before])
    assert [f.applies for f in result.findings] == [True, False]
    assert result.week20 == 1


def test_exception_not_allowed_by_the_regulation_is_reported_but_does_not_apply() -> None:
    # Regulation 8(2) allows no school-closure exception for advice (A3).
    fact = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 7, 20))
    result = due_date("A3", D(2025, 7, 1), exceptions=[fact], closures=[SUMMER])
    assert not result.exception_applies
    assert "does not allow" in result.findings[0].reason


def test_week20_is_only_for_the_20_week_deadline() -> None:
    fact = ExceptionFact(ExceptionKind.EXCEPTIONAL_PERSONAL, D(2025, 1, 10), D(2025, 1, 20))
    result = due_date("A2", D(2025, 1, 6), exceptions=[fact])
    assert result.exception_applies
    assert result.week20 == 0


def test_rules_without_exceptions_never_apply_one() -> None:
    fact = ExceptionFact(ExceptionKind.EXCEPTIONAL_PERSONAL, D(2025, 1, 10), D(2025, 3, 20))
    assert not due_date("T1", D(2025, 1, 10), second=D(2025, 2, 1), exceptions=[fact]).exception_applies


def test_every_rule_allowing_exceptions_is_one_the_regulations_excuse() -> None:
    with_exceptions = {r.id for r in default_rulebook().current() if r.exceptions}
    assert with_exceptions == {"A2", "A3", "A4", "A8", "RA2"}
