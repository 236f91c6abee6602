"""Wait mode: the engine holds each get-ready until the user releases it,
and the deadline chain starts again from the release."""

from __future__ import annotations

from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.engine import Engine, Held, IntervalStarted
from composer.run.timeline import Kind, compile_timeline


def engine(wait: bool = True) -> Engine:
    steps = [
        Step(exercise="x/a", name="A", dose=Dose(duration_s=30)),
        Step(exercise="x/b", name="B", dose=Dose(duration_s=20)),
    ]
    session = Session(defaults=SessionDefaults(transition_s=10), blocks=[Block(steps=steps)])
    return Engine(compile_timeline(session), lambda: 0.0, wait=wait)


def test_the_first_get_ready_is_held_from_the_start():
    e = engine()
    events = e.start(now=0)
    assert [type(x) for x in events] == [IntervalStarted, Held]
    assert e.held and e.paused and e.remaining(now=500) == 10
    assert e.tick(now=10_000) == [] and e.interval.kind is Kind.GET_READY


def test_release_starts_the_chain_from_the_release_time():
    e = engine()
    e.start(now=0)
    e.release(now=100)
    assert not e.held and e.deadline == 110
    e.tick(now=110)
    assert e.interval.kind is Kind.WORK and e.deadline == 140
    # The second get-ready is held at its start, 140, however late the tick.
    events = e.tick(now=175)
    assert isinstance(events[-1], Held) and e.held
    assert e.remaining(now=300) == 10
    e.release(now=300)
    e.tick(now=310)
    assert e.interval.name == "B" and e.deadline == 330
    e.tick(now=330)
    summary = e.summary(now=330)
    assert summary.finished and summary.elapsed == 10 + 30 + 10 + 20
    assert summary.paused == 100 + (300 - 140)


def test_next_while_held_starts_the_work_now():
    e = engine()
    e.start(now=0)
    e.skip(now=50)
    assert not e.held and not e.paused
    assert e.interval.kind is Kind.WORK and e.deadline == 80


def test_back_into_a_get_ready_holds_it_again():
    e = engine()
    e.start(now=0)
    e.release(now=0)
    e.tick(now=15)
    e.back(now=15)
    assert e.interval.kind is Kind.GET_READY and e.held


def test_release_when_not_held_does_nothing_and_pause_is_separate():
    e = engine(wait=False)
    e.start(now=0)
    assert not e.held and e.release(now=5) == [] and e.deadline == 10
    e.pause(now=5)
    assert e.paused and not e.held
    assert e.release(now=8) == [] and e.paused
