"""Date arithmetic for each way the law words a period. Pure functions, no Django.

The words decide which day is the first of the period and which is the last; the unit decides how
long it is. See docs/adr/0022-day-counts-from-the-words.md and
docs/adr/0023-month-ends-and-the-corresponding-date.md for the authorities.

* "within N of X" (also "within N after", "within N from"): day X is not counted, so the period
  ends N units after it: X + N days, or the corresponding date N months on.
* "beginning with X" / "starting with X": day X is day 1, so the period ends on X + N - 1 days, or
  the day before the corresponding date N months on (the last day of that month if it has none).
* "before D" (a fixed date): the last day is the day before D.
* "at least N before E": N whole units must lie between the act and the event, neither day
  counted, so the last day is E - N - 1 days, or the day before the corresponding date N months
  earlier.
"""

import datetime as dt
import enum
from collections.abc import Callable

ONE_DAY = dt.timedelta(days=1)


class Words(enum.StrEnum):
    """How the regulation words a period. The value is what the rule set's `words` key holds."""

    WITHIN = "within"
    BEGINNING_WITH = "beginning with"
    STARTING_WITH = "starting with"
    BEFORE = "before"
    AT_LEAST_BEFORE = "at least before"

    @property
    def counts_the_trigger(self) -> bool:
        """The trigger day is day 1 of the period ("beginning with", "starting with")."""
        return self in (Words.BEGINNING_WITH, Words.STARTING_WITH)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def last_day_of_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _month_shift(day: dt.date, months: int) -> tuple[int, int, int]:
    """The year, month and last day of the month `months` after (or before) `day`'s month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return year, month + 1, last_day_of_month(year, month + 1)


def corresponding_date(day: dt.date, months: int) -> dt.date | None:
    """The day with the same number `months` later (or earlier), or None if that month has none."""
    year, month, last = _month_shift(day, months)
    return None if day.day > last else dt.date(year, month, day.day)


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding date `months` on (or back); the last day of the month if there is none.

    This is the end of a period of months that does not count its first day ("within 2 months
    after"): Dodds v Walker [1981] 1 WLR 1027 (HL).
    """
    year, month, last = _month_shift(day, months)
    return dt.date(year, month, min(day.day, last))


def months_beginning_with(day: dt.date, months: int) -> dt.date:
    """The last day of a period of `months` months that begins with (counts) `day`.

    The day before the corresponding date, or, where the later month has no corresponding date,
    the last day of that month: 1 March 2026 + 12 -> 28 February 2027; 29 February 2024 + 12 ->
    28 February 2025; 31 January 2025 + 1 -> 28 February 2025.
    """
    year, month, last = _month_shift(day, months)
    if day.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, day.day) - ONE_DAY


def months_at_least_before(event: dt.date, months: int) -> dt.date:
    """The last day on which an act is `months` whole months before `event`, neither day counted.

    The months run from the day after the act to the day before the event, so the act must be on
    or before the day before the date `months` earlier (or that month's last day if it has no
    corresponding date): a move on 1 September 2025, 5 months -> 31 March 2025.
    """
    return add_months(event, -months) - ONE_DAY


def days_for(words: Words, trigger: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` calendar days worded as `words`."""
    if words is Words.WITHIN:
        return trigger + dt.timedelta(days=days)
    if words.counts_the_trigger:
        return trigger + dt.timedelta(days=days - 1)
    if words is Words.AT_LEAST_BEFORE:
        return trigger - dt.timedelta(days=days + 1)
    raise ValueError(f"{words!r} does not count days")


def months_function(words: Words) -> Callable[[dt.date, int], dt.date]:
    """The month arithmetic for `words`, chosen once so that a compiled rule does not choose again."""
    if words is Words.WITHIN:
        return add_months
    if words.counts_the_trigger:
        return months_beginning_with
    if words is Words.AT_LEAST_BEFORE:
        return months_at_least_before
    raise ValueError(f"{words!r} does not count months")


def months_for(words: Words, trigger: dt.date, months: int) -> dt.date:
    """The last day of a period of `months` calendar months worded as `words`."""
    return months_function(words)(trigger, months)
