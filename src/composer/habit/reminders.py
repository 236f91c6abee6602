"""Reminders for people who sit: when a session (or a movement break) is
due, and a desktop notification that says so.

The schedule is the ``[reminders]`` table of ``config.toml``: days and
times, or every N minutes between two times of the day, or both::

    [reminders]
    days = ["mon", "tue", "wed", "thu", "fri"]   # default: every day
    times = ["08:30", "13:00"]
    every_minutes = 50                           # from 09:00 until 17:30 by default
    from = "09:00"
    until = "17:30"

A reminder is due from its time until the next reminder time or midnight,
whichever comes first, unless a session was run since its time (when the
run history is there to tell). `glute due` exits 0 and says so when one
is due, 1 when none is; ``--notify`` also sends a desktop notification,
once per reminder time. The clock is injected (`now`), so all of this is
tested at fixed times. No Textual here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from composer.safetext import visible
from composer.store.schedule import Schedule, clock_text

APP_TITLE = "Glute Composer"
NOTIFY_TIMEOUT_S = 10


# -- is one due? ----------------------------------------------------------------------


class RunLike(Protocol):
    @property
    def started(self) -> datetime: ...

    @property
    def ended(self) -> datetime | None: ...


class RunLog(Protocol):
    """The part of the run history that reminders read: runs started at
    or after `since`."""

    def runs(self, since: datetime | None = None) -> Sequence[RunLike]: ...


@dataclass(frozen=True)
class Due:
    """A reminder that is due: its time today, and whether the history
    was there to say that no session ran since."""

    slot: datetime
    checked_history: bool

    def describe(self) -> str:
        text = f"A session is due: the {clock_text(self.slot.time())} reminder"
        if self.checked_history:
            text += ", and no session was run since"
        return text + "."


def last_slot(schedule: Schedule, now: datetime) -> datetime | None:
    """The latest reminder time of today at or before `now`."""
    passed = [moment for moment in schedule.slots(now.date()) if moment <= now.time()]
    if not passed:
        return None
    return datetime.combine(now.date(), passed[-1], tzinfo=now.tzinfo)


def ran_since(history: RunLog, moment: datetime) -> bool:
    """Whether a run started or ended at or after `moment`."""
    for run in history.runs(since=moment - timedelta(hours=12)):
        end = run.ended or run.started
        if _aware(end) >= moment or _aware(run.started) >= moment:
            return True
    return False


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def due(schedule: Schedule, now: datetime, history: RunLog | None = None) -> Due | None:
    """The reminder due at `now` (an aware local time), or None."""
    now = _aware(now)
    slot = last_slot(schedule, now)
    if slot is None:
        return None
    if history is not None and ran_since(history, slot):
        return None
    return Due(slot=slot, checked_history=history is not None)


# -- notifications ----------------------------------------------------------------------

Runner = Callable[..., Any]


def notify(
    title: str,
    body: str,
    *,
    which: Callable[[str], str | None] | None = None,
    platform: str | None = None,
    run: Runner | None = None,
    terminal: Any = None,
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """Send a desktop notification: notify-send, or osascript on macOS,
    else OSC 9/777 to `terminal` (a tty stream) when there is one. The
    commands are the timer's own (`composer.run.cues`); the text goes through
    `visible` and as plain arguments, never through a shell. Returns what
    sent it, or None when nothing could."""
    from composer.run.cues import desktop_notification_command, notification_sequences

    which = which or shutil.which
    run = run or subprocess.run
    environ = os.environ if environ is None else environ
    title, body = visible(title)[:100], visible(body)[:300]
    job = desktop_notification_command(title, body, which, platform or sys.platform)
    if job is not None:
        try:
            result = run(
                list(job.argv),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=NOTIFY_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            result = None
        if result is not None and result.returncode == 0:
            return Path(job.argv[0]).name
    if terminal is not None:
        # Shown as a notification by iTerm2, kitty, WezTerm, foot, Windows Terminal...
        terminal.write(notification_sequences(title, body, tmux=bool(environ.get("TMUX"))))
        terminal.flush()
        return "terminal"
    return None


# -- what was notified ----------------------------------------------------------------


def _state_file() -> Path:
    from composer.store import paths

    return paths.data_directory() / "reminders.json"


def _already_notified(slot: datetime) -> bool:
    try:
        data = json.loads(_state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("notified") == slot.isoformat()


def _remember_notified(slot: datetime) -> None:
    from composer.store.files import atomic_write_text

    path = _state_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps({"notified": slot.isoformat()}) + "\n")
    except OSError as error:
        print(f"{visible(path)}: cannot write: {visible(error.strerror or error)}", file=sys.stderr)


# -- the commands --------------------------------------------------------------------------


def _now(at: str | None) -> datetime:
    from composer.errors import UsageError

    if at is None:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        raise UsageError(
            f"--at {visible(at)!r}: not a date and time such as 2025-03-03T13:05"
        ) from None
    return _aware(moment)


def _history_log() -> Any | None:
    from composer.habit.advice import open_history

    history = open_history()
    if history is not None and not callable(getattr(history, "runs", None)):
        return None
    return history


def cmd_due(*, notify_user: bool = False, at: str | None = None, stdout: Any = None) -> int:
    """`glute due`: exit 0 and say what is due, or exit 1."""
    from composer.store.config import load_config

    stdout = stdout or sys.stdout
    config = load_config()
    for problem in config.problems:
        print(f"warning: {visible(problem)}", file=sys.stderr)
    schedule = config.reminders
    if schedule is None:
        from composer.store import paths

        print(
            f"glute: no reminders set: add a [reminders] table to {visible(paths.config_file())}",
            file=sys.stderr,
        )
        return 1
    now = _now(at)
    history = _history_log()
    try:
        found = due(schedule, now, history)
    except Exception as error:  # a damaged history never stops a reminder
        print(f"warning: history not read: {visible(error)}", file=sys.stderr)
        found = due(schedule, now, None)
    finally:
        close = getattr(history, "close", None)
        if callable(close):
            close()
    if found is None:
        return 1
    print(found.describe(), file=stdout)
    if notify_user and not _already_notified(found.slot):
        terminal = stdout if stdout.isatty() else None
        sent = notify(
            APP_TITLE,
            f"Time to get up and move: the {clock_text(found.slot.time())} session is due.",
            terminal=terminal,
        )
        if sent is None:
            print(
                "glute: no way to send a notification here (notify-send, osascript "
                "or a terminal that shows OSC 9)",
                file=sys.stderr,
            )
        else:
            _remember_notified(found.slot)
    return 0


def run(args: Any) -> int:
    """Dispatch `glute due` and `glute remind install|remove`."""
    if args.command == "due":
        return cmd_due(notify_user=args.notify, at=args.at)
    from composer.habit import scheduler

    if args.action == "install":
        return scheduler.cmd_install(args.scheduler)
    return scheduler.cmd_remove(args.scheduler)


def environ_for_job(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables a scheduled `glute due` needs from this environment:
    the portable data folder, and the session bus for notify-send."""
    environ = os.environ if environ is None else environ
    out = {}
    from composer.store.paths import HOME_ENV

    if environ.get(HOME_ENV):
        out[HOME_ENV] = os.path.abspath(os.path.expanduser(environ[HOME_ENV]))
    return out
