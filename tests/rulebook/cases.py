"""Hand-worked deadlines, counted from a printed calendar before the engine was run.

Each row: rule id, trigger, second date (T1 and X3 only), due date, and how it was counted. The
engine, the `deadline` command and the API are all tested against this one table, and
docs/rulebook.md shows the same table. Every rule has at least three rows, one at a month end and
one over (or on) a bank holiday; `test_engine` checks that.

How each set of words is counted (docs/adr/0022 and 0023):
* within N of X: X is not counted; N days later (weeks: 7N), or the same day number N months on
  (the last day of a shorter month);
* N beginning with / starting with X: X is day 1, so X + N - 1 days, or the day before the same day
  number N months on (the last day of a shorter month);
* before D: the day before D;
* at least N before E: N whole units between the act and E: E - N - 1 days, or the day before the
  same day number N months earlier;
* working days: Saturdays, Sundays and bank holidays are skipped; "beginning with" X counts X as
  day 1 when it is a working day. T2 also skips 25 December to 1 January and all of August, and T1
  is in time on the next working day, or after 1 January or 31 August (Tribunal rule 12).
Bank holidays used (England): 25 and 28 Dec 2020; 27-28 Dec 2021, 3 Jan 2022 (substitutes); 2-3 Jun
2022; 19 Sep 2022; 26-27 Dec 2022, 2 Jan 2023; 7 and 10 Apr, 1 and 8 May 2023; 29 Mar, 1 Apr,
6 May, 27 May 2024; 30 Mar 2018 (Good Friday); 18 and 21 Apr, 5 and 26 May, 25 Aug, 25-26 Dec 2025;
1 Jan, 4 May, 25 May 2026; 1 Jan 2027.
"""

import datetime as dt
from typing import NamedTuple


class Case(NamedTuple):
    rule: str
    trigger: dt.date
    second: dt.date | None
    due: dt.date
    why: str


D = dt.date

