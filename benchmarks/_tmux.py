"""Run a command in a private tmux server and watch its screen."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BARE_APP = """
import sys
from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield Static("READY", id="echo", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(f"ECHO[{event.value}]")


Bare().run()
"""


def glute() -> list[str]:
    script = Path(sys.executable).parent / "glute"
    return [str(script)] if script.exists() else [sys.executable, "-m", "composer"]


def bare_app(folder: Path) -> list[str]:
    """A Textual app with one Input and one Static: the baseline."""
    path = folder / "bare_app.py"
    path.write_text(BARE_APP)
    return [sys.executable, str(path)]


class Terminal:
    """One tmux server on a private socket with one window."""

    def __init__(self, command: list[str], env: dict[str, str], size=(120, 40)) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="glute-bench-"))
        self.socket = str(self.folder / "sock")
        self.env = env
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.started = time.perf_counter()
        shell = f"env {exports} TERM=xterm-256color {shlex.join(command)}"
        subprocess.run(
            [
                "tmux",
                "-S",
                self.socket,
                "new-session",
                "-d",
                "-s",
                "b",
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                shell,
            ],
            check=True,
        )

    def tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True)
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "b")

    def wait_for(self, ready: Callable[[str], bool], timeout: float = 20.0) -> float:
        """Seconds from now until `ready(screen)`."""
        start = time.perf_counter()
        while True:
            if ready(self.screen()):
                return time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"the screen never got ready:\n{self.screen()}")
            time.sleep(0.001)

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "b", *keys)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def rss_kib(self) -> int:
        """Resident memory of the program in the pane (and its children)."""
        total = 0
        pids = [self.pid()]
        while pids:
            pid = pids.pop()
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            pids += [int(c) for c in children]
        return total

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)


def base_env(home: Path | None = None) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "")}
    if home is not None:
        env["GLUTE_COMPOSER_HOME"] = str(home)
    return env
