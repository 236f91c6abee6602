"""Reading and validating a 1,000-step session, and writing it back.
Targets: each under 50 ms. The baseline is tomllib parsing the same text.

    python benchmarks/session_io.py [--runs N] [--steps N]
"""

from __future__ import annotations

import argparse
import tempfile
import tomllib
from pathlib import Path

from _common import median_seconds, report_absolute

from composer.sessionfile import dumps_session, load_session, save_session


def big_session_text(steps: int) -> str:
    lines = ["schema_version = 1", 'title = "Benchmark"', "", "[defaults]", "rest_s = 20"]
    per_block = 50
    for index in range(steps):
        if index % per_block == 0:
            lines += ["", "[[blocks]]", f'title = "Block {index // per_block + 1}"', "rounds = 2"]
        lines += [
            "",
            "[[blocks.steps]]",
            'exercise = "activation/prone-glute-squeeze"',
            'name = "Prone glute squeeze"',
            "sets = 3",
            "reps = 15",
            '"hold_s" = "3s"' if index % 2 else "hold_s = 3",
            'sides = "alternating"',
            f'note = "Step {index}"',
        ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--steps", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.toml"
    text = big_session_text(args.steps)
    path.write_text(text, encoding="utf-8")
    session = load_session(path)
    assert len(session.steps()) == args.steps
    out = folder / "out.toml"
    baseline = median_seconds(lambda: tomllib.loads(text), args.runs)
    read = median_seconds(lambda: load_session(path), args.runs)
    write = median_seconds(lambda: save_session(session, out), args.runs)
    dumps = median_seconds(lambda: dumps_session(session), args.runs)
    print(f"{'tomllib.loads alone (baseline)':<40} {baseline * 1000:9.1f} ms")
    ok = report_absolute(f"read + validate {args.steps} steps", read, 0.050)
    print(f"{'  ratio to tomllib alone':<40} {read / baseline:9.2f}x")
    ok &= report_absolute(f"write {args.steps} steps (atomic)", write, 0.050)
    print(f"{'  of which formatting':<40} {dumps * 1000:9.1f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
