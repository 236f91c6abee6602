"""`BigClock`: the timer's digits at the largest size that fits.

Where there is little room it draws like Textual's `Digits` (three rows);
with more, a block font five rows tall, scaled up by whole steps while it
still fits, so the time reads from across the room on a big terminal. It is
a `Digits`, so `value` and `update()` work the same.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.renderables.digits import Digits as DigitsRenderable
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
    width = _PIXEL_WIDTH * scale
    lines = []
    for row in range(ROWS):
        cells = " ".join(_FONT[char][row] for char in text)
        line = "".join(("█" if cell == "#" else " ") * width for cell in cells)
        lines.extend([line] * scale)
    return lines


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

    def update(self, value: str) -> None:
        """Show `value`; the region's size is set by CSS, so no new layout."""
        if value != self.value:
            self._value = value
            self.refresh()

    @property
    def scale(self) -> int:
        """0: Textual's three-row digits; n: the five-row font, n times."""
        size = self.content_size
        return best_scale(self.value, size.width - 2, size.height)

    def render(self):
        height = self.content_size.height
        style = self.rich_style
        scale = self.scale
        if scale:
            lines = big_digit_lines(self.value, scale) or []
            body = Text("\n".join(lines), style=style, no_wrap=True)
        else:
            body = DigitsRenderable(self.value, style)
        return Align(body, "center", style, vertical="middle", height=max(1, height))

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(3, container.height)
