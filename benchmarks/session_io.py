"""Reading and validating a 1,000-step session, against `tomllib.loads`
of the same text sampled in the same loop; and writing it back.

Targets: reading within 1.2x tomllib alone; writing under 50 ms.

    python benchmarks/session_io.py [--runs N] [--steps N]
"""

from __future__ import annotations

import argparse
import tempfile
import tomllib
from pathlib import Path

from _common import MIN_SAMPLES, interleaved, report

from composer.format.reader import load_session
from composer.format.writer import dumps_session, save_session


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
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--target", type=float, default=1.2)
    args = parser.parse_args()
    runs = max(args.runs, MIN_SAMPLES)
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.toml"
    text = big_session_text(args.steps)
    path.write_text(text, encoding="utf-8")
    session = load_session(path)
    assert len(session.steps()) == args.steps
    out = folder / "out.toml"

    def parse() -> None:
        tomllib.loads(path.read_text(encoding="utf-8"))

    ok = report(
        interleaved(f"read + validate {args.steps} steps", lambda: load_session(path), parse, runs),
        target=args.target,
    )
    ok &= report(
        interleaved(
            f"write {args.steps} steps (atomic)",
            lambda: save_session(session, out),
            lambda: dumps_session(session),
            runs,
        ),
        limit=0.050,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
