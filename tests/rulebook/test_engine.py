import datetime as dt

import holidays
import pytest

from opensend.rulebook.counting import Words
from opensend.rulebook.engine import DueDate, compute_uncached, due_date, fast_due
from opensend.rulebook.errors import (
    InvalidInput,
    NoRuleSetInForce,
    RuleNotInForce,
    SecondDateBeforeTrigger,
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


def test_the_table_covers_every_rule_every_unit_and_every_set_of_words() -> None:
    rule_set = default_rulebook().current()
    assert {c.rule for c in CASES} == set(rule_set.rules)
    units = {rule_set.rule(c.rule).unit for c in CASES}
    assert units == {"weeks", "days", "working_days", "months", "fixed_date", "later_of"}
    words = {count.words for c in CASES for count in rule_set.rule(c.rule).counts}
    assert words == set(Words)


def _month_end(day: dt.date) -> bool:
    return day.day >= 29 or (day + dt.timedelta(days=1)).month != day.month


@pytest.mark.parametrize("rule_id", sorted(default_rulebook().current().rules))
def test_every_rule_has_three_cases_one_at_a_month_end_one_over_a_bank_holiday(rule_id: str) -> None:
    cases = [c for c in CASES if c.rule == rule_id]
    assert len(cases) >= 3
    assert any(_month_end(c.trigger) or _month_end(c.due) for c in cases), "no case at a month end"
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(2014, 2031))
    assert any(any(min(c.trigger, c.due) <= day <= max(c.trigger, c.due) for day in bank) for c in cases), (
        "no case over a bank holiday"
    )


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


def test_every_explanation_quotes_the_law_s_words() -> None:
    text = due_date("X1", D(2025, 12, 19)).explanation
    assert text.startswith('The law says "within 15 working days beginning with the day on which it did')
    assert (
        "Friday 19 December 2025 is a working day, so it is day 1; day 15 is Tuesday 13 January 2026" in text
    )


def test_working_days_beginning_with_a_non_working_day_start_on_the_next_one() -> None:
    text = due_date("X1", D(2023, 4, 9)).explanation
    assert "Sunday 9 April 2023 is not a working day, so day 1 is the next working day" in text


def test_days_beginning_with_explanation_says_the_trigger_is_day_one() -> None:
    text = due_date("A6", D(2025, 3, 1)).explanation
    assert "Saturday 1 March 2025 is day 1, so day 15 is Saturday 15 March 2025" in text


def test_within_explanation_says_the_trigger_is_not_counted() -> None:
    text = due_date("A8", D(2025, 1, 6)).explanation
    assert (
        "Monday 6 January 2025 is not counted, so 20 weeks (140 days) after it end on Monday 26 May 2025"
        in text
    )


def test_at_least_before_explanation_says_both_days_are_left_out() -> None:
    text = due_date("R3", D(2025, 1, 22)).explanation
    assert "2 weeks (14 days) must fall between the day it is done and Wednesday 22 January 2025" in text
    assert "neither of them counted, so the last day is Tuesday 7 January 2025" in text


def test_month_end_explanation_says_why_the_day_changed() -> None:
    assert "February 2025 has no day 31" in due_date("M2", D(2024, 12, 31)).explanation
    starting = due_date("R1", D(2024, 2, 29)).explanation
    assert "February 2025 has no day 29, so the period ends on the last day of that month" in starting
    assert (
        "ends the day before Monday 1 March 2027, on Sunday 28 February 2027"
        in due_date("R1", D(2026, 3, 1)).explanation
    )


def test_fixed_date_explanation_says_the_day_before() -> None:
    text = due_date("P1", D(2026, 9, 1)).explanation
    assert "Before Sunday 15 February 2026" in text
    assert "the last day is Saturday 14 February 2026" in text


def test_a_dated_special_case_says_which_regulation() -> None:
    text = due_date("P2", D(2015, 9, 1)).explanation
    assert "regulation 18(3)" in text
    assert "before 31 May 2015" in text
    assert "the last day is Saturday 30 May 2015" in text


def test_later_of_explanation_shows_both_counts_and_which_won() -> None:
    text = due_date("T1", D(2025, 1, 10), second=D(2025, 2, 20)).explanation
    assert "Monday 10 March 2025" in text
    assert "Thursday 20 March 2025" in text
    assert "The later is (b)" in text
    assert "is a working day, so the time for appealing ends then" in text


