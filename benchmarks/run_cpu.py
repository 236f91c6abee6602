"""CPU used by `glute run` against a bare Textual app that updates a
`Digits` once a second, both in tmux and measured in the same run.

Target: `glute run` uses at most 1.2x the CPU of the bare app (median of
at least 3 runs, each with both programs running side by side).

    python benchmarks/run_cpu.py [--seconds 60] [--repeats 3] [--template wake-up]

CPU is utime + stime of each process, read from /proc/<pid>/stat after the
program has started (start-up is not counted). Linux and tmux only.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import compile_bytecode, p95

BARE_APP = """
from textual.app import App
from textual.widgets import Digits, Footer
import time


class Bare(App):
    def compose(self):
        yield Digits("0:00")
        yield Footer()

    def on_mount(self):
        self.start = time.monotonic()
        self.set_interval(1, self.tick)

    def tick(self):
        seconds = int(time.monotonic() - self.start)
        self.query_one(Digits).update(f"{seconds // 60}:{seconds % 60:02d}")


Bare().run()
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime 14 and stime 15 (1-based).
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def glute_script() -> list[str]:
    script = Path(sys.executable).parent / "glute"
    return [str(script)] if script.exists() else [sys.executable, "-m", "composer"]


def start(socket: str, name: str, argv: list[str], env: dict[str, str]) -> int:
    """Start `argv` in a new tmux window of 100x34 and return its pid."""
    settings = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    command = f"exec env {settings} {' '.join(shlex.quote(a) for a in argv)}"
    args = ["-S", socket, "new-session", "-d", "-s", name, "-x", "100", "-y", "34", command]
    subprocess.run(["tmux", *args], check=True)
    out = subprocess.run(
        ["tmux", "-S", socket, "display", "-p", "-t", name, "#{pane_pid}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip())


def measure(
    args, folder: Path, env: dict[str, str], session: Path, bare: Path
) -> tuple[float, float]:
    """CPU seconds of `glute run` and of the bare app, running side by side."""
    # A fresh server and home each time: a run stopped by closing its
    # terminal leaves a place to resume, which would ask a question.
    folder = Path(tempfile.mkdtemp(dir=folder))
    socket = str(folder / "sock")
    env = env | {"GLUTE_COMPOSER_HOME": str(folder / "home")}
    try:
        glute_pid = start(socket, "glute", [*glute_script(), "run", str(session)], env)
        bare_pid = start(socket, "bare", [sys.executable, str(bare)], env)
        time.sleep(args.warmup)
        glute_0, bare_0 = cpu_seconds(glute_pid), cpu_seconds(bare_pid)
        time.sleep(args.seconds)
        return cpu_seconds(glute_pid) - glute_0, cpu_seconds(bare_pid) - bare_0
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--template", default="wake-up")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--target", type=float, default=1.2)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed")
        return 2
    compile_bytecode()
    glute_cpu, bare_cpu = [], []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        env = {
            "GLUTE_COMPOSER_HOME": str(home),
            "GLUTE_COMPOSER_LOAD_PLUGINS": "",
            "TERM": "xterm-256color",
            "PATH": os.environ.get("PATH", ""),
        }
        session = Path(folder) / "session.toml"
        subprocess.run(
            [*glute_script(), "new", "-t", args.template, str(session)],
            check=True,
            capture_output=True,
            env={**os.environ, **env},
        )
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        for _ in range(max(args.repeats, 3)):
            glute, base = measure(args, Path(folder), env, session, bare)
            glute_cpu.append(glute)
            bare_cpu.append(base)
    ratios = [g / b if b else float("inf") for g, b in zip(glute_cpu, bare_cpu, strict=True)]
    ratio = statistics.median(ratios)
    ok = ratio <= args.target
    print(
        f"over {args.seconds:g} s in tmux at 100x34 (template {args.template}), "
        f"{len(ratios)} runs side by side with the bare app:"
    )
    print(
        f"  glute run          median {statistics.median(glute_cpu):6.2f} s CPU  "
        f"p95 {p95(glute_cpu):6.2f} s"
    )
    print(
        f"  bare Digits app    median {statistics.median(bare_cpu):6.2f} s CPU  "
        f"p95 {p95(bare_cpu):6.2f} s"
    )
    print(
        f"  ratio              median {ratio:6.2f}x  p95 {p95(ratios):6.2f}x  "
        f"(target <= {args.target}x)  {'ok' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
