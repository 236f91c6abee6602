"""The timer screen, driven by Pilot on a fake clock."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Digits, Static

from composer.catalog.manager import Catalog
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.store.config import Config
from composer.store.history import open_history
from composer.ui.app import make_app
from composer.ui.dialogs.checkin import CheckInScreen
from composer.ui.screens.run import ConfirmQuit, RunScreen
from composer.ui.widgets.big_word import BigWord

from .conftest import FakeClock

SIZE = (100, 34)


def session(*steps: Step, transition: float = 10) -> Session:
    return Session(
        title="Test run",
        defaults=SessionDefaults(transition_s=transition),
        blocks=[Block(title="Main block", steps=list(steps))],
    )


def timed_each() -> Step:
    return Step(
        exercise="gone/stretch",
        name="Side stretch",
        dose=Dose(sets=2, duration_s=30, sides="each", rest_s=20, switch_s=5),
    )


def self_paced() -> Step:
    return Step(exercise="gone/squat", name="Squat", dose=Dose(reps=12))


def app_for(sess: Session, **config):
    return make_app(session=sess, run=True, catalog=Catalog(), config=Config(sound=False, **config))


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).visual)


def digits(screen, selector: str = "#clock") -> str:
    return screen.query_one(selector, Digits).value


async def settle(pilot, clock: FakeClock, seconds: float = 0) -> None:
    clock.now += seconds
    pilot.app.screen._tick()
    await pilot.pause()


async def test_get_ready_then_work_with_side_and_counters(clock):
    app = app_for(session(timed_each(), self_paced()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        assert text(screen, "#kind") == "GET READY"
        assert "Side stretch" in text(screen, "#name")
        assert digits(screen) == "0:10"
        assert text(screen, "#next") == "Next: Side stretch · set 1/2 · LEFT"
        assert text(screen, "#where") == "Main block"
        await settle(pilot, clock, 10)
        assert text(screen, "#kind") == "WORK"
        assert digits(screen) == "0:30"
        assert screen.query_one("#side", BigWord).word == "LEFT"
        assert digits(screen, "#set") == "1"
        assert text(screen, "#set-of") == "of 2"
        assert text(screen, "#next") == "Next: Switch to RIGHT"
        await settle(pilot, clock, 12.5)
        assert digits(screen) == "0:18"
        await settle(pilot, clock, 17.5)
        assert text(screen, "#kind") == "SWITCH SIDES · RIGHT next"
        assert screen.query_one("#side", BigWord).word == "RIGHT"


async def test_keys_next_back_add_restart(clock):
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("n")
        assert text(screen, "#kind") == "WORK"
        await pilot.press("right")
        assert text(screen, "#kind").startswith("SWITCH SIDES")
        await pilot.press("p")
        assert text(screen, "#kind") == "WORK"
        await pilot.press("left")
        assert text(screen, "#kind") == "GET READY"
        await pilot.press("n")
        await settle(pilot, clock, 5)
        assert digits(screen) == "0:25"
        await pilot.press("plus")
        assert digits(screen) == "0:35"
        await pilot.press("r")
        assert digits(screen) == "0:30"


async def test_pause_holds_the_clock(clock):
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settle(pilot, clock, 3)
        assert digits(screen) == "0:07"
        await pilot.press("space")
        assert text(screen, "#kind").startswith("PAUSED")
        assert screen.has_class("-paused")
        await settle(pilot, clock, 60)
        assert digits(screen) == "0:07"
        await pilot.press("space")
        assert text(screen, "#kind") == "GET READY"
        await settle(pilot, clock, 2)
        assert digits(screen) == "0:05"


async def test_self_paced_waits_for_enter(clock):
    app = app_for(session(self_paced()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settle(pilot, clock, 10)
        assert text(screen, "#kind") == "WORK"
        assert digits(screen) == "12"
        assert "press Enter when done" in text(screen, "#clock-note")
        await settle(pilot, clock, 300)
        assert text(screen, "#kind") == "WORK"
        assert not screen.query("#summary")  # made only when the session ends
        await pilot.press("enter")
        assert text(screen, "#summary-title") == "Session complete"
        assert "Steps completed: 1 of 1" in text(screen, "#summary-text")
        assert screen.query_one("#summary").region.height > 0
        if isinstance(app.screen, CheckInScreen):
            await pilot.press("escape")
        await pilot.press("p")  # back from the end: the timer again
        assert screen.query_one("#summary").display is False
        assert screen.query_one("#clock").region.height > 0
        assert not screen.has_class("-finished")
        assert text(screen, "#kind") == "WORK"


async def test_reps_are_counted(clock):
    step = Step(exercise="gone/squeeze", name="Squeeze", dose=Dose(sets=3, reps=15, hold_s=3))
    app = app_for(session(step))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settle(pilot, clock, 10)
        assert text(screen, "#kind") == "HOLD"
        assert digits(screen, "#rep") == "1"
        assert text(screen, "#rep-of") == "of 15"
        await settle(pilot, clock, 3)
        assert text(screen, "#kind") == "RELAX"
        await settle(pilot, clock, 2)
        assert digits(screen, "#rep") == "2"


async def test_quit_asks_first(clock):
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")
        assert isinstance(app.screen, RunScreen)
        assert not app.screen.engine.paused  # going on resumes the clock
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == 0
    # The unfinished run is in the history.
    with open_history() as history:
        [run] = history.runs()
    assert run.finished is False and run.title == "Test run"


async def test_summary_counts_completed_and_skipped(clock):
    app = app_for(session(timed_each(), self_paced(), transition=0))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("s")  # skip the stretch
        assert text(screen, "#name") == "Squat"
        await settle(pilot, clock, 20)
        await pilot.press("enter")
        summary = text(screen, "#summary-text")
        assert "Steps completed: 1 of 2" in summary
        assert "Steps skipped: 1" in summary
        assert "Time spent: 20 s" in summary
        assert screen.has_class("-finished")
        assert screen.query_one("#clock").region.height == 0  # the summary in its place
        # The check-in comes first; Esc skips it.
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("escape")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == 0
    with open_history() as history:
        [run] = history.runs()
        assert run.checkin is None
    assert (run.finished, run.completed, run.skipped) == (True, 1, 1)


async def test_markup_in_names_is_shown_literally(clock):
    nasty = Step(
        exercise="gone/x",
        name="[@click=app.quit]x",
        note="[/ broken [b]markup",
        dose=Dose(duration_s=30),
    )
    sess = session(nasty)
    sess.title = "[red]Title[/"
    sess.blocks[0].title = "[/block]"
    app = app_for(sess)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert "[@click=app.quit]x" in text(screen, "#name")
        assert text(screen, "#session-title") == "[red]Title[/"
        assert text(screen, "#where") == "[/block]"
        assert "[/ broken [b]markup" in text(screen, "#cue")
        await pilot.click("#name")
        await settle(pilot, clock, 10)
        assert app.is_running
        assert "[@click=app.quit]x" in text(screen, "#name")


async def test_sound_rings_on_changes_and_last_seconds(clock):
    app = make_app(
        session=session(timed_each()), run=True, catalog=Catalog(), config=Config(sound=True)
    )
    async with app.run_test(size=SIZE) as pilot:
        rings = []
        app.bell = lambda: rings.append(clock.now)
        for _ in range(40):  # 10 s of get ready, a quarter second at a time
            await settle(pilot, clock, 0.25)
        # Three ticks for 3, 2, 1 and a bell for the work.
        assert len(rings) == 4


async def test_no_sound_when_off(clock):
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        rings = []
        app.bell = lambda: rings.append(1)
        await settle(pilot, clock, 10)
        await pilot.press("n")
        assert rings == []


# -- quitting the app while a session runs -------------------------------------------


def history_records() -> list[dict]:
    from composer.store.history import open_history

    with open_history() as history:
        return [{"finished": run.finished, "title": run.title} for run in history.runs()]


async def test_ctrl_q_asks_like_q_and_the_clock_waits(clock):
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settle(pilot, clock, 2)
        left = screen.engine.remaining()
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuit) and app.is_running
        assert screen.engine.paused
        # The time the question is open does not count.
        clock.now += 30
        screen._tick()
        await pilot.pause()
        assert screen.engine.remaining() == left
        # Asking again does not stack a second question.
        await pilot.press("ctrl+q")
        assert sum(isinstance(s, ConfirmQuit) for s in app.screen_stack) == 1
        await pilot.press("n")
        assert app.screen is screen and not screen.engine.paused
        assert screen.engine.remaining() == left
        assert history_records() == []
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    assert not app.is_running and app.return_value == 0
    [record] = history_records()
    assert record["finished"] is False and record["title"] == "Test run"


async def test_keep_going_leaves_a_paused_clock_paused(clock):
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("space")
        assert screen.engine.paused
        await pilot.press("ctrl+q", "escape")
        assert app.screen is screen and screen.engine.paused


async def test_ctrl_q_after_the_end_quits_at_once(clock):
    app = app_for(session(self_paced(), transition=0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # the check-in: no answers
        assert app.screen.engine.finished
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running and app.return_value == 0
    assert [r["finished"] for r in history_records()] == [True]


def composing(sess: Session):
    return make_app(session=sess, catalog=Catalog(), config=Config(sound=False))


async def test_ctrl_q_on_the_timer_opened_from_the_composer(clock):
    app = composing(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, RunScreen)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")
        assert isinstance(app.screen, RunScreen)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not any(isinstance(s, RunScreen) for s in app.screen_stack)
    assert not app.is_running
    assert [r["finished"] for r in history_records()] == [False]


async def test_stopping_then_asks_about_unsaved_changes(clock):
    from composer.ui.dialogs.confirm import UnsavedChanges
    from composer.ui.screens.composer import ComposerScreen

    app = composing(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        app.session.title = "Changed"
        await pilot.press("ctrl+r", "ctrl+q", "y")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges)
        assert isinstance(app.screen_stack[-2], ComposerScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ComposerScreen) and app.is_running
    assert [r["finished"] for r in history_records()] == [False]


async def test_seconds_on_time_run_on_one_timer(clock):
    """After a tick on the boundary, one timer ticks every second; a late
    tick, a pause or a key aligns it again with a one-off timer."""
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        clock.now += 2.006  # just after the boundary: 0:08 shows
        screen._on_timer()
        steady = screen._timer
        assert steady is not None and digits(screen) == "0:08"
        for shown in ("0:07", "0:06", "0:05"):
            clock.now += 1
            screen._on_second()
            assert screen._timer is steady and digits(screen) == shown
        clock.now += 1.2  # a second and a fifth late
        screen._on_second()
        assert screen._timer is not steady and digits(screen) == "0:04"
        assert screen._next_tick_s() == pytest.approx(0.8, abs=0.01)
        clock.now += 0.8
        screen._on_timer()  # on the boundary again: a new steady timer
        steady = screen._timer
        await pilot.press("space")
        assert screen.engine.paused and screen._timer is not steady
        screen._on_timer()  # paused: one timer looks in once a second
        paused = screen._timer
        clock.now += 1
        screen._on_second()
        assert screen._timer is paused and paused is not None
        await pilot.press("space")  # on again: aligned with a one-off timer
        assert not screen.engine.paused and screen._timer is not paused


async def test_real_seconds_make_one_timer_not_one_a_second(monkeypatch):
    """In real time, three seconds of the timer make one one-off timer and
    one repeating timer, not a new timer each second."""
    from composer.ui.screens import run

    # Only a tick half a second late (a stalled machine) aligns it again.
    monkeypatch.setattr(run, "_STEADY_LATE_S", 0.5)
    made: list[str] = []
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        set_timer, set_interval = screen.set_timer, screen.set_interval

        def one_off(*args, **kwargs):
            made.append("one-off")
            return set_timer(*args, **kwargs)

        def repeating(*args, **kwargs):
            made.append("repeating")
            return set_interval(*args, **kwargs)

        screen.set_timer, screen.set_interval = one_off, repeating
        screen._schedule()
        shown = [digits(screen)]
        deadline = time.monotonic() + 20
        while len(shown) < 4 and time.monotonic() < deadline:  # three real ticks
            await pilot.pause(0.05)
            if digits(screen) != shown[-1]:
                shown.append(digits(screen))
        assert len(shown) == 4, shown
        assert made == ["one-off", "repeating"]


async def test_the_timer_ticks_on_the_second_boundary(clock):
    """One tick a second, timed to when the shown second changes; paused,
    it only looks in once a second."""
    app = app_for(session(timed_each()))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settle(pilot, clock, 2.3)  # 7.7 s of the 10 s get-ready left
        assert digits(screen) == "0:08"
        assert screen._next_tick_s() == pytest.approx(0.7, abs=0.01)
        await settle(pilot, clock, 0.7)
        assert digits(screen) == "0:07"
        assert screen._next_tick_s() == pytest.approx(1.0, abs=0.01)
        await pilot.press("space")
        assert screen.engine.paused
        assert screen._next_tick_s() == pytest.approx(1.0, abs=0.01)
        assert screen._timer is not None  # one timer, re-armed by the key
