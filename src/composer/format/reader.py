"""Session files, format 1: read and validate (the writer is `composer.format.writer`).

Files come from strangers, so the reader checks every key, type and bound,
reports all problems of a file at once (``FILE: where: what``), and never
lets another exception escape: anything wrong is a `SessionError`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tomllib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from composer.errors import MAX_PROBLEMS, Problem, SessionError, more_problems
from composer.format.durations import parse_duration, plain_seconds
from composer.format.spec import CONTROL as _CONTROL  # every field's rules, declared once
from composer.format.spec import EXERCISE_ID as _EXERCISE_ID
from composer.format.spec import (
    INT_BOUNDS,
    MAX_BLOCKS,
    MAX_FILE_BYTES,
    MAX_REQUIRES,
    MAX_STEPS,
    MAX_TAGS,
    SECONDS_BOUNDS,
    TEXT_LIMITS,
    keys,
)
from composer.format.tomlguard import MAX_KEY_DOTS, deep_key_line
from composer.model import (
    SCHEMA_VERSION,
    Block,
    Dose,
    Session,
    SessionDefaults,
    Sides,
    Step,
)
from composer.store.files import NotRegularFile, read_limited

if TYPE_CHECKING:
    pass

TOP_KEYS = keys("session")
DEFAULT_KEYS = keys("defaults")
BLOCK_KEYS = keys("block")
STEP_KEYS = keys("step")
# The same as sets, to check a whole table's keys at once.
_KEY_SETS = {
    allowed: frozenset(allowed) for allowed in (TOP_KEYS, DEFAULT_KEYS, BLOCK_KEYS, STEP_KEYS)
}
_STEP_KEY_SET = _KEY_SETS[STEP_KEYS]
_SIDES_BY_VALUE = {sides.value: sides for sides in Sides}
_SIDES = tuple(_SIDES_BY_VALUE)

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class _Checker:
    """Collects problems while walking a parsed document."""

    def __init__(self, filename: str, lines: _LineIndex):
        self.filename = filename
        self.lines = lines
        self.problems: list[Problem] = []
        self.more = 0  # problems past MAX_PROBLEMS: counted, not kept

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, path: tuple[Any, ...], message: str) -> None:
        if self.full:
            self.more += 1
            return
        self.problems.append(
            Problem(self.filename, message, where=_where(path), line=self.lines.find(path))
        )

    def result(self) -> list[Problem]:
        """The problems kept, then one line saying how many more there were."""
        if self.more:
            return [*self.problems, more_problems(self.filename, self.more)]
        return list(self.problems)

    def keys(self, table: dict[str, Any], allowed: Iterable[str], path: tuple[Any, ...]) -> None:
        known = _KEY_SETS.get(allowed) if isinstance(allowed, tuple) else None
        if known is not None and table.keys() <= known:
            return  # the usual case: every key is known
        allowed = tuple(allowed)
        for key in table:
            if key in allowed:
                continue
            if self.full:
                # Only counted: no near-key search for problems nobody sees.
                self.more += 1
                continue
            import difflib

            # The allowed keys are short: a long key is near none of them.
            close = difflib.get_close_matches(key[:40], allowed, n=1, cutoff=0.6)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(allowed)}"
            )
            self.add((*path, key), f"unknown key {_show(key)}{hint}")

    def text(self, value: Any, path: tuple[Any, ...], kind: str) -> str | None:
        limit, multiline = TEXT_LIMITS[kind]
        if type(value) is str and len(value) <= limit and value.isprintable():
            return value  # the usual case: no control characters, no line breaks
        if not isinstance(value, str):
            self.add(path, f"must be text, not {_type_name(value)}")
            return None
        if len(value) > limit:
            self.add(path, f"is {len(value)} characters long; at most {limit} allowed")
            return None
        bad = _CONTROL.search(value.replace("\r\n", "\n"))
        if bad or (not multiline and ("\n" in value or "\r" in value)):
            what = "control characters" if bad else "line breaks"
            self.add(path, f"must not contain {what}")
            return None
        return value

    def integer(self, value: Any, path: tuple[Any, ...], name: str) -> int | None:
        low, high = INT_BOUNDS[name]
        if type(value) is int and low <= value <= high:
            return value  # the usual case
        if isinstance(value, bool) or not isinstance(value, int):
            got = f"got {value}" if isinstance(value, float) else f"not {_type_name(value)}"
            self.add(path, f"must be a whole number, {got}")
            return None
        if not low <= value <= high:
            self.add(path, f"must be between {low} and {high}, got {_short_number(value)}")
            return None
        return value

    def seconds(self, value: Any, path: tuple[Any, ...], name: str) -> float | None:
        low, high = SECONDS_BOUNDS[name]
        if (type(value) is int or type(value) is float) and low <= value <= high:
            return float(value)  # the usual case: a plain number of seconds
        try:
            seconds = parse_duration(value)
        except ValueError as error:
            self.add(path, str(error))
            return None
        if not low <= seconds <= high:
            self.add(
                path,
                f"must be between {plain_seconds(low)} and {plain_seconds(high)} seconds, got {plain_seconds(seconds)}",
            )
            return None
        return seconds

    def text_list(self, value: Any, path: tuple[Any, ...], kind: str, most: int) -> list[str]:
        if not isinstance(value, list):
            self.add(path, f"must be a list of text, not {_type_name(value)}")
            return []
        if len(value) > most:
            self.add(path, f"has {len(value)} items; at most {most} allowed")
            return []
        out = []
        for index, item in enumerate(value):
            checked = self.text(item, (*path, index), kind)
            if checked is not None:
                out.append(checked)
        return out


def _short_number(value: int) -> str:
    """A whole number for a message: a huge one is not printed in full."""
    if abs(value) < 10**12:
        return str(value)
    return f"a number of {len(str(abs(value)))} digits"


def _quoted(text: str) -> str:
    """Text from the file in double quotes for a message, escaped, shortened."""
    return json.dumps(text[:60] + ("…" if len(text) > 60 else ""), ensure_ascii=False)


def _show(key: str) -> str:
    """A key quoted for a message, control characters escaped."""
    short = key[:40] + ("…" if len(key) > 40 else "")
    return "'" + json.dumps(short, ensure_ascii=False)[1:-1] + "'"


def _type_name(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}\Z")


def _where(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            key = str(part)
            if not _BARE_KEY.match(key):
                key = json.dumps(key[:40] + ("…" if len(key) > 40 else ""), ensure_ascii=False)
            out += ("." if out else "") + key
    return out


class _LineIndex:
    """Maps key paths to the line they are written on, for messages.

    Only the usual layout (``[defaults]``, ``[[blocks]]``,
    ``[[blocks.steps]]`` and ``key = value`` lines) is recognised; anything
    else simply gets no line number.
    """

    _TABLE_NAME = re.compile(r"[A-Za-z0-9_.\- \t]+")
    _KEY = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=")

    def __init__(self, text: str):
        self.text = text
        self._lines: dict[tuple[Any, ...], int] | None = None

    @property
    def lines(self) -> dict[tuple[Any, ...], int]:
        # Built on first use: only messages need it, and most files have none.
        if self._lines is None:
            self._lines = self._index(self.text)
        return self._lines

    def _index(self, text: str) -> dict[tuple[Any, ...], int]:
        lines: dict[tuple[Any, ...], int] = {}
        current: tuple[Any, ...] = ()
        block = step = -1
        # Lines end at "\n" only, as in TOML: a U+2028 or a lone "\r" inside
        # a string does not start a line.
        for number, line in enumerate(text.split("\n"), start=1):
            table = self._table(line)
            if table:
                double, name = table
                if name == "blocks" and double:
                    block, step = block + 1, -1
                    current = ("blocks", block)
                elif name == "blocks.steps" and double:
                    step += 1
                    current = ("blocks", block, "steps", step)
                else:
                    current = tuple(name.split("."))
                lines.setdefault(current, number)
                continue
            key = self._KEY.match(line)
            if key:
                lines.setdefault((*current, key.group(1)), number)
        return lines

    @classmethod
    def _table(cls, line: str) -> tuple[bool, str] | None:
        """``(double, name)`` of a ``[name]`` or ``[[name]]`` header line.

        Read by hand rather than by a regular expression, whose backtracking
        a long line of spaces could make take minutes."""
        stripped = line.lstrip(" \t")
        if not stripped.startswith("["):
            return None
        double = stripped.startswith("[[")
        end = stripped.find("]")
        if end < 0:
            return None
        name = stripped[2 if double else 1 : end]
        if not cls._TABLE_NAME.fullmatch(name):
            return None
        return double, name.replace(" ", "").replace("\t", "")

    def find(self, path: tuple[Any, ...]) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a session file's text: regular files only (a FIFO, device or
    folder is refused at once, never waited on), 1 MiB at most."""
    name = str(path)
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise SessionError([Problem(name, "no such file")]) from None
    except NotRegularFile as error:
        what = "is a folder, not a session file" if error.is_folder else str(error)
        raise SessionError([Problem(name, what)]) from None
    except OSError as error:
        raise SessionError([Problem(name, f"cannot read: {error.strerror or error}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise SessionError(
            [Problem(name, "is larger than 1 MiB; session files are refused above that size")]
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise SessionError([Problem(name, f"is not UTF-8 text (byte {error.start + 1})")]) from None


def load_session(path: str | os.PathLike[str]) -> Session:
    """Read and validate a session file. Raises `SessionError`."""
    return parse_session(read_text(path), str(path))


def parse_session(text: str, filename: str = "<session>") -> Session:
    """Parse and validate session TOML text. Raises `SessionError`."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise SessionError(
            [Problem(filename, "is larger than 1 MiB; session files are refused above that size")]
        )
    deep = deep_key_line(text)
    if deep is not None:
        # tomllib would take minutes to hours over such a key.
        raise SessionError(
            [
                Problem(
                    filename,
                    f"a key with more than {MAX_KEY_DOTS} dots; "
                    "session files need at most one (blocks.steps)",
                    line=deep,
                )
            ]
        )
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        line = column = None
        if position:
            line, column = int(position.group(1)), int(position.group(2))
            message = message[: position.start()].rstrip()
        raise SessionError(
            [Problem(filename, f"not valid TOML: {message}", line=line, column=column)]
        ) from None
    except (ValueError, RecursionError) as error:  # e.g. lone surrogates, deep nesting
        raise SessionError([Problem(filename, f"not valid TOML: {error}")]) from None
    checker = _Checker(filename, _LineIndex(text))
    session = _build_session(document, checker)
    if checker.problems:
        raise SessionError(checker.result())
    session.leading_comments = _leading_comments(text)
    return session


def _build_session(doc: dict[str, Any], check: _Checker) -> Session:
    version = doc.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        check.add(("schema_version",), f"must be a whole number, not {_type_name(version)}")
    elif version > SCHEMA_VERSION:
        check.add(
            ("schema_version",),
            f"this file was made by a newer Glute Composer (format {version}; "
            f"this one reads format {SCHEMA_VERSION}): upgrade with 'pip install -U glute-composer'",
        )
        return Session()
    elif version < 1:
        check.add(("schema_version",), f"must be {SCHEMA_VERSION}, got {version}")
    check.keys(doc, TOP_KEYS, ())
    session = Session()
    for key in ("title", "description", "author"):
        if key in doc:
            value = check.text(doc[key], (key,), key)
            if value is not None:
                setattr(session, key, value)
    if "tags" in doc:
        session.tags = check.text_list(doc["tags"], ("tags",), "tag", MAX_TAGS)
    if "requires" in doc:
        requires = check.text_list(doc["requires"], ("requires",), "requires", MAX_REQUIRES)
        session.requires = _requirements(doc["requires"], requires, check)
    if "defaults" in doc:
        session.defaults = _build_defaults(doc["defaults"], check)
    blocks = doc.get("blocks", [])
    if not isinstance(blocks, list):
        check.add(("blocks",), "must be an array of tables ([[blocks]])")
        return session
    if len(blocks) > MAX_BLOCKS:
        check.add(("blocks",), f"has {len(blocks)} blocks; at most {MAX_BLOCKS} allowed")
        return session
    total = sum(
        len(b.get("steps", []))
        for b in blocks
        if isinstance(b, dict) and isinstance(b.get("steps"), list)
    )
    if total > MAX_STEPS:
        check.add(("blocks",), f"has {total} steps; at most {MAX_STEPS} allowed")
        return session
    for index, block in enumerate(blocks):
        built = _build_block(block, ("blocks", index), check)
        if built is not None:
            session.blocks.append(built)
    return session


def _build_defaults(table: Any, check: _Checker) -> SessionDefaults:
    if not isinstance(table, dict):
        check.add(("defaults",), "must be a table ([defaults])")
        return SessionDefaults()
    check.keys(table, DEFAULT_KEYS, ("defaults",))
    values = {}
    for key in DEFAULT_KEYS:
        if key in table:
            values[key] = check.seconds(table[key], ("defaults", key), key)
    return SessionDefaults(**values)


def _build_block(table: Any, path: tuple[Any, ...], check: _Checker) -> Block | None:
    if not isinstance(table, dict):
        check.add(path, "must be a table ([[blocks]])")
        return None
    check.keys(table, BLOCK_KEYS, path)
    block = Block()
    if "title" in table:
        block.title = check.text(table["title"], (*path, "title"), "title") or ""
    if "rounds" in table:
        block.rounds = check.integer(table["rounds"], (*path, "rounds"), "rounds") or 1
    if "rest_s" in table:
        block.rest_s = check.seconds(table["rest_s"], (*path, "rest_s"), "rest_s") or 0.0
    steps = table.get("steps", [])
    if not isinstance(steps, list):
        check.add((*path, "steps"), "must be an array of tables ([[blocks.steps]])")
        return block
    for index, step in enumerate(steps):
        built = _build_step(step, (*path, "steps", index), check)
        if built is not None:
            block.steps.append(built)
    return block


def _build_step(table: Any, path: tuple[Any, ...], check: _Checker) -> Step | None:
    if not isinstance(table, dict):
        check.add(path, "must be a table ([[blocks.steps]])")
        return None
    if not table.keys() <= _STEP_KEY_SET:
        check.keys(table, STEP_KEYS, path)
    exercise = table.get("exercise")
    if exercise is None:
        check.add(
            path, "has no 'exercise' (write e.g. exercise = \"activation/prone-glute-squeeze\")"
        )
        return None
    exercise = check.text(exercise, (*path, "exercise"), "exercise")
    if exercise is None:
        return None
    if not _EXERCISE_ID.match(exercise):
        check.add(
            (*path, "exercise"), f'{exercise!r} is not an exercise id: write "plugin/exercise-id"'
        )
        return None
    dose: dict[str, Any] = {}
    for key in ("sets", "reps"):
        if key in table:
            dose[key] = check.integer(table[key], (*path, key), key)
    for key in ("duration_s", "hold_s", "rep_s", "relax_s", "rest_s", "switch_s"):
        if key in table:
            dose[key] = check.seconds(table[key], (*path, key), key)
    if "sides" in table:
        sides = table["sides"]
        allowed = _SIDES
        if sides not in allowed:
            import difflib

            close = (
                difflib.get_close_matches(str(sides), allowed, n=1)
                if isinstance(sides, str)
                else []
            )
            hint = f"; did you mean {close[0]!r}?" if close else ""
            check.add((*path, "sides"), f"must be one of {', '.join(allowed)}{hint}")
        else:
            dose["sides"] = _SIDES_BY_VALUE[sides]
    if "reps" in table and "duration_s" in table:
        check.add(
            path, "has both 'reps' and 'duration_s': a step is counted in reps or timed, not both"
        )
        return None
    if "hold_s" in table and "rep_s" in table:
        check.add(
            path,
            "has both 'hold_s' and 'rep_s': a rep is held (hold_s) or lasts a tempo (rep_s), not both",
        )
        return None
    if "duration_s" in table:
        with_reps = [key for key in ("hold_s", "rep_s", "relax_s") if key in table]
        if with_reps:
            listed = " and ".join(repr(key) for key in with_reps)
            check.add(
                path,
                f"has 'duration_s' and {listed}: a timed step has no reps to hold or pace; "
                "give reps instead of duration_s, or leave out "
                + ("that field" if len(with_reps) == 1 else "those fields"),
            )
            return None
    name = note = None
    if "name" in table:
        name = check.text(table["name"], (*path, "name"), "name")
    if "note" in table:
        note = check.text(table["note"], (*path, "note"), "note")
    if None in dose.values():  # a value was wrong (and reported)
        return None
    return Step(
        exercise=exercise,
        name=name,
        dose=Dose._from_checked(dose),
        note=note,
        origin=functools.partial(check.lines.find, (*path, "exercise")),
    )


def missing_exercises(
    session: Session, known: Callable[[str], object], filename: str
) -> list[Problem]:
    """Warnings for steps whose exercise no loaded plugin provides."""
    out = []
    for block_index, block in enumerate(session.blocks):
        for step_index, step in enumerate(block.steps):
            if known(step.exercise) is None:
                plugin = step.exercise.split("/", 1)[0]
                out.append(
                    Problem(
                        filename,
                        f"no installed plugin provides {step.exercise!r} (plugin {plugin!r} missing?); "
                        f"the step keeps its saved name and dose",
                        where=_where(("blocks", block_index, "steps", step_index, "exercise")),
                        line=step.line,
                        warning=True,
                    )
                )
    return out


def _requirements(raw: Any, checked: list[str], check: _Checker) -> list[str]:
    """The `requires` entries that are PEP 508 requirements of a
    distribution by name (no URL); a problem for each other one."""
    if not checked:
        return []
    from packaging.requirements import InvalidRequirement, Requirement

    out = []
    for index, entry in enumerate(raw):
        if entry not in checked or not isinstance(entry, str):
            continue
        try:
            requirement = Requirement(entry)
        except InvalidRequirement:
            check.add(
                ("requires", index),
                f"{_quoted(entry)} is not a PEP 508 requirement: write a distribution "
                'name, optionally with a version, e.g. "glute-composer-yoga>=1.2"',
            )
            continue
        if requirement.url:
            check.add(
                ("requires", index),
                "must name a distribution from the package index, not a URL",
            )
            continue
        out.append(entry)
    return out


def missing_requirements(session: Session, filename: str) -> list[Problem]:
    """At most one warning: the `requires` entries this machine does not
    satisfy (not installed, or installed below the version asked for), with
    the command that installs them."""
    if not session.requires:
        return []  # nothing to check: spare the import of `packaging`
    from composer.format.requirements import missing_line

    line = missing_line(session, filename)
    return [line] if line is not None else []


def _leading_comments(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):  # "\n" only, as TOML: not U+2028 in a comment
        line = line.removesuffix("\r")
        if line.startswith("#"):
            out.append(line)
        else:
            break
    return out
