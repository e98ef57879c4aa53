"""How an offset is counted from a trigger date, unit by unit. Pure functions, no Django.

Each `Count` compiles to a plain function `date -> date`; `explain` says in words how it counted.
"""

import calendar as _calendar
import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass

from .calendar import WorkingDayCalendar


class Unit(enum.StrEnum):
    WEEKS = "weeks"  # trigger + 7N calendar days
    DAYS = "days"  # trigger + N calendar days
    DAYS_BEGINNING_WITH = "days_beginning_with"  # the trigger is day 1: trigger + N - 1
    WORKING_DAYS = "working_days"  # the trigger is day 0; weekends, bank holidays, closure days skipped
    MONTHS = "months"  # same day number N months on, or the last day of a shorter month
    FIXED_DATE = "fixed_date"  # a day and month in the trigger's calendar year


class Direction(enum.StrEnum):
    AFTER = "after"
    BEFORE = "before"


UNIT_WORDS: dict[Unit, tuple[str, str]] = {
    Unit.WEEKS: ("week", "weeks"),
    Unit.DAYS: ("day", "days"),
    Unit.DAYS_BEGINNING_WITH: ("day", "days"),
    Unit.WORKING_DAYS: ("working day", "working days"),
    Unit.MONTHS: ("month", "months"),
}


def long_date(day: dt.date) -> str:
    """'Monday 6 January 2025': the GOV.UK style, with the weekday so people can check a calendar."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number `months` later (or earlier); the last day of the month if there is none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Count:
    """One offset from one trigger: '20 weeks after the request was received'."""

    trigger: str
    trigger_label: str
    unit: Unit
    offset: int = 0
    direction: Direction = Direction.AFTER
    month: int = 0  # for FIXED_DATE
    day: int = 0  # for FIXED_DATE

    @property
    def sign(self) -> int:
        return -1 if self.direction is Direction.BEFORE else 1

    def describe(self) -> str:
        """'20 weeks after the date the council received the request'."""
        if self.unit is Unit.FIXED_DATE:
            return (
                f"{self.day} {_calendar.month_name[self.month]} in the calendar year of {self.trigger_label}"
            )
        one, many = UNIT_WORDS[self.unit]
        words = f"{self.offset} {one if self.offset == 1 else many}"
        if self.unit is Unit.DAYS_BEGINNING_WITH:
            return f"{words} beginning with {self.trigger_label}"
        return f"{words} {self.direction.value} {self.trigger_label}"

    def compile(self, working: WorkingDayCalendar) -> Callable[[dt.date], dt.date]:
        """A function trigger -> due date for this count, with every constant bound in advance."""
        unit, n = self.unit, self.sign * self.offset
        if unit is Unit.WEEKS or unit is Unit.DAYS or unit is Unit.DAYS_BEGINNING_WITH:
            days = n * 7 if unit is Unit.WEEKS else n
            if unit is Unit.DAYS_BEGINNING_WITH:
                days -= self.sign  # the trigger day itself is day 1
            delta = dt.timedelta(days=days)
            return lambda trigger: trigger + delta
        if unit is Unit.WORKING_DAYS:
            add, from_ordinal = working.add_ordinal, dt.date.fromordinal
            return lambda trigger: from_ordinal(add(trigger.toordinal(), n))
        if unit is Unit.MONTHS:
            return lambda trigger: add_months(trigger, n)
        if unit is Unit.FIXED_DATE:
            month, day = self.month, self.day
            return lambda trigger: dt.date(trigger.year, month, day)
        raise ValueError(f"Unknown unit {unit!r}")  # pragma: no cover - Unit is closed

    def explain(self, trigger: dt.date, due: dt.date, working: WorkingDayCalendar) -> str:
        """How `due` was counted from `trigger`, in words a family can check against a calendar."""
        start = long_date(trigger)
        if self.unit is Unit.WEEKS:
            return (
                f"{self.offset} weeks ({self.offset * 7} calendar days) {self.direction.value} {start}. "
                "Weekends and bank holidays count as usual, and a deadline on one does not move."
            )
        if self.unit is Unit.DAYS:
            return (
                f"{self.offset} calendar days {self.direction.value} {start}. "
                "Weekends and bank holidays count as usual, and a deadline on one does not move."
            )
        if self.unit is Unit.DAYS_BEGINNING_WITH:
            return (
                f"{self.offset} days beginning with {start}: that day is day 1, so day {self.offset} "
                f"is {long_date(due)}. A deadline on a weekend or bank holiday does not move."
            )
        if self.unit is Unit.WORKING_DAYS:
            first, last = (trigger, due) if due >= trigger else (due, trigger)
            skipped = working.non_working_between(first, last)
            text = (
                f"{self.offset} working days {self.direction.value} {start}, which is day 0. "
                "Saturdays and Sundays are not counted"
            )
            if skipped:
                named = "; ".join(f"{long_date(day)} ({name})" for day, name in skipped)
                return f"{text}, and neither are these days: {named}."
            return f"{text}; there are no bank holidays in between."
        if self.unit is Unit.MONTHS:
            text = f"{self.offset} calendar months {self.direction.value} {start}"
            if due.day != trigger.day:
                return (
                    f"{text}. {due:%B %Y} has no day {trigger.day}, so the deadline is the last day of "
                    "that month. A deadline on a weekend or bank holiday does not move."
                )
            return (
                f"{text}: the same day of the month. A deadline on a weekend or bank holiday does not move."
            )
        if self.unit is Unit.FIXED_DATE:
            return (
                f"{self.day} {_calendar.month_name[self.month]} in {trigger.year}, the calendar year of "
                f"{start}. A deadline on a weekend or bank holiday does not move."
            )
        raise ValueError(f"Unknown unit {self.unit!r}")  # pragma: no cover - Unit is closed
