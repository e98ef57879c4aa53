"""The working-day calendar: Saturdays, Sundays and bank holidays in England are not working days.

Bank holidays (with substitute days, and one-off days such as the 2022 state funeral) come from the
`holidays` package; a rule set may add closure days of its own. The calendar is precomputed once as
two arrays so that "N working days after" is two index look-ups, not a day-by-day walk:

* `_working` holds the ordinals of every working day in the covered years, in order;
* `_count[o - base]` is how many working days fall on or before ordinal `o`.

The N-th working day after day `o` (which is day 0) is `_working[_count[o] + N - 1]`, and the N-th
before it is `_working[_count[o - 1] - N]`. See docs/adr/0021-working-day-calendar.md.
"""

import datetime as dt
import functools
import threading
from array import array
from collections.abc import Iterable
from typing import NamedTuple

import holidays

from .errors import OutOfRange

#: Years the calendar can answer for. Outside this, a date is almost certainly a typing mistake.
MIN_YEAR = 1950
MAX_YEAR = 2150
#: Years built on first use; the calendar grows (rebuilds) when asked about a date outside them.
_INITIAL_YEARS = (2000, 2060)


class _Arrays(NamedTuple):
    """One consistent snapshot of the precomputed calendar, replaced as a whole when it grows."""

    base: int  # ordinal of 1 January of the first year covered
    end: int  # ordinal of 31 December of the last year covered
    working: array  # ordinals of working days, ascending
    count: array  # type: ignore[assignment]  # count[o - base]: working days on or before ordinal o


class WorkingDayCalendar:
    """Working days in England and Wales, with extra closure days added by a rule set."""

    def __init__(self, extra_closed: Iterable[dt.date] = ()) -> None:
        self.extra_closed: frozenset[dt.date] = frozenset(extra_closed)
        self._lock = threading.Lock()
        self._build(*_INITIAL_YEARS)

    def _build(self, first_year: int, last_year: int) -> None:
        first_year, last_year = max(first_year, MIN_YEAR), min(last_year, MAX_YEAR)
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        bank_holidays = {day: str(name) for day, name in bank.items() if first_year <= day.year <= last_year}
        closed = {day.toordinal() for day in bank_holidays} | {d.toordinal() for d in self.extra_closed}
        base = dt.date(first_year, 1, 1).toordinal()
        end = dt.date(last_year, 12, 31).toordinal()
        working = array("l")
        count = array("l")
        seen = 0
        for ordinal in range(base, end + 1):
            # date.fromordinal(o).weekday() == (o - 1) % 7, with Monday as 0.
            if (ordinal - 1) % 7 < 5 and ordinal not in closed:
                working.append(ordinal)
                seen += 1
            count.append(seen)
        self.bank_holidays: dict[dt.date, str] = bank_holidays
        self.first_year, self.last_year = first_year, last_year
        self._arrays = _Arrays(base, end, working, count)

    def _cover(self, ordinal: int) -> _Arrays:
        """Grow the calendar, if need be, so that it covers `ordinal` with a year to spare."""
        if self._arrays.base <= ordinal <= self._arrays.end:
            return self._arrays
        year = dt.date.fromordinal(max(1, min(ordinal, dt.date.max.toordinal()))).year
        if not (MIN_YEAR <= year <= MAX_YEAR):
            raise OutOfRange(f"Dates must be between {MIN_YEAR} and {MAX_YEAR}")
        with self._lock:
            self._build(min(self.first_year, year - 1), max(self.last_year, year + 1))
        arrays = self._arrays
        if not (arrays.base <= ordinal <= arrays.end):
            raise OutOfRange(f"Dates must be between {MIN_YEAR} and {MAX_YEAR}")
        return arrays

    def _count_on_or_before(self, ordinal: int) -> int:
        arrays = self._arrays
        if not (arrays.base <= ordinal <= arrays.end):
            arrays = self._cover(ordinal)
        return arrays.count[ordinal - arrays.base]

    def is_working_day(self, day: dt.date) -> bool:
        ordinal = day.toordinal()
        return self._count_on_or_before(ordinal) != self._count_on_or_before(ordinal - 1)

    def add_ordinal(self, ordinal: int, n: int) -> int:
        """The n-th working day after `ordinal` (n > 0), or the -n-th before it (n < 0)."""
        arrays = self._arrays
        # n working days never span more than 2n + 14 calendar days in England: grow the
        # calendar first if that span is not inside it.
        if n > 0:
            if ordinal <= arrays.base or ordinal + 2 * n + 14 > arrays.end:
                self._cover(ordinal - 1)
                arrays = self._cover(ordinal + 2 * n + 14)
            return arrays.working[arrays.count[ordinal - arrays.base] + n - 1]
        if n < 0:
            if ordinal + 2 * n - 14 < arrays.base or ordinal > arrays.end:
                self._cover(ordinal)
                arrays = self._cover(ordinal + 2 * n - 14)
            return arrays.working[arrays.count[ordinal - 1 - arrays.base] + n]
        return ordinal

    def add(self, day: dt.date, n: int) -> dt.date:
        return dt.date.fromordinal(self.add_ordinal(day.toordinal(), n))

    def non_working_between(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
        """Bank holidays and closure days (not weekends) from `first` to `last` inclusive, named."""
        self._count_on_or_before(first.toordinal())
        self._count_on_or_before(last.toordinal())
        days: list[tuple[dt.date, str]] = []
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = dt.date.fromordinal(ordinal)
            if day.weekday() >= 5:
                continue
            if day in self.extra_closed:
                days.append((day, "closure day in the rule set"))
            elif day in self.bank_holidays:
                days.append((day, self.bank_holidays[day]))
        return days


@functools.lru_cache(maxsize=16)
def calendar_for(extra_closed: frozenset[dt.date] = frozenset()) -> WorkingDayCalendar:
    """One shared calendar per set of extra closure days: building it is the expensive part."""
    return WorkingDayCalendar(extra_closed)
