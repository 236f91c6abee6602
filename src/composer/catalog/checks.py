"""The checks a plugin's exercises pass before they enter the catalog.

Exercises from plugins are untrusted exactly like session files: the same
text bounds, no control characters, finite numbers within the bounds of a
file's doses, and short lists. `clean_exercise` reads each field of what a
plugin returned once, checks it, and builds a new `Exercise` from plain
copies (exact `str`, `int`, `float`, `tuple`), so that nothing the plugin
made (a `str` subclass with its own ``__hash__``, a property that changes its
value, a list that never ends) reaches the rest of the program.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import Any, TypeVar

from composer.catalog.guard import is_stop, type_name
from composer.format.spec import CONTROL as _CONTROL
from composer.format.spec import INT_BOUNDS, SECONDS_BOUNDS, TEXT_LIMITS, fields
from composer.model import Dose, Evidence, Exercise, Phase, Sides
from composer.safetext import visible

# Exercises one plugin may provide; the rest are left out.
MAX_EXERCISES_PER_PLUGIN = 1000

_ONE_LINE = TEXT_LIMITS["title"]  # 200 characters, no line breaks
_PARAGRAPH = TEXT_LIMITS["note"]  # 1000 characters, line breaks allowed

# Longest text, and whether it may span lines, per text field.
TEXT_FIELDS: dict[str, tuple[int, bool]] = {
    # Written into session files as a step's name, so within a file's
    # bounds; the model allows 120 characters.
    "name": (min(120, TEXT_LIMITS["name"][0]), False),
    "summary": (300, False),
    "source": _PARAGRAPH,
}
# (most items, longest item and whether it may span lines) per list field.
LIST_FIELDS: dict[str, tuple[int, tuple[int, bool]]] = {
    "instructions": (30, _PARAGRAPH),
    "cues": (20, _ONE_LINE),
    "targets": (20, _ONE_LINE),
    "equipment": (20, _ONE_LINE),
    "cautions": (20, _PARAGRAPH),
}
MAX_EVIDENCE = 20
EVIDENCE_FIELDS: dict[str, tuple[int, bool]] = {
    "muscle": _ONE_LINE,
    "source": _PARAGRAPH,
    "mvic_percent": (40, False),
    "note": _PARAGRAPH,
}
# A dose's numbers, with the bounds of a step's in a session file.
_INT_DOSE = tuple(f.name for f in fields("step") if f.type == "integer")
_SECONDS_DOSE = tuple(f.name for f in fields("step") if f.type == "seconds")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")
_PROGRESSES = re.compile(r"^(?:[a-z0-9][a-z0-9_-]{0,63}/)?[a-z0-9][a-z0-9-]{0,63}\Z")


class Rejected(ValueError):
    """An exercise that is left out; the message says why, safe to show."""


_Built = TypeVar("_Built")


def _build(cls: type[_Built], values: dict[str, Any]) -> _Built:
    """An instance of a frozen dataclass from values already checked here
    (the model's own checks would only repeat them)."""
    built = object.__new__(cls)
    built.__dict__.update(values)  # frozen: assignment would raise
    return built


def _text(value: Any, what: str, limit: int, multiline: bool) -> str:
    if type(value) is not str:
        if not isinstance(value, str):
            raise Rejected(f"{what} must be text, not {type_name(value)}")
        value = str.__str__(value)  # a plain str, whatever the plugin passed
    if len(value) > limit:
        raise Rejected(f"{what} is {len(value)} characters long; at most {limit} allowed")
    if _CONTROL.search(value) and (not multiline or _CONTROL.search(value.replace("\r\n", "\n"))):
        raise Rejected(f"{what} must not contain control characters")
    if not multiline and ("\n" in value or "\r" in value):
        raise Rejected(f"{what} must be one line")
    return value


def _items(value: Any, what: str, most: int) -> tuple[Any, ...]:
    """At most `most` items of a list or tuple (a single str is one item)."""
    if type(value) is tuple and len(value) <= most:
        return value
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, (list, tuple)):
        raise Rejected(f"{what} must be a list, not {type_name(value)}")
    items = tuple(itertools.islice(iter(value), most + 1))
    if len(items) > most:
        raise Rejected(f"{what} has more than {most} items")
    return items


def _text_list(value: Any, what: str, most: int, limit: int, multiline: bool) -> tuple[str, ...]:
    items = _items(value, what, most)
    for text in items:  # the usual case, quickly: plain, short, clean text
        if (
            type(text) is not str
            or len(text) > limit
            or _CONTROL.search(text)
            or (not multiline and ("\n" in text or "\r" in text))
        ):
            return tuple(_text(text, what, limit, multiline) for text in items)
    return items


