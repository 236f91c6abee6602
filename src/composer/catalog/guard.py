"""Running plugin code without letting it stop the program.

Everything a plugin does (its import, registering it, each hook call, and
reading the objects it returns) runs through `contained`. Whatever the
plugin raises, `BaseException` included (KeyboardInterrupt, SystemExit,
GeneratorExit, an exception whose ``__str__`` raises), comes back as a
`PluginFailure` with a one-line description that is safe to print.

On the main thread of a POSIX system the code also gets a time limit: a
``SIGALRM`` timer interrupts a plugin that does not finish (an endless loop
at import, a hook that waits forever). A Ctrl-C that the user really presses
while plugin code runs still stops the program; a KeyboardInterrupt that the
plugin raises by itself does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from composer.safetext import visible

T = TypeVar("T")

# Seconds a plugin's import, or one of its hook calls, may take.
TIME_LIMIT_S = 20.0
# Longest description of a failure, in characters.
MAX_DESCRIPTION = 200


class PluginFailure(Exception):
    """Plugin code failed; `str(failure)` is one line, safe to show, and
    `timed_out` says whether it was stopped for taking too long."""

    def __init__(self, message: str, *, timed_out: bool = False):
        super().__init__(message)
        self.timed_out = timed_out


class _TimeLimit(BaseException):
    """Raised inside plugin code when its time is up."""


class _UserInterrupt(KeyboardInterrupt):
    """Raised inside plugin code when the user presses Ctrl-C."""


def type_name(value: object) -> str:
    """The name of `value`'s type, safe to show (a class name is plugin data too)."""
    try:
        name = type.__dict__["__name__"].__get__(type(value))
    except BaseException:
        name = "object"
    return visible(name if isinstance(name, str) else "object")[:60]


def describe(error: BaseException, limit_s: float | None = None) -> str:
    """``Type: first line of the message``, escaped and cut to one short line."""
    if isinstance(error, _TimeLimit):
        return f"did not finish within {limit_s or TIME_LIMIT_S:g} s"
    name = type_name(error)
    try:
        text = str(error)
    except BaseException:
        text = "(its message cannot be shown)"
    if not isinstance(text, str):
        text = ""
    text = text[: MAX_DESCRIPTION * 4].strip()
    text = text.splitlines()[0] if text else ""
    text = visible(text)[:MAX_DESCRIPTION]
    return f"{name}: {text}" if text else name


class _Guard:
    """Arms the time limit and the Ctrl-C watch while plugin code runs."""

    def __init__(self, limit_s: float | None):
        self.limit_s = limit_s
        self.active = False
        self.user_interrupted = False
        self._saved: dict[int, Any] = {}

    def _on_alarm(self, _signum: int, _frame: object) -> None:
        if self.active:
            raise _TimeLimit

    def _on_interrupt(self, _signum: int, _frame: object) -> None:
        self.user_interrupted = True
        if self.active:
            raise _UserInterrupt

    def __enter__(self) -> _Guard:
        # Imported here: commands that read the catalog index run no plugin.
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            try:
                if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                    self._saved[signal.SIGINT] = signal.signal(signal.SIGINT, self._on_interrupt)
                if (
                    self.limit_s
                    and hasattr(signal, "setitimer")
                    and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
                ):
                    self._saved[signal.SIGALRM] = signal.signal(signal.SIGALRM, self._on_alarm)
                    # Repeats, in case the plugin swallows the first interruption.
                    signal.setitimer(signal.ITIMER_REAL, self.limit_s, 1.0)
            except (ValueError, OSError):  # not allowed here: run without a limit
                pass
        self.active = True
        return self

    def __exit__(self, *_exc: object) -> None:
        import signal

        self.active = False
        if getattr(signal, "SIGALRM", None) in self._saved:
            signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)
        if self.user_interrupted:
            raise KeyboardInterrupt


def contained(work: Callable[[], T], *, limit_s: float | None = TIME_LIMIT_S) -> T:
    """Run `work` (which runs plugin code) and return its result, or raise
    `PluginFailure` describing what went wrong. Only a Ctrl-C pressed by the
    user gets through, as KeyboardInterrupt."""
    with _Guard(limit_s) as guard:
        try:
            try:
                result = work()
                guard.active = False
                return result
            except BaseException as error:
                # Still guarded: the error's __str__ is plugin code too.
                timed_out = isinstance(error, _TimeLimit)
                message = describe(error, limit_s)
                guard.active = False
        except BaseException as late:  # the time ran out while describing
            guard.active = False
            timed_out = isinstance(late, _TimeLimit)
            message = describe(late, limit_s) if timed_out else type_name(late)
        raise PluginFailure(message, timed_out=timed_out)


def is_stop(error: BaseException) -> bool:
    """True for the interruptions of `contained` (time is up, the user
    pressed Ctrl-C): code that handles one item at a time lets them through
    instead of taking them for one bad item."""
    return isinstance(error, (_TimeLimit, _UserInterrupt))
