"""SVG snapshots of the check-in and the resume offer."""

from __future__ import annotations

from composer.catalog.manager import Catalog
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.engine import Engine
from composer.run.resume import ResumePlan, RunLog
from composer.run.timeline import compile_timeline
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.dialogs.checkin import CheckInScreen
from composer.ui.screens.run import RunScreen

from .test_engine import FakeClock


def _session() -> Session:
    return Session(
        title="Evening reset",
        defaults=SessionDefaults(transition_s=0),
        blocks=[
            Block(
                title="Wake the glutes",
                steps=[
                    Step(exercise="gone/clamshell", name="Clamshell", dose=Dose(reps=12)),
                    Step(exercise="gone/bridge", name="Glute bridge", dose=Dose(reps=10)),
                ],
            )
        ],
    )


def test_check_in(snap_compare, monkeypatch):
    monkeypatch.setattr(RunScreen, "default_clock", staticmethod(lambda: 500.0))
    monkeypatch.setattr(CheckInScreen, "grace_s", 0.0)
    app = make_app(session=_session(), run=True, catalog=Catalog(), config=Config(sound=False))
    # Both self-paced steps done, then: glutes and quads, effort 6.
    keys = ["enter", "enter", "g", "q", "enter", "6"]
    assert snap_compare(app, press=keys, terminal_size=(100, 30))


def test_resume_offer(snap_compare, tmp_path):
    session = _session()
    timeline = compile_timeline(session)
    clock = FakeClock()
    engine = Engine(timeline, clock)
    engine.start()
    clock.advance(20)
    engine.done()  # Clamshell, in 20 s
    state = RunLog(session, timeline, tmp_path / "evening.toml").state(engine)
    state.file = "/home/sam/evening.toml"
    plan = ResumePlan(state=state, offer=True)
    app = make_app(
        session=session, run=True, catalog=Catalog(), config=Config(sound=False), resume=plan
    )
    assert snap_compare(app, terminal_size=(100, 30))
