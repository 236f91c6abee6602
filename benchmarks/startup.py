"""Time from launch to the first full frame of `glute` in tmux, against a
bare Textual app with one Input and one Static measured in the same run.

    python benchmarks/startup.py [RUNS]

Target: at most 1.5 times the bare app.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _common import report
from _tmux import Terminal, bare_app, base_env, glute


def first_frame(command: list[str], env: dict[str, str], ready) -> float:
    terminal = Terminal(command, env)
    try:
        return terminal.wait_for(ready)
    finally:
        terminal.close()


def glute_ready(screen: str) -> bool:
    # The whole composer is drawn: header, library, session total, footer.
    return "Library · " in screen and "Total: " in screen and "f1 Keys" in screen


def main() -> int:
    if shutil.which("tmux") is None:
        print("startup: tmux is not installed")
        return 2
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    home = Path(tempfile.mkdtemp(prefix="glute-home-"))
    env = base_env(home) | {"GLUTE_COMPOSER_LOAD_PLUGINS": ""}
    bare = bare_app(home)
    bare_times, glute_times = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        bare_times.append(first_frame(bare, env, lambda s: "READY" in s))
        glute_times.append(first_frame(glute(), env, glute_ready))
    baseline = statistics.median(bare_times)
    value = statistics.median(glute_times)
    ok = report("glute: launch to first full frame", value, baseline, 1.5)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
