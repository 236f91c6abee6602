"""The catalog index: what the plain commands need of the plugins, cached.

`glute validate`, `show`, `exercises`, `templates` (and the other commands
that only read the catalog) need the exercises, the templates and what
went wrong while loading, not the plugins' code. After a full load the
catalog is written to ``catalog-index.json`` in the cache folder
(`paths.cache_directory`); the next command reads it back instead of
importing the packs and pluggy, as long as nothing it was made from has
changed. Its key holds the program's version and plugin API version, each
plugin's name and origin, the name, version and metadata folder (path,
size, modification time) of the distribution providing an entry point
(and of its modules' files when it is installed in editable mode), the
path, size and modification time of each single-file plugin, and the
disabled and selected plugins. A different key, or a file that does not
read back exactly as written, and the plugins are loaded and the index
written again, silently; a failure to write it is not an error.

The file is input from disk like any other: every string, number and list
is checked against the same bounds as the plugins' own exercises
(`composer.catalog.checks`), every reference into its tables is checked,
and anything unexpected makes the whole file count as absent.

Set ``GLUTE_COMPOSER_NO_INDEX=1`` to neither read nor write it.
"""

from __future__ import annotations

import binascii
import gc
import json
import os
import sys
from array import array
from collections import Counter
from collections.abc import ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from itertools import repeat
from operator import add
from pathlib import Path
from typing import Any

from composer import API_VERSION, __version__
from composer.catalog.checks import (
    _CONTROL,
    _PROGRESSES,
    _SLUG,
    LIST_FIELDS,
    MAX_EVIDENCE,
    MAX_EXERCISES_PER_PLUGIN,
    TEXT_FIELDS,
    Rejected,
    _build,
    _dose,
    _evidence,
    _text,
)
from composer.catalog.manager import (
    _NAMESPACE,
    _TEMPLATE_NAME,
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATES_PER_PLUGIN,
    MAX_WARNINGS,
    Catalog,
    PluginInfo,
    Template,
    _Candidate,
    find_candidates,
    load_candidates,
    wanted_plugins,
)
from composer.model import DOSE_FIELDS, Dose, Evidence, Exercise, Phase
from composer.store import paths

NO_INDEX_ENV = "GLUTE_COMPOSER_NO_INDEX"
INDEX_NAME = "catalog-index.json"
FORMAT = 2
# A larger file is not read (1,000 plugins of 1,000 exercises fit).
MAX_INDEX_BYTES = 512 * 1024 * 1024
# Bounds of what the index says about a plugin.
_MAX_ORIGIN = 8192
_MAX_MESSAGE = 4096
_MAX_COUNT = 10**9

_PHASES = tuple(Phase)
# Levels are stored as they are (1 to 5): a table whose item n is n.
_LEVELS = tuple(range(6))
_SIDES = DOSE_FIELDS.index("sides")
# Joins the texts of the index: a control character, which no text passes.
_SEPARATOR = "\x00"
# The exercises' fields, in the order of their columns.
_FIELD_NAMES = (
    "namespace",
    "id",
    "name",
    "phase",
    "summary",
    "instructions",
    "cues",
    "targets",
    "equipment",
    "dose",
    "level",
    "progresses",
    "cautions",
    "evidence",
    "source",
)
_COLUMNS = ("plugin", *_FIELD_NAMES[1:])
_LIST_NAMES = ("instructions", "cues", "targets", "equipment", "cautions")


class _Corrupt(Exception):
    """The index is not exactly what this program writes."""


def index_file() -> Path:
    return paths.cache_directory() / INDEX_NAME


def enabled() -> bool:
    return os.environ.get(NO_INDEX_ENV, "") in ("", "0")


def load_indexed_catalog(
    *,
    entry_points: bool = True,
    plugins_dir: Path | None = None,
    disabled: Iterable[str] = (),
    only: str | None = None,
    location: Path | None = None,
) -> Catalog:
    """The catalog as `plugins.load_catalog` loads it, read from the index
    when the index is fresh (then `catalog.from_index` is True and no hook
    can be called), else loaded and the index written again.

    `location` is the index file (default `index_file()`)."""
    candidates = find_candidates(entry_points=entry_points, plugins_dir=plugins_dir)
    disabled = sorted(set(disabled))
    wanted = wanted_plugins(only)
    if not enabled():
        return load_candidates(candidates, disabled=disabled, wanted=wanted)
    key = index_key(candidates, disabled, wanted)
    if location is None:
        location = index_file()
    catalog = read_index(location, key)
    if catalog is not None:
        return catalog
    catalog = load_candidates(candidates, disabled=disabled, wanted=wanted)
    catalog.templates()  # asked now, so that the index holds them too
    write_index(location, key, catalog)
    return catalog


