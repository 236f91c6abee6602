"""Durations written as seconds (``90``, ``2.5``) or text (``"1m30s"``, ``"15m"``)."""

from __future__ import annotations

import math
import re

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|min|m|sec|s)?", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:h|min|m|sec|s)?\s*)+$", re.IGNORECASE)
_UNITS = {"h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1, None: 1}


def parse_duration(value: object) -> float:
    """Return seconds, or raise ValueError with a message for the user."""
    if isinstance(value, bool):
        raise ValueError('must be a number of seconds or a text such as "1m30s"')
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 32 or not _WHOLE.match(text):
            raise ValueError(f'{value!r} is not a duration: write seconds or e.g. "90s", "1m30s"')
        parts = _PART.findall(text)
        if len(parts) > 1 and any(unit == "" for _, unit in parts):
            raise ValueError(f"{value!r} is not a duration: give every number a unit (h, m, s)")
        seconds = sum(float(number) * _UNITS[unit.lower() or None] for number, unit in parts)
    else:
        raise ValueError('must be a number of seconds or a text such as "1m30s"')
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError("must be a finite number of seconds")
    return seconds


def plain_seconds(seconds: float) -> int | float:
    """The value written to files: an int when whole, else the float."""
    return int(seconds) if float(seconds).is_integer() else round(seconds, 3)
