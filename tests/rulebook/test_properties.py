"""Properties that hold for every date, not only the hand-worked ones."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from opensend.rulebook.calendar import calendar_for
from opensend.rulebook.engine import compute_uncached, due_date, fast_due
from opensend.rulebook.rules import default_rulebook

RULE_SET = default_rulebook().current()
ONE_DATE_RULES = sorted(r.id for r in RULE_SET if not r.is_later_of)
WORKING_DAY_RULES = sorted(r.id for r in RULE_SET if r.unit == "working_days")
dates = st.dates(min_value=dt.date(2014, 9, 1), max_value=dt.date(2060, 12, 31))


@given(rule_id=st.sampled_from(WORKING_DAY_RULES), trigger=dates)
def test_a_working_day_deadline_is_never_a_weekend_or_bank_holiday(rule_id: str, trigger: dt.date) -> None:
    due = due_date(rule_id, trigger).due
    calendar = calendar_for()
    assert due.weekday() < 5
    assert due not in calendar.bank_holidays
    assert calendar.is_working_day(due)
    assert due > trigger


@given(rule_id=st.sampled_from(WORKING_DAY_RULES), trigger=dates)
def test_a_working_day_deadline_has_exactly_n_working_days_after_the_trigger(
    rule_id: str, trigger: dt.date
) -> None:
    due = due_date(rule_id, trigger).due
    calendar = calendar_for()
    days = (dt.date.fromordinal(o) for o in range(trigger.toordinal() + 1, due.toordinal() + 1))
    assert sum(calendar.is_working_day(day) for day in days) == RULE_SET.rule(rule_id).counts[0].offset


@given(rule_id=st.sampled_from(ONE_DATE_RULES), first=dates, second=dates)
def test_due_dates_never_go_backwards_when_the_trigger_moves_forward(
    rule_id: str, first: dt.date, second: dt.date
) -> None:
    early, late = sorted((first, second))
    assert due_date(rule_id, early).due <= due_date(rule_id, late).due


@given(rule_id=st.sampled_from(["T1", "X3"]), a=dates, b=dates, shift=st.integers(0, 400))
def test_later_of_rules_never_go_backwards_when_either_date_moves_forward(
    rule_id: str, a: dt.date, b: dt.date, shift: int
) -> None:
    base = due_date(rule_id, a, second=b).due
    later = dt.timedelta(days=shift)
    assert due_date(rule_id, a + later, second=b).due >= base
    assert due_date(rule_id, a, second=b + later).due >= base
    assert base >= max(due_date(rule_id, a, second=b).trigger, b)


@given(rule_id=st.sampled_from(ONE_DATE_RULES), trigger=dates)
def test_calendar_deadlines_after_the_trigger_are_never_before_it(rule_id: str, trigger: dt.date) -> None:
    rule = RULE_SET.rule(rule_id)
    due = due_date(rule_id, trigger).due
    if rule.unit == "fixed_date":
        assert due.year == trigger.year
    elif rule.counts[0].direction == "before":
        assert due < trigger
    else:
        assert due > trigger


@given(rule_id=st.sampled_from(sorted(RULE_SET.rules)), a=dates, b=dates)
def test_the_bulk_fast_path_gives_the_same_answer_as_the_full_one(
    rule_id: str, a: dt.date, b: dt.date
) -> None:
    rule = RULE_SET.rule(rule_id)
    args = (a, b) if rule.is_later_of else (a,)
    expected = due_date(rule_id, a, second=b if rule.is_later_of else None).due
    assert fast_due(rule_id, on=a)(*args) == expected
    assert compute_uncached(rule_id, on=a)(*args) == expected
