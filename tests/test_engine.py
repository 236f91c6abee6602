"""The timer engine on a fake clock."""

from __future__ import annotations

import random

import pytest

from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.engine import Countdown, Engine, Finished, IntervalStarted
from composer.run.timeline import Interval, Kind, Timeline, compile_timeline


class FakeClock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def interval(kind: Kind, duration: float | None, step: int = 0, **fields) -> Interval:
    base = dict(block=0, block_title="B", round=1, rounds=1, exercise="x/y", name="Y")
    return Interval(kind=kind, duration=duration, step=step, **{**base, **fields})


def timeline_of(*intervals: Interval) -> Timeline:
    return Timeline([*intervals, interval(Kind.DONE, 0.0, step=-1)])


def simple() -> Timeline:
    """get ready 5 · work 10 (step 0) · rest 8 · work 10 (step 1) · done."""
    return timeline_of(
        interval(Kind.GET_READY, 5, segment=0),
        interval(Kind.WORK, 10, segment=1),
        interval(Kind.REST, 8, step=-1, segment=2),
        interval(Kind.WORK, 10, step=1, segment=3),
    )


def started(timeline: Timeline | None = None) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    engine = Engine(timeline or simple(), clock)
    engine.start()
    return engine, clock


def kinds(events) -> list:
    return [e.interval.kind for e in events if isinstance(e, IntervalStarted)]


def test_two_hour_session_has_no_drift_with_late_irregular_ticks():
    rng = random.Random(7)
    parts = []
    total = 0.0
    while total < 2 * 3600:
        duration = rng.choice([0.7, 2.3, 3.1, 7.9, 12.34, 30.01, 45.5, 60.3])
        parts.append(interval(Kind.WORK, duration, step=len(parts), segment=len(parts)))
        total += duration
    timeline = timeline_of(*parts)
    clock = FakeClock(5000.0)
    engine = Engine(timeline, clock)
    engine.start()
    # Where each interval should end: start + the sum of the durations so far.
    deadlines, running = [], 5000.0
    for part in parts:
        running += part.duration
        deadlines.append(running)
    while not engine.finished:
        clock.advance(rng.uniform(0.01, 4.0))  # late, irregular, often past several intervals
        engine.tick()
        if not engine.finished:
            assert engine.deadline == pytest.approx(deadlines[engine.index], abs=1e-6)
    # The session ends exactly at start + total, however late the last tick.
    assert engine.elapsed() == pytest.approx(total, abs=1e-6)
    assert engine.summary().completed == len(parts)


def test_start_and_natural_flow_with_events():
    engine, clock = started()
    assert engine.index == 0 and engine.remaining() == 5
    clock.advance(4.9)
    assert kinds(engine.tick()) == []
    clock.advance(0.1)
    assert kinds(engine.tick()) == [Kind.WORK]
    assert engine.remaining() == 10
    clock.advance(10 + 8 + 10)
    events = engine.tick()
    assert kinds(events) == [Kind.REST, Kind.WORK, Kind.DONE]
    assert isinstance(events[-1], Finished)
    assert engine.finished and engine.progress() == 1.0
    assert engine.tick() == []


def test_late_tick_keeps_the_chain():
    engine, clock = started()
    clock.advance(6.5)  # 1.5 s late for the work
    engine.tick()
    assert engine.index == 1
    assert engine.remaining() == pytest.approx(8.5)  # not 10: time already used counts


def test_countdown_on_the_last_three_seconds_once_each():
    engine, clock = started()
    clock.advance(5)
    engine.tick()  # work, 10 s
    seen = []
    for _ in range(40):
        clock.advance(0.25)
        seen += [e.seconds for e in engine.tick() if isinstance(e, Countdown)]
    assert seen == [3, 2, 1]


def test_no_countdown_on_short_intervals():
    parts = [interval(Kind.HOLD, 3, segment=0), interval(Kind.RELAX, 2, segment=0)]
    engine, clock = started(timeline_of(*parts))
    events = []
    for _ in range(20):
        clock.advance(0.25)
        events += engine.tick()
    assert not [e for e in events if isinstance(e, Countdown)]


def test_pause_keeps_remaining_time_and_resume_continues():
    engine, clock = started()
    clock.advance(7)  # 2 s into the work
    engine.tick()
    engine.pause()
    assert engine.paused and engine.remaining() == pytest.approx(8)
    clock.advance(100)
    assert engine.tick() == []
    assert engine.remaining() == pytest.approx(8) and engine.index == 1
    engine.resume()
    assert not engine.paused
    clock.advance(7.9)
    engine.tick()
    assert engine.index == 1
    clock.advance(0.1)
    assert kinds(engine.tick()) == [Kind.REST]
    assert engine.elapsed() == pytest.approx(7 + 8)
    assert engine.summary().paused == pytest.approx(100)


def test_pause_reports_intervals_that_ended_before_it():
    engine, clock = started()
    clock.advance(6)
    events = engine.pause()
    assert kinds(events) == [Kind.WORK]
    assert engine.remaining() == pytest.approx(9)


def test_toggle_pause():
    engine, _clock = started()
    engine.toggle_pause()
    assert engine.paused
    engine.toggle_pause()
    assert not engine.paused


