"""Every field of session format 1, declared once.

The session-file reader (`composer.format.reader`), ``glute schema``
(`composer.format.schema`), the composer's form checks (`composer.edit.fields`), the
checks on plugin exercises (`composer.catalog.checks`) and the field table in
README.md ("Session files") are all derived from `FIELDS` and the rules
below; change a bound here and all of them follow. No Textual here, and
nothing slow to import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from composer.model import SCHEMA_VERSION as SCHEMA_VERSION
from composer.model import Sides

# Where a field may appear: the top of the file, ``[defaults]``,
# ``[[blocks]]`` and ``[[blocks.steps]]``.
WHERE = ("session", "defaults", "block", "step")
WHERE_HEADINGS = {
    "session": "top level",
    "defaults": "`[defaults]`",
    "block": "`[[blocks]]`",
    "step": "`[[blocks.steps]]`",
}

# Control characters refused in every text field: C0 except tab and line
# feed, DEL, and C1. Multi-line text may also hold CRLF line breaks.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# A full exercise id, "<plugin>/<exercise id>".
EXERCISE_ID_PATTERN = r"[a-z0-9][a-z0-9_-]{0,63}/[a-z0-9][a-z0-9-]{0,63}"
EXERCISE_ID = re.compile(rf"^{EXERCISE_ID_PATTERN}\Z")

# Durations as text ("90s", "1m30s"): the shape JSON Schema can say; the
# reader (`composer.format.durations`) also checks the order and range of units.
DURATION_TEXT_PATTERN = r"^\s*(\d+(\.\d+)?\s*(h|min|m|sec|s)?\s*)+$"
MAX_DURATION_TEXT = 32

# Limits on the whole file rather than on one field.
MAX_FILE_BYTES = 1024 * 1024
MAX_STEPS = 5000  # steps in all blocks together


@dataclass(frozen=True)
class Field:
    """One key of a session file, in one place it may appear.

    `type` is one of ``version``, ``text``, ``integer``, ``seconds``,
    ``choice``, ``exercise``, ``text list``, ``table`` and ``tables``.
    For text, `length` is the longest value and `multiline` whether it may
    span lines; for a text list they apply to each item (`item`, named in
    messages), and `items` is the most items. For numbers, `low` and
    `high` are the bounds, inclusive.
    """

    name: str
    where: str
    type: str
    description: str
    low: float | None = None
    high: float | None = None
    length: int | None = None
    multiline: bool = False
    items: int | None = None
    item: str | None = None
    item_description: str | None = None
    required: bool = False

    @property
    def unit(self) -> str:
        if self.type == "seconds":
            return "seconds"
        if self.type in ("text", "exercise", "text list"):
            return "characters"
        return ""

    @property
    def kind(self) -> str:
        """The name of the rule for this field's text (items for a list)."""
        return self.item or self.name


def _text(name: str, where: str, length: int, description: str, multiline: bool = False) -> Field:
    return Field(name, where, "text", description, length=length, multiline=multiline)


def _int(name: str, where: str, low: int, high: int, description: str) -> Field:
    return Field(name, where, "integer", description, low=low, high=high)


def _sec(name: str, where: str, low: float, high: float, description: str) -> Field:
    return Field(name, where, "seconds", description, low=low, high=high)


_REST = (0, 3600)
_SWITCH = (0, 600)
_RELAX = (0, 600)

# In the order files are written and keys are listed in messages.
FIELDS: tuple[Field, ...] = (
    Field("schema_version", "session", "version", f"Format of the file: {SCHEMA_VERSION}."),
    _text("title", "session", 200, "Session title."),
    _text("description", "session", 4000, "What the session is for.", multiline=True),
    _text("author", "session", 200, "Who wrote it."),
    Field(
        "tags",
        "session",
        "text list",
        "Tags, for finding the session.",
        length=40,
        items=32,
        item="tag",
        item_description="A tag.",
    ),
    Field(
        "requires",
        "session",
        "text list",
        "Plugin distributions the session needs (PEP 508 requirements).",
        length=200,
        items=32,
        item="requires",
        item_description="A plugin distribution, e.g. 'glute-composer-yoga>=1.2'.",
    ),
    Field("defaults", "session", "table", "Defaults for every step."),
    Field("blocks", "session", "tables", "The blocks, in order.", items=100),
    _sec("rest_s", "defaults", *_REST, "Rest between sets."),
    _sec("switch_s", "defaults", *_SWITCH, "Time to switch sides."),
    _sec("transition_s", "defaults", 0, 600, "Get-ready time before each step."),
    _sec("relax_s", "defaults", *_RELAX, "Pause between held reps."),
    _text("title", "block", 200, "Block title."),
    _int("rounds", "block", 1, 20, "Repeat the block's steps this many times."),
    _sec("rest_s", "block", *_REST, "Rest between rounds."),
    Field("steps", "block", "tables", "The steps, in order."),
    Field(
        "exercise",
        "step",
        "exercise",
        'Full exercise id: "<plugin>/<exercise id>".',
        length=130,
        required=True,
    ),
    _text(
        "name", "step", 200, "The exercise's name, written on save; shown if the plugin is missing."
    ),
    _int("sets", "step", 1, 50, "Number of sets."),
    _int("reps", "step", 1, 500, "Reps per set (per side for 'each' and 'alternating')."),
    _sec("duration_s", "step", 1, 4 * 3600, "Length of timed work per set and side."),
    _sec("hold_s", "step", 0.5, 600, "How long each rep is held."),
    _sec("rep_s", "step", 0.5, 600, "Tempo: how long one rep without a hold takes."),
    _sec("relax_s", "step", *_RELAX, "Pause between held reps."),
    Field("sides", "step", "choice", "both, each, or alternating."),
    _sec("rest_s", "step", *_REST, "Rest between sets."),
    _sec("switch_s", "step", *_SWITCH, "Time to switch sides."),
    _text("note", "step", 1000, "A note for whoever runs the session.", multiline=True),
)

