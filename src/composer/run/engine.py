"""The timer engine: a pure state machine over a timeline.

It never sleeps and never counts ticks. Time comes from an injected
monotonic clock; each interval's deadline is the previous deadline plus its
duration, so however late `tick` is called no drift accumulates. The screen
calls `tick()` a few times a second and renders what it reads here.

Every command takes an optional `now` (for tests) and returns the events it
caused, in order: `IntervalStarted`, `Held`, `Countdown` and `Finished`.

With ``wait=True`` every get-ready is held until the user says go
(`release`, or `resume`): a held engine is paused, so the get-ready's whole
length starts at the release and every later deadline chains from there.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from composer.run.timeline import Interval, Kind, Timeline

__all__ = [
    "Countdown",
    "Engine",
    "Event",
    "Finished",
    "Held",
    "IntervalStarted",
    "StepResult",
    "Summary",
]

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
class Held(Event):
    """The get-ready that just started waits for the user (``wait=True``)."""

    index: int


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
    (all their work done), partly (some done, some skipped) and skipped
    (work skipped, none done)."""

    elapsed: float
    paused: float
    steps: int
    completed: int
    skipped: int
    finished: bool
    partly: int = 0


@dataclass(frozen=True)
class StepResult:
    """What became of one step of the session (every round of it counted)."""

    step: int  # index in session order
    exercise: str
    name: str
    outcome: str  # COMPLETED, PARTLY or SKIPPED
    planned: float  # seconds of the step's intervals (get-ready and rests included)
    done: float  # seconds spent in them, pauses excluded


# What became of a work interval.
DONE = "done"
PARTLY = "partly"  # skipped after some of it was done (also: a step partly done)
SKIPPED = "skipped"
# What became of a step.
COMPLETED = "completed"


