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
from array import array
from collections.abc import Iterable

import holidays

from .errors import OutOfRange

#: Years the calendar can answer for. Outside this, a date is almost certainly a typing mistake.
MIN_YEAR = 1950
MAX_YEAR = 2150
#: Years built on first use; the calendar grows (rebuilds) when asked about a date outside them.
_INITIAL_YEARS = (2000, 2060)


class WorkingDayCalendar:
    """Working days in England and Wales, with extra closure days added by a rule set."""

    def __init__(self, extra_closed: Iterable[dt.date] = ()) -> None:
        self.extra_closed: frozenset[dt.date] = frozenset(extra_closed)
        self._build(*_INITIAL_YEARS)

    def _build(self, first_year: int, last_year: int) -> None:
        first_year, last_year = max(first_year, MIN_YEAR), min(last_year, MAX_YEAR)
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        self.first_year, self.last_year = first_year, last_year
        self.bank_holidays: dict[dt.date, str] = {
            day: str(name) for day, name in bank.items() if first_year <= day.year <= last_year
        }
        closed = {day.toordinal() for day in self.bank_holidays} | {d.toordinal() for d in self.extra_closed}
        self._base = dt.date(first_year, 1, 1).toordinal()
        self._end = dt.date(last_year, 12, 31).toordinal()
        working = array("l")
        count = array("l")
        seen = 0
        for ordinal in range(self._base, self._end + 1):
            # date.fromordinal(o).weekday() == (o - 1) % 7, with Monday as 0.
            if (ordinal - 1) % 7 < 5 and ordinal not in closed:
                working.append(ordinal)
                seen += 1
            count.append(seen)
        self._working = working
        self._count = count

    def _cover(self, ordinal: int) -> None:
        """Grow the calendar so that it covers `ordinal` with a year to spare either side."""
        year = dt.date.fromordinal(ordinal).year
        if not (MIN_YEAR <= year <= MAX_YEAR):
            raise OutOfRange(f"Dates must be between {MIN_YEAR} and {MAX_YEAR}")
        covered = (self.first_year, self.last_year)
        self._build(min(self.first_year, year - 1), max(self.last_year, year + 1))
        if (self.first_year, self.last_year) == covered:
            raise OutOfRange(f"Dates must be between {MIN_YEAR} and {MAX_YEAR}")

    def _count_on_or_before(self, ordinal: int) -> int:
        if not (self._base <= ordinal <= self._end):
            self._cover(ordinal)
        return self._count[ordinal - self._base]

    def is_working_day(self, day: dt.date) -> bool:
        ordinal = day.toordinal()
        return self._count_on_or_before(ordinal) != self._count_on_or_before(ordinal - 1)

    def add_ordinal(self, ordinal: int, n: int) -> int:
        """The n-th working day after `ordinal` (n > 0), or the -n-th before it (n < 0)."""
        if n == 0:
            return ordinal
        if n > 0:
            index = self._count_on_or_before(ordinal) + n - 1
        else:
            index = self._count_on_or_before(ordinal - 1) + n
        if not (0 <= index < len(self._working)):
            # n working days never span more than 2n + 14 calendar days in England.
            self._cover(ordinal + 2 * n + (14 if n > 0 else -14))
            return self.add_ordinal(ordinal, n)
        return self._working[index]

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
