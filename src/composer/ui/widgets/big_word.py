"""`BigWord`: a word three lines tall, for LEFT and RIGHT on the timer, and
`Banner`: the kind of interval (WORK, REST, ...) in the same big letters.

The glyphs match the style of Textual's `Digits`, so a side reads as well
from across the room as the time does. Letters without a glyph make the
widget fall back to plain bold text.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

__all__ = ["Banner", "BigWord"]

_GLYPHS = {
    "A": ("┏━┓", "┣━┫", "╹ ╹"),
    "C": ("┏━╸", "┃  ", "┗━╸"),
    "D": ("┳━┓", "┃ ┃", "┻━┛"),
    "K": ("╻ ╻", "┣┳┛", "╹┗╸"),
    "M": ("┏┳┓", "┃┃┃", "╹╹╹"),
    "V": ("╻ ╻", "┃ ┃", " ╹ "),
    "N": ("┏┓╻", "┃┃┃", "╹┗┛"),
    "O": ("┏━┓", "┃ ┃", "┗━┛"),
    "P": ("┏━┓", "┣━┛", "╹  "),
    "S": ("┏━╸", "┗━┓", "╺━┛"),
    "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "W": ("╻ ╻", "┃╻┃", "┗┻┛"),
    "X": ("┓ ┏", " ╋ ", "┛ ┗"),
    "Y": ("╻ ╻", "┗┳┛", " ╹ "),
    "L": ("┃  ", "┃  ", "┗━╸"),
    "E": ("┏━╸", "┣━ ", "┗━╸"),
    "F": ("┏━╸", "┣━ ", "╹  "),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "I": ("╺┳╸", " ┃ ", "╺┻╸"),
    "G": ("┏━╸", "┃╺┓", "┗━┛"),
    "H": ("╻ ╻", "┣━┫", "╹ ╹"),
    " ": ("  ", "  ", "  "),
}


def big_lines(word: str) -> list[str] | None:
    """The three lines of `word` in big letters, or None if a letter has no glyph."""
    word = word.upper()
    if any(letter not in _GLYPHS for letter in word):
        return None
    return [" ".join(_GLYPHS[letter][row] for letter in word) for row in range(3)]


class BigWord(Widget):
    """Shows a word in big letters (or plain, if it has letters we cannot draw)."""

    DEFAULT_CSS = """
    BigWord {
        width: auto;
        height: 3;
        text-style: bold;
    }
    """

    def __init__(self, word: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._word = word

    @property
    def word(self) -> str:
        return self._word

    def update(self, word: str) -> None:
        if word != self._word:
            self._word = word
            self.refresh(layout=True)

    def render(self) -> Content:
        lines = big_lines(self._word)
        if lines is None:
            return Content(f"\n{self._word}\n")
        return Content("\n".join(lines))

    def get_content_width(self, container, viewport) -> int:
        lines = big_lines(self._word)
        return len(lines[0]) if lines else len(self._word)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 3


class Banner(Static):
    """A Static whose text reads ``WORD · detail`` (``REST · set 2 of 3
    next``): drawn with the word in big letters and the detail beside it
    when that fits the width, else as the plain line. The text stays plain,
    so what the banner says can be read (and tested) as a string."""

    def render(self) -> Content:
        text = str(self.visual)
        word, _, detail = text.partition(" · ")
        lines = big_lines(word) if word.strip() else None
        if lines is None:
            return Content(text)
        width = len(lines[0]) + (len(detail) + 3 if detail else 0)
        if width > self.content_size.width:
            return Content(text)
        gap = " " * (len(detail) + 3) if detail else ""
        rows = [lines[0] + gap, f"{lines[1]}   {detail}" if detail else lines[1], lines[2] + gap]
        return Content("\n".join(rows))
