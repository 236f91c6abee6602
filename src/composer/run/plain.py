"""`glute run --plain`: the timer as short lines of plain text.

For screen readers, braille displays, logs and terminals where a full-screen
app does not work (it is used when stdout is not a terminal). One line when
an interval starts, one line for each of the last three seconds, and the
summary at the end. Commands are typed as a line: Enter alone is "done" for
self-paced work and "go" for a held get-ready (``--wait``).

No Textual import. The clock and the wait for input are injected, so tests
run a whole session on a fake clock.
"""

from __future__ import annotations

import math
import queue
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from composer.model import Session, format_clock, format_seconds
from composer.run.cues import CueDispatcher
from composer.run.engine import Countdown, Engine, Event, Finished, Held, IntervalStarted
from composer.run.record import record_run
from composer.run.resume import RunLog
from composer.run.timeline import Interval, Kind, Timeline
from composer.safetext import visible

__all__ = ["PlainRunner", "StdinLines", "interval_line"]

# Longest wait between two looks at the clock (the engine never drifts, this
# only bounds how late a report or a line can be).
MAX_WAIT_S = 1.0

HELP = "Type a command and press Enter: (Enter) done or go · n next · b back · p pause · s skip step · q stop"


def interval_line(interval: Interval, remaining: float | None = None) -> str:
    """``0:30 HOLD Glute bridge · set 1/3 · rep 4/10 · LEFT``: one line that
    says what to do now (text from files made visible)."""
    kind = interval.kind
    seconds = interval.duration if remaining is None else remaining
    clock = format_clock(seconds) if seconds is not None else ""
    name = visible(interval.name)
    if kind is Kind.DONE:
        return kind.label
    if kind is Kind.GET_READY:
        dose = f" · {visible(interval.dose)}" if interval.dose else ""
        side = f" · start {interval.side.upper()}" if interval.side else ""
        return f"{clock} {kind.label} {name}{dose}{side}"
    if kind is Kind.SWITCH:
        return f"{clock} {kind.label} · {(interval.side or '').upper()} next"
    if kind is Kind.REST:
        return f"{clock} {kind.label} · set {interval.set + 1}/{interval.sets} next"
    if kind is Kind.ROUND_REST:
        return f"{clock} {kind.label} · round {interval.round + 1}/{interval.rounds} next"
    if kind is Kind.RELAX:
        return f"{clock} {kind.label}"
    parts = [name]
    if interval.sets > 1:
        parts.append(f"set {interval.set}/{interval.sets}")
    if interval.rep:
        parts.append(f"rep {interval.rep}/{interval.reps}")
    if interval.side_label:  # the timer screen's words: LEFT, RIGHT, ALTERNATE SIDES
        parts.append(interval.side_label)
    if interval.self_paced:
        each = " each side" if interval.alternating else ""
        parts.append(f"{interval.reps} reps{each} · press Enter when done")
        return f"{kind.label} " + " · ".join(parts)
    return f"{clock} {kind.label} " + " · ".join(parts)


