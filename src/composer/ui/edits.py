"""Edits to a session, as plain functions the editor calls.

No Textual here: every function takes the session and a position and
returns the position the cursor should move to, so the rules are easy to
test on their own.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..advice import Edit
from ..model import Block, Dose, Exercise, Session, Step

__all__ = [
    "Position",
    "add_block",
    "add_step",
    "apply_advice",
    "duplicate",
    "move",
    "move_to_block",
    "remove",
    "swap_exercise",
]

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


def apply_advice(
    session: Session, edit: Edit, lookup: Callable[[str], Exercise | None]
) -> Position:
    """Make the change an advice proposes (`composer.advice.Edit`) and
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
