"""`BigClock`: the timer's digits at the largest size that fits.

Where there is little room it draws like Textual's `Digits` (three rows);
with more, a block font five rows tall, scaled up by whole steps while it
still fits, so the time reads from across the room on a big terminal. It is
a `Digits`, so `value` and `update()` work the same.

It is drawn once a second, so drawing is cheap: the lines of the block font
are made once per value and size and kept as strips, and an update repaints
only the cells of the glyph rows that changed (the clock's size is fixed by
CSS, so an update is never a new layout).
"""

from __future__ import annotations

from functools import lru_cache

from rich.align import Align
from rich.segment import Segment
from rich.style import Style
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
        changed = _changed_regions(drawn[2], self._lines(key))
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
        return (size.width, size.height, self.rich_style, self.scale)

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
        if key[3] == 0:
            self._drawn = None
        elif self._drawn is None or self._drawn[0] != key or self._drawn[1] != self.value:
            lines = self._lines(key)
            style: Style = key[2]
            made: dict[str, Strip] = {}
            strips = [
                made.get(line) or made.setdefault(line, _strip(line, style)) for line in lines
            ]
            self._drawn = (key, self.value, lines, strips)
        return super().render_lines(crop)

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
    for y, (before, after) in enumerate(zip(old, new, strict=True)):
        span = None
        if before != after:
            start = 0
            while before[start] == after[start]:
                start += 1
            end = len(after)
            while before[end - 1] == after[end - 1]:
                end -= 1
            span = (start, end)
        if span != run:
            if run is not None:
                regions.append(Region(run[0], top, run[1] - run[0], y - top))
            run, top = span, y
    if run is not None:
        regions.append(Region(run[0], top, run[1] - run[0], len(new) - top))
    return regions
