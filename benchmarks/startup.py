"""Time from launch to the first full frame, in tmux, of the composer
(`glute`) and of the timer (`glute run FILE`), each against a bare Textual
app with one Input and one Static sampled in the same loop.

    python benchmarks/startup.py [--runs N]

Targets: at most 1.5 times the bare app. The package is compiled to
bytecode first, as an installed wheel has it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

from _common import MIN_SAMPLES, ROOT, Figures, compile_bytecode, report
from _tmux import Terminal, bare_app, base_env, glute


def first_frame(command: list[str], env: dict[str, str], ready) -> float:
    terminal = Terminal(command, env)
    try:
        return terminal.wait_for(ready)
    finally:
        terminal.close()


def composer_ready(screen: str) -> bool:
    # The whole composer is drawn: header, library, session total, footer.
    return "Library · " in screen and "Total: " in screen and "f1 Keys" in screen


# The time left: "14 min left", "about 1 h 5 min left".
_TIME_LEFT = re.compile(r"\d+ (?:min|h) (?:\d+ min )?left")


def run_ready(screen: str) -> bool:
    # The timer shows the step, the big clock, what comes next, the time left
    # and the footer.
    return (
        "Next: " in screen
        and "████" in screen
        and _TIME_LEFT.search(screen) is not None
        and "Skip" in screen
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=MIN_SAMPLES)
    parser.add_argument("--target", type=float, default=1.5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("startup: tmux is not installed")
        return 2
    runs = max(args.runs, MIN_SAMPLES)
    compile_bytecode()
    home = Path(tempfile.mkdtemp(prefix="glute-home-"))
    env = base_env(home) | {"GLUTE_COMPOSER_LOAD_PLUGINS": ""}
    session = home / "session.toml"
    shutil.copy(ROOT / "templates" / "wake-up.toml", session)
    bare = bare_app(home)
    cases = [
        ("glute: launch to first full frame", glute(), composer_ready),
        ("glute run: launch to first frame", [*glute(), "run", str(session)], run_ready),
    ]

    def fresh_env() -> dict[str, str]:
        # A run stopped by closing the terminal leaves its place to resume:
        # each sample starts in a home of its own, as a first run does.
        return env | {"GLUTE_COMPOSER_HOME": tempfile.mkdtemp(prefix="glute-home-")}

    ok = True
    for name, command, ready in cases:
        first_frame(command, fresh_env(), ready)  # warm caches once
        base, samples = [], []
        for _ in range(runs):  # interleaved, so both see the same machine load
            base.append(first_frame(bare, env, lambda s: "READY" in s))
            samples.append(first_frame(command, fresh_env(), ready))
        ok &= report(Figures(name, samples, base), target=args.target)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
