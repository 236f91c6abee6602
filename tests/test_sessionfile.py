"""Session files, format 1: golden files for every rule, round trips, saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from composer.errors import SessionError
from composer.format.reader import MAX_FILE_BYTES, load_session, missing_exercises, parse_session
from composer.format.writer import dumps_session, save_session
from composer.model import Dose, Session, Sides

from .conftest import DATA

INVALID = sorted((DATA / "invalid").glob("*.toml"))
VALID = sorted((DATA / "valid").glob("*.toml"))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_gives_the_golden_messages(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    with pytest.raises(SessionError) as raised:
        load_session(path.name)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n")
    assert str(raised.value) == expected
    for problem in raised.value.problems:
        assert "\n" not in str(problem)
        assert str(problem).startswith(f"{path.name}: ")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_file_round_trips(path, tmp_path):
    session = load_session(path)
    copy = tmp_path / path.name
    save_session(session, copy)
    again = load_session(copy)
    assert again == session
    # and saving again writes the very same text
    assert dumps_session(again) == copy.read_text(encoding="utf-8")


def test_durations_are_read_from_text_and_written_as_seconds(tmp_path):
    session = load_session(DATA / "valid" / "durations.toml")
    assert session.defaults.rest_s == 45
    assert session.defaults.switch_s == 5.5
    assert session.blocks[0].rest_s == 90
    assert session.blocks[0].steps[0].dose.duration_s == 900
    text = dumps_session(session)
    assert "duration_s = 900\n" in text
    assert "rest_s = 90\n" in text
    assert "switch_s = 5.5\n" in text


def test_missing_plugin_step_is_kept_unchanged(tmp_path):
    path = DATA / "valid" / "missing-plugin.toml"
    session = load_session(path)
    warnings = missing_exercises(session, lambda _id: None, "missing-plugin.toml")
    assert len(warnings) == 1
    assert str(warnings[0]) == (
        "missing-plugin.toml: line 9, blocks[1].steps[1].exercise: warning: no installed plugin "
        "provides 'yoga/pigeon' (plugin 'yoga' missing?); the step keeps its saved name and dose"
    )
    step = session.blocks[0].steps[0]
    assert step.name == "Pigeon pose"
    assert step.dose == Dose(sets=2, duration_s=45, sides=Sides.EACH, rest_s=15)
    assert session.requires == ["glute-composer-yoga>=1.2"]
    copy = tmp_path / "copy.toml"
    save_session(session, copy)
    assert load_session(copy) == session


def test_schema_version_missing_means_format_1():
    session = parse_session('title = "Old"\n')
    assert session.title == "Old"


def test_file_over_one_mebibyte_is_refused(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text("# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(SessionError) as raised:
        load_session(path)
    assert "larger than 1 MiB" in str(raised.value)


def test_missing_file_and_folder_are_clear(tmp_path):
    with pytest.raises(SessionError, match="no such file"):
        load_session(tmp_path / "nope.toml")
    with pytest.raises(SessionError, match="is a folder"):
        load_session(tmp_path)


def test_all_problems_of_a_file_are_reported_at_once():
    with pytest.raises(SessionError) as raised:
        load_session(DATA / "invalid" / "types.toml")
    assert len(raised.value.problems) >= 8


def test_markup_in_text_is_kept_literally(tmp_path):
    session = Session(title="[@click=app.quit]Quit[/]", description="[/ broken")
    path = tmp_path / "markup.toml"
    save_session(session, path)
    again = load_session(path)
    assert again.title == "[@click=app.quit]Quit[/]"
    assert again.description == "[/ broken"


def test_save_is_atomic_and_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "s.toml"
    save_session(Session(title="First"), path)
    os.chmod(path, 0o640)

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_session(Session(title="Second"), path)
    monkeypatch.undo()
    assert load_session(path).title == "First"
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"], "temporary file left behind"
    save_session(Session(title="Second"), path)
    assert load_session(path).title == "Second"
    assert (path.stat().st_mode & 0o777) == 0o640


def test_leading_comments_such_as_schema_line_are_kept(tmp_path):
    text = '#:schema ./session.schema.json\n# Written by hand\nschema_version = 1\ntitle = "T"\n'
    session = parse_session(text)
    out = dumps_session(session)
    assert out.startswith("#:schema ./session.schema.json\n# Written by hand\n")
    assert parse_session(out) == session


def test_names_from_catalog_are_written_on_save(tmp_path):
    session = parse_session(
        'schema_version = 1\n[[blocks]]\n[[blocks.steps]]\nexercise = "rolling/glute-ball-roll"\n'
    )
    text = dumps_session(session, {"rolling/glute-ball-roll": "Glute ball roll"})
    assert 'name = "Glute ball roll"' in text


def test_lone_surrogate_and_odd_text_are_session_errors():
    for text in ['title = "\\ud800"\n', "a.b.c.d = 1\n", "[[blocks]]\nsteps = 3\n", "blocks = 3\n"]:
        with pytest.raises(SessionError):
            parse_session(text)


def test_paths_in_messages_use_the_given_name(tmp_path):
    path = Path(tmp_path / "x.toml")
    path.write_text("schema_version = 1\nsets = 2\n", encoding="utf-8")
    with pytest.raises(SessionError) as raised:
        load_session(path)
    assert str(raised.value).startswith(f"{path}: line 2, sets: unknown key 'sets'")


def test_keys_with_line_breaks_are_quoted_in_messages():
    with pytest.raises(SessionError) as raised:
        parse_session('"0\\n" = 1\n', "odd.toml")
    (line,) = str(raised.value).splitlines()
    assert line.startswith('odd.toml: "0\\n": unknown key')


def test_the_readers_bounds_are_within_what_a_dose_accepts():
    # The reader builds doses without checking them again (Dose._from_checked):
    # that is sound only while the spec's bounds are within Dose's own rules.
    from composer.format.spec import INT_BOUNDS, SECONDS_BOUNDS
    from composer.model import DOSE_FIELDS

    checked = 0
    for name in DOSE_FIELDS:
        bounds = INT_BOUNDS.get(name) or SECONDS_BOUNDS.get(name)
        if bounds is None:
            continue
        low, high = bounds
        for value in (low, high):
            Dose(**{name: value if name in INT_BOUNDS else float(value)})  # no ValueError
        checked += 1
    assert checked == 8  # every dose field but sides
    text = (
        "schema_version = 1\n[[blocks]]\n[[blocks.steps]]\n"
        'exercise = "a/b"\nsets = 2\nreps = 5\nhold_s = "1m"\nrelax_s = 2\nsides = "each"\n'
    )
    dose = parse_session(text).blocks[0].steps[0].dose
    assert dose == Dose(**dose.as_dict())
    assert dose.sides is Sides.EACH and dose.hold_s == 60.0
