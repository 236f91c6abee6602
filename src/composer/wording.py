"""The words the program shows for counts, times and timer intervals, in
one place so the composer, the timer and the command line say the same
thing. No UI imports."""

from __future__ import annotations

__all__ = ["count", "shorten"]


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 exercise``, ``3 exercises``, ``0 steps``."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number:,} {plural or noun + 's'}"


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word, ending in "…"
    when anything was cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-—") + "…"