@pytest.mark.parametrize(
    ("notice", "moved", "rule"),
    [
        (D(2025, 3, 10), D(2025, 5, 12), "rule 12(2)"),
        (D(2025, 6, 30), D(2025, 9, 1), "rule 12(3)(a)"),
        (D(2025, 10, 25), D(2026, 1, 2), "rule 12(3)(a)"),
    ],
)
def test_the_appeal_deadline_says_which_tribunal_rule_moved_it(
    notice: dt.date, moved: dt.date, rule: str
) -> None:
    result = due_date("T1", notice, second=notice)
    assert result.due == moved
    assert rule in result.explanation


def test_the_council_response_leaves_out_christmas_and_august_and_says_so() -> None:
    text = due_date("T2", D(2025, 7, 1)).explanation
    assert "rule 12(3)(b)" in text
    assert "August 2025" not in text  # the August days are explained once, not listed one by one


def test_a_second_date_before_the_first_is_refused_with_the_reason() -> None:
    with pytest.raises(SecondDateBeforeTrigger) as raised:
        due_date("T1", D(2025, 3, 10), second=D(2025, 3, 9))
    assert raised.value.field == "second"
    assert raised.value.status_code == 422
    assert (
        "the date the mediation certificate was issued (Sunday 9 March 2025), is before"
        in raised.value.message
    )
    with pytest.raises(SecondDateBeforeTrigger, match="the day the plan transferred"):
        due_date("X3", D(2025, 3, 10), second=D(2024, 3, 10))


def test_the_same_day_for_both_dates_is_allowed() -> None:
    assert due_date("T1", D(2025, 1, 31), second=D(2025, 1, 31)).due == D(2025, 3, 31)


@pytest.mark.parametrize(("rule_id", "first_day"), [("T11", D(2018, 4, 3)), ("T3e", D(2015, 3, 23))])
def test_a_rule_is_refused_before_its_own_provision_came_into_force(rule_id: str, first_day: dt.date) -> None:
    with pytest.raises(RuleNotInForce, match="came into force") as raised:
        due_date(rule_id, first_day - dt.timedelta(days=1))
    assert raised.value.field == "trigger"
    assert due_date(rule_id, first_day).due > first_day
    with pytest.raises(RuleNotInForce):
        fast_due(rule_id, on=first_day)(first_day - dt.timedelta(days=1))


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


# --- Exceptions, each regulation's own ------------------------------------------------------------------

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
    assert "(SEND Regulations 2014, regulation 8(2)(a) to (c)) does not allow" in result.findings[0].reason


def test_a_missed_appointment_excuses_advice_only() -> None:
    # A3: 1 Jul to 12 Aug 2025. Regulation 8(2)(c): the child did not keep an appointment on 15 Jul.
    missed = ExceptionFact(ExceptionKind.APPOINTMENT_MISSED, D(2025, 7, 15))
    advice = due_date("A3", D(2025, 7, 1), exceptions=[missed])
    assert advice.exception_applies
    assert (
        "did not keep an appointment for an examination or test on Tuesday 15 July 2025"
        in advice.applied[0].reason
    )
    # Regulation 10(4) has no such exception, so the same fact does not excuse the 20-week plan.
    final_plan = due_date("A8", D(2025, 4, 1), exceptions=[missed])
    assert not final_plan.exception_applies
    assert final_plan.week20 == 0


def test_a_missed_appointment_outside_the_six_weeks_does_not_count() -> None:
    missed = ExceptionFact(ExceptionKind.APPOINTMENT_MISSED, D(2025, 8, 13))  # day after 12 Aug
    result = due_date("A3", D(2025, 7, 1), exceptions=[missed])
    assert not result.exception_applies
    assert (
        "outside the period from Tuesday 1 July 2025 to Tuesday 12 August 2025" in result.findings[0].reason
    )


