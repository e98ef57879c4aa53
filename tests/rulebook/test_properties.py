"""Properties that hold for every date, not only the hand-worked ones."""

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from opensend.rulebook.counting import Words, corresponding_date, days_for, months_for
from opensend.rulebook.engine import compute_uncached, due_date, fast_due
from opensend.rulebook.rules import default_rulebook
from opensend.rulebook.tribunal import is_not_counted

RULE_SET = default_rulebook().current()
ONE_DATE_RULES = sorted(r.id for r in RULE_SET if not r.is_later_of)
WORKING_DAY_RULES = sorted(r.id for r in RULE_SET if r.unit == "working_days")
dates = st.dates(min_value=dt.date(2014, 9, 1), max_value=dt.date(2060, 12, 31))
ONE_DAY = dt.timedelta(days=1)
for _rule in RULE_SET:  # build the calendars once, outside Hypothesis's per-example deadline
    RULE_SET.calendar_for_rule(_rule).add(dt.date(2014, 9, 1), 1)


def in_force(rule_id: str, *days: dt.date) -> None:
    start = RULE_SET.rule(rule_id).in_force_from
    assume(start is None or min(days) >= start)


@given(rule_id=st.sampled_from(WORKING_DAY_RULES), trigger=dates)
def test_a_working_day_deadline_is_never_a_weekend_or_bank_holiday(rule_id: str, trigger: dt.date) -> None:
    rule = RULE_SET.rule(rule_id)
    due = due_date(rule_id, trigger).due
    calendar = RULE_SET.calendar_for_rule(rule)
    assert due.weekday() < 5
    assert due not in calendar.bank_holidays
    assert calendar.is_working_day(due)
    assert due >= trigger


@given(rule_id=st.sampled_from(WORKING_DAY_RULES), trigger=dates)
def test_a_working_day_deadline_counts_exactly_n_working_days(rule_id: str, trigger: dt.date) -> None:
    rule = RULE_SET.rule(rule_id)
    count = rule.counts[0]
    due = due_date(rule_id, trigger).due
    calendar = RULE_SET.calendar_for_rule(rule)
    # "within": the days after the trigger; "beginning with": the trigger itself counts too.
    first = trigger if count.words.counts_the_trigger else trigger + ONE_DAY
    days = [dt.date.fromordinal(o) for o in range(first.toordinal(), due.toordinal() + 1)]
    assert sum(calendar.is_working_day(day) for day in days) == count.offset
    if rule.time_rule is not None:  # Tribunal rule 12(3)(b): Christmas and August never count
        assert not is_not_counted(due)


@given(rule_id=st.sampled_from(ONE_DATE_RULES), first=dates, second=dates)
def test_due_dates_never_go_backwards_when_the_trigger_moves_forward(
    rule_id: str, first: dt.date, second: dt.date
) -> None:
    early, late = sorted((first, second))
    in_force(rule_id, early)
    if RULE_SET.rule(rule_id).special_cases:
        assume(dt.date(2015, 1, 1) > late or early > dt.date(2015, 12, 31))  # regulation 18(3)'s one day
    assert due_date(rule_id, early).due <= due_date(rule_id, late).due


@given(rule_id=st.sampled_from(["T1", "X3"]), a=dates, gap=st.integers(0, 400), shift=st.integers(0, 400))
def test_later_of_rules_never_go_backwards_when_either_date_moves_forward(
    rule_id: str, a: dt.date, gap: int, shift: int
) -> None:
    b = a + dt.timedelta(days=gap)
    base = due_date(rule_id, a, second=b).due
    later = dt.timedelta(days=shift)
    assert due_date(rule_id, a, second=b + later).due >= base
    if a + later <= b:
        assert due_date(rule_id, a + later, second=b).due >= base
    assert base >= b


@given(rule_id=st.sampled_from(ONE_DATE_RULES), trigger=dates)
def test_deadlines_fall_on_the_side_of_the_trigger_the_words_say(rule_id: str, trigger: dt.date) -> None:
    in_force(rule_id, trigger)
    count = RULE_SET.rule(rule_id).counts[0]
    due = due_date(rule_id, trigger).due
    if count.unit == "fixed_date":
        assert due.year == trigger.year
    elif count.backwards:
        assert due < trigger
    else:
        assert due > trigger


@given(trigger=dates, days=st.integers(1, 400))
def test_beginning_with_ends_one_day_before_within_and_at_least_before_leaves_clear_days(
    trigger: dt.date, days: int
) -> None:
    within = days_for(Words.WITHIN, trigger, days)
    assert days_for(Words.BEGINNING_WITH, trigger, days) == within - ONE_DAY
    assert days_for(Words.STARTING_WITH, trigger, days) == within - ONE_DAY
    before = days_for(Words.AT_LEAST_BEFORE, trigger, days)
    assert (trigger - before).days - 1 == days  # the days strictly between are exactly N


@given(trigger=dates, months=st.integers(1, 24))
def test_a_period_of_months_beginning_with_a_day_ends_before_the_same_day_number(
    trigger: dt.date, months: int
) -> None:
    last = months_for(Words.BEGINNING_WITH, trigger, months)
    same = corresponding_date(trigger, months)
    if same is not None:
        assert last == same - ONE_DAY
    else:  # a shorter month: its last day
        assert (last + ONE_DAY).day == 1 and last.day < trigger.day
    assert last <= months_for(Words.WITHIN, trigger, months)


@given(event=dates, months=st.integers(1, 24))
def test_at_least_months_before_leaves_that_many_whole_months_and_no_more_room(
    event: dt.date, months: int
) -> None:
    last = months_for(Words.AT_LEAST_BEFORE, event, months)
    # The months from the day after `last` fit before the event; from the day after that they do not.
    assert months_for(Words.BEGINNING_WITH, last + ONE_DAY, months) < event
    assert months_for(Words.BEGINNING_WITH, last + 2 * ONE_DAY, months) >= event


@given(rule_id=st.sampled_from(sorted(RULE_SET.rules)), a=dates, gap=st.integers(0, 400))
def test_the_bulk_fast_path_gives_the_same_answer_as_the_full_one(rule_id: str, a: dt.date, gap: int) -> None:
    rule = RULE_SET.rule(rule_id)
    in_force(rule_id, a)
    b = a + dt.timedelta(days=gap)
    args = (a, b) if rule.is_later_of else (a,)
    expected = due_date(rule_id, a, second=b if rule.is_later_of else None).due
    assert fast_due(rule_id, on=a)(*args) == expected
    assert compute_uncached(rule_id, on=a)(*args) == expected
