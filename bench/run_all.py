"""Run every bench/bench_*.py and fail (exit 1) if any ratio is over its limit.

Run: .venv/bin/python bench/run_all.py
"""

import json
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"


def main() -> int:
    failures: list[str] = []
    for script in sorted(BENCH_DIR.glob("bench_*.py")):
        name = script.stem
        print(f"== {name}", flush=True)
        completed = subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR.parent, check=False)  # noqa: S603
        if completed.returncode != 0:
            failures.append(f"{name} exited with {completed.returncode}")
    for path in sorted(RESULTS_DIR.glob("*.json")):
        result = json.loads(path.read_text())
        if result.get("ratio") is None or result.get("limit") is None:
            continue  # an absolute measurement (the PDF's render time), reported but not judged
        if result["ratio"] > result["limit"]:
            failures.append(f"{result['name']}: ratio {result['ratio']} is over its limit {result['limit']}")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
