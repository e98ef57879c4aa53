"""Hand-worked deadlines, counted from a printed calendar before the engine was run.

Each row: rule id, trigger, second date (T1 and X3 only), due date, and how it was counted. The
engine, the `deadline` command and the API are all tested against this one table.
Bank holidays used (England): 25-28 Dec 2020 (Boxing Day observed Mon 28), 27-28 Dec 2021 and
3 Jan 2022 (substitutes), 2-3 Jun 2022 (late Spring bank holiday and Platinum Jubilee), 19 Sep 2022
(state funeral), 26-27 Dec 2022 and 2 Jan 2023 (substitutes), 10 Apr 2023 (Easter Monday),
1 and 8 May 2023 (May Day, coronation), 29 Mar and 1 Apr 2024 (Easter), 18 and 21 Apr 2025
(Easter), 26 May 2025, 25-26 Dec 2025, 1 Jan 2026.
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
    # weeks: trigger + 7N calendar days; weekends and bank holidays count and do not move a deadline
    Case("A2", D(2025, 1, 6), None, D(2025, 2, 17), "Mon + 42 days: 25 left in Jan, 17 into Feb"),
    Case("A2", D(2025, 3, 1), None, D(2025, 4, 12), "Saturday trigger, Saturday deadline: not moved"),
    Case("A3", D(2024, 12, 23), None, D(2025, 2, 3), "over Christmas: calendar weeks skip nothing"),
    Case("A4", D(2025, 1, 6), None, D(2025, 4, 28), "112 days: Jan 25, Feb 28, Mar 31, Apr 28"),
    Case("A8", D(2025, 1, 6), None, D(2025, 5, 26), "140 days lands on the Spring bank holiday: not moved"),
    Case("A8", D(2024, 1, 15), None, D(2024, 6, 3), "leap year: 29 Feb 2024 is one of the 140 days"),
    Case("A8", D(2025, 1, 15), None, D(2025, 6, 4), "same request a year later, no 29 Feb: one day later"),
    Case("A8", D(2023, 11, 27), None, D(2024, 4, 15), "over Christmas, New Year, leap day and Easter"),
    Case("R3", D(2025, 1, 8), None, D(2024, 12, 25), "2 weeks before: Christmas Day, not moved"),
    Case("R3", D(2024, 3, 7), None, D(2024, 2, 22), "2 weeks before, back across 29 Feb 2024"),
    Case("R3", D(2025, 1, 2), None, D(2024, 12, 19), "2 weeks before, back across the year end"),
    Case("R4", D(2024, 12, 20), None, D(2025, 1, 3), "14 days across the year end"),
    Case("R5", D(2024, 12, 20), None, D(2025, 1, 17), "28 days across the year end"),
    Case("R7", D(2025, 2, 28), None, D(2025, 4, 25), "56 days: Mar 31, Apr 25"),
    Case("RA2", D(2025, 6, 2), None, D(2025, 9, 8), "98 days: Jun 28, Jul 31, Aug 31, Sep 8"),
    Case("X2", D(2025, 7, 21), None, D(2025, 9, 1), "42 days over the summer bank holiday"),
    Case("T3a", D(2025, 3, 3), None, D(2025, 3, 17), "14 days"),
    Case("T3b", D(2025, 3, 3), None, D(2025, 5, 12), "70 days: Mar 28, Apr 30, May 12"),
    Case("T3c", D(2025, 3, 3), None, D(2025, 6, 9), "98 days, over Easter and two May bank holidays"),
    Case("T3d", D(2025, 3, 3), None, D(2025, 4, 7), "35 days"),
    Case("T5a", D(2024, 12, 18), None, D(2025, 1, 1), "lands on New Year's Day: not moved"),
    Case("T5b", D(2024, 12, 18), None, D(2025, 2, 26), "70 days: Dec 13, Jan 31, Feb 26"),
    Case("T5c", D(2024, 12, 18), None, D(2025, 3, 26), "98 days: Dec 13, Jan 31, Feb 28, Mar 26"),
    Case("T6a", D(2025, 4, 10), None, D(2025, 5, 15), "35 days over Easter 2025"),
    Case("T6b", D(2025, 4, 10), None, D(2025, 6, 26), "77 days: Apr 20, May 31, Jun 26"),
    Case("T7", D(2025, 11, 28), None, D(2026, 1, 2), "35 days over Christmas and New Year"),
    Case("T8", D(2025, 12, 12), None, D(2025, 12, 26), "lands on Boxing Day: not moved"),
    Case("T10", D(2026, 2, 16), None, D(2026, 3, 2), "14 days; February 2026 has 28 days"),
    Case("T11", D(2024, 2, 8), None, D(2024, 3, 14), "35 days over 29 Feb 2024"),
    # calendar days
    Case("A7", D(2025, 1, 20), None, D(2025, 2, 4), "trigger + 15 days"),
    Case("A7", D(2025, 12, 20), None, D(2026, 1, 4), "Saturday + 15 is a Sunday: not moved"),
    Case("M4", D(2024, 2, 10), None, D(2024, 3, 11), "30 days over 29 Feb 2024"),
    Case("M4", D(2025, 12, 1), None, D(2025, 12, 31), "30 days"),
    Case("M5", D(2025, 2, 10), None, D(2025, 3, 12), "30 days in a 28-day February"),
    # N days beginning with the day of: the trigger is day 1
    Case("A6", D(2025, 3, 1), None, D(2025, 3, 15), "served on the 1st, day 15 is the 15th"),
    Case("A6", D(2025, 12, 15), None, D(2025, 12, 29), "day 15 after Christmas: not moved"),
    Case("A6", D(2024, 2, 20), None, D(2024, 3, 5), "20 Feb to 29 Feb is days 1-10, 5 Mar is day 15"),
    Case("R6", D(2025, 2, 20), None, D(2025, 3, 6), "20-28 Feb is days 1-9, 6 Mar is day 15"),
    Case("R6", D(2025, 12, 12), None, D(2025, 12, 26), "day 15 is Boxing Day: not moved"),
    # working days: the trigger is day 0; weekends and bank holidays are skipped
    Case("X1", D(2025, 12, 19), None, D(2026, 1, 14), "skips 25, 26 Dec 2025 and 1 Jan 2026"),
    Case("X1", D(2022, 12, 20), None, D(2023, 1, 13), "skips 26 Dec, 27 Dec and 2 Jan 2023 (substitutes)"),
    Case("X1", D(2023, 4, 9), None, D(2023, 5, 2), "Easter Sunday trigger; skips Easter Monday and May Day"),
    Case("M3", D(2021, 12, 23), None, D(2021, 12, 30), "skips 27 and 28 Dec 2021 (substitute days)"),
    Case("M3", D(2022, 9, 16), None, D(2022, 9, 22), "skips 19 Sep 2022, the state funeral"),
    Case("M3", D(2025, 3, 1), None, D(2025, 3, 5), "Saturday trigger: Monday is day 1"),
    Case("M3", D(2024, 2, 28), None, D(2024, 3, 4), "29 Feb 2024 is a working day (day 1)"),
    Case("M6", D(2022, 6, 1), None, D(2022, 6, 8), "skips 2 Jun (Spring) and 3 Jun 2022 (Jubilee)"),
    Case("M6", D(2025, 4, 17), None, D(2025, 4, 24), "skips Good Friday and Easter Monday 2025"),
    Case("M7", D(2021, 12, 31), None, D(2022, 1, 6), "skips 3 Jan 2022 (New Year substitute)"),
    Case("M7", D(2023, 5, 5), None, D(2023, 5, 11), "skips 8 May 2023, the coronation"),
    Case("M7", D(2025, 5, 26), None, D(2025, 5, 29), "trigger on a bank holiday: Tuesday is day 1"),
    Case("M7", D(2020, 12, 24), None, D(2020, 12, 31), "skips 25 Dec and 28 Dec 2020 (Boxing Day observed)"),
    Case("T2", D(2025, 12, 1), None, D(2026, 1, 15), "30 working days over Christmas and New Year"),
    Case("T2", D(2024, 3, 20), None, D(2024, 5, 3), "30 working days over Easter 2024"),
    # calendar months: same day number, else the last day of the month
    Case("R1", D(2024, 2, 29), None, D(2025, 2, 28), "no 29 Feb in 2025: last day of February"),
    Case("R1", D(2023, 3, 15), None, D(2024, 3, 15), "same day number"),
    Case("R1", D(2025, 1, 31), None, D(2026, 1, 31), "a Saturday: not moved"),
    Case("M2", D(2024, 12, 31), None, D(2025, 2, 28), "31 Dec + 2 months: 28 Feb"),
    Case("M2", D(2023, 12, 31), None, D(2024, 2, 29), "31 Dec + 2 months in a leap year: 29 Feb"),
    Case("M2", D(2025, 8, 31), None, D(2025, 10, 31), "October has a 31st"),
    Case("M2", D(2025, 3, 31), None, D(2025, 5, 31), "May has a 31st"),
    Case("M2", D(2025, 7, 31), None, D(2025, 9, 30), "September has no 31st"),
    # fixed dates in the calendar year of the transfer
    Case("P1", D(2026, 9, 1), None, D(2026, 2, 15), "15 Feb 2026 is a Sunday: not moved"),
    Case("P1", D(2024, 9, 2), None, D(2024, 2, 15), "15 Feb of the year of transfer"),
    Case("P2", D(2026, 9, 1), None, D(2026, 3, 31), "31 Mar of the year of transfer"),
    Case("P2", D(2027, 9, 6), None, D(2027, 3, 31), "31 Mar of the year of transfer"),
    # N months before
    Case("P3", D(2025, 7, 31), None, D(2025, 2, 28), "5 months before 31 Jul: no 31 Feb"),
    Case("P3", D(2024, 7, 31), None, D(2024, 2, 29), "5 months before 31 Jul in a leap year"),
    Case("P3", D(2026, 1, 10), None, D(2025, 8, 10), "back across the year end"),
    Case("P3", D(2025, 9, 1), None, D(2025, 4, 1), "same day number"),
    # later of two counts
    Case("T1", D(2025, 1, 10), D(2025, 2, 20), D(2025, 3, 20), "notice+2m 10 Mar; certificate+1m 20 Mar"),
    Case("T1", D(2024, 12, 31), D(2025, 1, 15), D(2025, 2, 28), "notice+2m 28 Feb; certificate+1m 15 Feb"),
    Case("T1", D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), "notice+2m 31 Mar; certificate+1m 28 Mar"),
    Case("T1", D(2023, 12, 30), D(2024, 1, 29), D(2024, 2, 29), "both parts give 29 Feb 2024"),
    Case("X3", D(2025, 3, 15), D(2025, 11, 20), D(2026, 3, 15), "review+12m 15 Mar; transfer+3m 20 Feb"),
    Case("X3", D(2024, 10, 1), D(2025, 9, 1), D(2025, 12, 1), "review+12m 1 Oct; transfer+3m 1 Dec"),
    Case("X3", D(2023, 5, 31), D(2024, 3, 31), D(2024, 6, 30), "transfer 31 Mar + 3m: no 31 Jun, so 30 Jun"),
]
