"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, value: float, baseline: float, target: float, unit: str = "ms") -> bool:
    ratio = value / baseline if baseline else float("inf")
    ok = ratio <= target
    scale = 1000 if unit == "ms" else 1
    print(
        f"{name:<40} {value * scale:9.1f} {unit}  baseline {baseline * scale:9.1f} {unit}"
        f"  ratio {ratio:5.2f}x  (target <= {target}x)  {'ok' if ok else 'SLOW'}"
    )
    return ok


def report_absolute(name: str, seconds: float, limit: float) -> bool:
    ok = seconds <= limit
    print(
        f"{name:<40} {seconds * 1000:9.1f} ms  (target < {limit * 1000:.0f} ms)  {'ok' if ok else 'SLOW'}"
    )
    return ok
