"""Shared helpers for benchmarks: a best-of-N timer and one result file per benchmark.

Every benchmark measures its own baseline in the same run, on the same machine, so that the ratio
(not the absolute time) is what is kept and checked: see docs/performance.md.
Importing this module also puts `src/` on the path, so a benchmark runs as a plain script.
"""

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"

if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def best_of(run: Callable[[], Any], repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in seconds: the least disturbed by the rest of the machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def write_result(name: str, measured: float, baseline: float, limit: float) -> dict[str, Any]:
    """Write bench/results/<name>.json and print one line; `measured` and `baseline` in seconds."""
    ratio = measured / baseline
    result = {
        "name": name,
        "measured": round(measured, 6),
        "baseline": round(baseline, 6),
        "ratio": round(ratio, 3),
        "limit": limit,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    verdict = "ok" if ratio <= limit else "TOO SLOW"
    print(f"{name}: {measured:.3f}s, baseline {baseline:.3f}s, ratio {ratio:.2f} (limit {limit}) {verdict}")
    return result
