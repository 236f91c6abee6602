"""Run every benchmark and say which targets were missed.

    python benchmarks/run_all.py [--quick]

`--quick` takes the minimum samples (10 per figure, 3 timer runs of 10 s)
for a fast look; the figures in README.md come from a full run. Exit
status: 0 when every target is met, 1 when any is missed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ["cli_speed.py", "--runs", "20"],
    ["session_io.py", "--runs", "30"],
    ["catalog.py", "--runs", "10"],
    ["catalog.py", "--plugins", "1000", "--runs", "10"],
    ["history.py", "--runs", "15"],
    ["startup.py", "--runs", "15"],
    ["filter.py", "--rounds", "2"],
    ["run_cpu.py", "--seconds", "60", "--repeats", "3"],
    ["run_drift.py", "--seconds", "120"],
]

QUICK = [
    ["cli_speed.py", "--runs", "10"],
    ["session_io.py", "--runs", "10"],
    ["catalog.py", "--runs", "10"],
    ["history.py", "--runs", "10"],
    ["startup.py", "--runs", "10"],
    ["filter.py", "--rounds", "1"],
    ["run_cpu.py", "--seconds", "10", "--repeats", "3"],
    ["run_drift.py", "--seconds", "20"],
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer samples, shorter runs")
    parser.add_argument("only", nargs="*", help="run only these scripts (e.g. cli_speed)")
    args = parser.parse_args()
    missed = []
    for script, *rest in QUICK if args.quick else FULL:
        if args.only and Path(script).stem not in args.only:
            continue
        print(f"== {script} {' '.join(rest)}", flush=True)
        status = subprocess.run([sys.executable, str(HERE / script), *rest], cwd=HERE).returncode
        if status != 0:
            missed.append(f"{script} {' '.join(rest)} (exit {status})")
    if missed:
        print("\nmissed:\n  " + "\n  ".join(missed))
        return 1
    print("\nevery target met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
