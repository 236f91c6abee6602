"""The editing rules behind the session editor and its forms, without a screen."""

from __future__ import annotations

import pytest

from composer.edit import fields
from composer.edit.undo import (
    EditHistory,
    Position,
    add_block,
    add_step,
    duplicate,
    move,
    move_to_block,
    remove,
    snapshot,
    swap_exercise,
)
from composer.model import Block, Dose, Exercise, Session, SessionDefaults, Step


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


# -- undo and redo ---------------------------------------------------------------


def test_history_undoes_and_redoes_in_place():
    session = _session(["a", "b"], ["c"])
    history = EditHistory(session)
    assert not history.can_undo and history.undo() is None
    at = history.remove(Position(0))
    assert at == Position(0) and _ids(session) == [["c"]]
    assert history.undo_label == "remove block “B1” (2 steps)"
    history.add_step(Position(0, 0), _exercise("d"))
    assert _ids(session) == [["c", "d"]]
    assert history.undo() == ("add D", Position(0, 0))
    assert history.undo() == ("remove block “B1” (2 steps)", Position(0))
    assert _ids(session) == [["a", "b"], ["c"]]
    assert history.redo() == ("remove block “B1” (2 steps)", Position(0))
    assert _ids(session) == [["c"]]
    assert history.redo() == ("add D", Position(0, 1))
    assert history.redo() is None
    assert history.session is session


def test_history_covers_forms_and_details():
    session = _session(["a"])
    history = EditHistory(session)
    history.replace_step(Position(0, 0), Step(exercise="pack/a", dose=Dose(sets=3)))
    history.change_block(Position(0), "Warm up", 2, 30.0)
    history.change_details(
        title="T", description="D", author="Me", tags=["x"], defaults=SessionDefaults(rest_s=9)
    )
    history.swap_exercise(Position(0, 0), _exercise("a"), _exercise("b"))
    history.move(Position(0, 0), 1)  # nowhere to go: no undo step
    assert _ids(session) == [["b"]] and session.title == "T"
    for _ in range(4):
        history.undo()
    assert session == _session(["a"])


def test_an_edit_that_changes_nothing_leaves_no_undo_step():
    session = _session(["a"], ["b"])
    history = EditHistory(session)
    assert history.move(Position(0), -1) == Position(0)
    assert history.move_to_block(Position(1, 0), 1) == Position(1, 0)
    assert not history.can_undo


def test_a_new_edit_drops_the_redo_steps_and_the_history_is_bounded():
    session = _session(["a"])
    history = EditHistory(session, limit=3)
    for name in "bcde":
        history.add_step(None, _exercise(name))
    history.undo()
    assert history.can_redo
    history.add_step(None, _exercise("f"))
    assert not history.can_redo
    count = 0
    while history.undo() is not None:
        count += 1
    assert count == 3
    assert _ids(session) == [["a", "b"]]


def test_snapshots_do_not_share_what_edits_change():
    session = _session(["a", "b"])
    session.tags = ["x"]
    copy = snapshot(session)
    session.blocks[0].steps[0].note = "changed"
    session.blocks[0].steps.pop()
    session.blocks[0].title = "changed"
    session.tags.append("y")
    expected = _session(["a", "b"])
    expected.tags = ["x"]
    assert copy == expected