class StdinLines:
    """Lines typed on standard input, read on a thread so the timer never
    waits for them. `__call__(timeout)` returns a line (without its end), or
    None when nothing came in `timeout` seconds."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stdin
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._closed = False
        threading.Thread(target=self._read, name="glute-stdin", daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self._stream:
                self._lines.put(line.rstrip("\r\n"))
        except (OSError, ValueError):
            pass
        self._lines.put(None)

    def __call__(self, timeout: float) -> str | None:
        if self._closed:
            time.sleep(timeout)
            return None
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if line is None:
            self._closed = True
        return line


class PlainRunner:
    """Runs `timeline` writing lines to `out`. `wait_input(seconds)` waits at
    most that long for a typed line (tests advance a fake clock in it)."""

    def __init__(
        self,
        session: Session,
        timeline: Timeline,
        *,
        out: TextIO,
        wait_input: Callable[[float], str | None],
        clock: Callable[[], float] = time.monotonic,
        cues: CueDispatcher | None = None,
        wait: bool = False,
        file: Path | None = None,
        errors: TextIO | None = None,
    ) -> None:
        self.session = session
        self.engine = Engine(timeline, clock, wait=wait)
        self.out = out
        self.errors = errors if errors is not None else out
        self.wait_input = wait_input
        self.cues = cues
        self.file = file
        self._block: tuple[int, int] | None = None
        self._recorded = False

    # -- output ------------------------------------------------------------------

    def say(self, line: str = "") -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def _show(self, events: list[Event]) -> None:
        if self.cues is not None and events:
            self.cues.dispatch(events, self.engine)
        for event in events:
            if isinstance(event, IntervalStarted):
                self._block_line(event.interval)
                self.say(interval_line(event.interval))
            elif isinstance(event, Held):
                self.say("Waiting: press Enter when you are in position.")
            elif isinstance(event, Countdown):
                self.say(f"{event.seconds}…")
            elif isinstance(event, Finished):
                self._summary()
        self._reports()

    def _block_line(self, interval: Interval) -> None:
        if interval.kind is Kind.DONE or not interval.block_title:
            return
        key = (interval.block, interval.round)
        if key != self._block:
            self._block = key
            rounds = (
                f" · round {interval.round} of {interval.rounds}" if interval.rounds > 1 else ""
            )
            self.say(f"== {visible(interval.block_title)}{rounds} ==")

    def _reports(self) -> None:
        if self.cues is not None:
            for report in self.cues.reports():
                self.errors.write(f"warning: {report}\n")
                self.errors.flush()

    def _summary(self) -> None:
        summary = self.engine.summary()
        self.say(f"Time spent: {format_seconds(round(summary.elapsed))}")
        self.say(f"Steps completed: {summary.completed} of {summary.steps}")
        self.say(f"Steps skipped: {summary.skipped}")
        if summary.paused >= 1:
            self.say(f"Paused for: {format_seconds(round(summary.paused))}")

    # -- the loop ----------------------------------------------------------------

    def _timeout(self) -> float:
        """Seconds until something can happen: the deadline or the next of
        the last three seconds."""
        engine = self.engine
        remaining = engine.remaining()
        if engine.paused or remaining is None:
            return MAX_WAIT_S
        if remaining > 3:
            step = remaining - 3
        else:
            step = remaining - (math.ceil(remaining) - 1)
        return min(MAX_WAIT_S, max(0.01, step))

    def _command(self, line: str) -> list[Event]:
        engine = self.engine
        word = line.strip().lower()
        if word == "":
            if engine.held or engine.paused:
                return engine.resume()
            if engine.remaining() is None:
                return engine.done()
            return []
        if word in ("n", "next"):
            return engine.skip()
        if word in ("b", "back"):
            return engine.back()
        if word in ("s", "skip"):
            return engine.skip_step()
        if word in ("+", "add"):
            events = engine.add_time(10)
            self.say(f"+10 s: {format_clock(engine.remaining() or 0)} left")
            return events
        if word in ("p", "pause"):
            if engine.paused:
                events = engine.resume()
                self.say("Going on.")
                return events
            events = engine.pause()
            self.say("Paused: press Enter to go on.")
            return events
        if word in ("q", "quit", "stop"):
            raise KeyboardInterrupt
        self.say(HELP)
        return []

    def run(self) -> int:
        """Run to the end, or until Ctrl+C or ``q``; the run is recorded
        either way. Returns the exit code (0)."""
        started = datetime.now(UTC)
        timeline = self.engine.timeline
        about = "about " if timeline.estimated else ""
        title = visible(self.session.title or "Untitled session")
        self.say(f"{title} · {about}{format_seconds(timeline.total)}")
        self.say(HELP)
        try:
            self._show(self.engine.start())
            while not self.engine.finished:
                line = self.wait_input(self._timeout())
                events = self._command(line) if line is not None else []
                events += self.engine.tick()
                self._show(events)
        except KeyboardInterrupt:
            self._show(self.engine.pause())
            self.say("Stopped.")
            self._summary()
        finally:
            self._record(started)
            if self.cues is not None:
                self.cues.wait(3.0)  # let "done" be said before the program ends
                self._reports()
                self.cues.close()
        return 0

    def _record(self, started: datetime) -> None:
        if self._recorded:
            return
        self._recorded = True
        log = RunLog(self.session, self.engine.timeline, self.file)
        log.started = started
        for line in record_run(log, self.engine):
            self.errors.write(f"warning: {visible(line)}\n")
