"""Saving a run's place and deciding how `glute run` starts."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from composer.format.reader import parse_session
from composer.format.writer import save_session
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.engine import Engine
from composer.run.resume import (
    RunLog,
    load_state,
    plan_resume,
    session_hash,
    state_path,
)
from composer.run.timeline import Kind, compile_timeline
from composer.store import paths
from composer.store.history import open_history

from .test_engine import FakeClock


def a_session() -> Session:
    return Session(
        title="Morning",
        defaults=SessionDefaults(transition_s=5),
        blocks=[
            Block(
                title="Main",
                steps=[
                    Step(exercise="a/bridge", name="Bridge", dose=Dose(sets=2, duration_s=20)),
                    Step(exercise="a/clam", name="Clam", dose=Dose(duration_s=30)),
                ],
            )
        ],
    )


class Wall:
    def __init__(self) -> None:
        self.now = datetime(2025, 5, 5, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def run_until_set_two(tmp_path):
    path = tmp_path / "morning.toml"
    session = a_session()
    save_session(session, path)
    timeline = compile_timeline(session)
    clock, wall = FakeClock(), Wall()
    engine = Engine(timeline, clock)
    log = RunLog(session, timeline, path, wall=wall)
    engine.start()
    log.checkpoint(engine)
    clock.advance(5 + 20 + 3)  # into the rest before set 2
    wall.now += timedelta(seconds=28)
    engine.tick()
    log.checkpoint(engine)
    return path, session, engine, log, clock, wall


def test_the_place_is_saved_atomically_in_one_file_per_session_file(tmp_path, monkeypatch):
    path, _session, engine, log, _clock, _wall = run_until_set_two(tmp_path)
    target = state_path(path)
    assert target.parent == paths.resume_directory()
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left
    state = load_state(path)
    assert state.file == os.path.abspath(path) and state.key == log.key
    assert state.engine["index"] == engine.index
    assert state.where.startswith("Rest before set 2/2")
    assert state.run.done_s == 28 and state.run.finished is False
    assert [o.outcome for o in state.outcomes] == ["partly"]
    # The same file through another relative path is the same state.
    monkeypatch.chdir(tmp_path)
    assert load_state("morning.toml").key == log.key


def test_a_finished_run_leaves_no_state(tmp_path):
    path, _session, engine, log, clock, _wall = run_until_set_two(tmp_path)
    clock.advance(1000)
    engine.tick()
    assert engine.finished
    log.checkpoint(engine)
    assert load_state(path) is None


def test_a_damaged_state_is_as_good_as_none(tmp_path):
    path, *_ = run_until_set_two(tmp_path)
    state_path(path).write_text('{"version": 1, "file": ', encoding="utf-8")
    assert load_state(path) is None
    plan = plan_resume(path, a_session(), asked=True)
    assert plan.state is None and "no interrupted run" in plan.notices[0]


def test_run_offers_a_recent_interrupted_run(tmp_path):
    path, session, *_rest = run_until_set_two(tmp_path)
    session = parse_session(path.read_text(), str(path))  # as `glute run` reads it
    now = load_state(path).saved + timedelta(hours=11)
    plan = plan_resume(path, session, asked=False, now=now)
    assert plan.offer and plan.state is not None and plan.notices == []


def test_resume_continues_without_asking(tmp_path):
    path, session, engine, log, _clock, _wall = run_until_set_two(tmp_path)
    plan = plan_resume(path, session, asked=True, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert plan.state is not None and not plan.offer
    # A new engine continues at the same interval, and the run keeps its key.
    resumed = Engine(compile_timeline(session), FakeClock(5.0))
    resumed.restore(plan.state.engine)
    assert resumed.index == engine.index and resumed.interval.kind is Kind.REST
    again = RunLog(session, compile_timeline(session), path, state=plan.state)
    assert again.key == log.key and again.started == log.started


def test_an_old_interrupted_run_goes_to_the_history_and_is_forgotten(tmp_path):
    path, session, _engine, log, *_ = run_until_set_two(tmp_path)
    now = load_state(path).saved + timedelta(hours=13)
    plan = plan_resume(path, session, asked=False, now=now)
    assert plan.state is None and not plan.offer
    assert load_state(path) is None
    with open_history() as history:
        [run] = history.runs()
    assert run.key == log.key and not run.finished and run.done_s == 28


def test_a_changed_file_cannot_be_resumed(tmp_path):
    path, session, _engine, log, *_ = run_until_set_two(tmp_path)
    session.blocks[0].steps[0].dose = Dose(sets=3, duration_s=20)
    save_session(session, path)
    plan = plan_resume(path, session, asked=True)
    assert plan.state is None
    assert "changed since the run was interrupted" in plan.notices[0]
    assert load_state(path) is None
    with open_history() as history:
        assert [run.key for run in history.runs()] == [log.key]  # kept, not lost


def test_comments_and_layout_do_not_change_the_hash():
    text = 'schema_version = 1\ntitle = "T"\n[[blocks]]\n[[blocks.steps]]\nexercise = "a/b"\nduration_s = 30\n'
    plain = parse_session(text)
    commented = parse_session(
        "# my notes\n" + text.replace("duration_s = 30", 'duration_s = "30s"')
    )
    assert session_hash(plain) == session_hash(commented)
    changed = parse_session(text.replace("30", "40"))
    assert session_hash(plain) != session_hash(changed)


def test_a_session_without_a_file_saves_no_state(tmp_path):
    session = a_session()
    timeline = compile_timeline(session)
    engine = Engine(timeline, FakeClock())
    engine.start()
    log = RunLog(session, timeline, None)
    log.checkpoint(engine)
    assert not paths.resume_directory().exists()
    run, _outcomes = log.record(engine)
    assert run.file is None and run.title == "Morning"
