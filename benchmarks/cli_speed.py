"""How fast do the plain commands start (`glute validate`, `show`,
`exercises --json`, `templates`, `--version`), against a bare
`python -c pass` sampled in the same loop? Target: within 4x.

The package is compiled to bytecode first, as an installed wheel has it.
A last line shows what importing the standard library modules the commands
are written with costs on its own, against the same baseline.

    python benchmarks/cli_speed.py [--runs N] [--target X]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import MIN_SAMPLES, ROOT, compile_bytecode, interleaved, report

# The standard library modules the plain commands need: argument parsing,
# the session and index formats, the model's dataclasses, paths.
FLOOR = "argparse, dataclasses, json, pathlib, re, tomllib"

COMMANDS = [
    ("glute --version", ["--version"]),
    ("glute validate wake-up.toml", ["validate", "{session}"]),
    ("glute show wake-up.toml", ["show", "{session}"]),
    ("glute exercises --json", ["exercises", "--json"]),
    ("glute templates", ["templates"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--target", type=float, default=4.0)
    args = parser.parse_args()
    runs = max(args.runs, MIN_SAMPLES)
    glute = shutil.which("glute", path=str(Path(sys.executable).parent)) or shutil.which("glute")
    if glute is None:
        print("glute is not installed in this environment", file=sys.stderr)
        return 2
    compile_bytecode()
    # As a user has it: the usual folders under a home of its own (the
    # catalog index is made by the first call), not GLUTE_COMPOSER_HOME.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XDG_") and key != "GLUTE_COMPOSER_HOME"
    }
    env["HOME"] = tempfile.mkdtemp(prefix="glute-cli-")
    session = str(ROOT / "templates" / "wake-up.toml")

    def call(*command: str) -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)

    def baseline() -> None:
        call(sys.executable, "-c", "pass")

    ok = True
    for name, argv in COMMANDS:
        argv = [a.format(session=session) for a in argv]
        figures = interleaved(name, lambda argv=argv: call(glute, *argv), baseline, runs)
        ok &= report(figures, target=args.target)
    # What the standard library the commands are written with costs alone:
    # part of every figure above, and no target of its own.
    floor = interleaved(
        f"python -c 'import {FLOOR}'",
        lambda: call(sys.executable, "-c", f"import {FLOOR}"),
        baseline,
        runs,
    )
    report(floor)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
