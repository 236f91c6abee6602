"""A real pseudo-terminal for tests that must see every byte a program
writes to the screen (tmux, in `terminal.py`, shows only the result)."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable


class PseudoTerminal:
    """Runs `command` on a pty of `size` (columns, lines) and records all of
    its output. Use as a context manager: the program is ended on exit."""

    def __init__(self, command: list[str], env: dict[str, str], size=(100, 30)):
        columns, lines = size
        env = dict(env, COLUMNS=str(columns), LINES=str(lines), TERM="xterm-256color")
        env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
        self.master, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.process = subprocess.Popen(
            command,
            stdin=child,
            stdout=child,
            stderr=child,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(child)
        self.output = b""
        self.sent_at = 0
        self.closed = False

    def read(self, seconds: float) -> None:
        """Read what the program writes for at most `seconds`."""
        end = time.monotonic() + seconds
        while not self.closed and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the program has ended and closed the terminal
                data = b""
            if not data:
                self.closed = True
                return
            self.output += data

    def wait_for(self, predicate: Callable[[bytes], bool], timeout: float = 20.0) -> None:
        """Read until `predicate(output)` holds; fail after `timeout` seconds."""
        end = time.monotonic() + timeout
        while not predicate(self.output):
            if self.closed or time.monotonic() > end:
                tail = self.output[-3000:]
                raise AssertionError(f"timed out waiting; the output ended with:\n{tail!r}")
            self.read(0.2)

    def wait_for_text(self, *words: str, timeout: float = 20.0) -> None:
        """Read until every one of `words` has been drawn since the last `send`."""
        start = self.sent_at
        encoded = [word.encode() for word in words]
        self.wait_for(lambda out: all(word in out[start:] for word in encoded), timeout)

    def send(self, *keys: bytes) -> None:
        """Type `keys`, each after reading what the one before it drew."""
        self.sent_at = len(self.output)
        for key in keys:
            os.write(self.master, key)
            self.read(0.05)

    def finish(self, quit_keys: bytes = b"", timeout: float = 15.0, *, then: bytes = b"") -> int:
        """Send `quit_keys`, read until the program ends, and return its exit
        code. `then` is sent again every half second meanwhile (Esc for the
        check-in that follows a stopped run, which ignores keys at first)."""
        if quit_keys:
            self.send(quit_keys)
        end = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < end:
            self.read(0.5 if then else 0.2)
            if then and self.process.poll() is None:
                self.send(then)
        self.read(0.5)
        if self.process.poll() is None:
            self.close()
            raise AssertionError(f"the program did not end; output:\n{self.output[-3000:]!r}")
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        try:
            os.close(self.master)
        except OSError:
            pass

    def __enter__(self) -> PseudoTerminal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
