"""SVG snapshots of the timer screen, on a clock that stands still."""

from __future__ import annotations

from composer.catalog.manager import Catalog
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.screens.run import RunScreen


def _app(monkeypatch):
    monkeypatch.setattr(RunScreen, "default_clock", staticmethod(lambda: 500.0))
    session = Session(
        title="Glute wake-up",
        defaults=SessionDefaults(transition_s=10),
        blocks=[
            Block(
                title="Wake the glutes",
                rounds=2,
                rest_s=30,
                steps=[
                    Step(
                        exercise="gone/prone-glute-squeeze",
                        name="Prone glute squeeze",
                        note="One cheek, then the other",
                        dose=Dose(sets=3, reps=15, hold_s=3, relax_s=2, sides="each"),
                    )
                ],
            )
        ],
    )
    return make_app(session=session, run=True, catalog=Catalog(), config=Config(sound=False))


def test_hold_on_the_left(snap_compare, monkeypatch):
    # Get ready, then hold rep 1, relax, hold rep 2.
    assert snap_compare(_app(monkeypatch), press=["n", "n", "n"], terminal_size=(100, 34))


def test_paused_small_terminal(snap_compare, monkeypatch):
    assert snap_compare(_app(monkeypatch), press=["n", "space"], terminal_size=(80, 24))


# The clock and the kind banner at the largest size that fits: Textual's
# three-row digits at 80×24, the five-row font scaled up on larger screens.


def test_hold_80x24(snap_compare, monkeypatch):
    assert snap_compare(_app(monkeypatch), press=["n"], terminal_size=(80, 24))


def test_hold_120x36(snap_compare, monkeypatch):
    assert snap_compare(_app(monkeypatch), press=["n"], terminal_size=(120, 36))


def test_get_ready_200x60(snap_compare, monkeypatch):
    assert snap_compare(_app(monkeypatch), terminal_size=(200, 60))