def test_absence_threshold_is_the_regulation_s_own_two_weeks_for_tribunal_orders() -> None:
    two_weeks = ExceptionFact(ExceptionKind.ABSENT_FROM_AREA, D(2025, 2, 1), D(2025, 2, 14))  # 14 days
    thirteen = ExceptionFact(ExceptionKind.ABSENT_FROM_AREA, D(2025, 2, 1), D(2025, 2, 13))
    order = due_date("T5b", D(2025, 1, 6), exceptions=[two_weeks, thirteen])  # regulation 44
    assert [f.applies for f in order.findings] == [True, False]
    assert "at least 2 weeks (14 days)" in order.findings[1].reason
    unopposed = due_date("T3d", D(2025, 1, 20), exceptions=[two_weeks])  # regulation 45
    assert unopposed.exception_applies
    # The same 14 days are not enough for the 20-week plan: regulation 10(4)(d) needs 4 weeks.
    plan = due_date("A8", D(2025, 1, 6), exceptions=[two_weeks])
    assert not plan.exception_applies
    assert "at least 4 weeks (28 days)" in plan.findings[0].reason


def test_tribunal_order_deadlines_allow_the_school_closure_of_regulation_10_4_a() -> None:
    fact = ExceptionFact(ExceptionKind.SCHOOL_CLOSURE, D(2025, 7, 20))
    assert due_date("T5c", D(2025, 6, 2), exceptions=[fact], closures=[SUMMER]).exception_applies
    assert due_date("T3c", D(2025, 6, 2), exceptions=[fact], closures=[SUMMER]).exception_applies


def test_week20_is_only_for_the_20_week_deadline() -> None:
    fact = ExceptionFact(ExceptionKind.EXCEPTIONAL_PERSONAL, D(2025, 1, 10), D(2025, 1, 20))
    result = due_date("A2", D(2025, 1, 6), exceptions=[fact])
    assert result.exception_applies
    assert result.week20 == 0


def test_rules_without_exceptions_never_apply_one() -> None:
    fact = ExceptionFact(ExceptionKind.EXCEPTIONAL_PERSONAL, D(2025, 1, 10), D(2025, 3, 20))
    assert not due_date("T1", D(2025, 1, 10), second=D(2025, 2, 1), exceptions=[fact]).exception_applies


EXPECTED_EXCEPTIONS = (
    {
        "A2": (
            "regulation 5(4)",
            {"SCHOOL_CLOSURE", "EY_CLOSURE", "EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA"},
        ),
        "A3": ("regulation 8(2)", {"EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA", "APPOINTMENT_MISSED"}),
        "A4": (
            "regulation 10(4)",
            {"SCHOOL_CLOSURE", "EY_CLOSURE", "EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA"},
        ),
        "A8": (
            "regulation 13(3)",
            {"SCHOOL_CLOSURE", "EY_CLOSURE", "EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA"},
        ),
        "RA2": (
            "regulation 27(3)",
            {"SCHOOL_CLOSURE", "EY_CLOSURE", "EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA"},
        ),
    }
    | {
        rule_id: (
            "regulation 45",
            {"SCHOOL_CLOSURE", "EY_CLOSURE", "EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA"},
        )
        for rule_id in ("T3a", "T3b", "T3c", "T3d", "T3e", "T3f", "T3g")
    }
    | {
        rule_id: (
            "regulation 44",
            {"SCHOOL_CLOSURE", "EY_CLOSURE", "EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA"},
        )
        for rule_id in ("T5a", "T5b", "T5c", "T6a", "T6b", "T7", "T8", "T10")
    }
)


def test_each_rule_lists_exactly_the_exceptions_of_its_own_regulation() -> None:
    rule_set = default_rulebook().current()
    found = {
        rule.id: (rule.exceptions.reference, {kind.value for kind in rule.exceptions.kinds})
        for rule in rule_set
        if rule.exceptions.terms
    }
    assert set(found) == set(EXPECTED_EXCEPTIONS)
    for rule_id, (regulation, kinds) in EXPECTED_EXCEPTIONS.items():
        assert regulation in found[rule_id][0], rule_id
        assert found[rule_id][1] == kinds, rule_id
    absence = {
        rule.id: rule.exceptions.term(ExceptionKind.ABSENT_FROM_AREA).min_days  # type: ignore[union-attr]
        for rule in rule_set
        if ExceptionKind.ABSENT_FROM_AREA in rule.exceptions.kinds
    }
    assert {rule_id for rule_id, days in absence.items() if days == 14} == {
        r for r in EXPECTED_EXCEPTIONS if r.startswith("T")
    }
    assert {rule_id for rule_id, days in absence.items() if days == 28} == {"A2", "A3", "A4", "A8", "RA2"}
