"""The timeline compiler, checked against sequences worked out by hand.

Each interval is written compactly as (kind, duration, set, rep, side).
"""

from __future__ import annotations

import pytest

from composer.model import Block, Dose, Exercise, Session, SessionDefaults, Step
from composer.run.timeline import Kind, compile_timeline, describe_next

L, R = "left", "right"
GR, WK, HD, RX, RS, SW, RR, DN = (
    "get-ready",
    "work",
    "hold",
    "relax",
    "rest",
    "switch",
    "round-rest",
    "done",
)

# The dose of every case: 2 reps, holds of 3 s with 1 s to relax, tempo 2 s a
# rep, or 30 s of work; 5 s to switch, 20 s between sets, 10 s to get ready,
# 15 s between rounds.
WORKS = {
    "duration": {"duration_s": 30},
    "hold": {"reps": 2, "hold_s": 3, "relax_s": 1},
    "tempo": {"reps": 2, "rep_s": 2},
    "self-paced": {"reps": 2},
}

# One set (a bout) of every combination, by hand. `s` is the set number.
BOUTS = {
    ("both", "duration"): lambda s: [(WK, 30, s, 0, None)],
    ("both", "hold"): lambda s: [(HD, 3, s, 1, None), (RX, 1, s, 1, None), (HD, 3, s, 2, None)],
    ("both", "tempo"): lambda s: [(WK, 2, s, 1, None), (WK, 2, s, 2, None)],
    ("both", "self-paced"): lambda s: [(WK, None, s, 0, None)],
    ("each", "duration"): lambda s: [(WK, 30, s, 0, L), (SW, 5, s, 0, R), (WK, 30, s, 0, R)],
    ("each", "hold"): lambda s: [
        (HD, 3, s, 1, L),
        (RX, 1, s, 1, L),
        (HD, 3, s, 2, L),
        (SW, 5, s, 0, R),
        (HD, 3, s, 1, R),
        (RX, 1, s, 1, R),
        (HD, 3, s, 2, R),
    ],
    ("each", "tempo"): lambda s: [
        (WK, 2, s, 1, L),
        (WK, 2, s, 2, L),
        (SW, 5, s, 0, R),
        (WK, 2, s, 1, R),
        (WK, 2, s, 2, R),
    ],
    ("each", "self-paced"): lambda s: [(WK, None, s, 0, L), (SW, 5, s, 0, R), (WK, None, s, 0, R)],
    # Alternating: a timed or self-paced bout alternates by itself; timed
    # reps go left, right, left, right.
    ("alternating", "duration"): lambda s: [(WK, 30, s, 0, None)],
    ("alternating", "hold"): lambda s: [
        (HD, 3, s, 1, L),
        (RX, 1, s, 1, L),
        (HD, 3, s, 1, R),
        (RX, 1, s, 1, R),
        (HD, 3, s, 2, L),
        (RX, 1, s, 2, L),
        (HD, 3, s, 2, R),
    ],
    ("alternating", "tempo"): lambda s: [
        (WK, 2, s, 1, L),
        (WK, 2, s, 1, R),
        (WK, 2, s, 2, L),
        (WK, 2, s, 2, R),
    ],
    ("alternating", "self-paced"): lambda s: [(WK, None, s, 0, None)],
}

# Seconds of one bout (self-paced reps estimated at 3 s, per side).
BOUT_SECONDS = {
    ("both", "duration"): 30,
    ("both", "hold"): 7,
    ("both", "tempo"): 4,
    ("both", "self-paced"): 6,
    ("each", "duration"): 65,
    ("each", "hold"): 19,
    ("each", "tempo"): 13,
    ("each", "self-paced"): 17,
    ("alternating", "duration"): 30,
    ("alternating", "hold"): 15,
    ("alternating", "tempo"): 8,
    ("alternating", "self-paced"): 12,
}


def one_step_session(sides: str, work: str, sets: int, rounds: int) -> Session:
    dose = Dose(sets=sets, sides=sides, rest_s=20, switch_s=5, **WORKS[work])
    return Session(
        title="T",
        defaults=SessionDefaults(transition_s=10),
        blocks=[
            Block(
                title="Main",
                rounds=rounds,
                rest_s=15,
                steps=[Step(exercise="test/thing", name="Thing", dose=dose)],
            )
        ],
    )


def compact(timeline):
    return [(i.kind.value, i.duration, i.set, i.rep, i.side) for i in timeline.intervals]