def index_key(
    candidates: list[_Candidate], disabled: Iterable[str], wanted: set[str] | None
) -> list[Any]:
    """Everything the catalog is made from, as JSON values."""
    return [
        __version__,
        list(API_VERSION),
        sorted(disabled),
        None if wanted is None else sorted(wanted),
        [
            [c.name, c.origin, c.distribution, c.version, c.first_party, list(c.stamp)]
            for c in candidates
        ],
    ]


# -- writing ------------------------------------------------------------------


class _Table:
    """Values stored once, referred to by their position."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._positions: dict[Any, int] = {}

    def add(self, value: Any, token: Any = None) -> int:
        token = value if token is None else token
        position = self._positions.get(token)
        if position is None:
            position = self._positions[token] = len(self.items)
            self.items.append(value)
        return position


def encode(key: list[Any], catalog: Catalog) -> str:
    """The index of `catalog` under `key`, as JSON text.

    Exercises are stored by column, each column a base64 array of 1-, 2-
    or 4-byte positions into the tables (texts, lists of texts, doses, lists of
    evidence), where equal values are stored once: reading them back takes
    a few passes in C rather than a Python loop per exercise and field."""
    strings = _Table()
    lists = _Table()
    doses = _Table()
    evidence = _Table()
    evidence_lists = _Table()
    # A name can be listed twice: a second plugin of that name is refused.
    plugin_position = {
        info.name: n
        for n, info in reversed(list(enumerate(catalog.plugins)))
        if info.ok and not info.disabled
    }

    def text_list(items: tuple[str, ...]) -> int:
        return lists.add([strings.add(item) for item in items], items)

    def optional(text: str | None) -> int:
        return 0 if text is None else strings.add(text) + 1

    def evidence_list(items: tuple[Evidence, ...]) -> int:
        positions = []
        for item in items:
            row = [
                strings.add(item.muscle),
                strings.add(item.source),
                optional(item.mvic_percent),
                optional(item.note),
            ]
            positions.append(evidence.add(row, tuple(row)))
        return evidence_lists.add(positions, tuple(positions))

    columns: dict[str, list[int]] = {name: [] for name in _COLUMNS}
    for exercise in catalog.exercises.values():
        dose: list[Any] = [getattr(exercise.dose, name) for name in DOSE_FIELDS]
        if dose[_SIDES] is not None:
            dose[_SIDES] = dose[_SIDES].value
        row = (
            plugin_position[exercise.namespace],
            strings.add(exercise.id),
            strings.add(exercise.name),
            _PHASES.index(exercise.phase),
            strings.add(exercise.summary),
            text_list(exercise.instructions),
            text_list(exercise.cues),
            text_list(exercise.targets),
            text_list(exercise.equipment),
            # By type too: a dose of 2 s and one of 2.0 s print apart.
            doses.add(dose, tuple((type(value), value) for value in dose)),
            exercise.level,
            optional(exercise.progresses),
            text_list(exercise.cautions),
            evidence_list(exercise.evidence),
            strings.add(exercise.source),
        )
        for name, value in zip(_COLUMNS, row, strict=True):
            columns[name].append(value)
    templates = []
    for template in (catalog._templates or {}).values():
        if isinstance(template.source, Path):
            templates.append([template.name, template.plugin, "path", str(template.source)])
        else:
            templates.append([template.name, template.plugin, "text", template.source])
    plugins = [
        [
            info.name,
            info.origin,
            info.distribution,
            info.version,
            info.first_party,
            info.exercises,
            info.error,
            info.warnings,
            info.more_warnings,
            info.disabled,
        ]
        for info in catalog.plugins
    ]
    if any(_SEPARATOR in text for text in strings.items):
        raise ValueError("a text holds the separator")  # the checks keep it out
    return json.dumps(
        {
            "format": FORMAT,
            "key": key,
            "plugins": plugins,
            "strings": _SEPARATOR.join(strings.items),
            "string_count": len(strings.items),
            "lists": lists.items,
            "doses": doses.items,
            "evidence": evidence.items,
            "evidence_lists": evidence_lists.items,
            "exercise_count": len(catalog.exercises),
            "exercises": {name: _pack(column) for name, column in columns.items()},
            "templates": templates,
        },
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )


def write_index(location: Path, key: list[Any], catalog: Catalog) -> bool:
    """Write the index; False (and nothing said) when it cannot be."""
    from composer.store.files import atomic_write_text

    try:
        text = encode(key, catalog)
        location.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(location, text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        return False
    return True


# -- reading ------------------------------------------------------------------


def read_index(location: Path, key: list[Any]) -> Catalog | None:
    """The catalog the index at `location` holds, or None when there is no
    index, it was made from something else than `key`, or anything in it
    is not as this program writes it."""
    from composer.store.files import read_limited

    try:
        data = read_limited(location, MAX_INDEX_BYTES)
    except (OSError, ValueError):
        return None
    if len(data) > MAX_INDEX_BYTES:
        return None
    # Tens of thousands of objects are made and none is garbage: the
    # collector would only walk them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        index = json.loads(data)
        return decode(index, key)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception:  # JSON, Unicode, recursion, a value out of bounds: all corrupt
        return None
    finally:
        if collecting:
            gc.enable()


_EXPECTED = {
    "format",
    "key",
    "plugins",
    "strings",
    "string_count",
    "lists",
    "doses",
    "evidence",
    "evidence_lists",
    "exercise_count",
    "exercises",
    "templates",
}


def decode(index: Any, key: list[Any]) -> Catalog | None:
    """The catalog of a parsed index; None when it was made under another
    key; raises when anything in it is out of place."""
    if type(index) is not dict or index.get("format") != FORMAT:
        raise _Corrupt("format")
    if index.get("key") != key:
        return None
    if set(index) != _EXPECTED:
        raise _Corrupt("keys")
    catalog = Catalog()
    catalog.from_index = True
    catalog.plugins = [_plugin(item) for item in _list(index["plugins"])]
    loaded = [info.name for info in catalog.plugins if info.ok and not info.disabled]
    if len(set(loaded)) != len(loaded):
        raise _Corrupt("a plugin name twice")
    catalog.exercises = _Exercises(index, catalog.plugins).read()
    catalog._templates = _templates(index["templates"], set(loaded))
    return catalog


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Corrupt("not a list")
    return value


def _count(value: Any, most: int = _MAX_COUNT) -> int:
    if type(value) is not int or not 0 <= value <= most:
        raise _Corrupt("not a count")
    return value


def _message(value: Any, limit: int = _MAX_MESSAGE) -> str:
    return _text(value, "message", limit, False)


def _optional(value: Any, limit: int) -> str | None:
    return None if value is None else _message(value, limit)


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise _Corrupt("not true or false")
    return value


def _plugin(item: Any) -> PluginInfo:
    row = _list(item)
    if len(row) != 10:
        raise _Corrupt("plugin")
    name, origin, distribution, version, first_party, count, error, warnings, more, off = row
    if type(name) is not str or not _NAMESPACE.match(name):
        # A plugin refused for its name is recorded too: any one-line text.
        _message(name, 200)
    warning_list = _list(warnings)
    if len(warning_list) > MAX_WARNINGS:
        raise _Corrupt("warnings")
    return PluginInfo(
        name=name,
        origin=_message(origin, _MAX_ORIGIN),
        distribution=_optional(distribution, 200),
        version=_optional(version, 200),
        first_party=_flag(first_party),
        exercises=_count(count, MAX_EXERCISES_PER_PLUGIN),
        error=_optional(error, _MAX_MESSAGE),
        warnings=[_message(text) for text in warning_list],
        more_warnings=_count(more),
        disabled=_flag(off),
    )


class _Exercises:
    """Reads the exercises of an index, column by column: each position is
    checked to be within its table, each text, list and dose referred to is
    checked once for each field that uses it, by the plugin checks' rules."""

    def __init__(self, index: dict[str, Any], plugins: list[PluginInfo]):
        self.plugins = plugins
        self.count = _count(index["exercise_count"])
        string_count = _count(index["string_count"])
        blob = index["strings"]
        if type(blob) is not str:
            raise _Corrupt("strings")
        self.strings = blob.split(_SEPARATOR) if string_count else []
        if len(self.strings) != string_count:
            raise _Corrupt("string count")
        self.lists = _list(index["lists"])
        self.doses = _list(index["doses"])
        self.evidence = _list(index["evidence"])
        self.evidence_lists = _list(index["evidence_lists"])
        packed = index["exercises"]
        if type(packed) is not dict or set(packed) != set(_COLUMNS):
            raise _Corrupt("columns")
        self.columns = {name: _unpack(packed[name], self.count) for name in _COLUMNS}
        self._tuples: list[tuple[str, ...] | None] = [None] * len(self.lists)
        self._items: dict[int, tuple[int, ...]] = {}

    def read(self) -> IndexedExercises:
        columns = self.columns
        strings = self.strings
        names = [info.name for info in self.plugins]
        plugin = _within(columns["plugin"], len(names))
        for position in set(plugin):
            info = self.plugins[position]
            if not info.ok or info.disabled:
                raise _Corrupt("an exercise of a plugin that is not loaded")
        counts = Counter(plugin)
        for position, info in enumerate(self.plugins):
            if counts.get(position, 0) != info.exercises:
                raise _Corrupt("exercise count")
        ids = self.texts(columns["id"], 64, False)
        if not all(map(_SLUG.match, ids)):
            raise _Corrupt("id")
        exercise_names = self.texts(columns["name"], *TEXT_FIELDS["name"])
        if not all(map(str.strip, exercise_names)):
            raise _Corrupt("a blank name")
        self.texts(columns["summary"], *TEXT_FIELDS["summary"])
        self.texts(columns["source"], *TEXT_FIELDS["source"])
        progresses = _within(columns["progresses"], len(strings) + 1)
        linked = self.texts(array("I", [p - 1 for p in set(progresses) if p]), 130, False)
        if not all(map(_PROGRESSES.match, linked)):
            raise _Corrupt("progresses")
        for name in _LIST_NAMES:
            self.text_lists(columns[name], name)
        doses = self.read_doses(columns["dose"])
        evidence = self.read_evidence(columns["evidence"])
        levels = columns["level"]
        if levels and (min(levels) < 1 or max(levels) > 5):
            raise _Corrupt("level")
        phases = _within(columns["phase"], len(_PHASES))

        prefixes = [f"{name}/" for name in names]
        id_texts = map(strings.__getitem__, columns["id"])
        full_ids = map(add, map(prefixes.__getitem__, plugin), id_texts)
        positions = dict(zip(full_ids, range(self.count), strict=True))
        if len(positions) != self.count:
            raise _Corrupt("an exercise twice")
        tuples = self._tuples
        # Each field's table and its column of positions into it, in the
        # order of `_fields`' arguments.
        sources: list[tuple[Sequence[Any], Sequence[int]]] = [
            (names, plugin),
            (strings, columns["id"]),
            (strings, columns["name"]),
            (_PHASES, phases),
            (strings, columns["summary"]),
            *((tuples, columns[name]) for name in _LIST_NAMES[:4]),
            (doses, columns["dose"]),
            (_LEVELS, levels),
            ([None, *strings], progresses),
            (tuples, columns["cautions"]),
            (evidence, columns["evidence"]),
            (strings, columns["source"]),
        ]
        return IndexedExercises(positions, sources)

    def texts(self, column: array[int], limit: int, multiline: bool) -> list[str]:
        """The texts at the positions of `column` (each once), checked as
        `_text` checks a field of `limit` characters (all at once: joined)."""
        strings = self.strings
        texts = list(map(strings.__getitem__, set(_within(column, len(strings)))))
        if texts:
            if max(map(len, texts)) > limit:
                raise _Corrupt("a text too long")
            joined = " ".join(texts)
            if multiline:
                joined = joined.replace("\r\n", "\n")
            elif "\n" in joined or "\r" in joined:
                raise _Corrupt("a line break")
            if _CONTROL.search(joined):
                raise _Corrupt("a control character")
        return texts

    def text_lists(self, column: array[int], name: str) -> None:
        """Check the lists of texts `column` refers to as field `name`."""
        most, (limit, multiline) = LIST_FIELDS[name]
        wanted: set[int] = set()
        for position in set(_within(column, len(self.lists))):
            items = self._list_items(position)
            if len(items) > most:
                raise _Corrupt("a list too long")
            wanted.update(items)
        self.texts(array("I", wanted), limit, multiline)

    def _list_items(self, position: int) -> tuple[int, ...]:
        items = self._items.get(position)
        if items is None:
            items = tuple(_within(_list(self.lists[position]), len(self.strings)))
            self._items[position] = items
            self._tuples[position] = tuple(map(self.strings.__getitem__, items))
        return items

    def read_doses(self, column: array[int]) -> list[Dose | None]:
        doses: list[Dose | None] = [None] * len(self.doses)
        for position in set(_within(column, len(self.doses))):
            row = _list(self.doses[position])
            if len(row) != len(DOSE_FIELDS):
                raise _Corrupt("dose")
            # The plugin checks: whole numbers, seconds, sides, combinations.
            doses[position] = _dose(_build(Dose, dict(zip(DOSE_FIELDS, row, strict=True))))
        return doses

    def read_evidence(self, column: array[int]) -> list[tuple[Evidence, ...] | None]:
        out: list[tuple[Evidence, ...] | None] = [None] * len(self.evidence_lists)
        read: dict[int, Evidence] = {}
        optional = [None, *self.strings]
        for position in set(_within(column, len(self.evidence_lists))):
            items = _list(self.evidence_lists[position])
            if len(items) > MAX_EVIDENCE:
                raise _Corrupt("evidence")
            for item in _within(items, len(self.evidence)):
                if item in read:
                    continue
                row = _list(self.evidence[item])
                if len(row) != 4 or not all(type(each) is int for each in row):
                    raise _Corrupt("evidence")
                muscle, source = _within(row[:2], len(self.strings))
                mvic, note = _within(row[2:], len(optional))
                values = {
                    "muscle": self.strings[muscle],
                    "source": self.strings[source],
                    "mvic_percent": optional[mvic],
                    "note": optional[note],
                }
                read[item] = _evidence(_build(Evidence, values))  # the plugin checks
            out[position] = tuple(map(read.__getitem__, items))
        return out


