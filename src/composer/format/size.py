"""How long a session lasts and how many timer intervals it has, worked out
from its resolved doses by arithmetic, without building the timeline.

A session from a stranger's file, or a dose from a plugin, could ask for
millions of reps; building those intervals would take minutes and
gigabytes. Everything here costs one dose resolution per step, whatever
the numbers say. The counting mirrors `composer.run.timeline.compile_timeline`
exactly (a test compares the two on many generated sessions).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from composer.errors import ComposerError, Problem, SessionError
from composer.model import (
    SELF_PACED_REP_ESTIMATE_S,
    Exercise,
    ResolvedDose,
    Session,
    Sides,
    format_seconds,
)

__all__ = [
    "MAX_INTERVALS",
    "MAX_SESSION_SECONDS",
    "SessionTooLarge",
    "Size",
    "check_size",
    "session_size",
    "step_size",
]

MAX_SESSION_SECONDS = 24 * 3600
MAX_INTERVALS = 20_000


@dataclass(frozen=True)
class Size:
    """Seconds (self-paced work estimated) and timer intervals."""

    seconds: float = 0.0
    intervals: int = 0
    estimated: bool = False  # some work is self-paced, so `seconds` is an estimate

    def __add__(self, other: Size) -> Size:
        return Size(
            self.seconds + other.seconds,
            self.intervals + other.intervals,
            self.estimated or other.estimated,
        )

    def times(self, count: int) -> Size:
        """This size `count` times over."""
        if count <= 0:
            return Size()
        return Size(_times(count, self.seconds), count * self.intervals, self.estimated)

    @property
    def too_long(self) -> bool:
        return not self.seconds <= MAX_SESSION_SECONDS  # also NaN and infinity

    @property
    def too_many(self) -> bool:
        return self.intervals > MAX_INTERVALS

    @property
    def too_large(self) -> bool:
        return self.too_long or self.too_many

    def limits_exceeded(self) -> list[str]:
        """One sentence per bound this size goes beyond, e.g. ``the session
        would last 555 h (more than 24 h)``."""
        out = []
        if self.too_long:
            length = format_seconds(self.seconds) if math.isfinite(self.seconds) else "for ever"
            out.append(
                f"the session would last {length} (more than {format_seconds(MAX_SESSION_SECONDS)})"
            )
        if self.too_many:
            out.append(
                f"the session would have {self.intervals:,} intervals (more than {MAX_INTERVALS:,})"
            )
        return out


class SessionTooLarge(ComposerError):
    """A session beyond the bounds on its length or its number of intervals."""

    def __init__(self, size: Size):
        self.size = size
        super().__init__("; ".join(size.limits_exceeded()))


def _times(count: int, seconds: float) -> float:
    """`count` × `seconds`, infinity instead of an overflow for huge counts."""
    if count == 0 or seconds == 0:
        return 0.0
    try:
        return count * seconds
    except OverflowError:
        return math.inf


def _optional(count: int, seconds: float) -> Size:
    """`count` rests, switches, relaxes or get-readies of `seconds` each
    (the timeline leaves out those of zero seconds)."""
    if count <= 0 or seconds <= 0:
        return Size()
    return Size(_times(count, seconds), count)


def _reps_bout(dose: ResolvedDose, reps: int) -> Size:
    """`reps` timed reps in a row: held (with a relax between) or tempo."""
    if dose.hold_s is not None:
        return Size(_times(reps, dose.hold_s), reps) + _optional(reps - 1, dose.relax_s)
    return Size(_times(reps, dose.rep_s or 0.0), reps)


def _set(dose: ResolvedDose) -> Size:
    """One set of a step, on every side it asks for."""
    if dose.sides is Sides.ALTERNATING and dose.reps is not None:
        if dose.self_paced:
            return Size(_times(dose.reps, SELF_PACED_REP_ESTIMATE_S * 2), 1, True)
        return _reps_bout(dose, 2 * dose.reps)
    sides = 2 if dose.sides is Sides.EACH else 1
    if dose.reps is None:
        bout = Size(dose.duration_s or 0.0, 1)
    elif dose.self_paced:
        bout = Size(_times(dose.reps, SELF_PACED_REP_ESTIMATE_S), 1, True)
    else:
        bout = _reps_bout(dose, dose.reps)
    return bout.times(sides) + _optional(sides - 1, dose.switch_s)


def step_size(dose: ResolvedDose, transition_s: float) -> Size:
    """One round of a step: its get-ready, every set, the rests between sets."""
    get_ready = _optional(1, transition_s)
    return get_ready + _set(dose).times(dose.sets) + _optional(dose.sets - 1, dose.rest_s)


def session_size(
    session: Session, lookup: Callable[[str], Exercise | None] = lambda _id: None
) -> Size:
    """The size of the timeline `compile_timeline(session, lookup)` would build."""
    transition = session.transition_s()
    total = Size(0.0, 1)  # the DONE interval at the end
    for block in session.blocks:
        one_round = Size()
        for step in block.steps:
            dose = step.resolve(lookup(step.exercise), session.defaults)
            one_round += step_size(dose, transition)
        total += one_round.times(block.rounds) + _optional(block.rounds - 1, block.rest_s)
    return total


def check_size(session: Session, lookup: Callable[[str], Exercise | None], filename: str) -> Size:
    """The session's size; raises `SessionError` naming `filename` when the
    session would last more than 24 hours or have more than 20,000 intervals."""
    size = session_size(session, lookup)
    if size.too_large:
        raise SessionError([Problem(filename, message) for message in size.limits_exceeded()])
    return size