class Engine:
    def __init__(
        self,
        timeline: Timeline,
        clock: Callable[[], float] = time.monotonic,
        *,
        wait: bool = False,
    ):
        if not timeline.intervals:
            raise ValueError("an empty timeline cannot run")
        self.timeline = timeline
        self.clock = clock
        self.wait = wait
        self.index = 0
        self.started = False
        self.paused = False
        # Paused because a get-ready waits for the user (``wait=True``).
        self.held = False
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
        self._spent: dict[int, float] = {}  # interval index -> seconds spent in it, before now
        self._in_interval = False
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
        round) is done; partly done when some of it was done and the rest
        skipped or not reached (work under way when the run stopped counts
        as some done); skipped when some was skipped and none done. Going
        back and doing it turns a skip into done."""
        by_step = self._step_outcomes(now)
        skipped = sum(1 for outcomes in by_step.values() if _step_outcome(outcomes) == SKIPPED)
        partly = sum(1 for outcomes in by_step.values() if _step_outcome(outcomes) == PARTLY)
        completed = sum(1 for outcomes in by_step.values() if outcomes == {DONE})
        return Summary(
            elapsed=self.elapsed(now),
            paused=self.paused_for(now),
            steps=self.timeline.step_count(),
            completed=completed,
            skipped=skipped,
            finished=self.finished,
            partly=partly,
        )

    def _step_outcomes(self, now: float | None = None) -> dict[int, set[str | None]]:
        by_step: dict[int, set[str | None]] = {}
        for index, interval in enumerate(self.timeline.intervals):
            if interval.kind.is_work:
                by_step.setdefault(interval.step, set()).add(self._outcomes.get(index))
        # Work under way counts as begun: a run stopped in it did part of the step.
        if self.started and not self.finished and self.interval.kind.is_work:
            if self.interval_elapsed(now) > 0 and self.index not in self._outcomes:
                by_step[self.interval.step].add(_BEGUN)
        return by_step

    def step_results(self, now: float | None = None) -> list[StepResult]:
        """Every step some of whose work was done or skipped, in session
        order (steps not reached yet are left out)."""
        spent = dict(self._spent)
        if self.started and not self.finished:
            spent[self.index] = spent.get(self.index, 0.0) + self.interval_elapsed(now)
        planned: dict[int, float] = {}
        done: dict[int, float] = {}
        first: dict[int, Interval] = {}
        for index, interval in enumerate(self.timeline.intervals):
            if interval.step < 0:
                continue
            first.setdefault(interval.step, interval)
            planned[interval.step] = planned.get(interval.step, 0.0) + interval.estimate
            done[interval.step] = done.get(interval.step, 0.0) + spent.get(index, 0.0)
        results = []
        for step, outcomes in sorted(self._step_outcomes(now).items()):
            outcome = _step_outcome(outcomes)
            if outcome is None:
                continue
            interval = first[step]
            results.append(
                StepResult(
                    step=step,
                    exercise=interval.exercise,
                    name=interval.name,
                    outcome=outcome,
                    planned=planned[step],
                    done=done[step],
                )
            )
        return results

    # -- saving and resuming -------------------------------------------------

    def snapshot(self, now: float | None = None) -> dict:
        """Where the run is, as plain JSON-ready values, for `start_at`."""
        return {
            "index": self.index,
            "length": self._length,
            "remaining": self.remaining(now),
            "interval_elapsed": self.interval_elapsed(now),
            "elapsed": self.elapsed(now),
            "paused": self.paused_for(now),
            "outcomes": {str(index): outcome for index, outcome in self._outcomes.items()},
            "spent": {str(index): seconds for index, seconds in self._spent.items()},
        }

    def start_at(
        self,
        index: int,
        remaining: float | None = None,
        *,
        length: float | None = None,
        interval_elapsed: float = 0.0,
        elapsed: float = 0.0,
        paused: float = 0.0,
        outcomes: dict[int, str] | None = None,
        spent: dict[int, float] | None = None,
        now: float | None = None,
    ) -> list[Event]:
        """Start at interval `index` with `remaining` seconds left in it (its
        whole length when None), as if `elapsed` seconds of work and `paused`
        seconds of pauses had gone before, with the outcomes so far. `length`
        keeps time that was added to the interval."""
        if self.started:
            return self._drain()
        now = self._now(now)
        index = max(0, min(index, len(self.timeline.intervals) - 1))
        self.started = True
        self._paused_for = max(0.0, paused)
        self._started_at = now - max(0.0, elapsed) - self._paused_for
        self._outcomes = {
            i: outcome
            for i, outcome in (outcomes or {}).items()
            if 0 <= i < len(self.timeline.intervals) and outcome in (DONE, PARTLY, SKIPPED)
        }
        self._spent = {i: max(0.0, s) for i, s in (spent or {}).items()}
        self._enter(index, now)
        if self.deadline is not None and self._length is not None:
            if length is not None and length > self._length:
                self._length = length
            left = self._length if remaining is None else min(max(0.0, remaining), self._length)
            self.deadline = now + left
        self._entered_at = now - max(0.0, interval_elapsed)
        self._advance(now)
        return self._drain()

    def restore(self, snapshot: dict, now: float | None = None) -> list[Event]:
        """Start where `snapshot` (from `snapshot()`) left off."""
        return self.start_at(
            int(snapshot["index"]),
            _number(snapshot.get("remaining")),
            length=_number(snapshot.get("length")),
            interval_elapsed=_number(snapshot.get("interval_elapsed")) or 0.0,
            elapsed=_number(snapshot.get("elapsed")) or 0.0,
            paused=_number(snapshot.get("paused")) or 0.0,
            outcomes={int(i): str(o) for i, o in dict(snapshot.get("outcomes") or {}).items()},
            spent={
                int(i): float(s)
                for i, s in dict(snapshot.get("spent") or {}).items()
                if _number(s) is not None
            },
            now=now,
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
        self.held = False
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

    def release(self, now: float | None = None) -> list[Event]:
        """Start a held get-ready now: its whole length counts from here."""
        if not self.held:
            return self._drain()
        return self.resume(now)

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
        if self._in_interval:
            # The time spent in the interval being left, pauses excluded.
            end = self._paused_since if self.paused else start
            assert end is not None
            spent = max(0.0, end - self._entered_at)
            self._spent[self.index] = self._spent.get(self.index, 0.0) + spent
        self._in_interval = True
        self.index = index
        self._counted = None
        interval = self.interval
        self._length = interval.duration
        if self.held and interval.kind is not Kind.GET_READY:
            # Moving on from a held get-ready (next, skip) starts the clock.
            self._paused_for += start - (self._paused_since or start)
            self._paused_since = None
            self.paused = self.held = False
            self._left_at_pause = None
        if self.wait and interval.kind is Kind.GET_READY and not self.paused:
            # Held: paused from its start, so nothing of it runs before the release.
            self.paused = self.held = True
            self._paused_since = start
        entered = self._paused_since if self.paused else start
        assert entered is not None  # a pause always has its start
        self._entered_at = entered
        if self.paused:
            self._left_at_pause = interval.duration
            self.deadline = None
        else:
            self.deadline = None if interval.duration is None else start + interval.duration
        self._pending.append(IntervalStarted(index, interval))
        if self.held and interval.kind is Kind.GET_READY:
            self._pending.append(Held(index))
        if interval.kind is Kind.DONE:
            self.held = False
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


_BEGUN = "begun"  # the work interval under way


def _step_outcome(outcomes: set[str | None]) -> str | None:
    if outcomes == {DONE}:
        return COMPLETED
    if DONE in outcomes or PARTLY in outcomes or _BEGUN in outcomes:
        return PARTLY
    if SKIPPED in outcomes:
        return SKIPPED
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value):
        return None
    return float(value)
