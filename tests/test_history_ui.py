"""The History screen, the check-in and the resume offer, driven by Pilot."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.command import CommandList
from textual.widgets import DataTable, Static

from composer.catalog.manager import Catalog
from composer.format.reader import load_session
from composer.format.writer import save_session
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.resume import load_state, plan_resume
from composer.store.config import Config
from composer.store.history import CheckIn, StepOutcome, open_history
from composer.ui.app import make_app
from composer.ui.dialogs.checkin import CheckInScreen
from composer.ui.dialogs.resume import ResumeOffer
from composer.ui.screens.composer import ComposerScreen
from composer.ui.screens.history import HistoryScreen
from composer.ui.screens.run import ConfirmQuit, RunScreen

from .conftest import FakeClock
from .test_history import a_run

SIZE = (110, 36)
NOW = datetime.now().astimezone()


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(RunScreen, "default_clock", staticmethod(fake))
    monkeypatch.setattr(CheckInScreen, "grace_s", 0.0)
    return fake


async def wait_for(pilot, condition, what: str = "condition") -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def settle(pilot, clock: FakeClock, seconds: float = 0) -> None:
    clock.now += seconds
    screen = pilot.app.screen
    if isinstance(screen, RunScreen):
        screen._tick()
    await pilot.pause()


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).visual)


def short_session(title: str = "Short one") -> Session:
    """get ready 2 · Bridge 10 s · get ready 2 · Clam 10 s."""
    return Session(
        title=title,
        defaults=SessionDefaults(transition_s=2),
        blocks=[
            Block(
                title="Main",
                steps=[
                    Step(exercise="gone/bridge", name="Bridge", dose=Dose(duration_s=10)),
                    Step(exercise="gone/clam", name="Clam", dose=Dose(duration_s=10)),
                ],
            )
        ],
    )


def config(**fields) -> Config:
    return Config(sound=False, **fields)


# -- the check-in -----------------------------------------------------------------------


async def run_to_the_end(pilot, clock) -> RunScreen:
    screen = pilot.app.screen
    assert isinstance(screen, RunScreen)
    await settle(pilot, clock, 2 + 10 + 2 + 10)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CheckInScreen), "the check-in")
    return screen


def the_run():
    with open_history() as history:
        [run] = history.runs()
        return run, history.run_steps(run.id)


async def test_check_in_one_key_per_answer(clock):
    app = make_app(session=short_session(), run=True, catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await run_to_the_end(pilot, clock)
        checkin = app.screen
        body = lambda: text(checkin, "#checkin-body")  # noqa: E731
        assert "▶ Where did you feel it?" in body()
        await pilot.press("g", "q", "l", "l")  # l twice: taken back
        assert "glutes, quads" in body()
        await pilot.press("enter")
        assert "▶ Effort" in body()
        await pilot.press("7")
        assert "▶ Pain" in body()
        await pilot.press("backspace")  # back to effort
        await pilot.press("8", "x")  # effort 8, pain 10
        assert "▶ Each step" in body() and "→ Bridge" in body()
        await pilot.press("e", "h")  # Bridge easy, Clam hard: the last step ends it
        await wait_for(pilot, lambda: not isinstance(app.screen, CheckInScreen))
        assert isinstance(app.screen, RunScreen)
        assert "Session complete" in text(app.screen, "#summary-title")
    run, steps = the_run()
    assert run.finished and run.checkin.felt == ["glutes", "quads"]
    assert (run.checkin.effort, run.checkin.pain) == (8, 10)
    assert [(s.name, s.rating, s.pain) for s in steps] == [
        ("Bridge", "easy", 10),
        ("Clam", "hard", 10),
    ]


async def test_check_in_nowhere_and_enter_leaves_questions_unanswered(clock):
    app = make_app(session=short_session(), run=True, catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await run_to_the_end(pilot, clock)
        await pilot.press("g", "n")  # nowhere replaces glutes and goes on
        await pilot.press("enter")  # no effort given
        await pilot.press("0")  # pain 0
        await pilot.press("space", "enter")  # pass Bridge, then finish
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))
    run, steps = the_run()
    assert run.checkin.felt == ["nowhere"]
    assert (run.checkin.effort, run.checkin.pain) == (None, 0)
    assert [s.rating for s in steps] == [None, None]


async def test_escape_skips_the_check_in_keeping_what_was_answered(clock):
    app = make_app(session=short_session(), run=True, catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await run_to_the_end(pilot, clock)
        await pilot.press("f", "enter", "3", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))
        await pilot.press("enter")  # closes the summary
    assert app.return_value == 0
    run, _steps = the_run()
    assert run.checkin.felt == ["hip flexors"] and run.checkin.effort == 3
    assert run.checkin.pain is None


async def test_escape_at_once_stores_no_check_in(clock):
    app = make_app(session=short_session(), run=True, catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await run_to_the_end(pilot, clock)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))
    run, _steps = the_run()
    assert run.checkin is None


async def test_keys_meant_for_the_timer_do_not_answer_the_check_in(clock, monkeypatch):
    monkeypatch.setattr(CheckInScreen, "grace_s", 3600.0)
    app = make_app(session=short_session(), run=True, catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await run_to_the_end(pilot, clock)
        await pilot.press("n", "n", "r", "enter")
        assert "▶ Where did you feel it?" in text(app.screen, "#checkin-body")
        await pilot.press("escape")
    run, _steps = the_run()
    assert run.checkin is None


async def test_stopping_early_asks_too_and_the_run_is_kept(clock):
    app = make_app(session=short_session(), run=True, catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, clock, 2 + 10 + 1)  # Bridge done, Clam's get-ready
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.press("n", "x")  # nowhere, effort 10, then Esc
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value == 0
    run, steps = the_run()
    assert not run.finished and run.checkin.effort == 10
    assert [(s.name, s.outcome) for s in steps] == [("Bridge", "completed")]


# -- resuming ---------------------------------------------------------------------------


async def stop_during_clam(tmp_path, clock):
    """Run the file, stop during Clam's work with 4 s left, and quit."""
    path = tmp_path / "short.toml"
    save_session(short_session(), path)
    app = make_app(
        path=path, session=load_session(path), run=True, catalog=Catalog(), config=config()
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, clock, 2 + 10 + 2 + 6)
        assert text(app.screen, "#name") == "Clam"
        await pilot.press("q", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.press("escape")
        await pilot.pause()
    return path


async def test_run_offers_to_resume_and_continues_where_it_stopped(tmp_path, clock):
    path = await stop_during_clam(tmp_path, clock)
    session = load_session(path)
    plan = plan_resume(path, session, asked=False)
    assert plan.offer
    app = make_app(
        path=path, session=session, run=True, catalog=Catalog(), config=config(), resume=plan
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeOffer), "the offer")
        offer = app.screen.query_one("#resume-dialog").query(Static)
        words = " ".join(str(s.visual) for s in offer)
        assert "Short one" in words and "Clam" in words and "20 s in" in words
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen), "the timer")
        screen = app.screen
        assert text(screen, "#name") == "Clam"
        assert screen.engine.paused and screen.engine.remaining() == pytest.approx(4)
        assert text(screen, "#kind").startswith("PAUSED")
        await pilot.press("space")
        await settle(pilot, clock, 4)
        await wait_for(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.press("escape")
        await pilot.pause()
    # One run in the history, not two; finished, with the time of both parts.
    with open_history() as history:
        [run] = history.runs()
    assert run.finished and run.done_s == pytest.approx(24, abs=0.2)
    assert (run.completed, run.partly, run.skipped) == (2, 0, 0)
    assert run.file == str(path.resolve())
    assert load_state(path) is None


async def test_start_over_keeps_the_interrupted_run_and_starts_fresh(tmp_path, clock):
    path = await stop_during_clam(tmp_path, clock)
    session = load_session(path)
    plan = plan_resume(path, session, asked=False)
    app = make_app(
        path=path, session=session, run=True, catalog=Catalog(), config=config(), resume=plan
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeOffer), "the offer")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen), "the timer")
        screen = app.screen
        assert screen.engine.index == 0 and not screen.engine.paused
        assert text(screen, "#name").startswith("Bridge")
        await settle(pilot, clock, 1)
        assert load_state(path).key != plan.state.key  # the new run's place
        with open_history() as history:
            [old] = history.runs()
        assert old.key == plan.state.key and not old.finished