def _whole(value: Any, name: str) -> int:
    low, high = INT_BOUNDS[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected(f"dose {name} must be a whole number, not {type_name(value)}")
    number = int.__index__(value)
    if not low <= number <= high:
        shown = number if abs(number) < 10**12 else "a huge number"
        raise Rejected(f"dose {name} must be between {low} and {high}, got {shown}")
    return number


def _seconds(value: Any, name: str) -> float | int:
    low, high = SECONDS_BOUNDS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Rejected(f"dose {name} must be a number of seconds, not {type_name(value)}")
    number: float | int = int.__index__(value) if isinstance(value, int) else float.__float__(value)
    if isinstance(number, float) and not math.isfinite(number):
        raise Rejected(f"dose {name} must be a finite number, got {number}")
    if not low <= number <= high:
        shown = f"{number:g}" if abs(number) < 10**12 else "a huge number"
        raise Rejected(f"dose {name} must be between {low:g} and {high:g} seconds, got {shown}")
    return number


def _dose(value: Any) -> Dose:
    if value is None:
        return Dose()
    if not isinstance(value, Dose):
        raise Rejected(f"dose must be a Dose, not {type_name(value)}")
    values: dict[str, Any] = {}
    for name in _INT_DOSE:
        raw = getattr(value, name)
        values[name] = None if raw is None else _whole(raw, name)
    for name in _SECONDS_DOSE:
        raw = getattr(value, name)
        values[name] = None if raw is None else _seconds(raw, name)
    sides = value.sides
    values["sides"] = None if sides is None else _enum(sides, Sides, "dose sides")
    if values["reps"] is not None and values["duration_s"] is not None:
        raise Rejected("dose has both reps and duration_s: a set is counted or timed, not both")
    if values["hold_s"] is not None and values["rep_s"] is not None:
        raise Rejected("dose has both hold_s and rep_s: a rep is held or paced, not both")
    if values["duration_s"] is not None:
        for name in ("hold_s", "rep_s", "relax_s"):
            if values[name] is not None:
                raise Rejected(f"dose has both duration_s and {name}, which is only for reps")
    return _build(Dose, values)


_MEMBERS: dict[type, dict[str, Any]] = {
    enum: {member.value: member for member in enum} for enum in (Phase, Sides)
}


def _enum(value: Any, enum: type[Phase] | type[Sides], what: str) -> Any:
    if type(value) is enum:  # a member: an enum has no other instances
        return value
    if isinstance(value, str):
        member = _MEMBERS[enum].get(str.__str__(value))
        if member is not None:
            return member
    allowed = ", ".join(_MEMBERS[enum])
    raise Rejected(f"{what} must be one of {allowed}")


def _evidence(value: Any) -> Evidence:
    if not isinstance(value, Evidence):
        raise Rejected(f"evidence must be Evidence objects, not {type_name(value)}")
    values: dict[str, Any] = {}
    for name, (limit, multiline) in EVIDENCE_FIELDS.items():
        raw = getattr(value, name)
        if raw is None and name in ("mvic_percent", "note"):
            values[name] = None
        else:
            values[name] = _text(raw, f"evidence {name}", limit, multiline)
    return _build(Evidence, values)


def exercise_id(item: Any) -> str | None:
    """The item's id when it is a valid slug (to name it in messages), else None."""
    try:
        value = item.id
        if isinstance(value, str):
            text = str.__str__(value)
            if _SLUG.match(text):
                return text
    except BaseException as error:
        if is_stop(error):
            raise
    return None


def clean_exercise(item: Any, namespace: str = "") -> Exercise:
    """A new, checked `Exercise` of plugin `namespace`, built from plain
    copies of `item`'s fields; raises `Rejected` naming the first problem."""
    if not isinstance(item, Exercise):
        raise Rejected(f"is a {type_name(item)}, not an Exercise")
    raw_id = item.id
    if not isinstance(raw_id, str):
        raise Rejected(f"id must be text, not {type_name(raw_id)}")
    id_ = str.__str__(raw_id)
    if not _SLUG.match(id_):
        shown = visible(id_[:40]) + ("…" if len(id_) > 40 else "")
        raise Rejected(f"id '{shown}' must be a slug: lower-case letters, digits and '-'")
    values: dict[str, Any] = {"id": id_, "namespace": namespace}
    for name, (limit, multiline) in TEXT_FIELDS.items():
        values[name] = _text(getattr(item, name), name, limit, multiline)
    if not values["name"].strip():
        raise Rejected("name must not be empty")
    values["phase"] = _enum(item.phase, Phase, "phase")
    for name, (most, (limit, multiline)) in LIST_FIELDS.items():
        values[name] = _text_list(getattr(item, name), name, most, limit, multiline)
    values["evidence"] = tuple(
        _evidence(value) for value in _items(item.evidence, "evidence", MAX_EVIDENCE)
    )
    values["dose"] = _dose(item.dose)
    level = item.level
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= int.__index__(level) <= 5:
        raise Rejected("level must be 1 to 5")
    values["level"] = int.__index__(level)
    progresses = item.progresses
    if progresses is not None:
        progresses = _text(progresses, "progresses", 130, False)
        if progresses and not _PROGRESSES.match(progresses):
            raise Rejected("progresses must be an exercise id, bare or 'namespace/id'")
    values["progresses"] = progresses or None
    return _build(Exercise, values)


# Every field of the model is checked above (a test keeps this true): a
# field added to the model needs a check here.
CHECKED = {
    Exercise: {"id", "namespace", "phase", "evidence", "dose", "level", "progresses"}
    | set(TEXT_FIELDS)
    | set(LIST_FIELDS),
    Dose: {*_INT_DOSE, *_SECONDS_DOSE, "sides"},
    Evidence: set(EVIDENCE_FIELDS),
}
