"""Helpers shared by the benchmark scripts.

Every measurement is taken against a baseline sampled in the same loop,
one baseline sample then one measured sample, so that both see the same
machine load. A figure is the median of the samples; the p95 is reported
beside it, and the verdict is on the ratio of the medians.
"""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_SAMPLES = 10


def p95(samples: list[float]) -> float:
    """The 95th percentile, nearest rank."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Figures:
    name: str
    samples: list[float]
    baseline: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return p95(self.samples)

    @property
    def base_median(self) -> float:
        return statistics.median(self.baseline) if self.baseline else 0.0

    @property
    def ratio(self) -> float:
        base = self.base_median
        return self.median / base if base else float("inf")


def time_once(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def interleaved(
    name: str,
    action: Callable[[], object],
    baseline: Callable[[], object],
    runs: int,
) -> Figures:
    """Sample `baseline` then `action`, `runs` times each, alternating."""
    action()  # warm the file cache and the bytecode
    baseline()
    base, samples = [], []
    for _ in range(max(runs, 1)):
        base.append(time_once(baseline))
        samples.append(time_once(action))
    return Figures(name, samples, base)


def sampled(name: str, action: Callable[[], object], runs: int) -> Figures:
    """Samples of `action` alone, for figures with an absolute limit."""
    return Figures(name, [time_once(action) for _ in range(max(runs, 1))], [])


def report(figures: Figures, target: float | None = None, limit: float | None = None) -> bool:
    """Print one line; True when the ratio (and the absolute limit) are met."""
    ok = True
    verdicts = []
    if target is not None:
        ok &= figures.ratio <= target
        verdicts.append(f"ratio target <= {target}x")
    if limit is not None:
        ok &= figures.median <= limit
        verdicts.append(f"limit {limit * 1000:.0f} ms")
    base = (
        f"  baseline {figures.base_median * 1000:8.1f} ms  ratio {figures.ratio:5.2f}x"
        if figures.baseline
        else ""
    )
    print(
        f"{figures.name:<42} median {figures.median * 1000:8.1f} ms"
        f"  p95 {figures.p95 * 1000:8.1f} ms{base}"
        f"  n={len(figures.samples)}  ({', '.join(verdicts) or 'no target'})"
        f"  {'ok' if ok else 'MISSED'}",
        flush=True,
    )
    return ok


def compile_bytecode() -> None:
    """Compile the package as an installed wheel has it, before timing."""
    import composer

    package = Path(composer.__file__).resolve().parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package), str(ROOT / "plugins")],
        check=False,
        stdout=subprocess.DEVNULL,
    )
