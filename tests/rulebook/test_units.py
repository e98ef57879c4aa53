import datetime as dt

import pytest

from opensend.rulebook.counting import (
    Words,
    add_months,
    days_for,
    months_at_least_before,
    months_beginning_with,
    months_for,
)
from opensend.rulebook.units import Count, Unit, long_date

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 12, 31), 2, D(2025, 2, 28)),
        (D(2023, 12, 31), 2, D(2024, 2, 29)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2025, 5, 31), 12, D(2026, 5, 31)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),
    ],
)
def test_within_months_ends_on_the_same_day_number_or_the_last_day_of_the_month(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(start, months) == expected
    if months > 0:
        assert months_for(Words.WITHIN, start, months) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 3, 1), 12, D(2027, 2, 28)),  # the example
        (D(2025, 3, 1), 1, D(2025, 3, 31)),  # a month beginning with the 1st is that whole month
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # no 29 Feb 2025: the last day of February
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # no 31 Feb: the last day of February
        (D(2024, 1, 30), 1, D(2024, 2, 29)),  # no 30 Feb 2024: 29 Feb
        (D(2024, 1, 29), 1, D(2024, 2, 28)),  # 29 Feb 2024 exists: the day before it
        (D(2025, 1, 28), 1, D(2025, 2, 27)),
        (D(2023, 5, 31), 1, D(2023, 6, 30)),  # no 31 Jun
        (D(2023, 3, 1), 12, D(2024, 2, 29)),  # the day before 1 Mar 2024
    ],
)
def test_months_beginning_with_end_the_day_before_the_same_day_number(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert months_beginning_with(start, months) == expected
    assert months_for(Words.BEGINNING_WITH, start, months) == expected
    assert months_for(Words.STARTING_WITH, start, months) == expected


@pytest.mark.parametrize(
    ("event", "months", "expected"),
    [
        (D(2025, 9, 1), 5, D(2025, 3, 31)),  # 1 Apr to 31 Aug are the 5 whole months
        (D(2025, 3, 1), 5, D(2024, 9, 30)),  # 1 Oct to 28 Feb
        (D(2025, 7, 31), 5, D(2025, 2, 27)),  # no 31 Feb: 28 Feb, and the day before
        (D(2024, 7, 31), 5, D(2024, 2, 28)),  # 29 Feb 2024, and the day before
    ],
)
def test_at_least_months_before_leaves_whole_months_between(
    event: dt.date, months: int, expected: dt.date
) -> None:
    assert months_at_least_before(event, months) == expected
    assert months_for(Words.AT_LEAST_BEFORE, event, months) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (Words.WITHIN, D(2025, 3, 16)),  # 1 Mar not counted: 15 days after it
        (Words.BEGINNING_WITH, D(2025, 3, 15)),  # 1 Mar is day 1
        (Words.STARTING_WITH, D(2025, 3, 15)),
        (Words.AT_LEAST_BEFORE, D(2025, 2, 13)),  # 14 to 28 Feb are the 15 clear days
    ],
)
def test_days_are_counted_from_the_words(words: Words, expected: dt.date) -> None:
    assert days_for(words, D(2025, 3, 1), 15) == expected


def test_a_fixed_date_is_not_a_number_of_days() -> None:
    with pytest.raises(ValueError, match="does not count days"):
        days_for(Words.BEFORE, D(2025, 3, 1), 15)
    with pytest.raises(ValueError, match="does not count months"):
        months_for(Words.BEFORE, D(2025, 3, 1), 1)


def test_long_date_has_the_weekday_and_no_leading_zero() -> None:
    assert long_date(D(2025, 3, 1)) == "Saturday 1 March 2025"


def test_describe_reads_as_the_law_words_it() -> None:
    before = Count("meeting", "the day of the review meeting", Unit.WEEKS, Words.AT_LEAST_BEFORE, offset=2)
    assert before.describe() == "at least 2 weeks before the day of the review meeting"
    fixed = Count("transfer", "the move", Unit.FIXED_DATE, Words.BEFORE, month=2, day=15)
    assert fixed.describe() == "before 15 February in the calendar year of the move"
    one = Count("x", "the order", Unit.WORKING_DAYS, Words.WITHIN, offset=1)
    assert one.describe() == "within 1 working day of the order"
    starting = Count("made", "the day the plan was made", Unit.MONTHS, Words.STARTING_WITH, offset=12)
    assert starting.describe() == "12 months starting with the day the plan was made"
