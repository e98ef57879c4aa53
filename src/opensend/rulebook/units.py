"""One period counted from one trigger, as the regulation words it. Pure functions, no Django.

A `Count` holds the unit (how long) and the words (which days are first and last: see
`counting.py`). It compiles to a plain function `date -> date`, and `explain` says in words how a
date was counted, quoting the regulation's own phrase.
"""

import calendar as _calendar
import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass

from .calendar import WorkingDayCalendar
from .counting import Words, corresponding_date, days_for, months_function

# Re-exported: callers have always imported these from here.
from .counting import add_months as add_months


class Unit(enum.StrEnum):
    WEEKS = "weeks"  # 7N calendar days
    DAYS = "days"  # N calendar days
    WORKING_DAYS = "working_days"  # weekends, bank holidays and closure days are not counted
    MONTHS = "months"  # calendar months, by the corresponding date
    FIXED_DATE = "fixed_date"  # a day and month in the trigger's calendar year


#: Which words each unit may have. A fixed date is only ever "before" it.
ALLOWED_WORDS: dict[Unit, frozenset[Words]] = {
    Unit.WEEKS: frozenset({Words.WITHIN, Words.BEGINNING_WITH, Words.STARTING_WITH, Words.AT_LEAST_BEFORE}),
    Unit.DAYS: frozenset({Words.WITHIN, Words.BEGINNING_WITH, Words.STARTING_WITH, Words.AT_LEAST_BEFORE}),
    Unit.WORKING_DAYS: frozenset({Words.WITHIN, Words.BEGINNING_WITH, Words.STARTING_WITH}),
    Unit.MONTHS: frozenset({Words.WITHIN, Words.BEGINNING_WITH, Words.STARTING_WITH, Words.AT_LEAST_BEFORE}),
    Unit.FIXED_DATE: frozenset({Words.BEFORE}),
}

UNIT_WORDS: dict[Unit, tuple[str, str]] = {
    Unit.WEEKS: ("week", "weeks"),
    Unit.DAYS: ("day", "days"),
    Unit.WORKING_DAYS: ("working day", "working days"),
    Unit.MONTHS: ("month", "months"),
}

UNCHANGED = "A deadline on a weekend or bank holiday does not move."


