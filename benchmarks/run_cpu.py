"""CPU used by `glute run` against a bare Textual app that updates a
`Digits` once a second, both in tmux and measured in the same run.

Target: `glute run` uses at most 1.5x the CPU of the bare app.

    python benchmarks/run_cpu.py [--seconds 60] [--template wake-up]

CPU is utime + stime of each process, read from /proc/<pid>/stat after the
program has started (start-up is not counted). Linux and tmux only.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--template", default="wake-up")
    parser.add_argument("--warmup", type=float, default=3.0)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed")
        return 2
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
        socket = str(Path(folder) / "sock")
        try:
            glute_pid = start(socket, "glute", [*glute_script(), "run", str(session)], env)
            bare_pid = start(socket, "bare", [sys.executable, str(bare)], env)
            time.sleep(args.warmup)
            glute_0, bare_0 = cpu_seconds(glute_pid), cpu_seconds(bare_pid)
            time.sleep(args.seconds)
            glute_cpu = cpu_seconds(glute_pid) - glute_0
            bare_cpu = cpu_seconds(bare_pid) - bare_0
        finally:
            subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True)
    ratio = glute_cpu / bare_cpu if bare_cpu else float("inf")
    ok = ratio <= 1.5
    print(f"over {args.seconds:g} s in tmux at 100x34 (template {args.template}):")
    print(f"  glute run          {glute_cpu:7.2f} s CPU  ({100 * glute_cpu / args.seconds:.1f} %)")
    print(f"  bare Digits app    {bare_cpu:7.2f} s CPU  ({100 * bare_cpu / args.seconds:.1f} %)")
    print(f"  ratio              {ratio:7.2f}x  (target <= 1.5x)  {'ok' if ok else 'HIGH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