CASES: list[Case] = [
    # -- within N weeks of X: X + 7N days; weekends and bank holidays count and never move a deadline
    Case("A2", D(2025, 1, 6), None, D(2025, 2, 17), "Mon + 42 days: 25 left in Jan, 17 into Feb"),
    Case("A2", D(2025, 1, 31), None, D(2025, 3, 14), "month end: 31 Jan + 28 = 28 Feb, + 14 = 14 Mar"),
    Case("A2", D(2025, 4, 4), None, D(2025, 5, 16), "over Easter 2025 and 5 May: 26 to 30 Apr, 16 into May"),
    Case("A3", D(2024, 12, 23), None, D(2025, 2, 3), "over Christmas: 8 to 31 Dec, 31 in Jan, 3 Feb"),
    Case("A3", D(2024, 11, 30), None, D(2025, 1, 11), "month end: 30 Nov + 31 = 31 Dec, + 11 = 11 Jan"),
    Case("A3", D(2024, 1, 20), None, D(2024, 3, 2), "leap year: 11 to 31 Jan, 29 Feb is day 40, 2 Mar"),
    Case("A4", D(2025, 1, 6), None, D(2025, 4, 28), "112 days: Jan 25, Feb 28, Mar 31, Apr 28, over Easter"),
    Case("A4", D(2024, 10, 31), None, D(2025, 2, 20), "month end: Nov 30, Dec 31, Jan 31, Feb 20"),
    Case("A4", D(2025, 2, 3), None, D(2025, 5, 26), "lands on the Spring bank holiday: not moved"),
    Case("A8", D(2025, 1, 6), None, D(2025, 5, 26), "140 days lands on the Spring bank holiday: not moved"),
    Case("A8", D(2024, 1, 15), None, D(2024, 6, 3), "leap year: 29 Feb 2024 is one of the 140 days"),
    Case("A8", D(2025, 1, 15), None, D(2025, 6, 4), "same request a year later, no 29 Feb: one day later"),
    Case("A8", D(2023, 11, 27), None, D(2024, 4, 15), "over Christmas, New Year, leap day and Easter"),
    Case("A8", D(2025, 8, 31), None, D(2026, 1, 18), "month end: Sep 30, Oct 31, Nov 30, Dec 31, Jan 18"),
    Case("R4", D(2024, 12, 20), None, D(2025, 1, 3), "14 days over Christmas and New Year"),
    Case("R4", D(2025, 1, 31), None, D(2025, 2, 14), "month end: 31 Jan + 14"),
    Case("R4", D(2024, 2, 22), None, D(2024, 3, 7), "leap year: 22 Feb + 7 = 29 Feb, + 7 = 7 Mar"),
    Case("R5", D(2024, 12, 20), None, D(2025, 1, 17), "28 days over Christmas and New Year"),
    Case("R5", D(2025, 1, 31), None, D(2025, 2, 28), "month end: 31 Jan + 28 = 28 Feb"),
    Case("R5", D(2025, 4, 28), None, D(2025, 5, 26), "lands on the Spring bank holiday: not moved"),
    Case("R7", D(2025, 2, 28), None, D(2025, 4, 25), "month end, over Easter: Mar 31, Apr 25"),
    Case("R7", D(2025, 10, 31), None, D(2025, 12, 26), "month end: Nov 30, 26 Dec is day 56, Boxing Day"),
    Case("R7", D(2024, 1, 5), None, D(2024, 3, 1), "leap year: Jan 26, Feb 29 is day 55, 1 Mar"),
    Case("RA2", D(2025, 6, 2), None, D(2025, 9, 8), "98 days over the summer bank holiday"),
    Case("RA2", D(2025, 3, 31), None, D(2025, 7, 7), "month end: Apr 30, May 31, Jun 30, Jul 7"),
    Case("RA2", D(2023, 11, 30), None, D(2024, 3, 7), "leap year: Dec 31, Jan 31, Feb 29, Mar 7"),
    Case("X2", D(2025, 7, 21), None, D(2025, 9, 1), "42 days over the summer bank holiday"),
    Case("X2", D(2025, 1, 31), None, D(2025, 3, 14), "month end: 31 Jan + 42"),
    Case("X2", D(2024, 1, 31), None, D(2024, 3, 13), "month end in a leap year: 29 Feb is day 29"),
    Case("T3a", D(2025, 3, 3), None, D(2025, 3, 17), "14 days"),
    Case("T3a", D(2025, 1, 31), None, D(2025, 2, 14), "month end: 31 Jan + 14"),
    Case("T3a", D(2025, 12, 11), None, D(2025, 12, 25), "lands on Christmas Day: not moved"),
    Case(
        "T3b", D(2025, 3, 3), None, D(2025, 5, 12), "70 days over Easter and May Day: Mar 28, Apr 30, May 12"
    ),
    Case("T3b", D(2025, 10, 31), None, D(2026, 1, 9), "month end, over Christmas: Nov 30, Dec 31, Jan 9"),
    Case("T3b", D(2023, 12, 20), None, D(2024, 2, 28), "Dec 11, Jan 31, Feb 28 (2024 has a 29 Feb after)"),
    Case("T3c", D(2025, 3, 3), None, D(2025, 6, 9), "98 days, over Easter and two May bank holidays"),
    Case("T3c", D(2025, 2, 28), None, D(2025, 6, 6), "month end: Mar 31, Apr 30, May 31, Jun 6"),
    Case("T3c", D(2025, 9, 18), None, D(2025, 12, 25), "lands on Christmas Day: not moved"),
    Case("T3d", D(2025, 3, 3), None, D(2025, 4, 7), "35 days"),
    Case("T3d", D(2025, 1, 31), None, D(2025, 3, 7), "month end: 28 Feb is day 28, 7 Mar"),
    Case("T3d", D(2025, 11, 28), None, D(2026, 1, 2), "35 days over Christmas and New Year"),
    Case("T3e", D(2025, 3, 3), None, D(2025, 3, 17), "14 days: only the school named, so 2 weeks"),
    Case("T3e", D(2024, 2, 29), None, D(2024, 3, 14), "month end, leap day: 1 to 14 Mar are days 1-14"),
    Case("T3e", D(2025, 8, 12), None, D(2025, 8, 26), "over the summer bank holiday"),
    Case("T3f", D(2025, 4, 1), None, D(2025, 5, 6), "over Easter and May Day: Apr 30 is day 29, 6 May"),
    Case("T3f", D(2025, 9, 30), None, D(2025, 11, 4), "month end: Oct 31 is day 31, 4 Nov"),
    Case("T3f", D(2024, 1, 25), None, D(2024, 2, 29), "leap year: 29 Feb 2024 is day 35"),
    Case("T3g", D(2025, 4, 10), None, D(2025, 6, 26), "77 days over Easter: Apr 20, May 31, Jun 26"),
    Case("T3g", D(2024, 12, 31), None, D(2025, 3, 18), "month end: Jan 31, Feb 28, Mar 18"),
    Case("T3g", D(2025, 10, 9), None, D(2025, 12, 25), "lands on Christmas Day: not moved"),
    Case("T5a", D(2024, 12, 18), None, D(2025, 1, 1), "lands on New Year's Day: not moved"),
    Case("T5a", D(2025, 3, 31), None, D(2025, 4, 14), "month end: 31 Mar + 14"),
    Case("T5a", D(2024, 2, 17), None, D(2024, 3, 2), "leap year: 29 Feb is day 12"),
    Case("T5b", D(2024, 12, 18), None, D(2025, 2, 26), "70 days over Christmas: Dec 13, Jan 31, Feb 26"),
    Case("T5b", D(2025, 5, 31), None, D(2025, 8, 9), "month end: Jun 30, Jul 31, Aug 9"),
    Case("T5b", D(2025, 2, 17), None, D(2025, 4, 28), "over Easter: Feb 11, Mar 31, Apr 28"),
    Case("T5c", D(2024, 12, 18), None, D(2025, 3, 26), "98 days: Dec 13, Jan 31, Feb 28, Mar 26"),
    Case("T5c", D(2025, 8, 31), None, D(2025, 12, 7), "month end: Sep 30, Oct 31, Nov 30, Dec 7"),
    Case("T5c", D(2025, 2, 18), None, D(2025, 5, 27), "over Easter and two May bank holidays"),
    Case("T6a", D(2025, 4, 10), None, D(2025, 5, 15), "35 days over Easter 2025"),
    Case("T6a", D(2024, 1, 31), None, D(2024, 3, 6), "month end in a leap year: 29 Feb is day 29"),
    Case("T6a", D(2025, 7, 25), None, D(2025, 8, 29), "over the summer bank holiday"),
    Case("T6b", D(2025, 4, 10), None, D(2025, 6, 26), "77 days: Apr 20, May 31, Jun 26"),
    Case("T6b", D(2024, 11, 30), None, D(2025, 2, 15), "month end, over Christmas: Dec 31, Jan 31, Feb 15"),
    Case("T6b", D(2024, 1, 15), None, D(2024, 4, 1), "lands on Easter Monday 2024: not moved"),
    Case("T7", D(2025, 11, 28), None, D(2026, 1, 2), "35 days over Christmas and New Year"),
    Case("T7", D(2025, 4, 30), None, D(2025, 6, 4), "month end, over the May bank holidays"),
    Case("T7", D(2024, 1, 22), None, D(2024, 2, 26), "Jan 9, Feb 26"),
    Case("T8", D(2025, 12, 12), None, D(2025, 12, 26), "lands on Boxing Day: not moved"),
    Case("T8", D(2025, 7, 31), None, D(2025, 8, 14), "month end: 31 Jul + 14"),
    Case("T8", D(2024, 2, 20), None, D(2024, 3, 5), "leap year: 29 Feb is day 9"),
    Case("T10", D(2026, 2, 16), None, D(2026, 3, 2), "14 days; February 2026 has 28 days"),
    Case("T10", D(2026, 4, 30), None, D(2026, 5, 14), "month end, over the 4 May 2026 bank holiday"),
    Case("T10", D(2025, 12, 24), None, D(2026, 1, 7), "over Christmas and New Year"),
    Case("T11", D(2024, 2, 8), None, D(2024, 3, 14), "35 days over 29 Feb 2024"),
    Case("T11", D(2025, 3, 31), None, D(2025, 5, 5), "month end: Apr 30 is day 30; lands on May Day"),
    Case("T11", D(2025, 12, 1), None, D(2026, 1, 5), "over Christmas: Dec 31 is day 30, 5 Jan"),
    # -- within N days of X: X + N
    Case("A7", D(2025, 1, 20), None, D(2025, 2, 4), "trigger + 15 days"),
    Case("A7", D(2025, 12, 20), None, D(2026, 1, 4), "over Christmas; a Sunday: not moved"),
    Case("A7", D(2025, 1, 31), None, D(2025, 2, 15), "month end: 31 Jan + 15"),
    Case("M4", D(2024, 2, 10), None, D(2024, 3, 11), "30 days over 29 Feb 2024"),
    Case("M4", D(2025, 12, 1), None, D(2025, 12, 31), "30 days over Christmas, to the month end"),
    Case("M4", D(2025, 1, 31), None, D(2025, 3, 2), "month end: 28 Feb is day 28, 2 Mar"),
    Case("M5", D(2025, 2, 10), None, D(2025, 3, 12), "30 days in a 28-day February"),
    Case("M5", D(2025, 11, 30), None, D(2025, 12, 30), "month end, over Christmas"),
    Case("M5", D(2025, 3, 31), None, D(2025, 4, 30), "month end, over Easter"),
    # -- N days beginning with X: X is day 1, so X + N - 1
    Case("A6", D(2025, 3, 1), None, D(2025, 3, 15), "served on the 1st, day 15 is the 15th"),
    Case("A6", D(2025, 12, 15), None, D(2025, 12, 29), "day 15 after Christmas: not moved"),
    Case("A6", D(2024, 2, 20), None, D(2024, 3, 5), "20 Feb to 29 Feb is days 1-10, 5 Mar is day 15"),
    Case("A6", D(2025, 1, 31), None, D(2025, 2, 14), "month end: 31 Jan is day 1, 14 Feb day 15"),
    Case("R6", D(2025, 2, 20), None, D(2025, 3, 6), "month end: 20-28 Feb is days 1-9, 6 Mar is day 15"),
    Case("R6", D(2025, 12, 12), None, D(2025, 12, 26), "day 15 is Boxing Day: not moved"),
    Case("R6", D(2025, 3, 31), None, D(2025, 4, 14), "31 Mar is day 1, 14 Apr day 15"),
    # -- at least N weeks before E: N weeks clear between the act and E, so E - 7N - 1
    Case("R3", D(2025, 1, 22), None, D(2025, 1, 7), "14 clear days, 8 to 21 Jan, so the 7th"),
    Case("R3", D(2025, 1, 9), None, D(2024, 12, 25), "9 Jan - 15 days: Christmas Day, not moved"),
    Case("R3", D(2024, 3, 15), None, D(2024, 2, 29), "15 Mar - 15 days: 29 Feb 2024 (month end)"),
    Case("R3", D(2025, 1, 2), None, D(2024, 12, 18), "back across the year end"),
    # -- working days within N of X: X is day 0; weekends and bank holidays are skipped
    Case("M3", D(2021, 12, 23), None, D(2021, 12, 30), "skips 27 and 28 Dec 2021 (substitute days)"),
    Case("M3", D(2022, 9, 16), None, D(2022, 9, 22), "skips 19 Sep 2022, the state funeral"),
    Case("M3", D(2025, 3, 1), None, D(2025, 3, 5), "Saturday trigger: Monday is day 1"),
    Case("M3", D(2024, 2, 28), None, D(2024, 3, 4), "month end: 29 Feb 2024 is day 1"),
    Case("M6", D(2022, 6, 1), None, D(2022, 6, 8), "skips 2 Jun (Spring) and 3 Jun 2022 (Jubilee)"),
    Case("M6", D(2025, 4, 17), None, D(2025, 4, 24), "skips Good Friday and Easter Monday 2025"),
    Case("M6", D(2025, 10, 31), None, D(2025, 11, 5), "month end: Mon 3, Tue 4, Wed 5 Nov"),
    Case("M7", D(2021, 12, 31), None, D(2022, 1, 6), "month end; skips 3 Jan 2022 (New Year substitute)"),
    Case("M7", D(2023, 5, 5), None, D(2023, 5, 11), "skips 8 May 2023, the coronation"),
    Case("M7", D(2025, 5, 26), None, D(2025, 5, 29), "trigger on a bank holiday: Tuesday is day 1"),
    Case("M7", D(2020, 12, 24), None, D(2020, 12, 31), "skips 25 Dec and 28 Dec 2020 (Boxing Day observed)"),
    # -- working days beginning with X: X is day 1 if it is a working day
    Case("X1", D(2025, 12, 19), None, D(2026, 1, 13), "Fri 19 Dec is day 1; skips 25, 26 Dec and 1 Jan"),
    Case("X1", D(2022, 12, 20), None, D(2023, 1, 12), "Tue 20 Dec is day 1; skips 26, 27 Dec and 2 Jan"),
    Case("X1", D(2023, 4, 9), None, D(2023, 5, 2), "Easter Sunday: day 1 is Tue 11 Apr; skips May Day"),
    Case("X1", D(2025, 1, 31), None, D(2025, 2, 20), "month end: Fri 31 Jan is day 1"),
    # -- Tribunal rule 12(3)(b): 30 working days, not counting 25 Dec to 1 Jan or August
    Case(
        "T2", D(2025, 12, 1), None, D(2026, 1, 20), "Dec 2-24 is 17 days; 25 Dec-1 Jan left out; 2 Jan is 18"
    ),
    Case("T2", D(2024, 3, 20), None, D(2024, 5, 3), "30 working days over Easter 2024"),
    Case("T2", D(2025, 7, 31), None, D(2025, 10, 10), "month end: August is not counted; 1 Sep is day 1"),
    Case("T2", D(2025, 7, 1), None, D(2025, 9, 10), "22 days in July, then 8 in September"),
    # -- N months starting with / beginning with X: the day before the same day number
    Case(
        "R1", D(2026, 3, 1), None, D(2027, 2, 28), "starting with 1 Mar 2026: ends the day before 1 Mar 2027"
    ),
    Case("R1", D(2024, 2, 29), None, D(2025, 2, 28), "no 29 Feb 2025: the last day of February"),
    Case("R1", D(2025, 1, 31), None, D(2026, 1, 30), "month end: the day before 31 Jan 2026"),
    Case("R1", D(2024, 12, 26), None, D(2025, 12, 25), "ends on Christmas Day: not moved"),
    Case("R1", D(2023, 3, 1), None, D(2024, 2, 29), "the day before 1 Mar 2024 is 29 Feb"),
    Case("R1", D(2023, 3, 15), None, D(2024, 3, 14), "the day before the same day number"),
    # -- within N months after X: the same day number, else the last day of a shorter month
    Case("M2", D(2024, 12, 31), None, D(2025, 2, 28), "31 Dec + 2 months: no 31 Feb, so 28 Feb"),
    Case("M2", D(2023, 12, 31), None, D(2024, 2, 29), "31 Dec + 2 months in a leap year: 29 Feb"),
    Case("M2", D(2025, 8, 31), None, D(2025, 10, 31), "October has a 31st"),
    Case("M2", D(2025, 7, 31), None, D(2025, 9, 30), "September has no 31st"),
    Case("M2", D(2025, 10, 25), None, D(2025, 12, 25), "Christmas Day: not moved (SEND Regulations)"),
    # -- before a fixed date in the calendar year of the move: the day before it
    Case("P1", D(2026, 9, 1), None, D(2026, 2, 14), "before 15 Feb 2026: Saturday 14 Feb"),
    Case("P1", D(2024, 9, 2), None, D(2024, 2, 14), "before 15 Feb 2024"),
    Case("P1", D(2025, 12, 31), None, D(2025, 2, 14), "month end move: still 14 Feb of that year"),
    Case("P1", D(2027, 1, 1), None, D(2027, 2, 14), "move dated on a bank holiday: a fixed date"),
    Case("P2", D(2026, 9, 1), None, D(2026, 3, 30), "before 31 Mar 2026: the month end is 31 Mar, so 30 Mar"),
    Case("P2", D(2027, 9, 6), None, D(2027, 3, 30), "before 31 Mar 2027"),
    Case("P2", D(2018, 9, 3), None, D(2018, 3, 30), "30 Mar 2018 was Good Friday: not moved"),
    Case("P2", D(2015, 9, 1), None, D(2015, 5, 30), "regulation 18(3): move on 1 Sep 2015, before 31 May"),
    Case("P2", D(2015, 9, 2), None, D(2015, 3, 30), "2 Sep 2015 is not the day in 18(3)"),
    # -- at least N months before E: the day before the same day number N months earlier
    Case("P3", D(2025, 9, 1), None, D(2025, 3, 31), "5 months before 1 Sep is 1 Apr, so 31 Mar"),
    Case("P3", D(2025, 7, 31), None, D(2025, 2, 27), "month end: no 31 Feb, so 28 Feb; the day before"),
    Case("P3", D(2024, 7, 31), None, D(2024, 2, 28), "no 31 Feb 2024, so 29 Feb; the day before"),
    Case("P3", D(2026, 1, 10), None, D(2025, 8, 9), "back across the year end: 10 Aug, so 9 Aug"),
    Case("P3", D(2026, 10, 26), None, D(2026, 5, 25), "lands on the Spring bank holiday 2026: not moved"),
    # -- later of two counts
    Case("T1", D(2025, 1, 10), D(2025, 2, 20), D(2025, 3, 20), "notice+2m 10 Mar; certificate+1m 20 Mar"),
    Case("T1", D(2024, 12, 31), D(2025, 1, 15), D(2025, 2, 28), "notice+2m 28 Feb; certificate+1m 15 Feb"),
    Case("T1", D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), "notice+2m 31 Mar; certificate+1m 28 Mar"),
    Case("T1", D(2023, 12, 30), D(2024, 1, 29), D(2024, 2, 29), "both parts give Thu 29 Feb 2024"),
    Case("T1", D(2025, 3, 10), D(2025, 3, 10), D(2025, 5, 12), "ends Sat 10 May: next working day (12(2))"),
    Case("T1", D(2024, 3, 26), D(2024, 3, 26), D(2024, 5, 28), "ends Sun 26 May; Mon 27 May bank holiday"),
    Case("T1", D(2025, 6, 30), D(2025, 6, 30), D(2025, 9, 1), "ends 30 Aug: after 31 Aug (12(3)(a))"),
    Case("T1", D(2025, 10, 25), D(2025, 10, 25), D(2026, 1, 2), "ends 25 Dec: first working day after 1 Jan"),
    Case("T1", D(2025, 10, 31), D(2025, 10, 31), D(2026, 1, 2), "month end: ends 31 Dec: after 1 Jan"),
    Case("T1", D(2026, 11, 1), D(2026, 11, 1), D(2027, 1, 4), "ends Fri 1 Jan 2027: Mon 4 Jan"),
    Case("X3", D(2025, 3, 15), D(2025, 11, 20), D(2026, 3, 14), "review+12m 14 Mar; transfer+3m 19 Feb"),
    Case("X3", D(2024, 10, 1), D(2025, 9, 1), D(2025, 11, 30), "review+12m 30 Sep; transfer+3m 30 Nov"),
    Case("X3", D(2023, 5, 31), D(2024, 3, 31), D(2024, 6, 30), "transfer 31 Mar: no 31 Jun, so 30 Jun"),
    Case("X3", D(2024, 12, 26), D(2025, 6, 1), D(2025, 12, 25), "review+12m ends on Christmas Day"),
    Case("X3", D(2024, 2, 29), D(2024, 11, 30), D(2025, 2, 28), "both end 28 Feb 2025 (no 29 or 30 Feb)"),
]
