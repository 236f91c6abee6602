"""Nothing is cut at 80 × 24 or 120 × 36: the footer's keys fit beside the
palette key in every focus of the composer and on the timer, and step
numbers run through the session as in `glute show`."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from composer.catalog.manager import Catalog, load_catalog
from composer.cli.show import render_plan
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.screens.run import RunScreen

SIZES = [(80, 24), (120, 36)]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def session() -> Session:
    return Session(
        title="Two blocks",
        blocks=[
            Block(title="A", steps=[Step(exercise="activation/clamshell")]),
            Block(
                title="B",
                steps=[
                    Step(exercise="stability/glute-bridge"),
                    Step(exercise="rolling/glute-ball-roll"),
                ],
            ),
        ],
    )


def assert_footer_fits(screen) -> list[str]:
    footer = screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    assert keys, "the footer shows keys"
    palette = [k for k in keys if k.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    assert footer.virtual_size.width <= footer.size.width
    for key in keys:
        if key in palette:
            continue
        assert key.region.right <= right, (key.description, key.region, right)
    return [key.description for key in keys]


@pytest.mark.parametrize("size", SIZES)
async def test_composer_footer_fits_in_every_focus(catalog, size):
    app = make_app(catalog=catalog, session=session())
    async with app.run_test(size=size) as pilot:
        seen = []
        for _ in range(4):  # filter, library, session, details
            await pilot.pause()
            seen.append(assert_footer_fits(app.screen))
            await pilot.press("tab")
        assert "Add" in seen[1] and "Edit" in seen[2] and "Undo" in seen[2]


@pytest.mark.parametrize("size", SIZES)
async def test_timer_footer_and_time_left_fit(size, monkeypatch):
    monkeypatch.setattr(RunScreen, "default_clock", staticmethod(lambda: 50.0))
    sess = Session(
        title="Long",
        defaults=SessionDefaults(transition_s=5),
        blocks=[Block(steps=[Step(exercise="gone/a", name="A", dose=Dose(reps=600, sets=6))])],
    )
    app = make_app(session=sess, run=True, catalog=Catalog(), config=Config(sound=False))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        described = assert_footer_fits(app.screen)
        assert {"Pause", "Next", "Back", "Quit"} <= set(described)
        left = app.screen.query_one("#left")
        assert str(left.visual).startswith("about ")
        assert len(str(left.visual)) <= left.content_region.width


async def test_step_numbers_run_through_the_session_as_in_glute_show(catalog):
    app = make_app(catalog=catalog, session=session())
    async with app.run_test(size=(120, 36)):
        rows = [str(o.prompt) for o in app.screen.editor.step_list.options]
    numbered = [row.split(".")[0].strip() for row in rows if row.startswith("  ")]
    assert numbered == ["1", "2", "3"]
    plan = render_plan(session(), catalog)
    assert "     3  Glute ball roll" in plan


async def test_timer_from_the_composer_looks_as_it_does_alone(catalog):
    # The composer's styles for its own #main and #detail must not reach the
    # timer's panes of the same ids (a border there cut the counters).
    app = make_app(catalog=catalog, session=session(), config=Config(sound=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        screen = app.screen
        assert isinstance(screen, RunScreen)
        detail = screen.query_one("#detail")
        assert detail.styles.border_top[0] in ("", "none")
        assert detail.styles.height.is_auto
