"""`BigClock`: the timer's digits at the largest size that fits.

Where there is little room it draws like Textual's `Digits` (three rows);
with more, a block font five rows tall, scaled up by whole steps while it
still fits, so the time reads from across the room on a big terminal. It is
a `Digits`, so `value` and `update()` work the same.

It is drawn once a second, so drawing is cheap: the lines of the block font
are made once per value and size and kept as strips, and an update repaints
only the cells of the glyph rows that changed (the clock's size is fixed by
CSS, so an update is never a new layout). Where its box is plain (no border,
padding, tint or opacity) the strips go to the screen as they are, instead
of line by line through Textual's style cache, which would give the same.
"""

from __future__ import annotations

from functools import lru_cache

from rich.align import Align
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.widgets import Digits

__all__ = ["BigClock", "big_digit_lines"]

# Each glyph on a grid of "pixels", three wide (the colon one) and five tall.
_FONT = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", " ##", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
}
ROWS = 5
# Strips kept by their text: a few seconds' worth of glyph rows.
_MAX_MADE = 256
# A pixel is twice as wide as it is tall (terminal cells are tall), and glyphs
# are one pixel apart.
_PIXEL_WIDTH = 2


def _units(text: str) -> int:
    """Width of `text` in pixels, gaps included."""
    return sum(len(_FONT[char][0]) for char in text) + max(0, len(text) - 1)


def big_digit_lines(text: str, scale: int) -> list[str] | None:
    """`text` in the block font, `scale` times five rows tall; None when a
    character has no glyph."""
    if not text or any(char not in _FONT for char in text):
        return None
    rows = _glyph_rows(text, scale)
    return [line for line in rows for _ in range(scale)]


@lru_cache(maxsize=64)
def _glyph_row(char: str, row: int, scale: int) -> str:
    return "".join(
        ("█" if cell == "#" else " ") * (_PIXEL_WIDTH * scale) for cell in _FONT[char][row]
    )


def _glyph_rows(text: str, scale: int) -> list[str]:
    """The five rows of `text` (one pixel tall each), glyphs one pixel apart."""
    gap = " " * (_PIXEL_WIDTH * scale)
    return [gap.join(_glyph_row(char, row, scale) for char in text) for row in range(ROWS)]


def best_scale(text: str, width: int, height: int) -> int:
    """The largest scale of the block font that fits, 0 when none does."""
    if not text or any(char not in _FONT for char in text):
        return 0
    by_width = width // (_units(text) * _PIXEL_WIDTH)
    by_height = height // ROWS
    return max(0, min(by_width, by_height))


