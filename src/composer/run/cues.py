"""Cues: the timer followed without looking at it.

The engine's events become `Cue` objects, and each cue goes to the outputs
the user asked for: the terminal bell or sound files, a voice, desktop
notifications, and every plugin that implements ``composer_cue``. The run
screen and the plain-text runner both hand their events to one
`CueDispatcher`.

Nothing here may delay the clock. `CueDispatcher.dispatch` only puts work on
bounded queues: speech, sounds and notification programs are started by one
worker thread (a new utterance cuts the one still playing), and each plugin
is called on a worker thread of its own. When a queue is full the cue is
dropped; a plugin that raises or lags is reported once. Speech programs get
their text on standard input or after ``--``, never through a shell, so text
from a session file or a plugin cannot become an option or a command.

No Textual here: the plain runner must not import it.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from composer.run.engine import Countdown, Engine, Event, Finished, Held, IntervalStarted
from composer.run.timeline import Interval, Kind
from composer.safetext import visible
from composer.store.config import SOUND_EVENTS

__all__ = [
    "SOUND_EVENTS",
    "Cue",
    "CueDispatcher",
    "CueKind",
    "CueSettings",
    "notification_sequences",
    "speech_command",
]

APP_TITLE = "Glute Composer"


# Bounds: a queue never grows without end, a spoken line stays short.
PROCESS_QUEUE = 16
PLUGIN_QUEUE = 64
MAX_SPOKEN = 200


class CueKind(StrEnum):
    START = "start"  # an interval began
    HELD = "held"  # a get-ready waits for the user (wait mode)
    COUNTDOWN = "countdown"  # one of the last three seconds began
    FINISHED = "finished"  # the session is over


@dataclass(frozen=True)
class Cue:
    """One timer event, as plugins receive it in ``composer_cue(event)``.

    `kind` says what happened (``start``, ``held``, ``countdown``,
    ``finished``); `interval` is the kind of interval the timer is in
    (``get-ready``, ``work``, ``hold``, ``relax``, ``rest``, ``switch``,
    ``round-rest``, ``done``). Both are string enums: compare them with plain
    strings. `exercise` is the full id (``namespace/id``) and `name` the name
    shown, both empty outside a step; `side` is ``"left"``, ``"right"`` or
    None; `set`/`sets` and `rep`/`reps` are 0 where they do not apply;
    `seconds_left` is None for self-paced work. Text fields come from session
    files and plugins: treat them as untrusted.
    """

    kind: CueKind
    interval: Kind
    exercise: str
    name: str
    side: str | None
    set: int
    sets: int
    rep: int
    reps: int
    seconds_left: float | None


@dataclass(frozen=True)
class CueSettings:
    """What the user turned on (config.toml and the command line)."""

    sound: bool = True
    voice: bool = False
    notify: bool = False
    sounds: Mapping[str, Path] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Any, **overrides: Any) -> CueSettings:
        values: dict[str, Any] = {"sounds": dict(getattr(config, "sound_files", {}) or {})}
        if config is not None:
            for key in ("sound", "voice", "notify"):
                values[key] = config.setting(key)
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


# -- programs ------------------------------------------------------------------

Which = Callable[[str], str | None]

_PS_SPEAK = (
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak([Console]::In.ReadToEnd())"
)
_PS_PLAY = "(New-Object Media.SoundPlayer $env:GLUTE_SOUND_FILE).PlaySync()"
_PS_ARGS = ("-NoProfile", "-NonInteractive", "-Command")


@dataclass(frozen=True)
class Job:
    """A program to start: argv, text for its stdin, extra environment."""

    argv: tuple[str, ...]
    stdin: str | None = None
    env: Mapping[str, str] | None = None


def _powershell(which: Which) -> str | None:
    return which("powershell") or which("pwsh")


def speech_command(
    text: str, which: Which = shutil.which, platform: str = sys.platform
) -> Job | None:
    """How to speak `text` with the first speech program found, or None."""
    if exe := which("espeak-ng"):
        return Job((exe, "--stdin"), stdin=text)
    if exe := which("spd-say"):
        return Job((exe, "--", text))
    if platform == "darwin" and (exe := which("say")):
        return Job((exe,), stdin=text)  # `say` reads standard input when given no text
    if platform == "win32" and (exe := _powershell(which)):
        return Job((exe, *_PS_ARGS, _PS_SPEAK), stdin=text)
    return None


def sound_command(
    path: Path, which: Which = shutil.which, platform: str = sys.platform
) -> Job | None:
    """How to play the sound file `path` (absolute), or None."""
    for name in ("paplay", "aplay", "afplay"):
        if exe := which(name):
            return Job((exe, str(path)))
    if platform == "win32" and (exe := _powershell(which)):
        return Job((exe, *_PS_ARGS, _PS_PLAY), env={"GLUTE_SOUND_FILE": str(path)})
    return None


def desktop_notification_command(
    title: str, body: str, which: Which = shutil.which, platform: str = sys.platform
) -> Job | None:
    """notify-send or osascript, with the text as plain arguments."""
    if exe := which("notify-send"):
        return Job((exe, "--app-name", APP_TITLE, "--", title, body))
    if platform == "darwin" and (exe := which("osascript")):
        script = (
            "on run argv",
            "display notification (item 2 of argv) with title (item 1 of argv)",
            "end run",
        )
        args = [part for line in script for part in ("-e", line)]
        return Job((exe, *args, title, body))
    return None


def notification_sequences(title: str, body: str, tmux: bool = False) -> str:
    """OSC 9 and OSC 777 desktop notifications, wrapped for tmux passthrough
    when `tmux` (tmux then needs ``allow-passthrough on``)."""
    title = _clean(title).replace(";", ",")
    body = _clean(body)
    sequences = [f"\x1b]9;{title}: {body}\x07", f"\x1b]777;notify;{title};{body}\x07"]
    if tmux:
        sequences = ["\x1bPtmux;" + seq.replace("\x1b", "\x1b\x1b") + "\x1b\\" for seq in sequences]
    return "".join(sequences)


def _clean(text: str, limit: int = MAX_SPOKEN) -> str:
    """One visible line, short enough to say or show."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- what is said and shown ------------------------------------------------------

