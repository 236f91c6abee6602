"""Protocol advice for a session, and advice learned from past runs.

Plain Python with no UI imports: `glute advise` prints it, the composer's
hints panel shows it. Every rule is one pass over the session's steps, so
advice is linear in the number of steps and cheap enough to recompute
after each edit.

Protocol rules (from the source documents and the studies they rest on):

- ``phase-order``: the protocol goes roll → mobilize → stretch → activate
  → stabilize → integrate → cool down. Up to the last work step (activate,
  stabilize or integrate), a step whose phase comes before the phase of an
  earlier step is out of order. Steps after the last work step are the
  cool-down part, where any order is fine (a stretch, a walk, a roll).
- ``activate-first``: the first stabilize or integrate step needs an
  activate step somewhere before it.
- ``short-hold``: a timed static stretch (stretch or cool-down phase) held
  under 15 s is too short to lengthen anything (Bandy & Irion 1994).
- ``long-hold``: a timed static stretch of 60 s or more on one side
  (sets × hold) before work dulls the muscles (Behm et al. 2016: −4.6 %
  from 60 s or more per muscle, −1.1 % under 60 s); 30 s is as good
  (Bandy & Irion 1994), or the stretch belongs in the cool down.
- ``sides``: what the format can show about balance. An exercise whose
  default dose works one side at a time (``each`` or ``alternating``)
  done as ``sides = "both"`` is one bout on one side. Alone in the
  session, the other side is left out; several such steps of the same
  exercise (the left and the right written as two steps, in one block
  or two) are balanced when they are even in number and share one dose.
  Which side a step works is not in the format, so two steps that both
  work the left leg cannot be told from a left and a right.
- ``cool-down``: stabilize or integrate work needs a stretch or cool-down
  step after it; a session tagged ``warm-up`` is exempt, since the
  training it leads into ends with its own cool down.
- ``level-jump``: within a block, a step whose exercise is more than two
  levels harder than the step before it in the same phase skips rungs of
  the ladder ("master the basics first").

History rules, from the last runs of each step's exercise (newest first):
a step rated easy in 3 of its last 4 runs → the next exercise of its
progression, or a longer hold (or more reps) when there is none; rated
hard, or a pain of 4/10 or more after work, in the last run → the easier
exercise (or a lighter dose); bridge work felt in the lower back or the
hamstrings → a glute squeeze before it, or the easier bridge.

Advice never changes a session by itself: each may carry an `Edit`, which
`composer.edit.undo.apply_advice` applies when the user asks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from composer.model import (
    Block,
    Exercise,
    Phase,
    ResolvedDose,
    Session,
    Sides,
    Step,
    format_seconds,
)
from composer.safetext import visible

if TYPE_CHECKING:
    from composer.catalog.manager import Catalog

__all__ = [
    "Advice",
    "Edit",
    "HistoryReader",
    "Location",
    "SafeHistory",
    "StepOutcomeLike",
    "advise",
    "open_history",
]

# The source documents, named by their titles.
AMNESIA = '"Gluteal amnesia" (2017)'
CHEEKY = '"Getting Cheeky about Dead Butt Syndrome"'
UNLOCK = '"Unlock Your Glutes"'
WONT_FIRE = '"Why your glutes won\'t fire"'
TO_FIRE = '"Getting those Glutes to fire"'
BANDY = "Bandy & Irion 1994"
BEHM = "Behm et al. 2016"

WORK = frozenset({Phase.ACTIVATE, Phase.STABILIZE, Phase.INTEGRATE})
LOADED = frozenset({Phase.STABILIZE, Phase.INTEGRATE})
STATIC_STRETCH = frozenset({Phase.STRETCH, Phase.COOLDOWN})

SHORT_HOLD_S = 15.0
LONG_HOLD_S = 60.0
GOOD_HOLD_S = 30.0
LEVEL_JUMP = 2
WARM_UP_TAGS = frozenset({"warm-up", "warmup", "warm up"})

# History thresholds.
RECENT_RUNS = 4
EASY_RUNS = 3
PAIN_LIMIT = 4
COMPENSATION = frozenset({"lower back", "hamstrings"})

# The activation exercise to add where one is missing, in order of preference.
SQUEEZES = ("activation/glute-squeeze", "activation/prone-glute-squeeze")
COOL_DOWNS = ("cooldown/childs-pose", "cooldown/figure-four-stretch")

# Bounds a suggested dose stays within (those of the session format).
MAX_HOLD_S = 600.0
MAX_DURATION_S = 4 * 3600.0
MAX_REPS = 500


# -- what history offers ---------------------------------------------------------


class StepOutcomeLike(Protocol):
    """One step of one past run, as the history reports it."""

    @property
    def exercise_id(self) -> str: ...

    @property
    def rating(self) -> str | None: ...  # "easy", "right" or "hard"

    @property
    def pain(self) -> int | None: ...  # 0-10, from the run's check-in

    @property
    def felt(self) -> Sequence[str]: ...  # glutes, hamstrings, lower back, quads, ...

    @property
    def outcome(self) -> str: ...  # "completed", "partly" or "skipped"


class HistoryReader(Protocol):
    """The part of the run history that advice reads."""

    def step_outcomes(self, exercise_id: str, limit: int) -> Sequence[StepOutcomeLike]: ...


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def open_history(report: Callable[[str], None] = _to_stderr) -> Any | None:
    """The user's run history when this installation keeps one and it
    exists; None otherwise. A history that cannot be opened is reported in
    one line (through `report`) and advice goes on without it."""
    try:
        from composer.store import history as module
    except ImportError:
        return None
    try:
        from composer.store import paths

        if not paths.history_file().exists():
            return None
        opener = getattr(module, "open_history", None)
        return opener() if opener is not None else None
    except Exception as error:
        report(f"warning: history not read: {visible(error)}")
        return None


class SafeHistory:
    """Reads through to a history, remembering what it was asked (so the
    composer recomputes advice after every edit without asking the
    database again). The first error is reported in one line through
    `report`, and the history is left alone from then on."""

    def __init__(self, history: HistoryReader, report: Callable[[str], None] = _to_stderr) -> None:
        self.history: HistoryReader | None = history
        self.report = report
        self._cache: dict[tuple[str, int], list[StepOutcomeLike]] = {}

    def step_outcomes(self, exercise_id: str, limit: int) -> Sequence[StepOutcomeLike]:
        key = (exercise_id, limit)
        if key in self._cache:
            return self._cache[key]
        if self.history is None:
            return []
        try:
            found = list(self.history.step_outcomes(exercise_id, limit))
        except Exception as error:
            self.report(f"warning: history not read: {visible(error)}")
            self.history = None
            return []
        self._cache[key] = found
        return found

    def close(self) -> None:
        close = getattr(self.history, "close", None)
        self.history = None
        if callable(close):
            close()


# -- advice ------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """A block (`step` is None) or a step in it; 0-based."""

    block: int
    step: int | None = None

    def where(self, session: Session | None = None) -> str:
        """``blocks[2].steps[1]``, or ``block "Activate"`` (1-based, like
        the validator's messages)."""
        if self.step is not None:
            return f"blocks[{self.block + 1}].steps[{self.step + 1}]"
        if session is not None and self.block < len(session.blocks):
            title = session.blocks[self.block].title
            if title:
                return f'block "{title}"'
        return f"blocks[{self.block + 1}]"

    def as_dict(self) -> dict[str, int | None]:
        return {"block": self.block + 1, "step": None if self.step is None else self.step + 1}


@dataclass(frozen=True)
class Edit:
    """A concrete change that follows an advice.

    - ``replace``: the step at `at` (holding `expected`) gets `exercise`.
    - ``set``: the step at `at` (holding `expected`) gets the dose fields
      in `changes`.
    - ``insert``: a new step of `exercise` goes to block `at.block` at
      index `at.step`; with `new_block`, into a new block of that title
      placed at index `at.block`.
    - ``move``: the step at `at` (holding `expected`) goes just before the
      step at `before`.
    """

    action: str
    at: Location
    exercise: str | None = None
    expected: str | None = None
    changes: tuple[tuple[str, Any], ...] = ()
    before: Location | None = None
    new_block: str | None = None
    summary: str = ""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action, **self.at.as_dict()}
        if self.action == "replace":
            out["from"], out["to"] = self.expected, self.exercise
        elif self.action == "set":
            out["exercise"] = self.expected
            out["set"] = {name: _plain(value) for name, value in self.changes}
        elif self.action == "insert":
            out["exercise"] = self.exercise
            out["new_block"] = self.new_block
        elif self.action == "move":
            out["exercise"] = self.expected
            out["before"] = self.before.as_dict() if self.before else None
        out["summary"] = self.summary
        return out


