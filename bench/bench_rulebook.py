"""One year of statutory deadlines for every EHC plan in England (640,000), against plain arithmetic.

Each synthetic plan has the dates a year of its life would store: the last review, the next review
meeting, for some an amendment notice, a phase transfer, a move to another council, or a decision
that leads to mediation and an appeal. The engine computes every deadline that applies (R1, R3, R4,
R5, R6, R7, P1/P2/P3, X1/X2/X3, M2, M3, M7, T1, T2). The baseline does `date + timedelta` over the
same inputs, the same number of times, with a fixed offset per rule. Limit: 5 times the baseline.

Run: .venv/bin/python bench/bench_rulebook.py [plans]
"""

import datetime as dt
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

import common  # puts src/ on the path; keep it first
from opensend.rulebook.engine import compute_uncached, fast_due

NAME = "rulebook_deadlines"
LIMIT = 5.0
PLANS = 640_000
YEAR_START = dt.date(2025, 9, 1)


@dataclass
class Inputs:
    """Trigger dates by rule, one list per rule: the shape a set-based nightly job would read."""

    single: dict[str, list[dt.date]] = field(default_factory=dict)
    pairs: dict[str, tuple[list[dt.date], list[dt.date]]] = field(default_factory=dict)

    @property
    def deadlines(self) -> int:
        return sum(map(len, self.single.values())) + sum(len(a) for a, _ in self.pairs.values())


# A rough offset per rule for the baseline: the arithmetic a naive implementation would do.
BASELINE_DAYS = {
    "R1": 365, "R3": -14, "R4": 14, "R5": 28, "R6": 14, "R7": 56, "P1": -200, "P2": -150, "P3": -150,
    "X1": 21, "X2": 42, "M2": 61, "M3": 5, "M7": 5, "T2": 42, "T1": (61, 30), "X3": (365, 91),
}  # fmt: skip


def synthesise(plans: int, seed: int = 2014) -> Inputs:
    rng = random.Random(seed)
    base = YEAR_START.toordinal()

    def day(start: int, span: int) -> dt.date:
        return dt.date.fromordinal(base + start + rng.randrange(span))

    inputs = Inputs()
    single: dict[str, list[dt.date]] = {rule: [] for rule in ("R1", "R3", "R4", "R5", "R6", "R7")}
    single.update({rule: [] for rule in ("P1", "P2", "P3", "X1", "X2", "M2", "M3", "M7", "T2")})
    t1: tuple[list[dt.date], list[dt.date]] = ([], [])
    x3: tuple[list[dt.date], list[dt.date]] = ([], [])
    for _ in range(plans):
        last_review = day(-365, 365)
        meeting = day(0, 365)
        single["R1"].append(last_review)
        for rule in ("R3", "R4", "R5"):
            single[rule].append(meeting)
        chance = rng.random()
        if chance < 0.45:  # the review leads to an amendment
            notice = meeting + dt.timedelta(days=rng.randrange(7, 28))
            single["R6"].append(notice)
            single["R7"].append(notice)
        phase = rng.random()
        if phase < 0.17:
            single["P1"].append(dt.date(YEAR_START.year + 1, 9, 1))
        elif phase < 0.22:
            single["P2"].append(dt.date(YEAR_START.year + 1, 9, 1))
        elif phase < 0.23:
            single["P3"].append(day(120, 365))
        if rng.random() < 0.03:  # moves to another council
            aware, moved = day(0, 365), day(0, 365)
            single["X1"].append(aware)
            single["X2"].append(moved)
            x3[0].append(last_review)
            x3[1].append(moved)
        if rng.random() < 0.05:  # a decision the family disagrees with
            notice = day(0, 300)
            certificate = notice + dt.timedelta(days=rng.randrange(10, 60))
            single["M2"].append(notice)
            single["M3" if rng.random() < 0.7 else "M7"].append(certificate)
            t1[0].append(notice)
            t1[1].append(certificate)
            single["T2"].append(certificate + dt.timedelta(days=rng.randrange(5, 30)))
    inputs.single = single
    inputs.pairs = {"T1": t1, "X3": x3}
    return inputs


def engine_run(inputs: Inputs, make: Callable[..., Callable[..., dt.date]]) -> Callable[[], int]:
    functions = {rule: make(rule, on=YEAR_START) for rule in [*inputs.single, *inputs.pairs]}

    def run() -> int:
        total = 0
        for rule, triggers in inputs.single.items():
            due = functions[rule]
            total += len([due(d) for d in triggers])
        for rule, (first, second) in inputs.pairs.items():
            due = functions[rule]
            total += len([due(a, b) for a, b in zip(first, second, strict=True)])
        return total

    return run


def baseline_run(inputs: Inputs) -> Callable[[], int]:
    deltas = {rule: dt.timedelta(days=days) for rule, days in BASELINE_DAYS.items() if isinstance(days, int)}
    pairs = {
        rule: (dt.timedelta(days=days[0]), dt.timedelta(days=days[1]))
        for rule, days in BASELINE_DAYS.items()
        if isinstance(days, tuple)
    }

    def run() -> int:
        total = 0
        for rule, triggers in inputs.single.items():
            delta = deltas[rule]
            total += len([d + delta for d in triggers])
        for rule, (first, second) in inputs.pairs.items():
            one, two = pairs[rule]
            total += len([max(a + one, b + two) for a, b in zip(first, second, strict=True)])
        return total

    return run


def main(plans: int = PLANS) -> dict[str, object]:
    inputs = synthesise(plans)
    print(f"{plans:,} plans, {inputs.deadlines:,} deadlines in one year")
    engine = engine_run(inputs, fast_due)
    cold = common.best_of(engine, repeat=1)  # the first pass fills the memo tables
    measured = common.best_of(engine)
    baseline = common.best_of(baseline_run(inputs))
    uncached = common.best_of(engine_run(inputs, compute_uncached), repeat=1)
    print(f"first pass, filling the memo tables: {cold / baseline:.2f}x the baseline")
    print(f"without memo tables: {uncached / baseline:.2f}x the baseline")
    return common.write_result(NAME, measured, baseline, LIMIT)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PLANS)
