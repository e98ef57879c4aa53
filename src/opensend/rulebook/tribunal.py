"""Rule 12 of the Tribunal Procedure (First-tier Tribunal) (HESC Chamber) Rules 2008: calculating time.

The SEND Regulations say nothing about a deadline that falls on a weekend, so their deadlines stay
where they fall. Time limits set by the Tribunal Procedure Rules themselves (T1, the appeal; T2,
the council's response) are different. In a special educational needs case, rule 12 says:

* (2) a time that ends on a day other than a working day ends on the next working day;
* (3)(a) if the time for the application notice (the appeal, rule 20) ends on a day from 25 December
  to 1 January, or on any day in August, the appeal is in time on the first working day after
  1 January or 31 August;
* (3)(b) the days from 25 December to 1 January and every day in August are not counted when
  calculating the time for any other act.

"Working day" (rule 1(3)): not a Saturday, Sunday, Christmas Day, Good Friday or a bank holiday,
which is what `calendar.WorkingDayCalendar` already counts. See
docs/adr/0025-tribunal-procedure-rule-12.md.
"""

import datetime as dt
import enum
import functools

from .calendar import MAX_YEAR, MIN_YEAR, WorkingDayCalendar
from .units import long_date


class TimeRule(enum.StrEnum):
    """A rule for calculating time that applies to a whole rule, named after its source."""

    #: rule 12(2) and (3)(a): the last day of the time for appealing.
    HESC_APPLICATION = "hesc-rule-12-application"
    #: rule 12(3)(b): days not counted in the time for any other act.
    HESC_ACT = "hesc-rule-12-act"


def is_not_counted(day: dt.date) -> bool:
    """25 December to 1 January inclusive, and every day in August (rule 12(3))."""
    return day.month == 8 or (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


@functools.cache
def days_not_counted() -> frozenset[dt.date]:
    """Every day rule 12(3)(b) leaves out, for every year the calendar can cover."""
    days: set[dt.date] = set()
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        days.update(dt.date(year, 8, day) for day in range(1, 32))
        days.update(dt.date(year, 12, day) for day in range(25, 32))
        days.add(dt.date(year, 1, 1))
    return frozenset(days)


def application_day(last: dt.date, working: WorkingDayCalendar) -> dt.date:
    """The last day an appeal is in time when the time for it (rule 20) ends on `last`."""
    if (last.month == 12 and last.day >= 25) or (last.month == 1 and last.day == 1):
        return working.add(dt.date(last.year + 1 if last.month == 12 else last.year, 1, 1), 1)
    if last.month == 8:
        return working.add(dt.date(last.year, 8, 31), 1)
    if not working.is_working_day(last):
        return working.add(last, 1)
    return last


def application_note(last: dt.date, day: dt.date) -> str:
    """Why the appeal deadline is `day` when the time for appealing ends on `last`."""
    if last.month == 8 or (last.month == 12 and last.day >= 25) or (last.month == 1 and last.day == 1):
        after = "31 August" if last.month == 8 else "1 January"
        when = "in August" if last.month == 8 else "between 25 December and 1 January"
        return (
            f"The time ends on {long_date(last)}, {when}, so an appeal is in time on the first working "
            f"day after {after}, {long_date(day)} (Tribunal Procedure Rules, rule 12(3)(a))."
        )
    if day != last:
        return (
            f"The time ends on {long_date(last)}, which is not a working day, so an appeal is in time on "
            f"the next working day, {long_date(day)} (Tribunal Procedure Rules, rule 12(2))."
        )
    return (
        f"{long_date(last)} is a working day, so the time for appealing ends then (Tribunal Procedure "
        "Rules, rule 12)."
    )


def application_deadline(last: dt.date, working: WorkingDayCalendar) -> tuple[dt.date, str]:
    day = application_day(last, working)
    return day, application_note(last, day)


ACT_NOTE = (
    "Days from 25 December to 1 January and every day in August are not counted either (Tribunal "
    "Procedure Rules, rule 12(3)(b))."
)
