"""Durations written as seconds (``90``, ``2.5``) or text (``"1m30s"``, ``"15m"``).

The text grammar is small and read by a single left-to-right scan, so its
cost grows with the length of the text and nothing else:

* ASCII digits only, a number may have one decimal part (``2.5``);
* units ``h``, ``m`` or ``min``, ``s`` or ``sec`` (any case), each at most
  once and in that order; spaces may separate the parts;
* a bare number means seconds; only the last number may have a decimal
  part; after hours the minutes, and after minutes or hours the seconds,
  are below 60 (``"1m90s"`` is an error: write ``"2m30s"``);
* at most 32 characters.
"""

from __future__ import annotations

import functools
import itertools
import math

MAX_DURATION_TEXT = 32

_UNITS = {"h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1}
# Each unit's rank: a later part must have a higher rank than the one before.
_RANK = {"h": 0, "m": 1, "min": 1, "s": 2, "sec": 2}
_NAMES = {0: "hours", 1: "minutes", 2: "seconds"}
_DIGITS = frozenset("0123456789")
_SPACE = frozenset(" \t")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HINT = 'write seconds or e.g. "90s", "1m30s"'


class DurationError(ValueError):
    """A duration the user wrote wrongly; `reason` is the part after the value."""

    def __init__(self, value: object, reason: str):
        self.reason = reason
        super().__init__(f"{_quote(value)} is not a duration: {reason}")


def _quote(value: object) -> str:
    text = str(value)
    if len(text) > MAX_DURATION_TEXT:
        text = text[:MAX_DURATION_TEXT] + "…"
    return repr(text)


def parse_duration(value: object) -> float:
    """Return seconds, or raise ValueError with a message for the user."""
    if isinstance(value, bool):
        raise ValueError('must be a number of seconds or a text such as "1m30s"')
    if isinstance(value, (int, float)):
        try:
            seconds = float(value)
        except OverflowError:
            raise ValueError("must be a finite number of seconds") from None
    elif isinstance(value, str):
        seconds = _parse_text_cached(value)
    else:
        raise ValueError('must be a number of seconds or a text such as "1m30s"')
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError("must be a finite number of seconds")
    return seconds


@functools.lru_cache(maxsize=256)
def _parse_text_cached(value: str) -> float:
    """`_parse_text`, remembered: a file writes the same few durations often.
    (A text that is not a duration raises, and is not remembered.)"""
    return _parse_text(value)


def _parse_text(value: str) -> float:
    if len(value) > MAX_DURATION_TEXT:
        raise DurationError(value, f"at most {MAX_DURATION_TEXT} characters allowed")
    text = value.strip(" \t")
    if not text:
        raise DurationError(value, _HINT)
    parts: list[tuple[str, str | None]] = []  # (number, unit or None)
    at, end = 0, len(text)
    while at < end:
        start = at
        while at < end and text[at] in _DIGITS:
            at += 1
        if at < end and text[at] == ".":
            at += 1
            fraction = at
            while at < end and text[at] in _DIGITS:
                at += 1
            if at == fraction:
                raise DurationError(value, "a decimal point needs digits after it")
        number = text[start:at]
        if not number:
            if text[at].isdigit():
                raise DurationError(value, "write the number with the digits 0-9")
            raise DurationError(value, _HINT)
        if number.startswith("."):
            raise DurationError(value, "a decimal point needs digits before it")
        while at < end and text[at] in _SPACE:
            at += 1
        letters = at
        while at < end and text[at] in _LETTERS:
            at += 1
        unit = text[letters:at].lower() or None
        if unit is not None and unit not in _UNITS:
            raise DurationError(value, f"unknown unit {text[letters:at]!r}: use h, m or s")
        if at < end and unit is None:
            if text[at] in _DIGITS:
                raise DurationError(value, "give every number a unit (h, m, s)")
            if text[at].isdigit():
                raise DurationError(value, "write the number with the digits 0-9")
            raise DurationError(value, _HINT)
        while at < end and text[at] in _SPACE:
            at += 1
        parts.append((number, unit))
    if len(parts) > 1:
        return _sum_parts(value, parts)
    number, unit = parts[0]
    return float(number) * _UNITS[unit or "s"]


def _sum_parts(value: str, parts: list[tuple[str, str | None]]) -> float:
    if any(unit is None for _, unit in parts):
        raise DurationError(value, "give every number a unit (h, m, s)")
    ranks = [_RANK[unit] for _, unit in parts if unit]
    if any(later <= earlier for earlier, later in itertools.pairwise(ranks)):
        raise DurationError(value, "give each unit at most once, in the order h, m, s")
    if any("." in number for number, _ in parts[:-1]):
        raise DurationError(value, "only the last number may have a decimal part")
    total = 0.0
    for index, (number, unit) in enumerate(parts):
        amount = float(number)
        if index and amount >= 60:
            bigger = _NAMES[ranks[index - 1]]
            total += amount * _UNITS[unit or "s"]
            for rest_number, rest_unit in parts[index + 1 :]:
                total += float(rest_number) * _UNITS[rest_unit or "s"]
            raise DurationError(
                value,
                f"{_NAMES[ranks[index]]} after {bigger} must be below 60 "
                f'(write "{as_text(total)}")',
            )
        total += amount * _UNITS[unit or "s"]
    return total


def as_text(seconds: float) -> str:
    """Seconds as duration text: ``150`` → ``2m30s``; ``3600`` → ``1h``."""
    whole = int(seconds)
    fraction = seconds - whole
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    out = ""
    if hours:
        out += f"{hours}h"
    if minutes:
        out += f"{minutes}m"
    if secs or fraction or not out:
        out += f"{plain_seconds(secs + fraction)}s"
    return out


def plain_seconds(seconds: float) -> int | float:
    """The value written to files: an int when whole, else the float."""
    return int(seconds) if float(seconds).is_integer() else round(seconds, 3)