class IndexedExercises(Mapping[str, Exercise]):
    """The exercises of a catalog read from the index, by full id.

    Everything in them was checked when the index was read; each
    `Exercise` is made when it is first asked for, and all of them at once
    (in bulk) the first time the values or items are asked for, so that a
    command looking up a few exercises among 100,000 makes a few. An
    exercise is made once: asking again gives the same object.
    """

    def __init__(
        self, positions: dict[str, int], sources: list[tuple[Sequence[Any], Sequence[int]]]
    ):
        self._positions = positions
        self._sources = sources
        self._made: dict[str, Exercise] = {}
        self._all: dict[str, Exercise] | None = None

    def __len__(self) -> int:
        return len(self._positions)

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __contains__(self, full_id: object) -> bool:
        return full_id in self._positions

    def __getitem__(self, full_id: str) -> Exercise:
        if self._all is not None:
            return self._all[full_id]
        exercise = self._made.get(full_id)
        if exercise is None:
            position = self._positions[full_id]
            fields = _fields(*(table[column[position]] for table, column in self._sources))
            exercise = object.__new__(Exercise)
            object.__setattr__(exercise, "__dict__", fields)
            self._made[full_id] = exercise
        return exercise

    def get(self, full_id: str, default: Any = None) -> Any:
        return self[full_id] if full_id in self._positions else default

    def values(self) -> ValuesView[Exercise]:
        return self.every().values()

    def items(self) -> ItemsView[str, Exercise]:
        return self.every().items()

    def every(self) -> dict[str, Exercise]:
        """Every exercise, made now if not yet (as the plugin checks'
        `_build` makes them, in bulk: a few passes in C)."""
        if self._all is None:
            count = len(self._positions)
            # As in `read_index`: many objects, none of them garbage.
            collecting = gc.isenabled()
            gc.disable()
            try:
                made = self._make_all(count)
            finally:
                if collecting:
                    gc.enable()
            made.update(self._made)  # those asked for already stay the same objects
            self._all = made
            self._made = {}
        return self._all

    def _make_all(self, count: int) -> dict[str, Exercise]:
        # `map` over several iterables passes one item of each, with no tuple
        # made per exercise (every column has `count` items: checked on reading).
        fields = map(_fields, *(map(table.__getitem__, column) for table, column in self._sources))
        exercises = list(map(object.__new__, repeat(Exercise, count)))
        for _ in map(object.__setattr__, exercises, repeat("__dict__"), fields):
            pass
        return dict(zip(self._positions, exercises, strict=True))