def long_date(day: dt.date) -> str:
    """'Monday 6 January 2025': the GOV.UK style, with the weekday so people can check a calendar."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_month(day: int, month: int) -> str:
    return f"{day} {_calendar.month_name[month]}"


@dataclass(frozen=True, slots=True)
class Count:
    """One period from one trigger: 'within 20 weeks of the day the council received the request'."""

    trigger: str
    trigger_label: str
    unit: Unit
    words: Words
    period_text: str = ""  # the regulation's own phrase, quoted
    offset: int = 0
    month: int = 0  # for FIXED_DATE
    day: int = 0  # for FIXED_DATE

    @property
    def length(self) -> str:
        one, many = UNIT_WORDS[self.unit]
        return f"{self.offset} {one if self.offset == 1 else many}"

    @property
    def backwards(self) -> bool:
        """The period ends before its trigger (an event still to come, or a fixed date)."""
        return self.words in (Words.AT_LEAST_BEFORE, Words.BEFORE)

    def describe(self) -> str:
        """'within 20 weeks of the day the council received the request', in the law's words."""
        if self.unit is Unit.FIXED_DATE:
            return f"before {day_month(self.day, self.month)} in the calendar year of {self.trigger_label}"
        if self.words is Words.WITHIN:
            return f"within {self.length} of {self.trigger_label}"
        if self.words is Words.AT_LEAST_BEFORE:
            return f"at least {self.length} before {self.trigger_label}"
        return f"{self.length} {self.words.value} {self.trigger_label}"

    def compile(self, working: WorkingDayCalendar) -> Callable[[dt.date], dt.date]:
        """A function trigger -> last day, with every constant bound in advance."""
        unit, n, words = self.unit, self.offset, self.words
        if unit is Unit.WEEKS or unit is Unit.DAYS:
            days = n * 7 if unit is Unit.WEEKS else n
            delta = days_for(words, dt.date(2000, 1, 1), days) - dt.date(2000, 1, 1)
            return lambda trigger: trigger + delta
        if unit is Unit.WORKING_DAYS:
            add, from_ordinal = working.add_ordinal, dt.date.fromordinal
            # "beginning with": the trigger is day 1 when it is a working day, so count from the
            # day before it; "within": the trigger is day 0.
            start = 1 if words.counts_the_trigger else 0
            return lambda trigger: from_ordinal(add(trigger.toordinal() - start, n))
        if unit is Unit.MONTHS:
            months = months_function(words)
            return lambda trigger: months(trigger, n)
        if unit is Unit.FIXED_DATE:
            month, day, one_day = self.month, self.day, dt.timedelta(days=1)
            return lambda trigger: dt.date(trigger.year, month, day) - one_day
        raise ValueError(f"Unknown unit {unit!r}")  # pragma: no cover - Unit is closed

    def explain(
        self,
        trigger: dt.date,
        due: dt.date,
        working: WorkingDayCalendar,
        *,
        unnamed: Callable[[dt.date], bool] | None = None,
    ) -> str:
        """How `due` was counted from `trigger`, in words a family can check against a calendar.

        `unnamed` picks out days left out of a working-day count that the caller explains itself
        (rule 12(3)(b)'s Christmas and August days), so that they are not listed one by one.
        """
        start, end = long_date(trigger), long_date(due)
        quoted = f'The law says "{self.period_text}". ' if self.period_text else ""
        if self.unit is Unit.WORKING_DAYS:
            return quoted + self._working_days(trigger, due, working, start, end, unnamed)
        return quoted + self._how(trigger, due, start, end)

    def _how(self, trigger: dt.date, due: dt.date, start: str, end: str) -> str:
        words, unit = self.words, self.unit
        if unit is Unit.FIXED_DATE:
            before = dt.date(trigger.year, self.month, self.day)
            return (
                f"Before {long_date(before)}, in {trigger.year}, the calendar year of {start}: the last "
                f"day is {end}. {UNCHANGED}"
            )
        if unit is Unit.MONTHS:
            return self._months(trigger, due, start, end)
        days = self.offset * 7 if unit is Unit.WEEKS else self.offset
        size = f"{self.length} ({days} days)" if unit is Unit.WEEKS else self.length
        if words is Words.WITHIN:
            return f"{start} is not counted, so {size} after it end on {end}. {UNCHANGED}"
        if words is Words.AT_LEAST_BEFORE:
            return (
                f"{size} must fall between the day it is done and {start}, neither of them counted, so "
                f"the last day is {end}. {UNCHANGED}"
            )
        return f"{start} is day 1, so day {days} is {end}. {UNCHANGED}"

    def _months(self, trigger: dt.date, due: dt.date, start: str, end: str) -> str:
        words, n = self.words, self.offset
        if words is Words.AT_LEAST_BEFORE:
            back = corresponding_date(trigger, -n)
            where = (
                f"{n} months before it is {long_date(back)}"
                if back
                else f"{due + dt.timedelta(days=1):%B %Y} has no day {trigger.day}, so {n} months before "
                "it is the last day of that month"
            )
            return (
                f"{self.length} must fall between the day it is done and {start}, neither of them "
                f"counted. {where}, so the last day is the day before, {end}. {UNCHANGED}"
            )
        later = corresponding_date(trigger, n)
        if words is Words.WITHIN:
            if later is None:
                return (
                    f"{start} is not counted. {due:%B %Y} has no day {trigger.day}, so {self.length} "
                    f"after it end on the last day of that month, {end}. {UNCHANGED}"
                )
            return (
                f"{start} is not counted, so {self.length} after it end on the same day number, {end}. "
                f"{UNCHANGED}"
            )
        if later is None:
            return (
                f"{start} is the first day of the period. {due:%B %Y} has no day {trigger.day}, so the "
                f"period ends on the last day of that month, {end}. {UNCHANGED}"
            )
        return (
            f"{start} is the first day of the period, so it ends the day before {long_date(later)}, "
            f"on {end}. {UNCHANGED}"
        )

    def _working_days(
        self,
        trigger: dt.date,
        due: dt.date,
        working: WorkingDayCalendar,
        start: str,
        end: str,
        unnamed: Callable[[dt.date], bool] | None,
    ) -> str:
        if self.words.counts_the_trigger:
            first = (
                f"{start} is a working day, so it is day 1"
                if working.is_working_day(trigger)
                else f"{start} is not a working day, so day 1 is the next working day"
            )
        else:
            first = f"{start} is day 0 and the next working day is day 1"
        text = f"{first}; day {self.offset} is {end}. Saturdays and Sundays are not counted"
        skipped = working.non_working_between(min(trigger, due), max(trigger, due))
        if unnamed is not None:
            skipped = [(day, name) for day, name in skipped if not unnamed(day)]
        if skipped:
            named = "; ".join(f"{long_date(day)} ({name})" for day, name in skipped)
            return f"{text}, and neither are these days: {named}."
        if unnamed is not None:
            return f"{text}; no other bank holiday falls in between."
        return f"{text}; there are no bank holidays in between."