@dataclass(frozen=True)
class Advice:
    """One piece of advice about one place in a session."""

    kind: str
    origin: str  # "protocol" or "history"
    location: Location
    where: str
    message: str
    source: str
    edit: Edit | None = field(default=None)

    def line(self, filename: str) -> str:
        """``FILE: where: message (source)``, safe to print."""
        return visible(f"{filename}: {self.where}: {self.message} ({self.source})")

    def as_dict(self, filename: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if filename is not None:
            out["file"] = filename
        out.update(
            kind=self.kind,
            origin=self.origin,
            where=self.where,
            **self.location.as_dict(),
            message=self.message,
            source=self.source,
            edit=self.edit.as_dict() if self.edit else None,
        )
        return out


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Sides) else value


# -- the session, step by step -------------------------------------------------------


@dataclass
class _Item:
    location: Location
    block: Block
    step: Step
    exercise: Exercise | None
    dose: ResolvedDose

    @property
    def phase(self) -> Phase | None:
        return self.exercise.phase if self.exercise else None

    @property
    def name(self) -> str:
        if self.exercise is not None:
            return self.exercise.name
        return self.step.name or self.step.exercise


def _items(session: Session, catalog: Catalog) -> list[_Item]:
    out = []
    for block_index, block in enumerate(session.blocks):
        for step_index, step in enumerate(block.steps):
            exercise = catalog.get(step.exercise)
            out.append(
                _Item(
                    Location(block_index, step_index),
                    block,
                    step,
                    exercise,
                    step.resolve(exercise, session.defaults),
                )
            )
    return out