def _fields(
    namespace: str,
    id: str,
    name: str,
    phase: Phase,
    summary: str,
    instructions: tuple[str, ...],
    cues: tuple[str, ...],
    targets: tuple[str, ...],
    equipment: tuple[str, ...],
    dose: Dose,
    level: int,
    progresses: str | None,
    cautions: tuple[str, ...],
    evidence: tuple[Evidence, ...],
    source: str,
) -> dict[str, Any]:
    """The fields of an exercise as its `__dict__` (a dict display is the
    quickest way to build a dict of known keys)."""
    return {
        "namespace": namespace,
        "id": id,
        "name": name,
        "phase": phase,
        "summary": summary,
        "instructions": instructions,
        "cues": cues,
        "targets": targets,
        "equipment": equipment,
        "dose": dose,
        "level": level,
        "progresses": progresses,
        "cautions": cautions,
        "evidence": evidence,
        "source": source,
    }


# Column item sizes: 1, 2 or 4 bytes, the smallest that holds the column.
_WIDTHS = {"B": 1, "H": 2, "I": 4}


def _pack(numbers: list[int]) -> list[str]:
    largest = max(numbers, default=0)
    typecode = "B" if largest < 2**8 else "H" if largest < 2**16 else "I"
    column = array(typecode, numbers)
    if column.itemsize != _WIDTHS[typecode]:
        raise ValueError("this machine's array item sizes are not the usual ones")
    if sys.byteorder == "big":
        column.byteswap()
    return [typecode, binascii.b2a_base64(column.tobytes(), newline=False).decode("ascii")]


