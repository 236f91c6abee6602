"""Run a command in a pseudo-terminal and read the raw bytes it writes
(escape sequences included, which tmux's capture-pane would not show)."""

from __future__ import annotations

import os
import select
import signal
import struct
import subprocess
import time


class PtyRun:
    def __init__(self, argv: list[str], env: dict[str, str], size=(100, 34)) -> None:
        import fcntl
        import pty
        import termios

        self.master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = b""

    def read_until(self, predicate, timeout: float = 20.0) -> bytes:
        end = time.monotonic() + timeout
        while not predicate(self.output):
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out; got {self.output[-2000:]!r}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the program ended
                    chunk = b""
                if not chunk and self.proc.poll() is not None:
                    if predicate(self.output):
                        break
                    raise AssertionError(f"the program ended; got {self.output[-2000:]!r}")
                self.output += chunk
        return self.output

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        os.close(self.master)

    def __enter__(self) -> PtyRun:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