class _Collector:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.found: list[tuple[tuple[int, int, int], Advice]] = []

    def add(
        self,
        kind: str,
        location: Location,
        message: str,
        source: str,
        edit: Edit | None = None,
        *,
        origin: str = "protocol",
    ) -> None:
        advice = Advice(
            kind=kind,
            origin=origin,
            location=location,
            where=location.where(self.session),
            message=message,
            source=source,
            edit=edit,
        )
        step = -1 if location.step is None else location.step
        order = (location.block, step, len(self.found))
        self.found.append((order, advice))

    def result(self) -> list[Advice]:
        return [advice for _order, advice in sorted(self.found, key=lambda pair: pair[0])]


def advise(
    session: Session, catalog: Catalog, history: HistoryReader | None = None
) -> list[Advice]:
    """Every advice for `session`, in session order. `history`, when given,
    adds advice from past runs of each step's exercise."""
    items = _items(session, catalog)
    out = _Collector(session)
    _phase_order(items, out)
    _activate_first(items, catalog, out)
    _stretch_holds(items, out)
    _sides(items, out)
    _cool_down(session, items, catalog, out)
    _level_jumps(items, catalog, out)
    if history is not None:
        _from_history(items, catalog, history, out)
    return out.result()


# -- protocol rules ------------------------------------------------------------------------


