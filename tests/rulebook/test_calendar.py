import datetime as dt

import pytest

from opensend.rulebook.calendar import WorkingDayCalendar, calendar_for
from opensend.rulebook.errors import OutOfRange

D = dt.date


def test_substitute_and_one_off_bank_holidays_are_not_working_days() -> None:
    calendar = calendar_for()
    for day in (
        D(2021, 12, 27),
        D(2021, 12, 28),
        D(2022, 1, 3),
        D(2022, 6, 3),
        D(2022, 9, 19),
        D(2023, 5, 8),
    ):
        assert not calendar.is_working_day(day), day


def test_weekdays_that_are_not_holidays_are_working_days() -> None:
    calendar = calendar_for()
    assert calendar.is_working_day(D(2024, 2, 29))
    assert calendar.is_working_day(D(2021, 12, 29))
    assert not calendar.is_working_day(D(2025, 3, 1))  # Saturday


def test_zero_working_days_is_the_trigger_itself() -> None:
    assert calendar_for().add(D(2025, 3, 1), 0) == D(2025, 3, 1)


def test_counting_backwards_finds_the_nth_working_day_before() -> None:
    calendar = calendar_for()
    # Before Tuesday 29 Dec 2020: Thu 24 (1), Wed 23 (2); 25 and 28 Dec are bank holidays.
    assert calendar.add(D(2020, 12, 29), -1) == D(2020, 12, 24)
    assert calendar.add(D(2020, 12, 29), -2) == D(2020, 12, 23)


def test_closure_days_added_by_a_rule_set_are_skipped() -> None:
    plain = WorkingDayCalendar()
    with_closure = WorkingDayCalendar([D(2025, 3, 4)])
    assert plain.add(D(2025, 3, 3), 1) == D(2025, 3, 4)
    assert with_closure.add(D(2025, 3, 3), 1) == D(2025, 3, 5)
    assert with_closure.non_working_between(D(2025, 3, 1), D(2025, 3, 7)) == [
        (D(2025, 3, 4), "closure day in the rule set")
    ]


def test_the_calendar_grows_to_cover_dates_outside_its_first_years() -> None:
    calendar = WorkingDayCalendar()
    # 2099-12-31 is a Thursday; 1 Jan 2100 (Friday) is New Year's Day, so Mon 4 Jan is day 1.
    assert calendar.add(D(2099, 12, 31), 1) == D(2100, 1, 4)
    # Boxing Day 1994 was Monday 26, Christmas observed Tuesday 27.
    assert calendar.add(D(1994, 12, 23), 1) == D(1994, 12, 28)


def test_dates_far_outside_the_supported_years_are_refused() -> None:
    with pytest.raises(OutOfRange):
        WorkingDayCalendar().add(D(2200, 1, 1), 3)


def test_calendar_is_built_once_per_set_of_closure_days() -> None:
    assert calendar_for() is calendar_for()
    assert calendar_for(frozenset({D(2025, 3, 4)})) is not calendar_for()
