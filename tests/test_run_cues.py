"""The run screen's cues: wait for the user at each get-ready, notifications,
plugin cues, and digits sized to the terminal."""

from __future__ import annotations

import sys
import time

import pytest

from composer import hookimpl
from composer.catalog.manager import Catalog
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.screens.run import RunScreen
from composer.ui.widgets.big_clock import BigClock, best_scale, big_digit_lines

from .conftest import glute_command
from .test_run_screen import digits, settle, text


def plank(transition: float = 10) -> Session:
    return Session(
        title="Cues",
        defaults=SessionDefaults(transition_s=transition),
        blocks=[
            Block(
                title="Main",
                steps=[Step(exercise="gone/plank", name="Plank", dose=Dose(duration_s=30))],
            )
        ],
    )


def app_for(sess: Session, catalog: Catalog | None = None, **config):
    config.setdefault("sound", False)
    return make_app(session=sess, run=True, catalog=catalog or Catalog(), config=Config(**config))


async def test_wait_holds_the_get_ready_until_space(clock):
    app = app_for(plank(), wait=True)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = app.screen
        assert text(screen, "#kind") == "GET READY · press space when you are ready"
        await settle(pilot, clock, 120)
        assert digits(screen) == "0:10" and screen.engine.held
        await pilot.press("space")
        assert text(screen, "#kind") == "GET READY"
        await settle(pilot, clock, 4)
        assert digits(screen) == "0:06"
        await settle(pilot, clock, 6)
        assert text(screen, "#kind") == "WORK" and digits(screen) == "0:30"
        # The deadline chain started from the release: no drift.
        assert screen.engine.deadline == 100 + 120 + 10 + 30


async def test_wait_from_the_command_line_is_not_saved(clock):
    config = Config(sound=False)
    config.command_line["wait"] = True
    app = make_app(session=plank(), run=True, catalog=Catalog(), config=config)
    async with app.run_test(size=(100, 34)):
        assert app.screen.engine.held


async def test_notifications_are_written_to_the_terminal(clock, monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    app = app_for(plank(transition=4), notify=True)
    written: list[str] = []
    async with app.run_test(size=(100, 34)) as pilot:
        app.write_escape = written.append
        await settle(pilot, clock, 4)
        await settle(pilot, clock, 30)
    assert "\x1b]777;notify;Glute Composer;WORK: Plank\x07" in written[0]
    assert "\x1b]9;Glute Composer: Session complete\x07" in written[-1]


async def test_plugin_cues_reach_plugins_and_a_raising_one_is_shown(clock, monkeypatch):
    got = []
    shown = []
    # Patched before the screen exists: its own timer may show a report first.
    monkeypatch.setattr(RunScreen, "notify", lambda self, message, **kw: shown.append(message))

    class Lamp:
        @hookimpl
        def composer_cue(self, event):
            got.append((event.kind, event.interval))

    class Broken:
        @hookimpl
        def composer_cue(self, event):
            raise ValueError("no bulb")

    catalog = Catalog()
    catalog.register_module("lamp", Lamp())
    catalog.register_module("broken", Broken())
    app = app_for(plank(transition=4), catalog=catalog)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = app.screen
        await settle(pilot, clock, 4)
        assert screen.cues.wait(10)
        deadline = time.monotonic() + 10  # the report crosses from the plugin's thread
        while not shown and time.monotonic() < deadline:
            await settle(pilot, clock, 0)
        assert ("start", "work") in got and got[0] == ("start", "get-ready")
        assert shown == ["plugin 'broken': composer_cue raised ValueError: no bulb"]


@pytest.mark.parametrize(("size", "scale"), [((80, 24), 0), ((120, 36), 3), ((200, 60), 7)])
async def test_the_clock_uses_the_largest_digits_that_fit(clock, size, scale):
    app = app_for(plank())
    async with app.run_test(size=size):
        big = app.screen.query_one("#clock", BigClock)
        assert big.scale == scale
        assert big.scale == 0 or big.scale * 5 <= big.content_size.height


def test_big_digit_font():
    assert big_digit_lines("1:0", 1) == [
        "  ██        ██████",
        "████    ██  ██  ██",
        "  ██        ██  ██",
        "  ██    ██  ██  ██",
        "██████      ██████",
    ]
    assert len(big_digit_lines("0:30", 3)) == 15
    assert big_digit_lines("1.5", 1) is None
    assert best_scale("0:30", 26, 5) == 1 and best_scale("0:30", 25, 5) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_glute_run_notify_writes_osc_9_and_777_to_the_terminal(tmp_path, glute_env):
    from .pty_terminal import PseudoTerminal

    path = tmp_path / "s.toml"
    path.write_text(
        'schema_version = 1\ntitle = "Pty"\n[defaults]\ntransition_s = 2\n'
        '[[blocks]]\n[[blocks.steps]]\nexercise = "gone/plank"\nname = "Plank"\nduration_s = 60\n'
    )
    env = {**glute_env, "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    with PseudoTerminal([*glute_command(), "run", "--notify", str(path)], env) as term:
        term.wait_for_text("notify;Glute Composer;WORK: Plank\x07")
        out = term.output
        assert b"\x1b]9;Glute Composer: Get ready: Plank\x07" in out
        assert b"\x1b]777;notify;Glute Composer;Get ready: Plank\x07" in out
        term.send(b"q")
        term.wait_for_text("Stop this session?")
        term.send(b"y")
        term.wait_for_text("How did it go?")
        # Esc until the check-in takes it (it ignores keys at first).
        assert term.finish(then=b"\x1b") == 0
