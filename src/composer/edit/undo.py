"""Edits to a session, and the undo history over them.

No Textual here. Every edit function takes the session and a position and
returns the position the cursor should move to, so the rules are easy to
test on their own. `EditHistory` holds the session being edited, makes
each edit through those functions, and keeps the states before them so any
edit can be undone and redone.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from composer.model import Block, Dose, Exercise, Session, SessionDefaults, Step

if TYPE_CHECKING:
    from composer.habit.advice import Edit

__all__ = [
    "EditHistory",
    "Position",
    "add_block",
    "add_step",
    "apply_advice",
    "duplicate",
    "move",
    "move_to_block",
    "remove",
    "snapshot",
    "swap_exercise",
]

# Undo steps kept; the oldest are dropped beyond this.
UNDO_LIMIT = 200

_WORK_FIELDS = ("reps", "duration_s", "hold_s", "rep_s", "relax_s")


@dataclass(frozen=True)
class Position:
    """A row of the editor: a block (`step` is None) or a step in it."""

    block: int
    step: int | None = None

    @property
    def is_block(self) -> bool:
        return self.step is None


def add_step(session: Session, at: Position | None, exercise: Exercise) -> Position:
    """Add `exercise` after the step at `at` (or at the end of its block).

    An empty session gets a first block named after the exercise's phase.
    The new step takes the exercise's default dose.
    """
    step = Step(exercise=exercise.full_id, name=exercise.name, own_name=False)
    if not session.blocks:
        session.blocks.append(Block(title=exercise.phase.label))
        at = None
    if at is None:
        at = Position(len(session.blocks) - 1)
    block = session.blocks[at.block]
    index = len(block.steps) if at.step is None else at.step + 1
    block.steps.insert(index, step)
    return Position(at.block, index)


def add_block(session: Session, at: Position | None, title: str) -> Position:
    """Add an empty block after the block at `at` (or at the end)."""
    index = len(session.blocks) if at is None else at.block + 1
    session.blocks.insert(index, Block(title=title))
    return Position(index)


def remove(session: Session, at: Position) -> Position | None:
    """Remove the step or block at `at`; return the row to show next."""
    if at.step is None:
        del session.blocks[at.block]
        if not session.blocks:
            return None
        return Position(min(at.block, len(session.blocks) - 1))
    steps = session.blocks[at.block].steps
    del steps[at.step]
    if not steps:
        return Position(at.block)
    return Position(at.block, min(at.step, len(steps) - 1))


def duplicate(session: Session, at: Position) -> Position:
    """Copy the step (or the whole block) at `at` right after it."""
    if at.step is None:
        session.blocks.insert(at.block + 1, copy.deepcopy(session.blocks[at.block]))
        return Position(at.block + 1)
    steps = session.blocks[at.block].steps
    steps.insert(at.step + 1, copy.deepcopy(steps[at.step]))
    return Position(at.block, at.step + 1)


def move(session: Session, at: Position, delta: int) -> Position:
    """Move a step up or down; at the edge of its block it crosses into the
    next block. A block moves past its neighbour."""
    if at.step is None:
        target = at.block + delta
        if not 0 <= target < len(session.blocks):
            return at
        blocks = session.blocks
        blocks[at.block], blocks[target] = blocks[target], blocks[at.block]
        return Position(target)
    steps = session.blocks[at.block].steps
    target = at.step + delta
    if 0 <= target < len(steps):
        steps[at.step], steps[target] = steps[target], steps[at.step]
        return Position(at.block, target)
    return move_to_block(session, at, delta)


def move_to_block(session: Session, at: Position, delta: int) -> Position:
    """Move a step into the previous (`delta` < 0, at its end) or next block
    (at its start)."""
    if at.step is None:
        return at
    target = at.block + (1 if delta > 0 else -1)
    if not 0 <= target < len(session.blocks):
        return at
    step = session.blocks[at.block].steps.pop(at.step)
    steps = session.blocks[target].steps
    if delta > 0:
        steps.insert(0, step)
        return Position(target, 0)
    steps.append(step)
    return Position(target, len(steps) - 1)


def swap_exercise(step: Step, old: Exercise | None, new: Exercise) -> None:
    """Put `new` in place of the step's exercise, keeping the dose the user
    chose unless it counts work differently (reps against time)."""
    dose = step.dose
    if old is not None and _counts_reps(old.dose) != _counts_reps(new.dose):
        dose = replace(dose, **{name: None for name in _WORK_FIELDS})
    step.exercise = new.full_id
    step.name = new.name  # a label the user gave the old exercise does not fit the new one
    step.own_name = False
    step.dose = dose


def _counts_reps(dose: Dose) -> bool:
    return dose.reps is not None


# -- undo and redo ---------------------------------------------------------------


def apply_advice(
    session: Session, edit: Edit, lookup: Callable[[str], Exercise | None]
) -> Position:
    """Make the change an advice proposes (`composer.habit.advice.Edit`) and
    return the row to highlight. `lookup` finds an exercise by full id.
    Raises ValueError when the session no longer holds what the advice
    was about, or the exercise it names is not installed."""
    at = edit.at
    if edit.action == "insert":
        exercise = _need(lookup, edit.exercise)
        step = Step(exercise=exercise.full_id, name=exercise.name)
        if edit.new_block is not None:
            if not 0 <= at.block <= len(session.blocks):
                raise ValueError("the session has changed since this advice")
            session.blocks.insert(at.block, Block(title=edit.new_block, steps=[step]))
            return Position(at.block, 0)
        if not 0 <= at.block < len(session.blocks) or at.step is None:
            raise ValueError("the session has changed since this advice")
        steps = session.blocks[at.block].steps
        if not 0 <= at.step <= len(steps):
            raise ValueError("the session has changed since this advice")
        steps.insert(at.step, step)
        return Position(at.block, at.step)
    step = _advised_step(session, at.block, at.step, edit.expected)
    if edit.action == "replace":
        new = _need(lookup, edit.exercise)
        swap_exercise(step, lookup(step.exercise), new)
        return Position(at.block, at.step)
    if edit.action == "set":
        step.dose = replace(step.dose, **dict(edit.changes))
        return Position(at.block, at.step)
    if edit.action == "move" and edit.before is not None:
        target = _advised_step(session, edit.before.block, edit.before.step, None)
        if target is step:
            return Position(at.block, at.step)
        session.blocks[at.block].steps.remove(step)
        steps = session.blocks[edit.before.block].steps
        index = next(i for i, other in enumerate(steps) if other is target)
        steps.insert(index, step)
        return Position(edit.before.block, index)
    raise ValueError(f"unknown edit {edit.action!r}")


def _advised_step(session: Session, block: int, step: int | None, expected: str | None) -> Step:
    if not 0 <= block < len(session.blocks) or step is None:
        raise ValueError("the session has changed since this advice")
    steps = session.blocks[block].steps
    if not 0 <= step < len(steps) or (expected is not None and steps[step].exercise != expected):
        raise ValueError("the session has changed since this advice")
    return steps[step]


def _need(lookup: Callable[[str], Exercise | None], full_id: str | None) -> Exercise:
    exercise = lookup(full_id) if full_id else None
    if exercise is None:
        raise ValueError(f"the exercise {full_id!r} is not installed")
    return exercise


def snapshot(session: Session) -> Session:
    """A copy of `session` that later edits cannot reach.

    Steps, blocks and lists are copied; doses and defaults are immutable and
    shared, so a snapshot of a 1,000-step session takes a few milliseconds.
    """
    return replace(
        session,
        tags=list(session.tags),
        requires=list(session.requires),
        leading_comments=list(session.leading_comments),
        blocks=[
            replace(block, steps=[replace(step) for step in block.steps])
            for block in session.blocks
        ],
    )


def _restore(session: Session, state: Session) -> None:
    """Make `session` (the same object) hold a copy of `state`."""
    fresh = snapshot(state)
    for item in fields(Session):
        setattr(session, item.name, getattr(fresh, item.name))


@dataclass(frozen=True)
class _Change:
    label: str
    state: Session  # the whole session on the other side of the change
    before: Position | None  # the row to highlight before the change
    after: Position | None  # and after it


class EditHistory:
    """The session being edited, with every edit of it undoable.

    Each edit method changes `session` in place and returns the row to
    highlight. Before an edit the whole session is kept (`snapshot`); an
    edit that changes nothing leaves no undo step. `undo` and `redo` put
    the session back in place, so whoever holds `session` sees the change.
    """

    def __init__(
        self,
        session: Session,
        limit: int = UNDO_LIMIT,
        name_of: Callable[[Step], str] | None = None,
    ) -> None:
        self.session = session
        self.limit = limit
        # A step's name in messages: the catalog's, when the caller knows it.
        self.name_of = name_of or (lambda step: step.name or step.exercise)
        self._undo: list[_Change] = []
        self._redo: list[_Change] = []

    def reset(self, session: Session) -> None:
        """Edit `session` from now on, with an empty history."""
        self.session = session
        self._undo.clear()
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        """What `undo` would take back, e.g. ``remove Clamshell``."""
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def apply(
        self,
        label: str,
        edit: Callable[[Session], Position | None],
        at: Position | None = None,
    ) -> Position | None:
        """Run `edit` on the session as one undoable step called `label`.
        An edit that raises leaves the session as it was."""
        before = snapshot(self.session)
        try:
            after = edit(self.session)
        except BaseException:
            _restore(self.session, before)
            raise
        if self.session != before:
            self._undo.append(_Change(label, before, at, after))
            del self._undo[: -self.limit]
            self._redo.clear()
        return after

    def undo(self) -> tuple[str, Position | None] | None:
        """Take back the last edit: its label and the row to highlight,
        or None when there is nothing to undo."""
        if not self._undo:
            return None
        change = self._undo.pop()
        self._redo.append(replace(change, state=snapshot(self.session)))
        _restore(self.session, change.state)
        return change.label, change.before

    def redo(self) -> tuple[str, Position | None] | None:
        """Make the last undone edit again."""
        if not self._redo:
            return None
        change = self._redo.pop()
        self._undo.append(replace(change, state=snapshot(self.session)))
        _restore(self.session, change.state)
        return change.label, change.after

    # -- the edits -----------------------------------------------------------

    def add_step(self, at: Position | None, exercise: Exercise) -> Position:
        position = self.apply(f"add {exercise.name}", lambda s: add_step(s, at, exercise), at)
        assert position is not None
        return position

    def add_block(self, at: Position | None, title: str) -> Position:
        position = self.apply(f"add block “{title}”", lambda s: add_block(s, at, title), at)
        assert position is not None
        return position

    def remove(self, at: Position) -> Position | None:
        return self.apply(f"remove {self.describe(at)}", lambda s: remove(s, at), at)

    def duplicate(self, at: Position) -> Position:
        position = self.apply(f"duplicate {self.describe(at)}", lambda s: duplicate(s, at), at)
        assert position is not None
        return position

    def move(self, at: Position, delta: int) -> Position:
        position = self.apply(f"move {self.describe(at)}", lambda s: move(s, at, delta), at)
        return at if position is None else position

    def move_to_block(self, at: Position, delta: int) -> Position:
        position = self.apply(
            f"move {self.describe(at)}", lambda s: move_to_block(s, at, delta), at
        )
        return at if position is None else position

    def apply_advice(self, edit: Edit, lookup: Callable[[str], Exercise | None]) -> Position:
        """Make the change an advice proposes, as one undoable step."""
        label = f"apply advice: {edit.summary}" if edit.summary else "apply advice"
        at = Position(edit.at.block, edit.at.step)
        position = self.apply(label, lambda s: apply_advice(s, edit, lookup), at)
        assert position is not None
        return position

    def swap_exercise(self, at: Position, old: Exercise | None, new: Exercise) -> Position:
        def edit(session: Session) -> Position:
            assert at.step is not None
            swap_exercise(session.blocks[at.block].steps[at.step], old, new)
            return at

        name = old.name if old is not None else self.describe(at)
        self.apply(f"swap {name} for {new.name}", edit, at)
        return at

    def replace_step(self, at: Position, step: Step) -> Position:
        """Put `step` (a changed copy, e.g. from the dose form) at `at`."""

        def edit(session: Session) -> Position:
            assert at.step is not None
            session.blocks[at.block].steps[at.step] = step
            return at

        self.apply(f"change {self.describe(at)}", edit, at)
        return at

    def change_block(self, at: Position, title: str, rounds: int, rest_s: float) -> Position:
        def edit(session: Session) -> Position:
            block = session.blocks[at.block]
            block.title, block.rounds, block.rest_s = title, rounds, rest_s
            return at

        self.apply(f"change {self.describe(Position(at.block))}", edit, at)
        return at

    def change_details(
        self,
        *,
        title: str,
        description: str,
        author: str,
        tags: list[str],
        defaults: SessionDefaults,
        at: Position | None = None,
    ) -> None:
        def edit(session: Session) -> Position | None:
            session.title, session.description = title, description
            session.author, session.tags = author, list(tags)
            session.defaults = defaults
            return at

        self.apply("change the session details", edit, at)

    def describe(self, at: Position) -> str:
        """The row at `at` in words: ``block “Activate” (3 steps)`` or a
        step's name."""
        block = self.session.blocks[at.block]
        if at.step is None:
            title = block.title or f"Block {at.block + 1}"
            count = len(block.steps)
            steps = f" ({count} step{'s' * (count != 1)})" if count else ""
            return f"block “{title}”{steps}"
        assert at.step is not None
        return self.name_of(block.steps[at.step])