async def test_resume_of_a_changed_file_says_so_and_starts_over(tmp_path, clock):
    path = await stop_during_clam(tmp_path, clock)
    session = load_session(path)
    session.title = "Renamed"
    save_session(session, path)
    plan = plan_resume(path, session, asked=True)
    app = make_app(
        path=path, session=session, run=True, catalog=Catalog(), config=config(), resume=plan
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen))
        assert app.screen.engine.index == 0
        messages = [n.message for n in app._notifications]
        assert any("changed since the run was interrupted" in m for m in messages)


# -- the History screen --------------------------------------------------------------------


@pytest.fixture
def seeded(tmp_path):
    there = tmp_path / "there.toml"
    save_session(short_session("Still here"), there)
    with open_history() as history:
        for weeks_ago in range(4):
            history.record_run(
                a_run(
                    f"w{weeks_ago}",
                    NOW - timedelta(weeks=weeks_ago, minutes=3),
                    done_s=600 + 60 * weeks_ago,
                )
            )
        run_id = history.record_run(
            a_run(
                "here", NOW - timedelta(minutes=2), file=str(there), title="Still here", done_s=90
            ),
            [StepOutcome(0, "gone/bridge", "Bridge", "completed", 12.0, 12.0)],
        )
        history.record_checkin(run_id, CheckIn(felt=["glutes"], effort=5, pain=1))
        history.record_run(
            a_run(
                "gone",
                NOW - timedelta(minutes=1),
                file=str(tmp_path / "gone.toml"),
                title="Gone [b]x",
            )
        )
    return there


