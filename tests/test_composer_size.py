"""The composer with a session too large to run: the total says so, in
words, and the timer is not opened; nothing builds the huge timeline."""

from __future__ import annotations

import time

from textual.widgets import Static

from composer.catalog.manager import load_catalog
from composer.format.reader import parse_session
from composer.run import timeline
from composer.ui.app import make_app
from composer.ui.screens.composer import ComposerScreen

from .test_size import HUGE

SIZE = (120, 40)


async def test_a_huge_session_shows_its_size_as_text_and_does_not_run(monkeypatch):
    built = []
    real = timeline.Timeline.__init__

    def counting(self, intervals):
        built.append(len(intervals))
        real(self, intervals)

    monkeypatch.setattr(timeline.Timeline, "__init__", counting)
    session = parse_session(HUGE, "huge.toml")
    app = make_app(catalog=load_catalog(), session=session)
    started = time.monotonic()
    async with app.run_test(size=SIZE) as pilot:
        total = str(app.screen.query_one("#total", Static).render())
        assert total == (
            "Too large to run: the session would last 1682 h (more than 24 h); "
            "the session would have 4,000,001 intervals (more than 20,000)"
        )
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert any("Too large to run" in n.message for n in app._notifications)
    assert built == []
    assert time.monotonic() - started < 30