def _unpack(value: Any, count: int) -> array[int]:
    row = _list(value)
    if len(row) != 2 or row[0] not in _WIDTHS or type(row[1]) is not str:
        raise _Corrupt("column")
    typecode, text = row
    column = array(typecode)
    if column.itemsize != _WIDTHS[typecode]:
        raise _Corrupt("this machine's array item sizes are not the usual ones")
    raw = binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
    if len(raw) != column.itemsize * count:
        raise _Corrupt("column length")
    column.frombytes(raw)
    if sys.byteorder == "big":
        column.byteswap()
    return column


def _within(column: Any, size: int) -> Any:
    """`column` (an array of unsigned numbers, or a list of whole numbers)
    when every item is at least 0 and less than `size`."""
    if type(column) is array:  # of unsigned numbers
        if column and max(column) >= size:
            raise _Corrupt("a position outside its table")
        return column
    if not all(type(item) is int for item in column):
        raise _Corrupt("a position that is not a whole number")
    if column and (min(column) < 0 or max(column) >= size):
        raise _Corrupt("a position outside its table")
    return column


def _templates(value: Any, loaded: set[str]) -> dict[str, Template]:
    rows = _list(value)
    if len(rows) > MAX_TEMPLATES_PER_PLUGIN * max(1, len(loaded)):
        raise _Corrupt("templates")
    out: dict[str, Template] = {}
    for item in rows:
        row = _list(item)
        if len(row) != 4:
            raise _Corrupt("template")
        name, plugin, kind, source = row
        if type(name) is not str or not _TEMPLATE_NAME.match(name) or name in out:
            raise _Corrupt("template name")
        if plugin not in loaded:
            raise _Corrupt("template of a plugin that is not loaded")
        if kind == "path":
            path = _text(source, "path", 4096, False)
            if Path(path).name != f"{name}.toml":
                raise _Corrupt("template path")
            out[name] = Template(name=name, plugin=plugin, source=Path(path))
        elif kind == "text":
            if type(source) is not str or len(source.encode("utf-8")) > MAX_TEMPLATE_BYTES:
                raise _Corrupt("template text")
            out[name] = Template(name=name, plugin=plugin, source=source)
        else:
            raise _Corrupt("template kind")
    return out


__all__ = [
    "INDEX_NAME",
    "NO_INDEX_ENV",
    "IndexedExercises",
    "Rejected",
    "decode",
    "encode",
    "index_file",
    "load_indexed_catalog",
    "read_index",
    "write_index",
]