def _phase_order(items: list[_Item], out: _Collector) -> None:
    last_work = max((i for i, item in enumerate(items) if item.phase in WORK), default=-1)
    highest: _Item | None = None
    first: dict[int, tuple[int, _Item]] = {}  # phase order -> first step of that phase
    for index, item in enumerate(items[: last_work + 1]):
        phase = item.phase
        if phase is None:
            continue
        first.setdefault(phase.order, (index, item))
        later = highest.phase if highest is not None else None
        if highest is not None and later is not None and phase.order < later.order:
            # Move it before the first earlier step of a later phase.
            _, target = min(found for order, found in first.items() if order > phase.order)
            edit = Edit(
                "move",
                item.location,
                expected=item.step.exercise,
                before=target.location,
                summary=f"move {item.name} before {target.name} ({target.location.where()})",
            )
            out.add(
                "phase-order",
                item.location,
                f"{item.name} ({phase.label}) comes after {highest.name} "
                f"({later.label}, {highest.location.where()}): the protocol puts "
                f"{phase.label.lower()} before {later.label.lower()}",
                f"{AMNESIA}; {UNLOCK}",
                edit,
            )
        else:
            highest = item


def _first_exercise(catalog: Catalog, preferred: Sequence[str], phase: Phase) -> Exercise | None:
    for full_id in preferred:
        if (exercise := catalog.get(full_id)) is not None:
            return exercise
    found = catalog.search("", phase)
    return found[0] if found else None


def _activate_first(items: list[_Item], catalog: Catalog, out: _Collector) -> None:
    for item in items:
        if item.exercise is None:
            return  # a step of unknown phase: it may be the activation
        if item.phase is Phase.ACTIVATE:
            return
        if item.phase in LOADED:
            squeeze = _first_exercise(catalog, SQUEEZES, Phase.ACTIVATE)
            edit = None
            if squeeze is not None:
                edit = Edit(
                    "insert",
                    item.location,
                    exercise=squeeze.full_id,
                    summary=f"add {squeeze.name} before {item.name}",
                )
            out.add(
                "activate-first",
                item.location,
                f"{item.name} is {item.phase.label.lower()} work with no activation before it: "
                "wake the glutes with an isolated exercise first",
                f"{AMNESIA}; {UNLOCK}",
                edit,
            )
            return


def _stretch_holds(items: list[_Item], out: _Collector) -> None:
    work_after = [False] * len(items)
    seen_work = False
    for index in range(len(items) - 1, -1, -1):
        work_after[index] = seen_work
        seen_work = seen_work or items[index].phase in WORK
    for index, item in enumerate(items):
        hold = item.dose.duration_s
        if item.phase not in STATIC_STRETCH or hold is None:
            continue
        if hold < SHORT_HOLD_S:
            out.add(
                "short-hold",
                item.location,
                f"a {format_seconds(hold)} hold of {item.name} is too short to lengthen "
                f"the muscle: hold about {format_seconds(GOOD_HOLD_S)}",
                BANDY,
                _set_edit(item, duration_s=GOOD_HOLD_S),
            )
            continue
        per_side = hold * item.dose.sets
        if per_side >= LONG_HOLD_S and work_after[index]:
            amount = (
                f"{item.dose.sets} × {format_seconds(hold)}"
                if item.dose.sets > 1
                else format_seconds(hold)
            )
            out.add(
                "long-hold",
                item.location,
                f"{amount} of {item.name} before the work dulls the muscles "
                f"(60 s or more per muscle costs about 4.6 % of performance, less than 60 s "
                f"about 1 %): one {format_seconds(GOOD_HOLD_S)} hold is as good, or move it "
                "to the cool down",
                f"{BEHM}; {BANDY}",
                _set_edit(item, duration_s=GOOD_HOLD_S, sets=1),
            )


