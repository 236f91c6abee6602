"""The engine's step results, snapshot and start at an interval, on a fake clock."""

from __future__ import annotations

import json

import pytest

from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.engine import COMPLETED, PARTLY, SKIPPED, Engine, Finished, IntervalStarted
from composer.run.timeline import Kind, compile_timeline

from .test_engine import FakeClock, interval, kinds, simple, started, timeline_of


def three_sets() -> Session:
    """get ready 5 · (work 20 · rest 10) × 3 for Bridge; get ready 5 · 12 reps self-paced."""
    return Session(
        defaults=SessionDefaults(transition_s=5),
        blocks=[
            Block(
                title="Main",
                steps=[
                    Step(
                        exercise="a/bridge",
                        name="Bridge",
                        dose=Dose(sets=3, duration_s=20, rest_s=10),
                    ),
                    Step(exercise="a/squat", name="Squat", dose=Dose(reps=12)),
                ],
            )
        ],
    )


def test_partly_done_step_is_neither_completed_nor_skipped():
    engine = Engine(compile_timeline(three_sets()), FakeClock())
    engine.start()
    engine.skip()  # get ready
    engine.skip()  # set 1 skipped
    engine.skip()  # rest
    engine.done()  # set 2 done
    engine.skip_step()  # set 3 skipped, on to the squat
    engine.done()  # squat's get-ready
    engine.done()  # squat done
    summary = engine.summary()
    assert (summary.completed, summary.partly, summary.skipped) == (1, 1, 0)
    assert summary.finished


def test_step_results_count_time_spent_and_leave_out_steps_not_reached():
    clock = FakeClock()
    engine = Engine(compile_timeline(three_sets()), clock)
    engine.start()
    clock.advance(5 + 20 + 10 + 7)  # into set 2
    engine.tick()
    engine.pause()
    clock.advance(300)  # a pause is not time spent
    engine.resume()
    clock.advance(3)
    [bridge] = engine.step_results()
    assert bridge.exercise == "a/bridge" and bridge.name == "Bridge"
    assert bridge.outcome == PARTLY  # set 1 done, the rest not yet
    assert bridge.planned == pytest.approx(5 + 20 + 10 + 20 + 10 + 20)
    assert bridge.done == pytest.approx(5 + 20 + 10 + 10)
    engine.skip_step()
    engine.skip_step()
    results = engine.step_results()
    assert [r.outcome for r in results] == [PARTLY, SKIPPED]
    assert engine.finished


def test_completed_step_result():
    engine, clock = started()
    clock.advance(100)
    engine.tick()
    results = engine.step_results()
    assert [(r.step, r.outcome) for r in results] == [(0, COMPLETED), (1, COMPLETED)]
    assert results[0].done == pytest.approx(15)  # get ready 5 + work 10
    assert results[1].done == pytest.approx(10)


def test_start_at_an_interval_with_time_left():
    clock = FakeClock(50.0)
    engine = Engine(simple(), clock)
    events = engine.start_at(1, 4.0, elapsed=11.0, paused=30.0)
    assert kinds(events) == [Kind.WORK]
    assert engine.index == 1 and engine.remaining() == pytest.approx(4)
    assert engine.elapsed() == pytest.approx(11)
    assert engine.paused_for() == pytest.approx(30)
    assert engine.interval_elapsed() == 0
    clock.advance(3.9)
    engine.tick()
    assert engine.index == 1
    clock.advance(0.1)
    assert kinds(engine.tick()) == [Kind.REST]
    # Deadlines chain from the resumed one: no drift.
    assert engine.deadline == pytest.approx(54.0 + 8)
    assert engine.elapsed() == pytest.approx(15)


def test_start_at_keeps_outcomes_and_added_time():
    clock = FakeClock()
    engine = Engine(simple(), clock)
    engine.start_at(
        3,
        12.0,
        length=20.0,
        interval_elapsed=8.0,
        outcomes={1: "skipped"},
        spent={0: 5.0, 1: 2.0},
    )
    assert engine.length == 20 and engine.remaining() == 12
    clock.advance(12)
    events = engine.tick()
    assert any(isinstance(event, Finished) for event in events)
    summary = engine.summary()
    assert (summary.completed, summary.skipped) == (1, 1)
    assert [r.done for r in engine.step_results()] == [pytest.approx(7), pytest.approx(20)]


def test_start_at_with_no_time_left_moves_on():
    engine = Engine(simple(), FakeClock())
    events = engine.start_at(1, 0.0)
    assert kinds(events) == [Kind.WORK, Kind.REST]


def test_start_at_self_paced_keeps_the_time_in_it():
    clock = FakeClock()
    engine = Engine(timeline_of(interval(Kind.WORK, None, reps=10)), clock)
    engine.start_at(0, None, interval_elapsed=40.0)
    assert engine.remaining() is None
    assert engine.interval_elapsed() == pytest.approx(40)
    assert kinds(engine.done()) == [Kind.DONE]


def test_snapshot_and_restore_continue_where_it_stopped():
    clock = FakeClock()
    first = Engine(compile_timeline(three_sets()), clock)
    first.start()
    clock.advance(5 + 20 + 4)  # 6 s into the first rest
    first.tick()
    first.add_time(10)  # the rest is now 20 s, 14 left
    first.pause()
    clock.advance(60)
    snapshot = json.loads(json.dumps(first.snapshot()))  # as saved in a file

    later = FakeClock(9000.0)
    second = Engine(compile_timeline(three_sets()), later)
    events = second.restore(snapshot)
    assert [e.index for e in events if isinstance(e, IntervalStarted)] == [first.index]
    assert second.interval.kind is Kind.REST
    assert second.remaining() == pytest.approx(16)
    assert second.length == pytest.approx(20)
    assert second.elapsed() == pytest.approx(first.elapsed())
    assert second.paused_for() == pytest.approx(60)
    assert second.summary() == first.summary()
    assert second.step_results() == first.step_results()
    later.advance(16)
    assert kinds(second.tick()) == [Kind.WORK]
    assert second.interval.set == 2


def test_restore_refuses_garbage():
    engine = Engine(simple(), FakeClock())
    with pytest.raises((KeyError, TypeError, ValueError)):
        engine.restore({"index": "three"})


def test_work_under_way_when_the_run_stops_is_partly_done():
    clock = FakeClock()
    engine = Engine(compile_timeline(three_sets()), clock)
    engine.start()
    clock.advance(5)
    engine.tick()  # the first set begins
    assert engine.step_results() == []  # nothing done yet
    clock.advance(4)
    assert [r.outcome for r in engine.step_results()] == [PARTLY]
    assert engine.summary().partly == 1
    engine.pause()  # a pause keeps it so
    assert [r.outcome for r in engine.step_results()] == [PARTLY]
