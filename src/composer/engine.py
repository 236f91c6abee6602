"""The timer engine: a pure state machine over a timeline.

It never sleeps and never counts ticks. Time comes from an injected
monotonic clock; each interval's deadline is the previous deadline plus its
duration, so however late `tick` is called no drift accumulates. The screen
calls `tick()` a few times a second and renders `state`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .timeline import Interval, Kind, Timeline

__all__ = ["Countdown", "Engine", "Event", "Finished", "IntervalStarted"]


@dataclass(frozen=True)
class Event:
    pass


@dataclass(frozen=True)
class IntervalStarted(Event):
    index: int
    interval: Interval


@dataclass(frozen=True)
class Countdown(Event):
    """One of the last three seconds of a timed interval began."""

    seconds: int


@dataclass(frozen=True)
class Finished(Event):
    pass


@dataclass
class Stats:
    started_at: float | None = None
    finished_at: float | None = None
    paused_for: float = 0.0
    skipped_steps: set[int] = field(default_factory=set)
    worked_steps: set[int] = field(default_factory=set)


class Engine:
    def __init__(self, timeline: Timeline, clock: Callable[[], float] = time.monotonic):
        if not timeline.intervals:
            raise ValueError("an empty timeline cannot run")
        self.timeline = timeline
        self.clock = clock
        self.index = 0
        self.deadline: float | None = None  # None while self-paced or paused
        self.paused = False
        self._remaining_at_pause: float | None = None
        self._paused_since: float | None = None
        self._counted: int | None = None  # last countdown second announced
        self.started = False
        self.finished = False
        self.stats = Stats()
        self._pending: list[Event] = []

    # -- reading -----------------------------------------------------------

    @property
    def interval(self) -> Interval:
        return self.timeline.intervals[self.index]

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left in the current interval; None when self-paced."""
        if self.interval.duration is None:
            return None
        if self.paused or not self.started:
            return (
                self._remaining_at_pause
                if self._remaining_at_pause is not None
                else self.interval.duration
            )
        now = self.clock() if now is None else now
        assert self.deadline is not None
        return max(0.0, self.deadline - now)

    def session_remaining(self, now: float | None = None) -> float:
        current = self.remaining(now)
        if current is None:
            current = self.interval.estimate
        return current + self.timeline.remaining_after(self.index)

    def progress(self, now: float | None = None) -> float:
        total = self.timeline.total
        if total <= 0:
            return 1.0 if self.finished else 0.0
        return min(1.0, max(0.0, 1 - self.session_remaining(now) / total))

    def elapsed(self, now: float | None = None) -> float:
        """Wall time since start, pauses excluded."""
        if self.stats.started_at is None:
            return 0.0
        now = self.clock() if now is None else now
        end = self.stats.finished_at if self.stats.finished_at is not None else now
        paused = self.stats.paused_for
        if self._paused_since is not None and self.stats.finished_at is None:
            paused += now - self._paused_since
        return max(0.0, end - self.stats.started_at - paused)

    def up_next(self) -> Interval | None:
        return self.timeline.up_next(self.index)

    # -- commands ----------------------------------------------------------

    def start(self, now: float | None = None) -> list[Event]:
        if self.started:
            return []
        now = self.clock() if now is None else now
        self.started = True
        self.stats.started_at = now
        self._enter(0, now)
        return self._drain()

    def tick(self, now: float | None = None) -> list[Event]:
        """Advance past every interval whose deadline has passed."""
        if not self.started or self.paused or self.finished:
            return self._drain()
        now = self.clock() if now is None else now
        while self.deadline is not None and now >= self.deadline and not self.finished:
            self._mark_worked()
            self._enter(self.index + 1, self.deadline)  # chained: no drift
        if self.deadline is not None and not self.finished:
            left = self.deadline - now
            second = int(left) + 1 if left > int(left) else int(left)
            if (
                1 <= second <= 3
                and self._counted != second
                and self.interval.duration is not None
                and self.interval.duration > 3
            ):
                self._counted = second
                self._pending.append(Countdown(second))
        return self._drain()

    def pause(self, now: float | None = None) -> None:
        if self.paused or self.finished or not self.started:
            return
        now = self.clock() if now is None else now
        self.tick(now)
        self._remaining_at_pause = self.remaining(now)
        self.paused = True
        self._paused_since = now
        self.deadline = None

    def resume(self, now: float | None = None) -> None:
        if not self.paused:
            return
        now = self.clock() if now is None else now
        self.paused = False
        if self._paused_since is not None:
            self.stats.paused_for += now - self._paused_since
        self._paused_since = None
        if self._remaining_at_pause is not None:
            self.deadline = now + self._remaining_at_pause
        self._remaining_at_pause = None

    def toggle_pause(self, now: float | None = None) -> None:
        if self.paused:
            self.resume(now)
        else:
            self.pause(now)

    def skip(self, now: float | None = None) -> list[Event]:
        """Go to the next interval now (the current one counts as skipped)."""
        if self.finished or not self.started:
            return []
        now = self.clock() if now is None else now
        if self.interval.kind.is_work and self.interval.step >= 0:
            if self.interval.step not in self.stats.worked_steps:
                self.stats.skipped_steps.add(self.interval.step)
        self._enter(self.index + 1, now)
        return self._drain()

    def done(self, now: float | None = None) -> list[Event]:
        """The user finished self-paced work (or wants to end this interval)."""
        if self.finished or not self.started:
            return []
        now = self.clock() if now is None else now
        self._mark_worked()
        self._enter(self.index + 1, now)
        return self._drain()

    def back(self, now: float | None = None) -> list[Event]:
        """Go to the start of the previous interval (skipping relax pauses)."""
        if not self.started:
            return []
        now = self.clock() if now is None else now
        target = self.index - 1
        while target > 0 and self.timeline.intervals[target].kind is Kind.RELAX:
            target -= 1
        self.finished = False
        self.stats.finished_at = None
        self._enter(max(0, target), now)
        return self._drain()

    def restart_interval(self, now: float | None = None) -> list[Event]:
        if not self.started or self.finished:
            return []
        now = self.clock() if now is None else now
        self._enter(self.index, now)
        return self._drain()

    def add_time(self, seconds: float = 10.0, now: float | None = None) -> None:
        if self.finished or not self.started or self.interval.duration is None:
            return
        if self.paused:
            self._remaining_at_pause = (self._remaining_at_pause or 0.0) + seconds
        else:
            assert self.deadline is not None
            self.deadline += seconds
        self._counted = None

    # -- internals -----------------------------------------------------------

    def _mark_worked(self) -> None:
        if self.interval.kind.is_work and self.interval.step >= 0:
            self.stats.worked_steps.add(self.interval.step)
            self.stats.skipped_steps.discard(self.interval.step)

    def _enter(self, index: int, start: float) -> None:
        index = min(index, len(self.timeline.intervals) - 1)
        self.index = index
        self._counted = None
        interval = self.interval
        if self.paused:
            self._remaining_at_pause = interval.duration
            self.deadline = None
        else:
            self.deadline = None if interval.duration is None else start + interval.duration
        self._pending.append(IntervalStarted(index, interval))
        if interval.kind is Kind.DONE:
            self.finished = True
            self.deadline = None
            self.stats.finished_at = start
            self._pending.append(Finished())

    def _drain(self) -> list[Event]:
        events, self._pending = self._pending, []
        return events
