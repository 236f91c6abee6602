"""The composer's hints panel, driven with keys: F2 shows the advice for
the session, Enter applies the highlighted hint as an ordinary edit, and
the hints follow every edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from composer.catalog.manager import load_catalog
from composer.model import Block, Dose, Session, Step
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.screens.composer import ComposerScreen
from composer.ui.widgets.hints import HintsPanel

SIZE = (120, 40)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(plugins_dir=Path("/nonexistent"), only="")


def _session() -> Session:
    """A short stretch before activation, and bridges with no cool down."""
    return Session(
        title="Hinted",
        blocks=[
            Block(
                title="Work",
                steps=[
                    Step(exercise="stretch/supine-psoas-stretch", dose=Dose(duration_s=10)),
                    Step(exercise="activation/clamshell"),
                    Step(exercise="stability/glute-bridge"),
                ],
            )
        ],
    )


def _app(catalog, session):
    return make_app(catalog=catalog, session=session, config=Config())


def _hint_rows(app) -> list[str]:
    hint_list = app.screen.query_one("#hint-list", OptionList)
    return [str(option.prompt) for option in hint_list.options]


async def test_f4_shows_the_hints_and_enter_applies_one(catalog):
    app = _app(catalog, _session())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ComposerScreen)
        panel = screen.query_one(HintsPanel)
        assert not panel.display and not panel.shown
        assert not screen.dirty
        await pilot.press("f4")
        assert panel.shown and panel.region.height > 0
        rows = _hint_rows(app)
        assert len(rows) == 2, rows
        assert rows[0].startswith('✎ block "Work": nothing is stretched after Glute bridge')
        assert rows[1].startswith("✎ blocks[1].steps[1]: a 10 s hold of Supine psoas stretch")
        assert str(panel.border_title) == "Hints (2)"
        # The highlighted hint in full in the detail pane.
        await pilot.press("down")
        detail = str(screen.query_one("#detail-text", Static).render())
        assert "Source: Bandy & Irion 1994" in detail
        assert "Enter: set the hold to 30 s at blocks[1].steps[1]" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.blocks[0].steps[0].dose.duration_s == 30
        assert screen.dirty
        assert "modified" in app.sub_title
        rows = _hint_rows(app)
        assert len(rows) == 1 and "nothing is stretched" in rows[0]
        # The cool-down hint adds a block at the end.
        await pilot.press("enter")
        await pilot.pause()
        assert [b.title for b in app.session.blocks] == ["Work", "Cool down"]
        assert _hint_rows(app) == ["No advice: the session follows the protocol."]
        assert str(panel.border_title) == "Hints"
        # The session editor highlights the new step.
        assert screen.editor.position is not None and screen.editor.position.block == 1
        await pilot.press("f4")
        assert not panel.shown
        assert screen.editor.step_list.has_focus


async def test_hints_follow_edits_made_elsewhere(catalog):
    app = _app(catalog, _session())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("f4")
        assert len(_hint_rows(app)) == 2
        # Remove the short stretch from the session editor: its hint goes.
        screen.editor.step_list.focus()
        screen.editor.step_list.highlighted = 1
        await pilot.press("x")
        await pilot.pause()
        rows = _hint_rows(app)
        assert len(rows) == 1 and "nothing is stretched" in rows[0]


async def test_hints_from_history(catalog, monkeypatch):
    class History:
        closed = False

        def step_outcomes(self, exercise_id, limit):
            if exercise_id == "stability/glute-bridge":
                return [_Outcome("easy")] * 3
            return []

        def close(self):
            History.closed = True

    class _Outcome:
        def __init__(self, rating):
            self.exercise_id = "stability/glute-bridge"
            self.rating, self.pain, self.felt, self.outcome = rating, None, [], "completed"

    monkeypatch.setattr("composer.ui.widgets.hints.open_history", lambda report: History())
    session = _session()
    session.blocks[0].steps[0].dose = Dose(duration_s=30)
    session.blocks.append(Block(title="Cool down", steps=[Step(exercise="cooldown/childs-pose")]))
    app = _app(catalog, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        rows = _hint_rows(app)
        assert len(rows) == 1 and "Glute bridge was easy in 3 of its last 3 runs" in rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert (
            app.session.blocks[0].steps[2].exercise
            == catalog.harder(catalog.get("stability/glute-bridge"))[0].full_id
        )
    assert History.closed


async def test_a_hint_without_an_edit_changes_nothing(catalog):
    session = Session(
        blocks=[
            Block(
                title="A",
                steps=[
                    Step(exercise="activation/fire-hydrant", dose=Dose(sides="both")),
                    Step(exercise="activation/fire-hydrant", dose=Dose(sides="both")),
                    Step(exercise="activation/fire-hydrant", dose=Dose(sides="both")),
                ],
            )
        ]
    )
    app = _app(catalog, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        rows = _hint_rows(app)
        assert len(rows) == 1 and rows[0].startswith("· blocks[1].steps[3]")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.dirty
