"""The editing rules behind the session editor and its forms, without a screen."""

from __future__ import annotations

import pytest

from composer.model import Block, Dose, Exercise, Session, Step
from composer.ui import fields
from composer.ui.edits import (
    Position,
    add_block,
    add_step,
    duplicate,
    move,
    move_to_block,
    remove,
    swap_exercise,
)


def _exercise(id_: str, phase: str = "activate", **dose) -> Exercise:
    return Exercise(id=id_, name=id_.title(), phase=phase, dose=Dose(**dose), namespace="pack")


def _session(*blocks: list[str]) -> Session:
    return Session(
        blocks=[
            Block(title=f"B{n}", steps=[Step(exercise=f"pack/{name}") for name in names])
            for n, names in enumerate(blocks, start=1)
        ]
    )


def _ids(session: Session) -> list[list[str]]:
    return [[step.exercise.split("/")[1] for step in block.steps] for block in session.blocks]


def test_first_step_makes_a_block_named_for_its_phase():
    session = Session()
    at = add_step(session, None, _exercise("clamshell", reps=10))
    assert at == Position(0, 0)
    assert session.blocks[0].title == "Activate"
    assert session.blocks[0].steps[0] == Step(exercise="pack/clamshell", name="Clamshell")


def test_add_goes_after_the_highlighted_step():
    session = _session(["a", "c"])
    at = add_step(session, Position(0, 0), _exercise("b"))
    assert at == Position(0, 1)
    assert _ids(session) == [["a", "b", "c"]]
    at = add_step(session, Position(0), _exercise("d"))
    assert _ids(session) == [["a", "b", "c", "d"]] and at == Position(0, 3)


def test_remove_keeps_a_sensible_cursor():
    session = _session(["a", "b"], ["c"])
    assert remove(session, Position(0, 1)) == Position(0, 0)
    assert remove(session, Position(0, 0)) == Position(0)
    assert remove(session, Position(0)) == Position(0)
    assert _ids(session) == [["c"]]
    assert remove(session, Position(0)) is None
    assert session.blocks == []


def test_duplicate_copies_deeply():
    session = _session(["a"])
    at = duplicate(session, Position(0, 0))
    assert at == Position(0, 1)
    session.blocks[0].steps[1].note = "changed"
    assert session.blocks[0].steps[0].note is None
    assert duplicate(session, Position(0)) == Position(1)
    assert _ids(session) == [["a", "a"], ["a", "a"]]


def test_move_within_and_across_blocks():
    session = _session(["a", "b"], ["c"])
    assert move(session, Position(0, 0), +1) == Position(0, 1)
    assert _ids(session) == [["b", "a"], ["c"]]
    # at the bottom edge it crosses into the next block, at its start
    assert move(session, Position(0, 1), +1) == Position(1, 0)
    assert _ids(session) == [["b"], ["a", "c"]]
    # at the top edge it crosses into the previous block, at its end
    assert move(session, Position(1, 0), -1) == Position(0, 1)
    assert _ids(session) == [["b", "a"], ["c"]]
    # nothing above the first block
    assert move(session, Position(0, 0), -1) == Position(0, 0)
    assert move_to_block(session, Position(1, 0), -1) == Position(0, 2)
    assert _ids(session) == [["b", "a", "c"], []]


def test_move_blocks():
    session = _session(["a"], ["b"])
    assert move(session, Position(1), -1) == Position(0)
    assert _ids(session) == [["b"], ["a"]]
    assert move(session, Position(0), -1) == Position(0)
    assert add_block(session, Position(0), "New") == Position(1)
    assert [b.title for b in session.blocks] == ["B2", "New", "B1"]


def test_swap_keeps_the_dose_unless_work_is_counted_differently():
    step = Step(exercise="pack/bridge", dose=Dose(sets=4, reps=8, hold_s=2, rest_s=20))
    bridge = _exercise("bridge", reps=10)
    marching = _exercise("marching", reps=12)
    plank = _exercise("plank", duration_s=30)
    swap_exercise(step, bridge, marching)
    assert step.exercise == "pack/marching" and step.name == "Marching"
    assert step.dose == Dose(sets=4, reps=8, hold_s=2, rest_s=20)
    swap_exercise(step, marching, plank)
    assert step.dose == Dose(sets=4, rest_s=20)


@pytest.mark.parametrize(("text", "expected"), [("", None), (" 3 ", 3), ("50", 50)])
def test_whole_number_field(text, expected):
    assert fields.whole_number(text, "sets") == expected


@pytest.mark.parametrize(
    ("text", "message"), [("0", "from 1 to 50"), ("2.5", "whole number"), ("x", "whole number")]
)
def test_whole_number_field_errors(text, message):
    with pytest.raises(ValueError, match=message):
        fields.whole_number(text, "sets")


def test_seconds_and_text_fields():
    assert fields.seconds("1m30s", "rest_s") == 90
    assert fields.seconds("", "rest_s") is None
    with pytest.raises(ValueError, match="from 0 s to 1 h"):
        fields.seconds("2h", "rest_s")
    with pytest.raises(ValueError, match="write seconds"):
        fields.seconds("soon", "rest_s")
    assert fields.text("[@click=app.quit]", "name") == "[@click=app.quit]"
    with pytest.raises(ValueError, match="one line"):
        fields.text("a\nb", "name")
    with pytest.raises(ValueError, match="control characters"):
        fields.text("a\x1bb", "note")
    assert fields.tags(" desk, , beginner ") == ["desk", "beginner"]
    assert fields.show_seconds(90.0) == "90" and fields.show_seconds(None) == ""
