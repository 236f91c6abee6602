"""How fast do `glute --version` and `glute validate FILE` start, against a
bare `python -c pass` measured in the same run? Target: within 4x.

    python benchmarks/cli_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import median_seconds, report

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    glute = shutil.which("glute", path=str(Path(sys.executable).parent)) or shutil.which("glute")
    if glute is None:
        print("glute is not installed in this environment", file=sys.stderr)
        return 2
    env = dict(os.environ, GLUTE_COMPOSER_HOME=tempfile.mkdtemp())
    session = ROOT / "templates" / "wake-up.toml"

    def call(*command: str) -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)

    call(sys.executable, "-c", "pass")  # warm the file cache
    call(glute, "--version")
    baseline = median_seconds(lambda: call(sys.executable, "-c", "pass"), args.runs)
    version = median_seconds(lambda: call(glute, "--version"), args.runs)
    validate = median_seconds(lambda: call(glute, "validate", str(session)), args.runs)
    ok = report("glute --version", version, baseline, 4.0)
    ok &= report("glute validate templates/wake-up.toml", validate, baseline, 4.0)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
