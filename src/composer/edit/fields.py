"""Checks for what people type into the forms, with the same bounds as
session files (both from `composer.format.spec`). Each check returns the value or
raises ValueError with a short message for the user. No Textual here."""

from __future__ import annotations

import re

from composer.format.durations import DurationError, parse_duration, plain_seconds
from composer.format.spec import CONTROL as _CONTROL
from composer.format.spec import INT_BOUNDS, MAX_TAGS, SECONDS_BOUNDS, TEXT_LIMITS


def whole_number(text: str, field: str) -> int | None:
    """`text` as a whole number within the bounds of `field`; None if empty."""
    text = text.strip()
    if not text:
        return None
    low, high = INT_BOUNDS[field]
    if not re.fullmatch(r"\d+", text):
        raise ValueError(f"write a whole number from {low} to {high}")
    value = int(text)
    if not low <= value <= high:
        raise ValueError(f"must be from {low} to {high}")
    return value


def seconds(text: str, field: str) -> float | None:
    """`text` as seconds ("45", "1m30s") within the bounds of `field`."""
    text = text.strip()
    if not text:
        return None
    low, high = SECONDS_BOUNDS[field]
    try:
        value = parse_duration(text)
    except DurationError as error:
        # The same grammar as session files, with the reason it gives.
        raise ValueError(error.reason) from None
    except ValueError:
        raise ValueError('write seconds, or e.g. "90s", "1m30s"') from None
    if not low <= value <= high:
        raise ValueError(f"must be from {_plain(low)} to {_plain(high)}")
    return value


def text(value: str, field: str) -> str:
    """`value` if it fits the length and line rules of `field`."""
    limit, multiline = TEXT_LIMITS[field]
    if len(value) > limit:
        raise ValueError(f"at most {limit} characters ({len(value)} now)")
    if _CONTROL.search(value.replace("\r\n", "\n")):
        raise ValueError("must not contain control characters")
    if not multiline and ("\n" in value or "\r" in value):
        raise ValueError("must be one line")
    return value


def tags(value: str) -> list[str]:
    """Comma-separated tags, each checked; empty items are dropped."""
    out = [item.strip() for item in value.split(",") if item.strip()]
    if len(out) > MAX_TAGS:
        raise ValueError(f"at most {MAX_TAGS} tags")
    for item in out:
        try:
            text(item, "tag")
        except ValueError as error:
            raise ValueError(f"tag {item[:20]!r}: {error}") from None
    return out


def show_seconds(value: float | None) -> str:
    """Seconds as typed back into a form: ``90``, ``2.5`` or empty."""
    return "" if value is None else str(plain_seconds(value))


def _plain(value: float) -> str:
    if value >= 3600 and value % 3600 == 0:
        return f"{int(value // 3600)} h"
    if value >= 60 and value % 60 == 0:
        return f"{int(value // 60)} min"
    return f"{plain_seconds(value)} s"