def test_skip_marks_work_skipped_and_starts_the_next_now():
    engine, clock = started()
    clock.advance(5)
    engine.tick()
    clock.advance(3)
    assert kinds(engine.skip()) == [Kind.REST]
    assert engine.remaining() == 8
    engine.skip()
    clock.advance(10)
    engine.tick()
    summary = engine.summary()
    # Step 0 was skipped 3 s into its work: partly done, not skipped.
    assert (summary.completed, summary.partly, summary.skipped, summary.steps) == (1, 1, 0, 2)


def test_work_skipped_at_once_is_skipped_and_after_a_while_partly_done():
    engine, clock = started()
    clock.advance(5)
    engine.tick()  # step 0's work begins
    clock.advance(0.5)
    engine.skip()  # half a second in: nothing really done
    engine.skip()  # the rest; step 1's work begins
    clock.advance(2)
    engine.skip()  # two seconds in: partly done
    summary = engine.summary()
    assert (summary.completed, summary.partly, summary.skipped) == (0, 1, 1)
    assert summary.finished


def test_next_once_during_one_set_leaves_the_step_partly_done():
    session = Session(
        defaults=SessionDefaults(transition_s=5),
        blocks=[Block(steps=[Step(exercise="a/b", name="B", dose=Dose(sets=3, duration_s=20))])],
    )
    clock = FakeClock()
    engine = Engine(compile_timeline(session), clock)
    engine.start()
    clock.advance(5 + 12)
    engine.tick()  # 12 s into set 1
    engine.skip()  # `n`: on to the rest
    clock.advance(10_000)
    engine.tick()
    summary = engine.summary()
    assert summary.finished
    assert (summary.completed, summary.partly, summary.skipped) == (0, 1, 0)


def test_skip_while_paused_stays_paused():
    engine, clock = started()
    engine.pause()
    engine.skip()
    assert engine.paused and engine.index == 1 and engine.remaining() == 10
    clock.advance(50)
    engine.tick()
    assert engine.index == 1


def test_skip_step_jumps_to_the_next_get_ready():
    session = Session(
        defaults=SessionDefaults(transition_s=5),
        blocks=[
            Block(
                steps=[
                    Step(exercise="a/b", name="B", dose=Dose(sets=3, reps=5, hold_s=2)),
                    Step(exercise="a/c", name="C", dose=Dose(duration_s=30)),
                ]
            )
        ],
    )
    clock = FakeClock()
    engine = Engine(compile_timeline(session), clock)
    engine.start()
    engine.skip()  # to the first hold
    engine.skip_step()
    assert engine.interval.kind is Kind.GET_READY and engine.interval.name == "C"
    assert engine.summary().skipped == 1


def test_back_goes_to_the_previous_interval_passing_over_relax():
    parts = [
        interval(Kind.HOLD, 3, rep=1, segment=0),
        interval(Kind.RELAX, 2, rep=1, segment=0),
        interval(Kind.HOLD, 3, rep=2, segment=0),
    ]
    engine, clock = started(timeline_of(*parts))
    clock.advance(5.5)
    engine.tick()
    assert engine.index == 2
    engine.back()
    assert engine.index == 0 and engine.remaining() == 3
    engine.back()
    assert engine.index == 0


def test_back_from_the_end_reopens_the_session():
    engine, clock = started()
    clock.advance(100)
    engine.tick()
    assert engine.finished
    engine.back()
    assert not engine.finished and engine.index == 3 and engine.remaining() == 10


def test_add_ten_seconds():
    engine, clock = started()
    clock.advance(2)
    engine.add_time(10)
    assert engine.remaining() == pytest.approx(13)
    clock.advance(12.9)
    engine.tick()
    assert engine.index == 0
    clock.advance(0.1)
    engine.tick()
    assert engine.index == 1
    # And while paused.
    engine.pause()
    engine.add_time(10)
    assert engine.remaining() == pytest.approx(20)


def test_add_time_does_nothing_on_self_paced_work():
    engine, _clock = started(timeline_of(interval(Kind.WORK, None, reps=10)))
    engine.add_time(10)
    assert engine.remaining() is None


def test_done_ends_self_paced_work_and_counts_it():
    timeline = timeline_of(
        interval(Kind.GET_READY, 5, segment=0),
        interval(Kind.WORK, None, reps=10, segment=1),
        interval(Kind.REST, 8, step=-1, segment=2),
    )
    engine, clock = started(timeline)
    clock.advance(5)
    engine.tick()
    assert engine.remaining() is None
    clock.advance(600)
    assert engine.tick() == []  # waits as long as it takes
    assert engine.interval_elapsed() == pytest.approx(600)
    assert kinds(engine.done()) == [Kind.REST]
    assert engine.remaining() == 8
    assert engine.summary().completed == 1


def test_restart_interval():
    engine, clock = started()
    clock.advance(4)
    engine.restart_interval()
    assert engine.remaining() == 5
    clock.advance(4.9)
    engine.tick()
    assert engine.index == 0


def test_progress_and_session_remaining():
    engine, clock = started()
    total = 5 + 10 + 8 + 10
    assert engine.session_remaining() == total
    assert engine.progress() == 0
    clock.advance(11)
    engine.tick()
    assert engine.session_remaining() == pytest.approx(total - 11)
    assert engine.progress() == pytest.approx(11 / total)


def test_commands_before_start_do_nothing():
    engine = Engine(simple(), FakeClock())
    assert engine.skip() == [] and engine.done() == [] and engine.back() == []
    engine.pause()
    assert not engine.paused
    assert engine.remaining() == 5


def test_empty_timeline_is_refused():
    with pytest.raises(ValueError):
        Engine(Timeline([]))