async def test_history_screen_lists_runs_weeks_and_sessions(seeded, clock):
    app = make_app(catalog=Catalog(), config=config(streaks=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#runs", DataTable)
        assert table.row_count == 6
        assert str(table.get_row_at(0)[1]) == "Gone [b]x"  # newest first, shown literally
        effort, pain, felt = (str(cell) for cell in table.get_row_at(1)[6:])
        assert (effort, pain, felt) == ("5", "1", "glutes")
        totals = text(screen, "#history-totals")
        assert totals.startswith("6 runs (6 finished)") and "week streak: 4 weeks" in totals
        # Minutes, six rows of columns, days, months: one column a week for 12 weeks.
        chart = text(screen, "#history-chart").splitlines()
        assert len(chart) == 9 and all(len(line) == 60 for line in chart[1:7])
        assert chart[0].split()[-4:] == ["13", "12", "11", "22"]  # this week: 10 + 1.5 + 10
        assert chart[6].split() == ["███"] * 4  # the bottom row: four weeks with runs
        assert chart[1].split() == ["███"]  # the tallest reaches the top
        sessions = text(screen, "#history-sessions")
        assert "4× Wake-up" in sessions and "1× Still here" in sessions
        # The highlighted run's file; a file that is gone cannot run again.
        assert "no longer there" in text(screen, "#history-selected")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert any("no longer there" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, ComposerScreen)


async def test_enter_runs_a_past_session_again_and_the_new_run_shows(seeded, clock):
    app = make_app(catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert "streak" not in text(screen, "#history-totals")
        await pilot.press("down")  # "Still here"
        assert str(seeded) in text(screen, "#history-selected")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen), "the timer")
        assert app.screen.session.title == "Still here"
        await pilot.press("q", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        table = app.screen.query_one("#runs", DataTable)
        assert table.row_count == 7
        assert str(table.get_row_at(0)[1]) == "Still here"


async def test_history_from_the_command_palette(seeded):
    app = make_app(catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"history")

        def offered() -> bool:
            found = app.screen.query(CommandList)
            return (
                bool(found)
                and found.first().option_count > 0
                and "History" in str(found.first().get_option_at_index(0).prompt)
            )

        await wait_for(pilot, offered, "the command")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")


async def test_history_screen_with_no_runs():
    app = make_app(catalog=Catalog(), config=config())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert screen.query_one("#runs", DataTable).row_count == 0
        assert "No runs yet" in text(screen, "#history-selected")
        await pilot.press("enter")  # nothing to run: nothing happens
        assert isinstance(app.screen, HistoryScreen)


async def test_the_app_quitting_during_a_run_keeps_it(tmp_path, clock):
    path = tmp_path / "short.toml"
    save_session(short_session(), path)
    app = make_app(
        path=path, session=load_session(path), run=True, catalog=Catalog(), config=config()
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, clock, 2 + 10 + 2 + 3)
        app.exit()
        await pilot.pause()
    run, steps = the_run()
    assert not run.finished and [s.outcome for s in steps] == ["completed", "partly"]
    assert load_state(path).engine["index"] == run_index_of_clam()


def run_index_of_clam() -> int:
    from composer.run.timeline import compile_timeline

    timeline = compile_timeline(short_session())
    return next(i for i, x in enumerate(timeline.intervals) if x.name == "Clam" and x.kind.is_work)