def expected(sides: str, work: str, sets: int, rounds: int):
    out = []
    for round_number in range(1, rounds + 1):
        out.append((GR, 10, 1, 0, L if sides == "each" else None))
        for s in range(1, sets + 1):
            out += BOUTS[sides, work](s)
            if s < sets:
                out.append((RS, 20, s, 0, None))
        if round_number < rounds:
            out.append((RR, 15, 0, 0, None))
    out.append((DN, 0.0, 0, 0, None))
    return out


@pytest.mark.parametrize("rounds", [1, 2])
@pytest.mark.parametrize("sets", [1, 2])
@pytest.mark.parametrize("work", list(WORKS))
@pytest.mark.parametrize("sides", ["both", "each", "alternating"])
def test_every_combination(sides, work, sets, rounds):
    timeline = compile_timeline(one_step_session(sides, work, sets, rounds))
    assert compact(timeline) == expected(sides, work, sets, rounds)
    per_round = 10 + sets * BOUT_SECONDS[sides, work] + (sets - 1) * 20
    assert timeline.total == per_round * rounds + 15 * (rounds - 1)
    assert timeline.estimated == (work == "self-paced")


def test_a_full_sequence_written_out():
    timeline = compile_timeline(one_step_session("each", "hold", 2, 1))
    assert compact(timeline) == [
        (GR, 10, 1, 0, L),
        (HD, 3, 1, 1, L),
        (RX, 1, 1, 1, L),
        (HD, 3, 1, 2, L),
        (SW, 5, 1, 0, R),
        (HD, 3, 1, 1, R),
        (RX, 1, 1, 1, R),
        (HD, 3, 1, 2, R),
        (RS, 20, 1, 0, None),
        (HD, 3, 2, 1, L),
        (RX, 1, 2, 1, L),
        (HD, 3, 2, 2, L),
        (SW, 5, 2, 0, R),
        (HD, 3, 2, 1, R),
        (RX, 1, 2, 1, R),
        (HD, 3, 2, 2, R),
        (DN, 0.0, 0, 0, None),
    ]
    assert timeline.total == 10 + 19 + 20 + 19


def two_block_session() -> Session:
    return Session(
        defaults=SessionDefaults(transition_s=5, rest_s=0),
        blocks=[
            Block(
                title="Warm",
                rounds=2,
                rest_s=30,
                steps=[
                    Step(exercise="a/one", name="One", dose=Dose(duration_s=20)),
                    Step(exercise="a/two", name="Two", dose=Dose(duration_s=40)),
                ],
            ),
            Block(steps=[Step(exercise="a/three", name="Three", dose=Dose(duration_s=60))]),
        ],
    )


def test_blocks_and_rounds_know_where_they_are():
    timeline = compile_timeline(two_block_session())
    rows = [
        (i.kind.value, i.duration, i.block, i.round, i.step, i.name) for i in timeline.intervals
    ]
    assert rows == [
        (GR, 5, 0, 1, 0, "One"),
        (WK, 20, 0, 1, 0, "One"),
        (GR, 5, 0, 1, 1, "Two"),
        (WK, 40, 0, 1, 1, "Two"),
        (RR, 30, 0, 1, -1, ""),
        (GR, 5, 0, 2, 0, "One"),
        (WK, 20, 0, 2, 0, "One"),
        (GR, 5, 0, 2, 1, "Two"),
        (WK, 40, 0, 2, 1, "Two"),
        (GR, 5, 1, 1, 2, "Three"),
        (WK, 60, 1, 1, 2, "Three"),
        (DN, 0.0, 1, 1, -1, ""),
    ]
    assert timeline.intervals[0].block_title == "Warm"
    assert timeline.intervals[9].block_title == "Block 2"  # untitled blocks get a number
    assert timeline.total == 2 * (5 + 20 + 5 + 40) + 30 + 5 + 60
    assert timeline.steps() == [0, 1, 2]
    assert timeline.step_total(0) == 2 * 25


def test_sums_and_jumps():
    timeline = compile_timeline(two_block_session())
    assert timeline.elapsed_before(0) == 0
    assert timeline.elapsed_before(2) == 25
    assert timeline.remaining_after(0) == timeline.total - 5
    assert timeline.remaining_after(len(timeline.intervals) - 1) == 0
    assert timeline.next_step_start(1) == 2  # from One's work to Two's get-ready
    assert timeline.next_step_start(3) == 4  # from Two's work to the round rest
    assert timeline.next_step_start(10) == 11  # the last step goes to the end


