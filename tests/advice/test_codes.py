"""The England school year, and preparing-for-adulthood advice from Year 9 only."""

import datetime as dt

import pytest

from opensend.advice.codes import AdviceType, school_year, types_offered


@pytest.mark.parametrize(
    ("born", "on", "year"),
    [
        (dt.date(2011, 8, 31), dt.date(2024, 9, 1), 9),  # turned 13 the day before: Year 9 now
        (dt.date(2011, 8, 31), dt.date(2024, 8, 31), 8),
        (dt.date(2010, 9, 1), dt.date(2024, 9, 1), 9),  # oldest in the year: 14 on the first day
        (dt.date(2010, 9, 1), dt.date(2023, 9, 1), 8),  # turned 13 that day: Year 9 starts next September
        (dt.date(2011, 1, 15), dt.date(2025, 3, 1), 9),
        (dt.date(2016, 5, 1), dt.date(2026, 3, 2), 5),
        (dt.date(2020, 12, 1), dt.date(2026, 3, 2), 0),  # Reception
        (dt.date(2021, 12, 1), dt.date(2026, 3, 2), -1),  # not yet at school
    ],
)
def test_school_year_counts_from_the_age_on_31_august(born, on, year):
    assert school_year(born, on) == year


def test_preparing_for_adulthood_is_offered_from_year_9_only():
    assert AdviceType.PREPARING_FOR_ADULTHOOD not in types_offered(dt.date(2011, 8, 31), dt.date(2024, 8, 31))
    assert AdviceType.PREPARING_FOR_ADULTHOOD in types_offered(dt.date(2011, 8, 31), dt.date(2024, 9, 1))
    assert len(types_offered(dt.date(2011, 8, 31), dt.date(2024, 9, 1))) == len(AdviceType)