# Allowed values of each choice field.
CHOICES: dict[str, tuple[str, ...]] = {"sides": tuple(side.value for side in Sides)}
# A step may not hold both of these.
EXCLUSIVE_STEP_KEYS = ("reps", "duration_s")


def fields(where: str) -> tuple[Field, ...]:
    """The fields allowed in one place, in order."""
    return tuple(field for field in FIELDS if field.where == where)


def keys(where: str) -> tuple[str, ...]:
    """The keys allowed in one place, in order."""
    return tuple(field.name for field in fields(where))


def field(where: str, name: str) -> Field:
    for candidate in FIELDS:
        if candidate.where == where and candidate.name == name:
            return candidate
    raise KeyError(f"{where}.{name}")


def _bounds(type_: str) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for f in FIELDS:
        if f.type == type_:
            assert f.low is not None and f.high is not None
            # A key in more than one place has one set of bounds.
            assert out.setdefault(f.name, (f.low, f.high)) == (f.low, f.high), f.name
    return out


# (min, max) for every number a file may hold, by key.
INT_BOUNDS: dict[str, tuple[int, int]] = {
    name: (int(low), int(high)) for name, (low, high) in _bounds("integer").items()
}
SECONDS_BOUNDS: dict[str, tuple[float, float]] = _bounds("seconds")


def _text_limits() -> dict[str, tuple[int, bool]]:
    out: dict[str, tuple[int, bool]] = {}
    for f in FIELDS:
        if f.length is not None:
            limit = (f.length, f.multiline)
            assert out.setdefault(f.kind, limit) == limit, f.kind
    return out


# Longest text and whether it may span lines, by kind of text (a list's
# items by the item's name: "tag", "requires").
TEXT_LIMITS: dict[str, tuple[int, bool]] = _text_limits()
MAX_TAGS = field("session", "tags").items or 0
MAX_REQUIRES = field("session", "requires").items or 0
MAX_BLOCKS = field("session", "blocks").items or 0
MAX_ROUNDS = INT_BOUNDS["rounds"][1]


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _allowed(f: Field) -> str:
    if f.type == "version":
        return f"`{SCHEMA_VERSION}`"
    if f.type == "integer":
        return f"whole number, {_plain(f.low or 0)} to {_plain(f.high or 0)}"
    if f.type == "seconds":
        return f"seconds, {_plain(f.low or 0)} to {_plain(f.high or 0)}"
    if f.type == "choice":
        return ", ".join(f"`{value}`" for value in CHOICES[f.name])
    if f.type == "exercise":
        return f"`plugin/id`, at most {f.length} characters"
    if f.type == "text list":
        lines = "may span lines" if f.multiline else "one line"
        return f"at most {f.items} items, each {lines}, at most {f.length} characters"
    if f.type == "text":
        lines = "may span lines" if f.multiline else "one line"
        return f"text, {lines}, at most {f.length} characters"
    if f.type == "tables":
        most = f", at most {f.items}" if f.items else ""
        return f"array of tables{most}"
    return "table"


def markdown_table() -> str:
    """The field table of README.md's "Session files", from `FIELDS`."""
    rows = ["| where | key | value | meaning |", "|---|---|---|---|"]
    for f in FIELDS:
        required = " (required)" if f.required else ""
        meaning = f.description.replace("<", "&lt;").replace(">", "&gt;")
        rows.append(
            f"| {WHERE_HEADINGS[f.where]} | `{f.name}`{required} | {_allowed(f)} | {meaning} |"
        )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m composer.format.spec: the README's field table
    print(markdown_table(), end="")