def _set_edit(item: _Item, **wanted: Any) -> Edit | None:
    """An edit setting dose fields to `wanted`, leaving out those already so."""
    changes = tuple(
        (name, value) for name, value in wanted.items() if getattr(item.dose, name) != value
    )
    if not changes:
        return None
    words = ", ".join(f"{_field_word(name)} {_value_word(name, value)}" for name, value in changes)
    return Edit(
        "set",
        item.location,
        expected=item.step.exercise,
        changes=changes,
        summary=f"set {words} at {item.location.where()}",
    )


def _field_word(name: str) -> str:
    return {
        "duration_s": "the hold",
        "hold_s": "the hold of each rep",
        "sets": "sets",
        "reps": "reps",
        "rep_s": "the time of each rep",
        "sides": "sides",
    }.get(name, name)


def _value_word(name: str, value: Any) -> str:
    if name.endswith("_s"):
        return f"to {format_seconds(value)}"
    return f"to {_plain(value)}"


def _one_sided(exercise: Exercise | None) -> bool:
    return exercise is not None and exercise.dose.sides in (Sides.EACH, Sides.ALTERNATING)


def _work(dose: ResolvedDose) -> tuple[Any, ...]:
    return (dose.sets, dose.reps, dose.duration_s, dose.hold_s, dose.rep_s)


def _sides(items: list[_Item], out: _Collector) -> None:
    groups: dict[str, list[_Item]] = {}
    for item in items:
        if item.dose.sides is Sides.BOTH and _one_sided(item.exercise):
            groups.setdefault(item.step.exercise, []).append(item)
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            default = first.exercise.dose.sides  # type: ignore[union-attr]
            out.add(
                "sides",
                first.location,
                f"{first.name} works one side at a time, but this step does one bout "
                f'("both") and no other step does the other side: set sides to "{default}"',
                CHEEKY,
                _set_edit(first, sides=default),
            )
            continue
        for other in group[1:]:
            if _work(other.dose) != _work(first.dose):
                wanted = {
                    name: getattr(first.dose, name)
                    for name in ("sets", "reps", "duration_s", "hold_s", "rep_s")
                    if getattr(first.dose, name) is not None
                }
                out.add(
                    "sides",
                    other.location,
                    f"{other.name} is done one side per step, with different doses "
                    f"({other.dose.describe()} here, {first.dose.describe()} at "
                    f"{first.location.where()}): give both sides the same",
                    CHEEKY,
                    _set_edit(other, **wanted),
                )
        if len(group) % 2:
            last = group[-1]
            out.add(
                "sides",
                last.location,
                f"{last.name} is done one side per step in {len(group)} steps: "
                "one side gets a bout more than the other",
                CHEEKY,
            )


def _cool_down(session: Session, items: list[_Item], catalog: Catalog, out: _Collector) -> None:
    if {tag.strip().lower() for tag in session.tags} & WARM_UP_TAGS:
        return
    last = max((i for i, item in enumerate(items) if item.phase in LOADED), default=None)
    if last is None:
        return
    for item in items[last + 1 :]:
        if item.exercise is None or item.phase in STATIC_STRETCH:
            return  # a stretch follows, or a step of unknown phase that may be one
    loaded = items[last]
    stretch = _first_exercise(catalog, COOL_DOWNS, Phase.COOLDOWN)
    edit = None
    if stretch is not None:
        edit = Edit(
            "insert",
            Location(len(session.blocks), 0),
            exercise=stretch.full_id,
            new_block="Cool down",
            summary=f'add a block "Cool down" with {stretch.name} at the end',
        )
    out.add(
        "cool-down",
        Location(loaded.location.block),
        f"nothing is stretched after {loaded.name} and the rest of the "
        f"{loaded.phase.label.lower()} work: end with 30 to 60 s holds of the tight areas",  # type: ignore[union-attr]
        f"{AMNESIA}; {TO_FIRE}",
        edit,
    )


