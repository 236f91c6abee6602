"""What the timer says: the body's action, time left, cues that step with
the holds they describe, a paused clock behind dialogs, partly done steps."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from composer.catalog.manager import Catalog, load_catalog
from composer.format.reader import load_session
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.timeline import Kind, banner, compile_timeline, cue_line, time_left
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.screens.run import ConfirmQuit, RunScreen

from .conftest import ROOT
from .test_run_screen import settle

SIZE = (120, 36)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def one_step(exercise: str, transition: float = 5, **dose) -> Session:
    return Session(
        title="Test run",
        defaults=SessionDefaults(transition_s=transition),
        blocks=[Block(title="Main", steps=[Step(exercise=exercise, dose=Dose(**dose))])],
    )


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).visual)


# -- words, without a screen ----------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise", "dose", "word"),
    [
        ("rolling/glute-ball-roll", {}, "ROLL"),
        ("stretch/half-kneeling-hip-flexor", {}, "STRETCH"),
        ("cooldown/childs-pose", {}, "STRETCH"),
        ("stability/plank", {}, "HOLD"),
        ("mobility/hip-circles", {}, "MOVE"),
        ("activation/prone-glute-squeeze", {}, "HOLD"),  # a held rep
        ("activation/clamshell", {"reps": 10, "rep_s": 2}, "WORK"),
        ("integration/bodyweight-squat", {}, "WORK"),
        ("gone/unknown", {"duration_s": 30}, "WORK"),
    ],
)
def test_the_band_names_what_the_body_does(catalog, exercise, dose, word):
    timeline = compile_timeline(one_step(exercise, **dose), catalog.get)
    work = next(i for i in timeline.intervals if i.kind.is_work)
    assert banner(work) == word
    assert banner(timeline.intervals[0]) == "GET READY"


def test_the_band_for_rests_and_switches():
    session = one_step("gone/x", sets=2, duration_s=30, sides="each", rest_s=20)
    words = [banner(i) for i in compile_timeline(session).intervals]
    assert words == [
        "GET READY",
        "WORK",
        "SWITCH SIDES · RIGHT next",
        "WORK",
        "REST · set 2 of 2 next",
        "WORK",
        "SWITCH SIDES · RIGHT next",
        "WORK",
        "DONE",
    ]


@pytest.mark.parametrize(
    ("seconds", "estimated", "words"),
    [
        (305, False, "6 min left"),  # rounded up
        (300, False, "5 min left"),
        (300.0000001, False, "5 min left"),  # a float sum a hair over
        (240.5, False, "5 min left"),
        (45.99, False, "1 min left"),
        (0.4, False, "1 min left"),
        (0, False, "0 min left"),
        (59.5, True, "about 1 min left"),
        (3600, False, "1 h left"),
        (3725, False, "1 h 3 min left"),
        (3599, True, "about 1 h left"),
        (3540, True, "about 59 min left"),
    ],
)
def test_time_left(seconds, estimated, words):
    assert time_left(seconds, estimated) == words


def test_the_note_is_not_shown_after_the_cue_it_starts_with(catalog):
    session = load_session(ROOT / "templates" / "wake-up.toml")
    timeline = compile_timeline(session, catalog.get)
    squeeze = next(i for i in timeline.intervals if i.kind is Kind.HOLD)
    assert squeeze.cue == "One cheek, then the other"
    line = cue_line(squeeze)
    assert line.startswith("One cheek, then the other: 15 on each side")
    assert line.count("One cheek") == 1
    other = compile_timeline(
        Session(blocks=[Block(steps=[Step(exercise="stability/plank", note="Breathe out")])]),
        catalog.get,
    )
    plank = next(i for i in other.intervals if i.kind.is_work)
    assert cue_line(plank) == f"{plank.cue}  ·  Breathe out"


def test_hold_cues_step_through_each_hold(catalog):
    recruitment = catalog.get("activation/gluteal-recruitment")
    assert recruitment.dose.sets == 1 and recruitment.dose.hold_s == 6
    timeline = compile_timeline(one_step(recruitment.full_id), catalog.get)
    holds = [i for i in timeline.intervals if i.kind is Kind.HOLD]
    assert len(holds) == 2 * recruitment.dose.reps  # each side
    knee, leg = (c for c in recruitment.cues if "hold 3" in c)
    for hold in holds:
        assert [hold.cue_at(t) for t in (0, 2.9, 3, 5.9)] == [knee, knee, leg, leg]
    relax = next(i for i in timeline.intervals if i.kind is Kind.RELAX)
    assert relax.cue == "Squeeze both cheeks"
    assert timeline.intervals[0].cue == "Squeeze both cheeks"


def test_other_cues_take_turns_in_one_set_each_up_at_least_ten_seconds(catalog):
    squeeze = catalog.get("activation/glute-squeeze")  # 1 set, 10 × 5 s holds
    assert squeeze.dose.sets == 1 and len(squeeze.cues) == 3
    timeline = compile_timeline(one_step(squeeze.full_id), catalog.get)
    cues = [i.cue for i in timeline.intervals if i.kind is Kind.HOLD]
    assert set(cues) == set(squeeze.cues)  # every cue gets its turn
    assert cues[:2] == [squeeze.cues[0]] * 2  # 2 reps of 7 s: at least 10 s each
    # A timed bout spreads its cues over its length.
    long_hold = catalog.get("cooldown/hip-flexor-long-hold")
    work = next(
        i
        for i in compile_timeline(one_step(long_hold.full_id), catalog.get).intervals
        if i.kind.is_work
    )
    assert [work.cue_at(t) for t in (0, 25, 45)] == list(long_hold.cues)


# -- on the screen ---------------------------------------------------------------------


async def test_the_screen_shows_the_action_and_steps_the_cues(clock, catalog):
    session = one_step("activation/gluteal-recruitment")
    app = make_app(session=session, run=True, catalog=catalog, config=Config(sound=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert text(screen, "#kind") == "GET READY"
        await settle(pilot, clock, 5)
        assert text(screen, "#kind") == "HOLD"
        assert text(screen, "#cue") == "Knee straight, hold 3"
        await settle(pilot, clock, 3)
        assert text(screen, "#cue") == "Leg up, toes pointed, hold 3"
        await settle(pilot, clock, 3)
        assert text(screen, "#kind") == "RELAX"
        assert text(screen, "#cue") == "Squeeze both cheeks"


async def test_time_left_in_whole_minutes_changes_once_a_minute(clock, catalog):
    session = Session(
        title="Long",
        defaults=SessionDefaults(transition_s=5),
        blocks=[
            Block(
                steps=[
                    Step(exercise="gone/a", name="A", dose=Dose(duration_s=300)),
                    Step(exercise="gone/b", name="B", dose=Dose(reps=10)),  # self-paced
                ]
            )
        ],
    )
    app = make_app(session=session, run=True, catalog=Catalog(), config=Config(sound=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        left = screen.query_one("#left", Static)
        # 5 s + 300 s + 5 s + 30 s of estimated reps: 5 min 40 s, rounded up.
        assert text(screen, "#left") == "about 6 min left"
        await settle(pilot, clock, 40.5)  # 4 min 59.5 s left
        assert text(screen, "#left") == "about 5 min left"
        # The line is drawn again only when its words change: not each second.
        refreshed = []
        original = left.update
        left.update = lambda *a, **k: (refreshed.append(a), original(*a, **k))[1]
        for _ in range(50):  # second by second, as the timer ticks
            await settle(pilot, clock, 1)
        assert text(screen, "#left") == "about 5 min left" and refreshed == []
        for _ in range(10):
            await settle(pilot, clock, 1)
        assert text(screen, "#left") == "about 4 min left" and len(refreshed) == 1
        assert left.content_region.width >= len("about 1 h 59 min left")
    for size in ((80, 24), SIZE):
        app = make_app(session=session, run=True, catalog=Catalog(), config=Config(sound=False))
        async with app.run_test(size=size) as pilot:
            left = app.screen.query_one("#left", Static)
            assert left.content_region.width >= len("about 1 h 59 min left")


async def test_the_clock_stops_while_the_quit_dialog_is_open(clock):
    session = one_step("gone/x", duration_s=60)
    app = make_app(session=session, run=True, catalog=Catalog(), config=Config(sound=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settle(pilot, clock, 10)  # 5 s into the work
        assert screen.engine.remaining() == 55
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        clock.now += 40
        screen._tick()
        assert screen.engine.paused and screen.engine.remaining() == 55
        await pilot.press("n")
        assert isinstance(app.screen, RunScreen)
        assert not screen.engine.paused and screen.engine.remaining() == 55


async def test_the_clock_stops_behind_any_dialog(clock, catalog):
    # Run from the composer, with unsaved changes: Ctrl+Q asks what to do
    # with them over the timer; the palette is a dialog too.
    app = make_app(catalog=catalog, config=Config(sound=False))
    async with app.run_test(size=SIZE) as pilot:
        app.session.blocks.append(
            Block(steps=[Step(exercise="gone/x", name="X", dose=Dose(duration_s=60))])
        )
        await pilot.press("ctrl+r")
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await settle(pilot, clock, 15)
        assert screen.engine.remaining() == 55
        for key in ("ctrl+q", "ctrl+p"):
            await pilot.press(key)
            assert app.screen is not screen
            clock.now += 30
            screen._tick()
            assert screen.engine.paused and screen.engine.remaining() == 55
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            assert not screen.engine.paused and screen.engine.remaining() == 55
        # Paused by the user, it stays paused after a dialog closes.
        await pilot.press("space", "ctrl+p", "escape")
        await pilot.pause()
        assert screen.engine.paused


async def test_next_once_during_work_is_partly_done_in_the_summary(clock):
    session = Session(
        title="Two",
        defaults=SessionDefaults(transition_s=0),
        blocks=[
            Block(
                steps=[
                    Step(exercise="gone/a", name="A", dose=Dose(sets=2, duration_s=20)),
                    Step(exercise="gone/b", name="B", dose=Dose(duration_s=20)),
                ]
            )
        ],
    )
    app = make_app(session=session, run=True, catalog=Catalog(), config=Config(sound=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settle(pilot, clock, 8)
        await pilot.press("n")  # 8 s into set 1 of A: the rest of it
        await pilot.press("s")  # and the rest of A (its set 2)
        await settle(pilot, clock, 0)
        assert text(screen, "#name") == "B"
        await settle(pilot, clock, 25)
        summary = text(screen, "#summary-text")
        assert "Steps completed: 1 of 2" in summary
        assert "Steps partly done: 1" in summary
        assert "Steps skipped: 0" in summary
