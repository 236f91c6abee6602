"""The big clock on its own: the block font while it fits, Textual's
three-row digits when it does not, and its kept style never out of date."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget

from composer.ui.widgets.big_clock import BigClock, best_scale


class ClockApp(App):
    CSS = """
    BigClock { width: 30; height: 8; }
    Screen.-shade { background: red; }
    """

    def compose(self) -> ComposeResult:
        yield BigClock("9:59")


def screen_text(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_when_the_block_font_stops_fitting_the_digits_take_over():
    # 28 columns inside: "9:59" fits the block font once, "10:00" does not.
    assert best_scale("9:59", 28, 8) == 1 and best_scale("10:00", 28, 8) == 0
    app = ClockApp()
    async with app.run_test(size=(40, 10)) as pilot:
        big = app.query_one(BigClock)
        await pilot.pause()
        assert "█" in screen_text(app)
        full = Region(0, 0, *big.size)
        big.update("10:00")
        # The first frame drawn after the change: Textual's digits, not
        # the block font's drawing of the value before.
        lines = [strip.text for strip in big.render_lines(full)]
        assert "█" not in "".join(lines) and "╮" in "".join(lines)
        big._styles_cache.clear()
        assert lines == [strip.text for strip in Widget.render_lines(big, full)]
        await pilot.pause()
        assert "█" not in screen_text(app)
        big.update("9:58")
        await pilot.pause()
        assert "█" in screen_text(app)


async def test_a_style_change_above_the_clock_reaches_its_kept_style():
    """A class on the screen, or a style set on it in code, changes the
    background the clock is drawn on, though none of the clock's own
    styles change."""
    app = ClockApp()
    async with app.run_test(size=(40, 10)) as pilot:
        big = app.query_one(BigClock)
        await pilot.pause()
        before = big._key()[2]
        assert before == big.rich_style
        app.screen.add_class("-shade")
        await pilot.pause()
        assert big._key()[2] == big.rich_style != before
        app.screen.remove_class("-shade")
        await pilot.pause()
        assert big._key()[2] == big.rich_style == before
        app.screen.styles.background = "blue"  # set in code: nothing tells the clock
        await pilot.pause()
        assert big._key()[2] == big.rich_style != before