def _level_jumps(items: list[_Item], catalog: Catalog, out: _Collector) -> None:
    previous: _Item | None = None
    for item in items:
        if previous is not None and previous.location.block != item.location.block:
            previous = None
        if (
            previous is not None
            and item.exercise is not None
            and previous.exercise is not None
            and item.phase is previous.phase
            and item.exercise.level - previous.exercise.level > LEVEL_JUMP
        ):
            low, high = previous.exercise.level, item.exercise.level
            rung = next(
                (
                    link
                    for link in reversed(catalog.chain(item.exercise))
                    if low < link.level <= low + LEVEL_JUMP
                ),
                None,
            )
            edit = None
            if rung is not None:
                edit = Edit(
                    "insert",
                    item.location,
                    exercise=rung.full_id,
                    summary=f"add {rung.name} (level {rung.level}) before {item.name}",
                )
            out.add(
                "level-jump",
                item.location,
                f"{item.name} (level {high}) right after {previous.name} (level {low}) "
                "skips rungs of the ladder: master the easier step first",
                f"{AMNESIA}; {UNLOCK}",
                edit,
            )
        previous = item


# -- history rules ---------------------------------------------------------------------------


def _from_history(
    items: list[_Item], catalog: Catalog, history: HistoryReader, out: _Collector
) -> None:
    activated = False
    for item in items:
        exercise = item.exercise
        if exercise is not None:
            outcomes = list(history.step_outcomes(item.step.exercise, RECENT_RUNS))[:RECENT_RUNS]
            # One history advice per step: what hurt or compensated first.
            if outcomes and not _felt(item, exercise, outcomes[0], activated, catalog, out):
                if not _hard(item, exercise, outcomes[0], catalog, out):
                    _easy(item, exercise, outcomes, catalog, out)
        activated = activated or item.phase is Phase.ACTIVATE


def _is_bridge(exercise: Exercise) -> bool:
    return exercise.phase is Phase.STABILIZE and (
        "bridge" in exercise.id or "bridge" in exercise.name.lower()
    )


def _replace(item: _Item, new: Exercise, what: str) -> Edit:
    return Edit(
        "replace",
        item.location,
        exercise=new.full_id,
        expected=item.step.exercise,
        summary=f"{what}: {item.name} → {new.name} at {item.location.where()}",
    )


def _felt(
    item: _Item,
    exercise: Exercise,
    newest: StepOutcomeLike,
    activated: bool,
    catalog: Catalog,
    out: _Collector,
) -> bool:
    if not _is_bridge(exercise):
        return False
    felt = [place for place in (getattr(newest, "felt", None) or ()) if place in COMPENSATION]
    if not felt:
        return False
    where = " and ".join(felt)
    source = f"your last run's check-in; {CHEEKY}; {WONT_FIRE}"
    squeeze = None if activated else _first_exercise(catalog, SQUEEZES, Phase.ACTIVATE)
    easier = catalog.easier(exercise)
    if squeeze is not None:
        edit = Edit(
            "insert",
            item.location,
            exercise=squeeze.full_id,
            summary=f"add {squeeze.name} before {item.name}",
        )
        fix = f"squeeze the glutes first ({squeeze.name})"
    elif easier is not None:
        edit = _replace(item, easier, "easier")
        fix = f"step back to {easier.name}"
    else:
        edit = None
        fix = "squeeze the glutes before each rep and drive through the heels"
    out.add(
        "felt",
        item.location,
        f"{item.name} was felt in the {where} last time, so other muscles did the glutes' "
        f"work: {fix}",
        source,
        edit,
        origin="history",
    )
    return True


