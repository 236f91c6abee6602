"""The timer repaints little once a second, and what it repaints adds up to
the whole screen: the partial updates written to the terminal, applied one
after another, always give what a full redraw shows."""

from __future__ import annotations

from rich.segment import ControlType, Segment
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region

from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.ui.widgets.big_clock import BigClock

from .test_run_screen import SIZE, app_for

Cell = tuple[str, object]


def _cells(strips) -> list[list[Cell]]:
    rows = []
    for strip in strips:
        row: list[Cell] = []
        for segment in strip:
            row.extend((char, segment.style) for char in segment.text)
        rows.append(row)
    return rows


def _full(screen) -> list[list[Cell]]:
    """The whole screen drawn afresh, from no line kept from before."""
    for widget in screen.walk_children(with_self=True):
        widget._styles_cache.clear()
    return _cells(screen._compositor.render_strips())


def _apply(screen: list[list[Cell]], segments: list[Segment]) -> None:
    """Write `segments` (text and cursor moves) onto `screen`."""
    x = y = 0
    for segment in segments:
        if segment.control:
            for control in segment.control:
                if control[0] is ControlType.CURSOR_MOVE_TO:
                    x, y = control[1], control[2]
            continue
        for char in segment.text:
            if char == "\n":
                continue
            screen[y][x] = (char, segment.style)
            x += 1


def _session() -> Session:
    return Session(
        title="Repaint",
        defaults=SessionDefaults(transition_s=5),
        blocks=[
            Block(
                title="Block",
                rounds=2,
                rest_s=4,
                steps=[
                    Step(
                        exercise="gone/squeeze",
                        name="Squeeze",
                        dose=Dose(sets=2, reps=3, hold_s=3, relax_s=2, sides="each", switch_s=3),
                    ),
                    Step(exercise="gone/plank", name="Plank", dose=Dose(duration_s=12)),
                ],
            )
        ],
    )


async def test_partial_updates_add_up_to_the_full_screen(clock):
    app = app_for(_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        updates: list[object] = []
        display = app._display

        def capture(on_screen, renderable) -> None:
            if on_screen is app.screen and renderable is not None:
                updates.append(renderable)
            display(on_screen, renderable)

        app._display = capture  # type: ignore[method-assign]
        shown = _cells(screen._compositor.render_strips())
        partial = 0
        for second in range(150):
            clock.now += 1
            screen._tick()
            if second == 40:
                await pilot.press("space")  # paused, then on again
                await pilot.press("space")
            await pilot.pause()
            for update in updates:
                if isinstance(update, LayoutUpdate):
                    shown = _cells(screen._compositor.render_strips())
                elif isinstance(update, ChopsUpdate):
                    partial += 1
                    _apply(shown, list(update.__rich_console__(app.console, app.console.options)))
            updates.clear()
            assert shown == _full(screen), f"after {second + 1} s"
        assert partial > 100  # most seconds are partial updates


async def test_a_new_second_repaints_only_the_digits_that_change(clock):
    app = app_for(_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        big = app.screen.query_one("#clock", BigClock)
        assert big.value == "0:05" and big.scale > 0
        big.update("0:04")
        regions = list(big._repaint_regions)
        union = Region.from_union(regions)
        assert 0 < union.width < big.size.width // 3
        # 5 and 4 share their middle rows ("###" then "  #"): those lines
        # are left out, the three other glyph rows are repainted.
        assert sum(region.height for region in regions) == 3 * big.scale


async def test_a_second_draws_the_clock_and_few_containers_only(clock, monkeypatch):
    """Textual draws again every widget whose container overlaps what
    changed: a second that changes only the clock draws the clock, the
    screen and the screen's few other children, nothing within them."""
    from textual.widget import Widget

    session = Session(
        title="Long plank",
        blocks=[
            Block(steps=[Step(exercise="gone/plank", name="Plank", dose=Dose(duration_s=600))])
        ],
    )
    app = app_for(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(12):  # into the plank
            clock.now += 1
            screen._tick()
            await pilot.pause()
        drawn: list[Widget] = []

        def spy_on(cls) -> None:
            render_lines = cls.render_lines

            def spy(self, crop):
                drawn.append(self)
                return render_lines(self, crop)

            monkeypatch.setattr(cls, "render_lines", spy)

        spy_on(Widget)
        spy_on(BigClock)  # it draws its lines itself
        for _ in range(20):  # 20 s of the same minute left
            clock.now += 1
            screen._tick()
            await pilot.pause()
        monkeypatch.undo()
        assert drawn, "nothing was drawn in 20 s"
        allowed = {screen, *screen.children}
        assert {screen.query_one("#clock"), screen} <= set(drawn)
        assert set(drawn) <= allowed, sorted(str(w) for w in set(drawn) - allowed)
        assert len(screen.children) <= 4


async def test_the_clock_draws_what_textuals_style_cache_would(clock):
    """The clock gives its strips to the compositor without Textual's style
    cache where nothing in its styles would change them: cell for cell the
    same as the cache draws, whatever the state, theme or crop."""
    from textual.widget import Widget

    app = app_for(_session())
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        big = screen.query_one("#clock", BigClock)

        def same_as_textual(state: str) -> None:
            assert big._key()[2] == big.rich_style, state  # the kept style is current
            width, height = big.size
            for crop in (Region(0, 0, width, height), Region(3, 1, width - 10, height - 2)):
                fast = big.render_lines(crop)
                assert big._bypassed, state
                big._styles_cache.clear()
                assert _cells(fast) == _cells(Widget.render_lines(big, crop)), state

        await pilot.pause()
        assert big.scale > 0
        same_as_textual("get ready")
        for _ in range(3):
            clock.now += 1
            screen._tick()
            await pilot.pause()
        assert big.has_class("-last")
        same_as_textual("the last three seconds")
        await pilot.press("space")
        await pilot.pause()
        same_as_textual("paused")
        app.theme = "textual-light"
        await pilot.pause()
        same_as_textual("another theme")

        # With a border the style cache has work to do: the clock goes
        # through it again, from lines drawn afresh.
        big.styles.border = ("heavy", "red")
        await pilot.pause()
        full = Region(0, 0, *big.size)
        lines = big.render_lines(full)
        assert not big._bypassed
        big._styles_cache.clear()
        assert _cells(lines) == _cells(Widget.render_lines(big, full))
        assert "┃" in "".join(char for char, _style in _cells(lines)[1])