def test_zero_rest_and_switch_are_left_out():
    dose = Dose(sets=2, duration_s=10, sides="each", rest_s=0, switch_s=0)
    session = Session(
        defaults=SessionDefaults(transition_s=0),
        blocks=[Block(steps=[Step(exercise="a/b", name="B", dose=dose)])],
    )
    assert compact(compile_timeline(session)) == [
        (WK, 10, 1, 0, L),
        (WK, 10, 1, 0, R),
        (WK, 10, 2, 0, L),
        (WK, 10, 2, 0, R),
        (DN, 0.0, 0, 0, None),
    ]


def test_up_next_skips_the_rest_of_the_bout_and_relax():
    timeline = compile_timeline(one_step_session("each", "hold", 2, 1))
    nxt = [timeline.up_next(i) for i in range(len(timeline.intervals))]
    assert nxt[0].kind is Kind.HOLD and nxt[0].side == L  # get ready -> the work
    assert nxt[1].kind is Kind.SWITCH  # left holds -> switch
    assert nxt[2].kind is Kind.SWITCH  # relax too
    assert nxt[4].kind is Kind.HOLD and nxt[4].side == R
    assert nxt[5].kind is Kind.REST
    assert nxt[8].kind is Kind.HOLD and nxt[8].set == 2
    assert nxt[15].kind is Kind.DONE
    assert nxt[16] is None
    assert describe_next(nxt[1]) == "Switch to RIGHT"
    assert describe_next(nxt[5]) == "Rest 20 s"
    assert describe_next(nxt[8]) == "Thing · set 2/2 · LEFT · rep 1/2"
    assert describe_next(nxt[15]) == "Finish"


def test_next_up_from_get_ready_of_the_next_step_shows_its_dose():
    timeline = compile_timeline(two_block_session())
    assert describe_next(timeline.up_next(1)) == "Two · 40 s"


def exercise_with_cues() -> Exercise:
    return Exercise(
        id="thing",
        name="Real name",
        phase="activate",
        cues=["First cue", "Second cue"],
        dose=Dose(sets=3, reps=2, hold_s=2, sides="alternating"),
        namespace="test",
    )


def test_plugin_gives_name_cues_and_dose():
    exercise = exercise_with_cues()
    step = Step(exercise="test/thing", name="Saved name", own_name=False)
    session = Session(blocks=[Block(steps=[step])])
    timeline = compile_timeline(session, {"test/thing": exercise}.get)
    holds = [i for i in timeline.intervals if i.kind is Kind.HOLD]
    assert len(holds) == 3 * 2 * 2
    assert {i.name for i in holds} == {"Real name"}
    step.own_name = True  # the user's own label wins over the catalog's name
    timeline = compile_timeline(session, {"test/thing": exercise}.get)
    assert {i.name for i in timeline.intervals if i.kind is Kind.HOLD} == {"Saved name"}
    # One cue per set, in turn.
    assert [i.cue for i in holds if i.rep == 1 and i.side == L] == [
        "First cue",
        "Second cue",
        "First cue",
    ]
    assert timeline.intervals[0].cue == "First cue"  # get-ready shows the first cue


def test_missing_plugin_runs_from_saved_name_and_dose():
    session = Session(
        blocks=[Block(steps=[Step(exercise="gone/x", name="Saved", dose=Dose(duration_s=45))])]
    )
    timeline = compile_timeline(session)
    work = timeline.intervals[1]
    assert (work.kind, work.duration, work.name) == (Kind.WORK, 45, "Saved")


def test_labels():
    timeline = compile_timeline(one_step_session("alternating", "self-paced", 1, 1))
    work = timeline.intervals[1]
    assert work.side_label == "ALTERNATE SIDES"
    assert work.headline() == "Thing · alternating · 2 reps each side"
    each = compile_timeline(one_step_session("each", "tempo", 2, 1)).intervals[1]
    assert each.side_label == "LEFT"
    assert each.headline() == "Thing · set 1/2 · LEFT · rep 1/2"
    assert Kind.ROUND_REST.label == "REST"
    assert Kind.SWITCH.label == "SWITCH SIDES"


def test_empty_session_is_just_done():
    timeline = compile_timeline(Session())
    assert compact(timeline) == [(DN, 0.0, 0, 0, None)]
    assert timeline.total == 0
