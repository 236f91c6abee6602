"""SVG snapshots at the two sizes people meet first, 80 × 24 and 120 × 36:
the composer in use and the timer, nothing cut (footer included)."""

from __future__ import annotations

import pytest

from composer.edit.undo import Position
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.screens.run import RunScreen

from .snapshot_catalog import snapshot_catalog

SIZES = {"small": (80, 24), "large": (120, 36)}


@pytest.fixture(scope="module")
def catalog():
    return snapshot_catalog()


@pytest.fixture(autouse=True)
def _quiet_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def session() -> Session:
    return Session(
        title="Desk-worker wake-up",
        blocks=[
            Block(
                title="Unlock",
                steps=[
                    Step(exercise="rolling/glute-ball-roll"),
                    Step(exercise="stretch/half-kneeling-hip-flexor"),
                ],
            ),
            Block(
                title="Wake the glutes",
                steps=[
                    Step(
                        exercise="activation/prone-glute-squeeze",
                        dose=Dose(sets=3, reps=15, hold_s=3),
                        note="One cheek, then the other",
                    ),
                    Step(exercise="activation/gluteal-recruitment"),
                ],
            ),
        ],
    )


def composer(catalog):
    return make_app(catalog=catalog, session=session(), config=Config())


def at_row(block: int, step: int | None = None):
    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        screen.editor.step_list.focus()
        screen.editor.step_list.highlighted = screen.editor.rows.index(Position(block, step))
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_composer_editing_a_session(snap_compare, catalog, size):
    assert snap_compare(composer(catalog), terminal_size=SIZES[size], run_before=at_row(1, 1))


@pytest.mark.parametrize("size", SIZES)
def test_composer_search_best_match_first(snap_compare, catalog, size):
    assert snap_compare(composer(catalog), press=[*"glute ball roll"], terminal_size=SIZES[size])


def test_help_scrolled_to_the_end_small(snap_compare, catalog):
    assert snap_compare(composer(catalog), press=["f1", "end"], terminal_size=SIZES["small"])


def test_dose_form_self_paced_small(snap_compare, catalog):
    async def run_before(pilot) -> None:
        await at_row(1, 0)(pilot)
        await pilot.press("enter")
        pilot.app.screen.query_one("#f-hold_s").value = ""
        pilot.app.screen.query_one("#f-pace").value = "self"
        await pilot.pause()

    assert snap_compare(composer(catalog), terminal_size=SIZES["small"], run_before=run_before)


def timer(catalog, monkeypatch, now: float = 500.0):
    monkeypatch.setattr(RunScreen, "default_clock", staticmethod(lambda: now))
    sess = Session(
        title="Runner's five",
        defaults=SessionDefaults(transition_s=10),
        blocks=[
            Block(title="Wake the glutes", steps=[Step(exercise="activation/gluteal-recruitment")])
        ],
    )
    return make_app(session=sess, run=True, catalog=catalog, config=Config(sound=False))


@pytest.mark.parametrize("size", SIZES)
def test_timer_hold_with_its_phase_cue(snap_compare, catalog, monkeypatch, size):
    # Get ready, then the first held rep on the left.
    assert snap_compare(timer(catalog, monkeypatch), press=["n"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_timer_paused_by_the_quit_dialog(snap_compare, catalog, monkeypatch, size):
    assert snap_compare(timer(catalog, monkeypatch), press=["n", "q"], terminal_size=SIZES[size])