class BigClock(Digits):
    """Digits that grow to fill their region (give it a size, e.g. 1fr)."""

    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: 1fr;
        text-align: center;
    }
    """

    def __init__(self, value: str = "", **kwargs) -> None:
        super().__init__(value, **kwargs)
        # What is drawn: (key, value, lines as text, strips). The key is
        # everything the drawing depends on but the value: size, style, scale.
        self._drawn: tuple[tuple, str, list[str], list[Strip]] | None = None
        # Lines made by update(), and strips by their text, kept for reuse.
        self._pending: tuple[tuple, str, list[str]] | None = None
        self._made: dict[str, Strip] = {}
        # Whether the last frame was drawn without Textual's style cache.
        self._bypassed = False
        # The styles' version, rich_style, whether the box is plain, the
        # background: until the styles change.
        self._styled: tuple[tuple[int, ...], Style, bool, Color] | None = None

    def update(self, value: str) -> None:
        """Show `value`; the region's size is set by CSS, so no new layout,
        and only the glyph rows and columns that change are repainted."""
        if value == self.value:
            return
        self._value = value
        drawn = self._drawn
        size = self.content_size
        scale = best_scale(value, size.width - 2, size.height)
        if drawn is None or drawn[0][:2] != size or drawn[0][3] != scale:
            self.refresh()  # another size or scale: draw it all
            return
        key = drawn[0]  # a new style comes with a refresh of its own
        lines = self._lines(key)
        self._pending = (key, value, lines)  # for render_lines, soon after
        changed = _changed_regions(drawn[2], lines)
        if changed is None:
            self.refresh()
        elif changed:
            self.refresh(*changed)

    @property
    def scale(self) -> int:
        """0: Textual's three-row digits; n: the five-row font, n times."""
        size = self.content_size
        return best_scale(self.value, size.width - 2, size.height)

    def render(self):
        # The three-row digits, where the block font does not fit.
        height = self.content_size.height
        style = self.rich_style
        body = DigitsRenderable(self.value, style)
        return Align(body, "center", style, vertical="middle", height=max(1, height))

    def _key(self) -> tuple:
        size = self.content_size
        scale = best_scale(self.value, size.width - 2, size.height)
        styled = self._styled
        # The style depends on the nodes above too (their backgrounds): it
        # is kept while no style of the clock or above it changes (CSS, a
        # class, a theme, or set in code).
        version = tuple(node.styles._cache_key for node in self.ancestors_with_self)
        if styled is None or styled[0] != version:
            styled = self._styled = (
                version,
                self.rich_style,
                self._plain_box(),
                self.background_colors[1],
            )
        return (size.width, size.height, styled[1], scale)

    def notify_style_update(self) -> None:
        self._styled = None
        super().notify_style_update()

    def _lines(self, key: tuple) -> list[str]:
        """The content lines of the block font, centred in the content area."""
        width, height, _style, scale = key
        rows = _glyph_rows(self.value, scale)
        text_width = len(rows[0])
        left = max(0, (width - text_width) // 2)
        right = max(0, width - text_width - left)
        blank = " " * width
        top = max(0, (height - ROWS * scale) // 2)
        lines = [blank] * top
        for row in rows:
            lines.extend([" " * left + row + " " * right] * scale)
        lines.extend([blank] * max(0, height - len(lines)))
        return lines[:height]

    def render_lines(self, crop: Region) -> list[Strip]:
        # The lines to draw are made here, once per frame, not once per line.
        key = self._key()
        drawn = self._drawn
        if key[3] == 0:
            drawn = self._drawn = None  # Textual's three-row digits, below
        elif drawn is None or drawn[0] != key or drawn[1] != self.value:
            pending = self._pending
            if pending is not None and pending[0] == key and pending[1] == self.value:
                lines = pending[2]  # made by update() to find what changed
            else:
                lines = self._lines(key)
            self._pending = None
            made = self._made
            if drawn is None or drawn[0] != key or len(made) > _MAX_MADE:
                made.clear()  # strips of another size or style
            style: Style = key[2]
            strips = [
                made.get(line) or made.setdefault(line, _strip(line, style)) for line in lines
            ]
            drawn = self._drawn = (key, self.value, lines, strips)
        styled = self._styled
        if (
            drawn is None
            or styled is None
            or not styled[2]
            or self._border_title is not None
            or self._border_subtitle is not None
        ):
            if self._bypassed:
                # Lines kept by Textual's cache were not updated meanwhile.
                self._styles_cache.clear()
                self._bypassed = False
            return super().render_lines(crop)
        # A plain box (no border, padding, tint or opacity): the strips are
        # what Textual's style cache would make of them; give them as they
        # are, filtered, instead of going through it line by line.
        self._bypassed = True
        strips = drawn[3][crop.y : crop.bottom]
        filters = self.get_line_filters()
        if filters:
            background = styled[3]
            for line_filter in filters:
                strips = [strip.apply_filter(line_filter, background) for strip in strips]
        if crop.column_span != (0, key[0]):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _plain_box(self) -> bool:
        """Nothing in the styles that Textual's style cache would add to
        the content lines: border, outline, padding, tint, opacity, hatch
        (border titles are checked at each frame)."""
        styles = self.styles
        return (
            not any(edge for edge, _color in styles.border)
            and not any(edge for edge, _color in styles.outline)
            and not any(styles.padding)
            and not styles.tint.a
            and self.opacity == 1.0
            and styles.text_opacity == 1.0
            and not styles.has_rule("hatch")
        )

    def render_line(self, y: int) -> Strip:
        drawn = self._drawn
        if drawn is None:
            return super().render_line(y)
        strips = drawn[3]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(drawn[0][0], drawn[0][2])

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(3, container.height)


def _strip(line: str, style: Style) -> Strip:
    return Strip([Segment(line, style)], len(line))


def _changed_regions(old: list[str], new: list[str]) -> list[Region] | None:
    """Where `new` differs from `old`: for each run of lines that change in
    the same columns, one region of those columns (rows of a glyph that
    stay the same, as the bottom bar of 3 and 5, are left out); None when
    the whole drawing moved (another size or length)."""
    if len(old) != len(new) or not old or len(old[0]) != len(new[0]):
        return None
    regions: list[Region] = []
    run: tuple[int, int] | None = None  # the columns of the lines in the run
    top = 0
    spans: dict[tuple[str, str], tuple[int, int]] = {}  # each glyph row is `scale` lines
    for y, (before, after) in enumerate(zip(old, new, strict=True)):
        span = None
        if before != after:
            span = spans.get((before, after))
            if span is None:
                span = spans[before, after] = _differing_columns(before, after)
        if span != run:
            if run is not None:
                regions.append(Region(run[0], top, run[1] - run[0], y - top))
            run, top = span, y
    if run is not None:
        regions.append(Region(run[0], top, run[1] - run[0], len(new) - top))
    return regions


def _differing_columns(before: str, after: str) -> tuple[int, int]:
    """The columns from the first to the last that differ between two
    different lines of the same length."""
    start = 0
    while before[start] == after[start]:
        start += 1
    end = len(after)
    while before[end - 1] == after[end - 1]:
        end -= 1
    return start, end
