"""SVG snapshots of the composer's screens and dialogs at fixed sizes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from composer import hookimpl
from composer.edit.undo import Position
from composer.model import Block, Dose, Session, Step
from composer.store.config import Config
from composer.ui.app import make_app

from .snapshot_catalog import snapshot_catalog

SIZE = (120, 40)


@pytest.fixture
def catalog():
    return snapshot_catalog()


@pytest.fixture(autouse=True)
def _quiet_folder(tmp_path, monkeypatch):
    # The open dialog lists the session files of the current folder.
    monkeypatch.chdir(tmp_path)


def session() -> Session:
    return Session(
        title="Desk-worker wake-up",
        blocks=[
            Block(
                title="Unlock",
                steps=[
                    Step(exercise="rolling/glute-ball-roll", name="Glute ball roll"),
                    Step(
                        exercise="stretch/half-kneeling-hip-flexor",
                        name="Half-kneeling hip flexor stretch",
                    ),
                ],
            ),
            Block(
                title="Wake the glutes",
                rounds=2,
                rest_s=30,
                steps=[
                    Step(
                        exercise="activation/prone-glute-squeeze",
                        dose=Dose(sets=3, reps=15, hold_s=3),
                        note="One cheek, then the other",
                    ),
                    Step(exercise="stability/glute-bridge"),
                    Step(exercise="yoga/pigeon", name="Pigeon pose", dose=Dose(duration_s=45)),
                ],
            ),
        ],
    )


def app(catalog, with_session: bool = True):
    return make_app(catalog=catalog, session=session() if with_session else None, config=Config())


def at_row(block: int, step: int | None = None):
    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        screen.editor.step_list.focus()
        screen.editor.step_list.highlighted = screen.editor.rows.index(Position(block, step))
        await pilot.pause()

    return run_before


def test_composer_empty(snap_compare, catalog):
    assert snap_compare(app(catalog, with_session=False), terminal_size=SIZE)


def test_composer_with_session(snap_compare, catalog):
    assert snap_compare(app(catalog), terminal_size=SIZE, run_before=at_row(1, 0))


def test_composer_filtered_small(snap_compare, catalog):
    assert snap_compare(app(catalog), press=[*"bridge"], terminal_size=(80, 24))


def test_dose_form(snap_compare, catalog):
    assert snap_compare(
        app(catalog), press=["enter", "9", "9"], terminal_size=SIZE, run_before=at_row(1, 0)
    )


def test_block_form(snap_compare, catalog):
    assert snap_compare(app(catalog), press=["enter"], terminal_size=SIZE, run_before=at_row(1))


def test_details_form(snap_compare, catalog):
    assert snap_compare(app(catalog), press=["ctrl+g"], terminal_size=SIZE)


def test_template_picker(snap_compare, catalog):
    assert snap_compare(app(catalog, with_session=False), press=["ctrl+t"], terminal_size=SIZE)


def test_open_dialog(snap_compare, catalog):
    assert snap_compare(app(catalog, with_session=False), press=["ctrl+o"], terminal_size=SIZE)


def test_unsaved_changes_guard(snap_compare, catalog):
    assert snap_compare(
        app(catalog), press=["d", "ctrl+q"], terminal_size=SIZE, run_before=at_row(0, 0)
    )


def test_plugins_with_a_broken_one(snap_compare, catalog):
    @hookimpl
    def composer_exercises():
        raise RuntimeError("broken on purpose")

    catalog.register_module("broken", SimpleNamespace(composer_exercises=composer_exercises))
    assert snap_compare(app(catalog, with_session=False), press=["f3"], terminal_size=SIZE)


def test_help(snap_compare, catalog):
    assert snap_compare(app(catalog, with_session=False), press=["f1"], terminal_size=SIZE)


def test_the_snapshots_draw_on_the_fixture_catalog_only(catalog):
    """A change to the packs' text or to the program's version cannot move a
    snapshot: the catalog they draw on holds the fixture packs alone, each at
    the fixed version, and the screens never show the program's version."""
    from pathlib import Path

    from .snapshot_catalog import _PACKS, VERSION

    assert {info.name for info in catalog.plugins} == set(_PACKS)
    assert {info.version for info in catalog.plugins} == {VERSION}
    assert {e.full_id for e in catalog.exercises.values()} == {
        f"{pack}/{exercise.id}" for pack, exercises in _PACKS.items() for exercise in exercises
    }
    ui = Path(__file__).resolve().parent.parent / "src" / "composer" / "ui"
    assert not [p for p in ui.rglob("*.py") if "__version__" in p.read_text(encoding="utf-8")]
