"""Compile a session into the timeline of intervals the timer runs.

get-ready (showing what comes next) → work, or held rep and relax, per rep
and side → rest between sets → side switch → rest between rounds → done.
No UI imports: the run screen and `glute show` both read this.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from composer.format.size import SessionTooLarge, session_size
from composer.model import (
    SELF_PACED_REP_ESTIMATE_S,
    Exercise,
    ResolvedDose,
    Session,
    Sides,
    Step,
    format_seconds,
)

__all__ = [
    "Interval",
    "Kind",
    "Timeline",
    "banner",
    "compile_timeline",
    "cue_line",
    "describe_next",
    "time_left",
]

# A cue stays on screen at least this long: it is read from across the room.
CUE_MIN_S = 10.0
# A cue that names a hold's length ("Knee straight, hold 3") describes one
# phase of a held rep.
_HOLD_CUE = re.compile(r"\bhold (\d+(?:\.\d+)?)\s*(?:s\b|sec|seconds?\b)?", re.IGNORECASE)


class Kind(StrEnum):
    GET_READY = "get-ready"
    WORK = "work"
    HOLD = "hold"
    RELAX = "relax"
    REST = "rest"
    SWITCH = "switch"
    ROUND_REST = "round-rest"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            Kind.GET_READY: "GET READY",
            Kind.WORK: "WORK",
            Kind.HOLD: "HOLD",
            Kind.RELAX: "RELAX",
            Kind.REST: "REST",
            Kind.SWITCH: "SWITCH SIDES",
            Kind.ROUND_REST: "REST",
            Kind.DONE: "DONE",
        }[self]

    @property
    def is_work(self) -> bool:
        return self in (Kind.WORK, Kind.HOLD)


@dataclass(frozen=True)
class Interval:
    kind: Kind
    duration: float | None  # None: self-paced, waits for "done"
    block: int  # 0-based index of the block
    block_title: str
    round: int  # 1-based
    rounds: int
    step: int  # 0-based index of the step in session order, -1 for none
    exercise: str
    name: str
    cue: str = ""
    note: str = ""
    dose: str = ""
    set: int = 0  # 1-based, 0 when not in a set
    sets: int = 0
    rep: int = 0  # 1-based, 0 when the interval is not one rep
    reps: int = 0
    side: str | None = None  # "left", "right" or None
    segment: int = 0  # intervals of one bout (a set on one side) share it
    alternating: bool = False  # reps alternate left and right
    phase: str = ""  # the exercise's phase ("roll", "stretch", …); "" if unknown
    # Cues that follow one another within the interval: (seconds in, cue).
    # `cue` is the first; empty when one cue holds for the whole interval.
    cues: tuple[tuple[float, str], ...] = ()

    @property
    def self_paced(self) -> bool:
        return self.duration is None

    @property
    def estimate(self) -> float:
        if self.duration is not None:
            return self.duration
        per_side = 2 if self.alternating else 1
        return self.reps * SELF_PACED_REP_ESTIMATE_S * per_side

    def cue_at(self, elapsed: float) -> str:
        """The cue for `elapsed` seconds into the interval."""
        current = self.cue
        for start, text in self.cues:
            if elapsed + 1e-6 < start:
                break
            current = text
        return current

    def cue_index(self, elapsed: float) -> int:
        """Which of `cues` is showing (0 when there is one cue)."""
        return max(0, sum(1 for start, _text in self.cues if elapsed + 1e-6 >= start) - 1)

    @property
    def action(self) -> str:
        """What the body does now, in one word or two: ``ROLL``, ``STRETCH``,
        ``HOLD``, ``MOVE``, ``WORK``, ``RELAX``, ``REST``, ``SWITCH SIDES``…"""
        if self.kind is Kind.WORK:
            timed = not self.reps
            if self.phase == "roll" and timed:
                return "ROLL"
            if self.phase in ("stretch", "cooldown") and timed:
                return "STRETCH"
            if self.phase == "stabilize" and timed:
                return "HOLD"
            if self.phase == "mobilize":
                return "MOVE"
            return "WORK"
        return self.kind.label

    @property
    def side_label(self) -> str:
        """``LEFT``, ``RIGHT``, ``ALTERNATE SIDES`` or empty."""
        if self.side:
            return self.side.upper()
        if self.alternating and self.kind in (Kind.WORK, Kind.HOLD):
            return "ALTERNATE SIDES"
        return ""

    def headline(self) -> str:
        """One line saying what this interval is, e.g. ``Set 2/3 · LEFT · Rep 4/15``."""
        if self.kind is Kind.GET_READY:
            return f"Get ready: {self.name}"
        if self.kind is Kind.DONE:
            return "Session complete"
        if self.kind is Kind.ROUND_REST:
            return f"Rest before round {self.round + 1}/{self.rounds}"
        if self.kind is Kind.REST:
            return f"Rest before set {self.set + 1}/{self.sets}"
        if self.kind is Kind.SWITCH:
            return f"Switch to the {(self.side or '').upper()} side"
        parts = [self.name]
        if self.sets > 1:
            parts.append(f"set {self.set}/{self.sets}")
        if self.side:
            parts.append(self.side.upper())
        elif self.alternating:
            parts.append("alternating")
        if self.rep:
            parts.append(f"rep {self.rep}/{self.reps}")
        elif self.reps:
            each = " each side" if self.alternating else ""
            parts.append(f"{self.reps} reps{each}")
        return " · ".join(parts)


@dataclass
class Timeline:
    """The intervals of a session, in order, ending with one DONE interval.

    Sums and look-ups the timer asks for several times a second are worked
    out once, when the timeline is built.
    """

    intervals: list[Interval]

    def __post_init__(self) -> None:
        estimates = [interval.estimate for interval in self.intervals]
        # _before[i]: seconds of every interval before i; _before[-1]: the total.
        self._before = [0.0]
        for estimate in estimates:
            self._before.append(self._before[-1] + estimate)
        self._up_next: list[int | None] = [None] * len(self.intervals)
        candidate: int | None = None
        for index in range(len(self.intervals) - 1, -1, -1):
            interval = self.intervals[index]
            nxt = self._up_next_from(index, candidate)
            self._up_next[index] = nxt
            if interval.kind is not Kind.RELAX:
                candidate = index

    def _up_next_from(self, index: int, candidate: int | None) -> int | None:
        segment = self.intervals[index].segment
        while candidate is not None and self.intervals[candidate].segment == segment:
            candidate = self._up_next[candidate]
        return candidate

    @property
    def total(self) -> float:
        """Seconds the whole session takes (self-paced work estimated)."""
        return self._before[-1]

    @property
    def estimated(self) -> bool:
        return any(interval.self_paced for interval in self.intervals)

    def step_total(self, step: int) -> float:
        return sum(i.estimate for i in self.intervals if i.step == step)

    def up_next(self, index: int) -> Interval | None:
        """The first interval after `index` that is not part of the same bout
        (a relax between held reps is never "next")."""
        found = self._up_next[index]
        return None if found is None else self.intervals[found]

    def elapsed_before(self, index: int) -> float:
        """Seconds of every interval before `index`."""
        return self._before[index]

    def remaining_after(self, index: int) -> float:
        return self._before[-1] - self._before[index + 1]

    def steps(self) -> list[int]:
        return sorted({i.step for i in self.intervals if i.step >= 0})

    def step_count(self) -> int:
        return len(self.steps())

    def next_step_start(self, index: int) -> int:
        """Index of the get-ready (or first interval) of the next step or
        round after the one `index` belongs to; the DONE interval at the end."""
        current = self.intervals[index]
        for later in range(index + 1, len(self.intervals)):
            interval = self.intervals[later]
            if interval.kind in (Kind.GET_READY, Kind.ROUND_REST, Kind.DONE):
                return later
            if interval.step != current.step or interval.round != current.round:
                return later
        return len(self.intervals) - 1


def banner(interval: Interval) -> str:
    """The coloured band of the timer: what to do now."""
    if interval.kind is Kind.SWITCH:
        return f"SWITCH SIDES · {(interval.side or '').upper()} next"
    if interval.kind is Kind.ROUND_REST:
        return f"REST · round {interval.round + 1} of {interval.rounds} next"
    if interval.kind is Kind.REST:
        return f"REST · set {interval.set + 1} of {interval.sets} next"
    return interval.action


def cue_line(interval: Interval, elapsed: float = 0.0) -> str:
    """The cue and the step's note, for `elapsed` seconds into the interval;
    a note that starts with the cue is shown alone, not after it again."""
    cue = interval.cue_at(elapsed)
    note = interval.note
    if not note or interval.kind not in (Kind.GET_READY, Kind.WORK, Kind.HOLD):
        return cue
    if not cue or _plain(note).startswith(_plain(cue)):
        return note
    return f"{cue}  ·  {note}"


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def time_left(seconds: float, estimated: bool = False) -> str:
    """``5 min left``, ``1 h 3 min left``: whole minutes, rounded up (4 min
    1 s left reads ``5 min left``, the last minute ``1 min left``), so that
    the line changes once a minute while the big clock counts the seconds;
    ``about`` when self-paced reps are estimated."""
    # A hair under a whole minute is that minute (float sums of durations).
    total = max(0, math.ceil((seconds - 1e-6) / 60))
    hours, minutes = divmod(total, 60)
    if hours:
        text = f"{hours} h {minutes} min" if minutes else f"{hours} h"
    else:
        text = f"{minutes} min"
    return f"{'about ' if estimated else ''}{text} left"


def describe_next(interval: Interval | None) -> str:
    """The "next up" line for an interval."""
    if interval is None:
        return "Finish"
    if interval.kind is Kind.DONE:
        return "Finish"
    if interval.kind is Kind.GET_READY:
        return f"{interval.name} · {interval.dose}" if interval.dose else interval.name
    if interval.kind in (Kind.REST, Kind.ROUND_REST):
        return f"Rest {format_seconds(interval.duration or 0)}"
    if interval.kind is Kind.SWITCH:
        return f"Switch to {(interval.side or '').upper()}"
    return interval.headline()


class _Builder:
    def __init__(self) -> None:
        self.intervals: list[Interval] = []
        self.segment = 0

    def new_segment(self) -> None:
        self.segment += 1

    def add(self, base: dict, kind: Kind, duration: float | None, **fields) -> None:
        if duration is not None and duration <= 0 and kind not in (Kind.WORK, Kind.HOLD, Kind.DONE):
            return
        self.intervals.append(
            Interval(kind=kind, duration=duration, segment=self.segment, **{**base, **fields})
        )


def compile_timeline(
    session: Session, lookup: Callable[[str], Exercise | None] = lambda _id: None
) -> Timeline:
    """Turn `session` into intervals. `lookup` finds a step's exercise (for
    its default dose, name and cues); a step whose plugin is missing runs
    from its saved dose and name.

    Raises `SessionTooLarge`, before building anything, for a session that
    would last more than 24 hours or have more than 20,000 intervals."""
    size = session_size(session, lookup)
    if size.too_large:
        raise SessionTooLarge(size)
    builder = _Builder()
    transition = session.transition_s()
    step_index = -1
    for block_index, block in enumerate(session.blocks):
        first_step = step_index + 1
        for round_number in range(1, block.rounds + 1):
            for offset, step in enumerate(block.steps):
                index = first_step + offset
                step_index = max(step_index, index)
                exercise = lookup(step.exercise)
                dose = step.resolve(exercise, session.defaults)
                base = {
                    "block": block_index,
                    "block_title": block.title or f"Block {block_index + 1}",
                    "round": round_number,
                    "rounds": block.rounds,
                    "step": index,
                    "exercise": step.exercise,
                    "name": _name(step, exercise),
                    "note": step.note or "",
                    "dose": dose.describe(),
                    "sets": dose.sets,
                    "reps": dose.reps or 0,
                    "alternating": dose.sides is Sides.ALTERNATING,
                    "phase": exercise.phase.value if exercise else "",
                }
                cues = _Cues.of(exercise.cues if exercise else ())
                builder.new_segment()
                first_side = "left" if dose.sides is Sides.EACH else None
                builder.add(
                    base,
                    Kind.GET_READY,
                    transition,
                    cue=cues.first,
                    side=first_side,
                    set=1,
                )
                _compile_step(builder, base, dose, cues)
            if round_number < block.rounds:
                builder.new_segment()
                builder.add(
                    {
                        "block": block_index,
                        "block_title": block.title or f"Block {block_index + 1}",
                        "round": round_number,
                        "rounds": block.rounds,
                        "step": -1,
                        "exercise": "",
                        "name": "",
                    },
                    Kind.ROUND_REST,
                    block.rest_s,
                )
    builder.new_segment()
    builder.add(
        {
            "block": max(0, len(session.blocks) - 1),
            "block_title": "",
            "round": 1,
            "rounds": 1,
            "step": -1,
            "exercise": "",
            "name": "",
        },
        Kind.DONE,
        0.0,
    )
    return Timeline(builder.intervals)


def _name(step: Step, exercise: Exercise | None) -> str:
    return step.display_name(exercise)


@dataclass(frozen=True)
class _Cues:
    """An exercise's cues, sorted for the timer: the cues that name a hold's
    length (two or more of them) are the phases of every held rep; the
    others take turns, each up long enough to be read."""

    general: tuple[str, ...]
    holds: tuple[tuple[float, str], ...]  # (seconds the cue says, cue)

    @classmethod
    def of(cls, cues: tuple[str, ...]) -> _Cues:
        holds = []
        for cue in cues:
            found = _HOLD_CUE.search(cue)
            if found:
                holds.append((float(found.group(1)), cue))
        if len(holds) < 2 or not all(seconds > 0 for seconds, _cue in holds):
            return cls(tuple(cues), ())
        general = tuple(cue for cue in cues if not _HOLD_CUE.search(cue))
        return cls(general, tuple(holds))

    @property
    def first(self) -> str:
        if self.general:
            return self.general[0]
        return self.holds[0][1] if self.holds else ""

    def nth(self, n: int) -> str:
        return self.general[n % len(self.general)] if self.general else self.first

    def hold_phases(self, hold: float) -> tuple[tuple[float, str], ...]:
        """The hold cues across a hold of `hold` seconds, in proportion to
        the times they name (which add up to the hold in a plugin's dose)."""
        if not self.holds:
            return ()
        scale = hold / sum(seconds for seconds, _cue in self.holds)
        out, start = [], 0.0
        for seconds, cue in self.holds:
            out.append((round(start, 3), cue))
            start += seconds * scale
        return tuple(out)

    def spread(self, first: int, length: float | None) -> tuple[tuple[float, str], ...]:
        """The cues in turn from the `first`, across a bout of `length`
        seconds (None: self-paced), each up at least CUE_MIN_S."""
        count = len(self.general)
        if count < 2:
            return ()
        shown = count if length is None else min(count, int(length // CUE_MIN_S))
        if shown < 2:
            return ()
        each = CUE_MIN_S if length is None else length / shown
        return tuple((round(i * each, 3), self.nth(first + i)) for i in range(shown))


def _compile_step(builder: _Builder, base: dict, dose: ResolvedDose, cues: _Cues) -> None:
    def timed_work(first: int, length: float | None, **fields) -> None:
        spread = cues.spread(first, length)
        cue = spread[0][1] if spread else cues.nth(first)
        builder.add(base, Kind.WORK, length, cue=cue, cues=spread, **fields)

    # `each`: every set on the left, a switch, then on the right.
    # `alternating`: sides alternate within one bout: a timed or self-paced
    # bout has no side of its own; timed reps go left, right, left, right.
    side_plan: list[str | None] = ["left", "right"] if dose.sides is Sides.EACH else [None]
    alternating = dose.sides is Sides.ALTERNATING
    for set_number in range(1, dose.sets + 1):
        set_fields = {"set": set_number}
        if alternating and dose.reps is not None:
            builder.new_segment()
            if dose.self_paced:
                timed_work(set_number - 1, None, **set_fields)
            else:
                order: list[tuple[int, str | None]] = [
                    (rep, side) for rep in range(1, dose.reps + 1) for side in ("left", "right")
                ]
                _reps(builder, base, dose, order, set_fields, cues)
        else:
            for side_number, side in enumerate(side_plan):
                if side_number:
                    builder.new_segment()
                    builder.add(base, Kind.SWITCH, dose.switch_s, side=side, **set_fields)
                builder.new_segment()
                if dose.reps is None:
                    timed_work(set_number - 1, dose.duration_s, side=side, **set_fields)
                elif dose.self_paced:
                    timed_work(set_number - 1, None, side=side, **set_fields)
                else:
                    order = [(rep, side) for rep in range(1, dose.reps + 1)]
                    _reps(builder, base, dose, order, set_fields, cues)
        if set_number < dose.sets:
            builder.new_segment()
            builder.add(base, Kind.REST, dose.rest_s, **set_fields)


def _reps(builder, base, dose: ResolvedDose, order, set_fields, cues: _Cues) -> None:
    # The cues take turns every few reps, never faster than one each
    # CUE_MIN_S: a line that changed with every rep would be unreadable from
    # across the room. A held rep shows its hold phases as they come.
    last = len(order) - 1
    first = set_fields["set"] - 1
    if dose.hold_s is not None:
        length = dose.hold_s + dose.relax_s
        phases = cues.hold_phases(dose.hold_s)
    else:
        length = dose.rep_s or 0.0
        phases = ()
    per = max(1, math.ceil(CUE_MIN_S / length)) if length > 0 else len(order)
    for position, (rep, side) in enumerate(order):
        cue = cues.nth(first + position // per)
        if dose.hold_s is not None:
            builder.add(
                base,
                Kind.HOLD,
                dose.hold_s,
                rep=rep,
                side=side,
                cue=phases[0][1] if phases else cue,
                cues=phases,
                **set_fields,
            )
            if position < last:
                builder.add(
                    base, Kind.RELAX, dose.relax_s, rep=rep, side=side, cue=cue, **set_fields
                )
        else:
            builder.add(base, Kind.WORK, dose.rep_s, rep=rep, side=side, cue=cue, **set_fields)