_SECONDS = re.compile(r"\b(\d+(?:\.\d+)?) s\b")


def spoken_dose(dose: str) -> str:
    """``3 × 15 reps · hold 3 s · each side`` → ``3 sets of 15 reps, hold 3 seconds, each side``."""
    text = dose.replace(" × ", " sets of ").replace(" · ", ", ").replace("/rep", " per rep")
    text = _SECONDS.sub(lambda m: f"{m[1]} second{'' if m[1] == '1' else 's'}", text)
    return text.replace(" min", " minutes").replace(" h ", " hours ")


class Script:
    """Turns events into what is said, which sound plays, and what a
    notification says. Keeps a little memory so a side or "last set" is said
    when it changes, not on every rep."""

    def __init__(self) -> None:
        self._side: str | None = None
        self._last_set: tuple[int, int, int] | None = None
        self._segment: int | None = None

    def utterance(self, cue: Cue, interval: Interval) -> str | None:
        if cue.kind is CueKind.COUNTDOWN:
            return str(round(cue.seconds_left or 0))
        if cue.kind is CueKind.FINISHED:
            return "done"
        if cue.kind is not CueKind.START:
            return None
        kind = interval.kind
        if kind is Kind.GET_READY:
            self._side = None
            dose = spoken_dose(interval.dose)
            return f"Get ready. {interval.name}." + (f" {dose}." if dose else "")
        if kind is Kind.SWITCH:
            self._side = None
            return "switch sides"
        if kind in (Kind.REST, Kind.ROUND_REST):
            self._side = None
            return "rest"
        if kind is Kind.DONE:
            return None  # the Finished event says it
        if kind is Kind.RELAX:
            return "relax"
        parts = []
        key = (interval.step, interval.round, interval.set)
        if interval.sets > 1 and interval.set == interval.sets and self._last_set != key:
            parts.append("last set")
        self._last_set = key
        if interval.side and interval.side != self._side:
            parts.append(interval.side)
        self._side = interval.side
        if kind is Kind.HOLD:
            parts.append("hold")
        elif interval.self_paced:
            each = " each side" if interval.alternating else ""
            parts.append(f"{interval.reps} reps{each}")
        else:
            parts.append("go")
        return ", ".join(parts)

    @staticmethod
    def sound(cue: Cue) -> str | None:
        if cue.kind is CueKind.COUNTDOWN:
            return "countdown"
        if cue.kind is not CueKind.START:
            return None
        if cue.interval is Kind.SWITCH:
            return "switch"
        if cue.interval in (Kind.REST, Kind.ROUND_REST):
            return "rest"
        if cue.interval is Kind.DONE:
            return "done"
        return "start"

    def notification(self, cue: Cue, interval: Interval) -> str | None:
        """The text of a desktop notification, when the interval is worth one
        (a new exercise, side, set, rest or the end; not every rep)."""
        if cue.kind is not CueKind.START or interval.kind is Kind.RELAX:
            return None
        if interval.kind.is_work:
            if interval.segment == self._segment:
                return None
            self._segment = interval.segment
            return f"{interval.kind.label}: {interval.headline()}"
        self._segment = None
        return interval.headline()


# -- workers ---------------------------------------------------------------------

_STOP = object()


