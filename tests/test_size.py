"""The size of a session (seconds and timer intervals) worked out from its
doses, equal to what the compiled timeline holds, and the bounds on it."""

from __future__ import annotations

import math
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.errors import SessionError
from composer.format.reader import parse_session
from composer.format.size import (
    MAX_INTERVALS,
    MAX_SESSION_SECONDS,
    SessionTooLarge,
    check_size,
    session_size,
    step_size,
)
from composer.model import Block, Dose, Exercise, Session, SessionDefaults, Step
from composer.run.timeline import compile_timeline

# Small numbers, zeros included (a zero rest, relax, switch or get-ready is
# left out of the timeline), so that every branch of the counting is met.
SECONDS = st.one_of(st.sampled_from([0.0, 0.5, 1.0, 2.5]), st.integers(0, 90).map(float))
SIDES = st.none() | st.sampled_from(["both", "each", "alternating"])


@st.composite
def doses(draw, *, plugin: bool = False) -> Dose:
    """A dose as a file or the composer gives it; a plugin's may also have
    both a hold and a tempo, and a relax with a timed step."""
    fields: dict = {
        "sets": draw(st.none() | st.integers(1, 4)),
        "sides": draw(SIDES),
        "rest_s": draw(st.none() | SECONDS),
        "switch_s": draw(st.none() | SECONDS),
        "relax_s": draw(st.none() | SECONDS),
    }
    work = draw(st.sampled_from(["none", "duration", "hold", "tempo", "self-paced", "both"]))
    if work == "duration":
        fields["duration_s"] = draw(SECONDS)
    elif work != "none":
        fields["reps"] = draw(st.integers(1, 6))
        if work in ("hold", "both"):
            fields["hold_s"] = draw(SECONDS)
        if work in ("tempo", "both") and (plugin or work == "tempo"):
            fields["rep_s"] = draw(SECONDS)
    return Dose(**fields)


EXERCISES = st.dictionaries(
    st.sampled_from(["p/a", "p/b", "p/c"]),
    doses(plugin=True).map(lambda dose: Exercise(id="x", name="X", phase="activate", dose=dose)),
    max_size=3,
)
steps = st.builds(Step, exercise=st.sampled_from(["p/a", "p/b", "p/c", "gone/x"]), dose=doses())
sessions = st.builds(
    Session,
    defaults=st.builds(
        SessionDefaults,
        rest_s=st.none() | SECONDS,
        switch_s=st.none() | SECONDS,
        transition_s=st.none() | SECONDS,
        relax_s=st.none() | SECONDS,
    ),
    blocks=st.lists(
        st.builds(
            Block,
            rounds=st.integers(1, 3),
            rest_s=SECONDS,
            steps=st.lists(steps, max_size=3),
        ),
        max_size=3,
    ),
)


@settings(max_examples=600, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(sessions, EXERCISES)
def test_arithmetic_size_equals_the_compiled_timeline(session, exercises):
    timeline = compile_timeline(session, exercises.get)
    size = session_size(session, exercises.get)
    assert size.intervals == len(timeline.intervals)
    assert math.isclose(size.seconds, timeline.total, rel_tol=1e-9, abs_tol=1e-9)
    assert size.estimated == timeline.estimated
    # and step by step, one round at a time, as `glute show` prints it
    index = 0
    for block in session.blocks:
        for step in block.steps:
            dose = step.resolve(exercises.get(step.exercise), session.defaults)
            per_round = step_size(dose, session.transition_s()).seconds
            assert math.isclose(
                per_round * block.rounds, timeline.step_total(index), rel_tol=1e-9, abs_tol=1e-9
            )
            index += 1


# A 232-byte file that asked for 62 s and 1.3 GB when its timeline was built.
HUGE = """schema_version = 1
[[blocks]]
rounds = 20
[[blocks.steps]]
exercise = "a/b"
sets = 50
reps = 500
hold_s = 1
sides = "alternating"
[[blocks.steps]]
exercise = "a/c"
sets = 50
reps = 500
hold_s = 1
sides = "alternating"
"""


def test_a_huge_file_is_refused_with_both_reasons_without_a_timeline():
    session = parse_session(HUGE, "huge.toml")
    started = time.perf_counter()
    with pytest.raises(SessionError) as raised:
        check_size(session, lambda _id: None, "huge.toml")
    assert time.perf_counter() - started < 0.5
    assert [str(problem) for problem in raised.value.problems] == [
        "huge.toml: the session would last 1682 h (more than 24 h)",
        "huge.toml: the session would have 4,000,001 intervals (more than 20,000)",
    ]


def test_compile_timeline_refuses_a_huge_plugin_dose_before_building_anything():
    exercise = Exercise(
        id="x", name="X", phase="activate", dose=Dose(sets=10**6, reps=10**6, hold_s=1)
    )
    session = Session(blocks=[Block(rounds=20, steps=[Step(exercise="p/x")] * 100)])
    tracemalloc.start()
    try:
        with pytest.raises(SessionTooLarge) as raised:
            compile_timeline(session, {"p/x": exercise}.get)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, f"{peak} bytes used to refuse it"
    assert "more than 24 h" in str(raised.value)
    assert "more than 20,000" in str(raised.value)


@pytest.mark.parametrize("count", [10**400, 10**18])
def test_astronomical_doses_are_counted_not_overflowed(count):
    exercise = Exercise(id="x", name="X", phase="activate", dose=Dose(sets=count, reps=count))
    size = session_size(
        Session(blocks=[Block(steps=[Step(exercise="p/x")])]), {"p/x": exercise}.get
    )
    assert size.too_long and size.too_many


def test_a_dose_that_is_not_a_number_is_too_long():
    exercise = Exercise(id="x", name="X", phase="activate", dose=Dose(duration_s=float("nan")))
    size = session_size(
        Session(blocks=[Block(steps=[Step(exercise="p/x")])]), {"p/x": exercise}.get
    )
    assert size.too_long
    assert size.limits_exceeded() == ["the session would last for ever (more than 24 h)"]


def test_the_bounds_themselves_are_allowed():
    # 24 h exactly: one timed step (plus the get-ready, at 0 here).
    day = Session(
        defaults=SessionDefaults(transition_s=0),
        blocks=[Block(rounds=6, steps=[Step(exercise="a/b", dose=Dose(duration_s=4 * 3600))])],
    )
    assert session_size(day).seconds == MAX_SESSION_SECONDS
    check_size(day, lambda _id: None, "day.toml")
    day.blocks[0].rest_s = 1
    with pytest.raises(SessionError, match="would last 24 h 5 s"):
        check_size(day, lambda _id: None, "day.toml")
    # 20,000 intervals exactly: 19,999 tempo reps and the DONE at the end.
    reps = Session(
        defaults=SessionDefaults(transition_s=0),
        blocks=[Block(steps=[Step(exercise="a/b", dose=Dose(reps=19_999, rep_s=0.5))])],
    )
    assert session_size(reps).intervals == MAX_INTERVALS
    assert len(compile_timeline(reps).intervals) == MAX_INTERVALS
    reps.blocks[0].steps[0] = Step(exercise="a/b", dose=Dose(reps=20_000, rep_s=0.5))
    with pytest.raises(SessionTooLarge, match="20,001 intervals"):
        compile_timeline(reps)