def _hard(
    item: _Item, exercise: Exercise, newest: StepOutcomeLike, catalog: Catalog, out: _Collector
) -> bool:
    hard = newest.rating == "hard"
    pain = newest.pain if newest.pain is not None and newest.pain >= PAIN_LIMIT else None
    if pain is not None and item.phase not in WORK:
        pain = None
    if not hard and pain is None:
        return False
    why = "rated hard last time" if hard else f"a pain of {pain}/10 after the last run"
    source = "your last run's check-in"
    easier = catalog.easier(exercise)
    caution = "; stop on sharp pain" if pain is not None else ""
    if easier is not None:
        out.add(
            "easier",
            item.location,
            f"{item.name} was {why}: step back to {easier.name}{caution}",
            source,
            _replace(item, easier, "easier"),
            origin="history",
        )
        return True
    edit, lighter = _lighter(item)
    out.add(
        "easier",
        item.location,
        f"{item.name} was {why} and has no easier exercise in its progression: {lighter}{caution}",
        source,
        edit,
        origin="history",
    )
    return True


def _easy(
    item: _Item,
    exercise: Exercise,
    outcomes: list[StepOutcomeLike],
    catalog: Catalog,
    out: _Collector,
) -> bool:
    easy = sum(1 for outcome in outcomes if outcome.rating == "easy")
    if easy < EASY_RUNS:
        return False
    source = f"your last {len(outcomes)} runs: {easy} rated easy"
    harder = catalog.harder(exercise)
    if harder:
        out.add(
            "harder",
            item.location,
            f"{item.name} was easy in {easy} of its last {len(outcomes)} runs: "
            f"move on to {harder[0].name}",
            source,
            _replace(item, harder[0], "harder"),
            origin="history",
        )
        return True
    edit, heavier = _heavier(item)
    if edit is None:
        return False
    out.add(
        "harder",
        item.location,
        f"{item.name} was easy in {easy} of its last {len(outcomes)} runs and is the top "
        f"of its progression: {heavier}",
        source,
        edit,
        origin="history",
    )
    return True


def _heavier(item: _Item) -> tuple[Edit | None, str]:
    dose = item.dose
    if dose.hold_s is not None:
        hold = min(MAX_HOLD_S, dose.hold_s + max(2.0, round(dose.hold_s / 2)))
        return _set_edit(item, hold_s=hold), f"hold each rep {format_seconds(hold)}"
    if dose.duration_s is not None:
        longer = min(MAX_DURATION_S, dose.duration_s + 15.0)
        return _set_edit(item, duration_s=longer), f"hold it {format_seconds(longer)}"
    if dose.reps is not None:
        reps = min(MAX_REPS, dose.reps + 2)
        return _set_edit(item, reps=reps), f"do {reps} reps"
    return None, ""


def _lighter(item: _Item) -> tuple[Edit | None, str]:
    dose = item.dose
    if dose.sets > 1:
        return _set_edit(item, sets=dose.sets - 1), f"do {dose.sets - 1} sets"
    if dose.reps is not None and dose.reps > 2:
        reps = max(1, round(dose.reps * 2 / 3))
        return _set_edit(item, reps=reps), f"do {reps} reps"
    if dose.duration_s is not None and dose.duration_s > 10:
        shorter = max(5.0, float(round(dose.duration_s * 2 / 3)))
        return _set_edit(item, duration_s=shorter), f"hold it {format_seconds(shorter)}"
    return None, "ease off, or leave it out for now"


# -- the command ---------------------------------------------------------------------------


def print_advice(path: Any, catalog: Catalog, *, as_json: bool = False) -> int:
    """`glute advise FILE`: print the advice, one line each (or JSON).
    Exit 0 whatever the advice; an unreadable or invalid file raises
    `SessionError` (exit 1)."""
    import json

    from composer.format.reader import load_session, missing_exercises

    filename = str(path)
    session = load_session(path)
    for warning in missing_exercises(session, catalog.get, filename):
        print(visible(warning), file=sys.stderr)
    opened = open_history()
    history = SafeHistory(opened) if opened is not None else None
    try:
        found = advise(session, catalog, history)
    finally:
        if history is not None:
            history.close()
    if as_json:
        print(json.dumps([advice.as_dict(filename) for advice in found], indent=2))
        return 0
    for advice in found:
        print(advice.line(filename))
    if not found:
        print(visible(f"{filename}: no advice"))
    return 0