class _Spawner:
    """Starts programs on a worker thread; a new job of a group cuts the
    group's previous process (a new utterance interrupts the last one)."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self._jobs: queue.Queue[Any] = queue.Queue(PROCESS_QUEUE)
        self._report = report
        self._current: dict[str, subprocess.Popen] = {}
        self._running: list[subprocess.Popen] = []
        self._failed: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="glute-cues", daemon=True)
        self._thread.start()

    def put(self, group: str, job: Job) -> None:
        try:
            self._jobs.put_nowait((group, job))
        except queue.Full:
            pass  # the outputs lag behind the clock: drop rather than wait

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            try:
                if item is _STOP:
                    return
                self._start(*item)
            except BaseException as error:
                self._report(f"cue output failed: {type(error).__name__}: {error}")
            finally:
                self._jobs.task_done()

    def _start(self, group: str, job: Job) -> None:
        self._running = [proc for proc in self._running if proc.poll() is None]
        previous = self._current.get(group)
        if previous is not None and previous.poll() is None:
            previous.terminate()
        env = None
        if job.env:
            env = {**os.environ, **job.env}
        try:
            proc = subprocess.Popen(
                list(job.argv),
                stdin=subprocess.PIPE if job.stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=sys.platform != "win32",
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as error:
            if job.argv[0] not in self._failed:
                self._failed.add(job.argv[0])
                self._report(f"cannot start {Path(job.argv[0]).name}: {error.strerror or error}")
            return
        if job.stdin is not None and proc.stdin is not None:
            try:
                proc.stdin.write(job.stdin.encode("utf-8", "replace"))
                proc.stdin.close()
            except OSError:
                pass
        self._current[group] = proc
        self._running.append(proc)

    def wait(self, timeout: float) -> bool:
        """Wait until every queued job started and every program ended."""
        end = time.monotonic() + timeout
        while self._jobs.unfinished_tasks:
            if time.monotonic() > end:
                return False
            time.sleep(0.01)
        for proc in list(self._running):
            try:
                proc.wait(max(0.0, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                return False
        return True

    def stop(self) -> None:
        try:
            self._jobs.put_nowait(_STOP)
        except queue.Full:
            pass


class _PluginWorker:
    """Calls one plugin's ``composer_cue`` on its own thread."""

    def __init__(self, name: str, call: Callable[[Cue], object], report) -> None:
        self.name = name
        self._call = call
        self._report = report
        self._cues: queue.Queue[Any] = queue.Queue(PLUGIN_QUEUE)
        self.raised = False
        self.dropped = 0
        self._thread = threading.Thread(target=self._run, name=f"glute-cue-{name}", daemon=True)
        self._thread.start()

    def put(self, cue: Cue) -> None:
        try:
            self._cues.put_nowait(cue)
        except queue.Full:
            self.dropped += 1
            if self.dropped == 1:
                self._report(f"plugin {self.name!r} is slow to take cues: some were dropped")

    def _run(self) -> None:
        while True:
            cue = self._cues.get()
            try:
                if cue is _STOP:
                    return
                self._call(cue)
            except BaseException as error:  # KeyboardInterrupt, SystemExit from plugin code too
                if not self.raised:
                    self.raised = True
                    from composer.catalog.guard import describe

                    self._report(f"plugin {self.name!r}: composer_cue raised {describe(error)}")
            finally:
                self._cues.task_done()

    def wait(self, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while self._cues.unfinished_tasks:
            if time.monotonic() > end:
                return False
            time.sleep(0.01)
        return True

    def stop(self) -> None:
        try:
            self._cues.put_nowait(_STOP)
        except queue.Full:
            pass


def plugin_callers(catalog: Any) -> list[tuple[str, Callable[[Cue], object]]]:
    """One caller per loaded plugin that implements ``composer_cue``: the
    plugin's own pluggy hook caller, so one plugin that raises cannot keep a
    cue from the others."""
    hook_caller = getattr(catalog, "hook_caller", None)
    if hook_caller is None:
        return []
    callers: list[tuple[str, Callable[[Cue], object]]] = []
    for info in getattr(catalog, "plugins", ()):
        caller = hook_caller(info.name, "composer_cue")
        if caller is None:
            continue

        def call(cue: Cue, caller=caller) -> object:
            return caller(event=cue)

        callers.append((info.name, call))
    return callers


# -- the dispatcher ----------------------------------------------------------------


class CueDispatcher:
    """Turns engine events into cues and sends them to every output.

    `bell` rings the terminal bell; `terminal` writes an escape sequence to
    the terminal (None where there is no terminal: notifications then go
    through notify-send or osascript). `catalog` holds the plugins whose
    ``composer_cue`` hook gets every cue. Problems (no speech program, a
    plugin that raised) are collected for the caller to show: `reports()`.
    """

    def __init__(
        self,
        settings: CueSettings,
        *,
        bell: Callable[[], None] | None = None,
        terminal: Callable[[str], None] | None = None,
        catalog: Any = None,
        which: Which = shutil.which,
        platform: str = sys.platform,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self._bell = bell
        self._terminal = terminal
        self._which = which
        self._platform = platform
        environ = os.environ if environ is None else environ
        self._tmux = bool(environ.get("TMUX"))
        self._script = Script()
        self._reports: list[str] = []
        self._lock = threading.Lock()
        self._spawner: _Spawner | None = None
        self._speech_missing = False
        self._players_missing = False
        self._workers = [
            _PluginWorker(name, call, self._report) for name, call in plugin_callers(catalog)
        ]
        if settings.voice and speech_command("", which, platform) is None:
            self._speech_missing = True
            self._report(
                "voice is on, but no speech program was found "
                "(install espeak-ng or speech-dispatcher); the timer runs without it"
            )

    # -- reports -----------------------------------------------------------------

    def _report(self, message: str) -> None:
        with self._lock:
            self._reports.append(visible(message))

    def reports(self) -> list[str]:
        """Problems found since the last call, one line each (safe to show)."""
        with self._lock:
            out, self._reports = self._reports, []
        return out

    # -- dispatch ----------------------------------------------------------------

    @staticmethod
    def cues(events: Iterable[Event], engine: Engine) -> list[tuple[Cue, Interval]]:
        """The cues of `events`, each with its interval."""
        out = []
        for event in events:
            if isinstance(event, IntervalStarted):
                kind, interval = CueKind.START, event.interval
                left = interval.duration
            elif isinstance(event, Held):
                kind, interval = CueKind.HELD, engine.timeline.intervals[event.index]
                left = interval.duration
            elif isinstance(event, Countdown):
                kind, interval, left = CueKind.COUNTDOWN, engine.interval, float(event.seconds)
            elif isinstance(event, Finished):
                kind, interval, left = CueKind.FINISHED, engine.interval, 0.0
            else:
                continue
            cue = Cue(
                kind=kind,
                interval=interval.kind,
                exercise=interval.exercise,
                name=interval.name,
                side=interval.side,
                set=interval.set,
                sets=interval.sets,
                rep=interval.rep,
                reps=interval.reps,
                seconds_left=left,
            )
            out.append((cue, interval))
        return out

    def dispatch(self, events: Iterable[Event], engine: Engine) -> list[Cue]:
        """Send the cues of `events` to every output; returns them. Never
        waits for an output."""
        pairs = self.cues(events, engine)
        if not pairs:
            return []
        for worker in self._workers:
            for cue, _interval in pairs:
                worker.put(cue)
        said = sound = None
        notes = []
        for cue, interval in pairs:
            said = self._script.utterance(cue, interval) or said
            sound = self._script.sound(cue) or sound
            if self.settings.notify and (note := self._script.notification(cue, interval)):
                notes.append(note)
        # Several events at once (a catch-up, the end): only the last is heard.
        if self.settings.sound and sound:
            self._play(sound)
        if self.settings.voice and said and not self._speech_missing:
            self.say(said)
        for note in notes[-1:]:
            self._notify(note)
        return [cue for cue, _interval in pairs]

    def say(self, text: str) -> None:
        text = _clean(text).replace("[[", "[ [")
        job = speech_command(text, self._which, self._platform)
        if job is not None:
            self._spawn("voice", job)

    def _play(self, event: str) -> None:
        path = self.settings.sounds.get(event)
        if path is not None:
            job = sound_command(Path(path), self._which, self._platform)
            if job is not None:
                self._spawn("sound", job)
                return
            if not self._players_missing:
                self._players_missing = True
                self._report("no sound player found (paplay, aplay, afplay): using the bell")
        if self._bell is not None:
            self._bell()

    def _notify(self, body: str) -> None:
        if self._terminal is not None:
            self._terminal(notification_sequences(APP_TITLE, body, tmux=self._tmux))
            return
        job = desktop_notification_command(APP_TITLE, _clean(body), self._which, self._platform)
        if job is not None:
            self._spawn("notify", job)

    def _spawn(self, group: str, job: Job) -> None:
        if self._spawner is None:
            self._spawner = _Spawner(self._report)
        self._spawner.put(group, job)

    # -- the end -----------------------------------------------------------------

    def wait(self, timeout: float = 5.0) -> bool:
        """Wait until every cue so far was played, said and handed to the
        plugins (tests, and the last "done" of a plain run)."""
        end = time.monotonic() + timeout
        ok = True
        if self._spawner is not None:
            ok = self._spawner.wait(timeout) and ok
        for worker in self._workers:
            ok = worker.wait(max(0.0, end - time.monotonic())) and ok
        return ok

    def close(self) -> None:
        """Stop the worker threads (programs already started play on)."""
        if self._spawner is not None:
            self._spawner.stop()
        for worker in self._workers:
            worker.stop()
