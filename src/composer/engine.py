"""The timer engine: a pure state machine over a timeline.

It never sleeps and never counts ticks. Time comes from an injected
monotonic clock; each interval's deadline is the previous deadline plus its
duration, so however late `tick` is called no drift accumulates. The screen
calls `tick()` a few times a second and renders what it reads here.

Every command takes an optional `now` (for tests) and returns the events it
caused, in order: `IntervalStarted`, `Countdown` and `Finished`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from .timeline import Interval, Kind, Timeline

__all__ = ["Countdown", "Engine", "Event", "Finished", "IntervalStarted", "Summary"]

# The last seconds of a timed interval that are announced, and the shortest
# interval that gets them (a 3-second held rep would tick non-stop).
COUNTDOWN_FROM = 3
COUNTDOWN_MIN_LENGTH = 3.0
# Work skipped after this many seconds of it was partly done, not skipped.
PARTLY_DONE_AFTER_S = 1.0


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


@dataclass(frozen=True)
class Summary:
    """What the user did: time spent (pauses excluded) and steps: completed
    (all their work done), partly done (some of it) and skipped (none)."""

    elapsed: float
    paused: float
    steps: int
    completed: int
    skipped: int
    finished: bool
    partly: int = 0


# What became of a work interval.
DONE = "done"
PARTLY = "partly"  # skipped after some of it was done
SKIPPED = "skipped"


class Engine:
    def __init__(self, timeline: Timeline, clock: Callable[[], float] = time.monotonic):
        if not timeline.intervals:
            raise ValueError("an empty timeline cannot run")
        self.timeline = timeline
        self.clock = clock
        self.index = 0
        self.started = False
        self.paused = False
        self.finished = False
        # Running and timed: the deadline of the current interval.
        self.deadline: float | None = None
        # Paused and timed: the seconds that were left.
        self._left_at_pause: float | None = None
        # The current interval's length, with any time added.
        self._length: float | None = timeline.intervals[0].duration
        # When the current interval began, counting pauses out (self-paced work).
        self._entered_at = 0.0
        self._counted: int | None = None  # last countdown second announced
        self._started_at: float | None = None
        self._finished_at: float | None = None
        self._paused_since: float | None = None
        self._paused_for = 0.0
        self._outcomes: dict[int, str] = {}  # work interval index -> DONE / SKIPPED
        self._pending: list[Event] = []

    # -- reading -----------------------------------------------------------

    def _now(self, now: float | None) -> float:
        return self.clock() if now is None else now

    @property
    def interval(self) -> Interval:
        return self.timeline.intervals[self.index]

    @property
    def length(self) -> float | None:
        """The current interval's length, with any time added; None when self-paced."""
        return self._length

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left in the current interval; None when self-paced."""
        if self._length is None:
            return None
        if self.finished:
            return 0.0
        if not self.started:
            return self._length
        if self.paused:
            return self._left_at_pause
        assert self.deadline is not None
        return max(0.0, self.deadline - self._now(now))

    def interval_elapsed(self, now: float | None = None) -> float:
        """Seconds spent in the current interval, pauses excluded."""
        if not self.started:
            return 0.0
        end = self._paused_since if self.paused else self._now(now)
        assert end is not None
        return max(0.0, end - self._entered_at)

    def session_remaining(self, now: float | None = None) -> float:
        """Seconds left in the whole session (self-paced work estimated)."""
        if self.finished:
            return 0.0
        return self._current_left(now) + self.timeline.remaining_after(self.index)

    def progress(self, now: float | None = None) -> float:
        """How much of the session is behind, from 0 to 1."""
        if self.finished:
            return 1.0
        before = self.timeline.elapsed_before(self.index)
        length = self._length if self._length is not None else self.interval.estimate
        left = self._current_left(now)
        total = before + length + self.timeline.remaining_after(self.index)
        if total <= 0:
            return 0.0
        return min(1.0, max(0.0, (before + length - left) / total))

    def _current_left(self, now: float | None) -> float:
        left = self.remaining(now)
        if left is None:
            left = max(0.0, self.interval.estimate - self.interval_elapsed(now))
        return left

    def elapsed(self, now: float | None = None) -> float:
        """Time since the start, pauses excluded."""
        if self._started_at is None:
            return 0.0
        end = self._finished_at if self._finished_at is not None else self._now(now)
        paused = self._paused_for
        if self._paused_since is not None:
            paused += end - self._paused_since
        return max(0.0, end - self._started_at - paused)

    def paused_for(self, now: float | None = None) -> float:
        paused = self._paused_for
        if self._paused_since is not None:
            paused += self._now(now) - self._paused_since
        return paused

    def up_next(self) -> Interval | None:
        return self.timeline.up_next(self.index)

    def summary(self, now: float | None = None) -> Summary:
        """A step is completed when all its work (every set, side, rep and
        round) is done; partly done when some of it was done (a set, or part
        of a bout that was then skipped); skipped when some was skipped and
        none done. Going back and doing it turns a skip into done."""
        by_step: dict[int, set[str | None]] = {}
        for index, interval in enumerate(self.timeline.intervals):
            if interval.kind.is_work:
                outcome = self._outcomes.get(index)
                by_step.setdefault(interval.step, set()).add(outcome)
        completed = partly = skipped = 0
        for outcomes in by_step.values():
            if outcomes == {DONE}:
                completed += 1
            elif DONE in outcomes or PARTLY in outcomes:
                partly += 1
            elif SKIPPED in outcomes:
                skipped += 1
        return Summary(
            elapsed=self.elapsed(now),
            paused=self.paused_for(now),
            steps=self.timeline.step_count(),
            completed=completed,
            skipped=skipped,
            finished=self.finished,
            partly=partly,
        )

    # -- commands ----------------------------------------------------------

    def start(self, now: float | None = None) -> list[Event]:
        if self.started:
            return self._drain()
        now = self._now(now)
        self.started = True
        self._started_at = now
        self._enter(0, now)
        self._advance(now)
        return self._drain()

    def tick(self, now: float | None = None) -> list[Event]:
        """Advance past every interval whose deadline has passed, and
        announce the last seconds of the current one."""
        if self.started and not self.paused and not self.finished:
            self._advance(self._now(now))
        return self._drain()

    def pause(self, now: float | None = None) -> list[Event]:
        if self.paused or self.finished or not self.started:
            return self._drain()
        now = self._now(now)
        self._advance(now)
        if not self.finished:
            self._left_at_pause = self.remaining(now)
            self.paused = True
            self._paused_since = now
            self.deadline = None
        return self._drain()

    def resume(self, now: float | None = None) -> list[Event]:
        if not self.paused:
            return self._drain()
        now = self._now(now)
        self.paused = False
        if self._paused_since is not None:
            self._paused_for += now - self._paused_since
            self._entered_at += now - self._paused_since
        self._paused_since = None
        if self._left_at_pause is not None:
            self.deadline = now + self._left_at_pause
        self._left_at_pause = None
        self._counted = None
        self._advance(now)
        return self._drain()

    def toggle_pause(self, now: float | None = None) -> list[Event]:
        return self.resume(now) if self.paused else self.pause(now)

    def skip(self, now: float | None = None) -> list[Event]:
        """Go to the next interval now; skipped work counts as skipped."""
        return self._jump(self.index + 1, SKIPPED, now)

    def skip_step(self, now: float | None = None) -> list[Event]:
        """Go to the start of the next step (or round), skipping what is left of this one."""
        return self._jump(self.timeline.next_step_start(self.index), SKIPPED, now)

    def done(self, now: float | None = None) -> list[Event]:
        """The user finished this interval (self-paced work waits for this)."""
        return self._jump(self.index + 1, DONE, now)

    def back(self, now: float | None = None) -> list[Event]:
        """Go to the start of the previous interval (a relax between held
        reps is passed over: back from a rep goes to the rep before)."""
        if not self.started:
            return self._drain()
        now = self._now(now)
        target = self.index - 1
        while target > 0 and self.timeline.intervals[target].kind is Kind.RELAX:
            target -= 1
        if self.finished:
            self.finished = False
            self._finished_at = None
        self._enter(max(0, target), now)
        return self._drain()

    def restart_interval(self, now: float | None = None) -> list[Event]:
        if not self.started or self.finished:
            return self._drain()
        self._enter(self.index, self._now(now))
        return self._drain()

    def add_time(self, seconds: float = 10.0, now: float | None = None) -> list[Event]:
        """Lengthen the current timed interval."""
        if self.finished or not self.started or self._length is None:
            return self._drain()
        self._length += seconds
        if self.paused:
            self._left_at_pause = (self._left_at_pause or 0.0) + seconds
        else:
            assert self.deadline is not None
            self.deadline += seconds
        self._counted = None
        return self._drain()

    # -- internals -----------------------------------------------------------

    def _jump(self, target: int, outcome: str, now: float | None) -> list[Event]:
        if self.finished or not self.started:
            return self._drain()
        now = self._now(now)
        self._advance(now)  # a deadline that passed first is honoured
        if self.finished:
            return self._drain()
        if outcome == SKIPPED and self.interval_elapsed(now) >= PARTLY_DONE_AFTER_S:
            outcome = PARTLY
        self._record(outcome)
        for index in range(self.index + 1, target):
            if self.timeline.intervals[index].kind.is_work:
                self._outcomes[index] = SKIPPED
        self._enter(target, now)
        self._advance(now)
        return self._drain()

    def _advance(self, now: float) -> None:
        while self.deadline is not None and now >= self.deadline and not self.finished:
            self._record(DONE)
            self._enter(self.index + 1, self.deadline)  # chained: no drift
        self._announce(now)

    def _announce(self, now: float) -> None:
        if self.deadline is None or self.finished or self._length is None:
            return
        if self._length <= COUNTDOWN_MIN_LENGTH:
            return
        second = math.ceil(self.deadline - now)
        if 1 <= second <= COUNTDOWN_FROM and self._counted != second:
            self._counted = second
            self._pending.append(Countdown(second))

    def _record(self, outcome: str) -> None:
        if self.interval.kind.is_work:
            self._outcomes[self.index] = outcome

    def _enter(self, index: int, start: float) -> None:
        index = min(index, len(self.timeline.intervals) - 1)
        self.index = index
        self._counted = None
        interval = self.interval
        self._length = interval.duration
        self._entered_at = self._paused_since if self.paused else start
        if self.paused:
            self._left_at_pause = interval.duration
            self.deadline = None
        else:
            self.deadline = None if interval.duration is None else start + interval.duration
        self._pending.append(IntervalStarted(index, interval))
        if interval.kind is Kind.DONE:
            self.finished = True
            self.deadline = None
            self._finished_at = start
            if self.paused:
                # Finishing ends the pause too.
                self._paused_for += start - (self._paused_since or start)
                self._paused_since = None
                self.paused = False
                self._left_at_pause = None
            self._pending.append(Finished())

    def _drain(self) -> list[Event]:
        events, self._pending = self._pending, []
        return events
