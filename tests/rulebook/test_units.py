import datetime as dt

import pytest

from opensend.rulebook.units import Count, Direction, Unit, add_months, long_date

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
def test_add_months_keeps_the_day_or_uses_the_last_day_of_the_month(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(start, months) == expected


def test_long_date_has_the_weekday_and_no_leading_zero() -> None:
    assert long_date(D(2025, 3, 1)) == "Saturday 1 March 2025"


def test_describe_reads_as_plain_english() -> None:
    count = Count("meeting", "the day of the review meeting", Unit.WEEKS, 2, Direction.BEFORE)
    assert count.describe() == "2 weeks before the day of the review meeting"
    fixed = Count("transfer", "the move", Unit.FIXED_DATE, month=2, day=15)
    assert fixed.describe() == "15 February in the calendar year of the move"
    one = Count("x", "the order", Unit.WORKING_DAYS, 1)
    assert one.describe() == "1 working day after the order"
