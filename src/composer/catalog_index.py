"""The catalog index: what the plain commands need of the plugins, cached.

`glute validate`, `show`, `exercises`, `templates` (and the other commands
that only read the catalog) need the exercises, the templates and what
went wrong while loading, not the plugins' code. After a full load the
catalog is written to ``catalog-index.json`` in the cache folder
(`paths.cache_directory`); the next command reads it back instead of
importing the packs and pluggy, as long as nothing it was made from has
changed. Its key holds the program's version and plugin API version, each
plugin's name and origin, the name, version and metadata folder (path,
size, modification time) of the distribution providing an entry point,
the path, size and modification time of each single-file plugin, and the
disabled and selected plugins. A different key, or a file that does not
read back exactly as written, and the plugins are loaded and the index
written again, silently; a failure to write it is not an error.

The file is input from disk like any other: every string, number and list
is checked against the same bounds as the plugins' own exercises
(`composer.plugin_checks`), every reference into its tables is checked,
and anything unexpected makes the whole file count as absent.

Set ``GLUTE_COMPOSER_NO_INDEX=1`` to neither read nor write it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import API_VERSION, __version__, paths
from .model import DOSE_FIELDS, Dose, Evidence, Exercise, Phase
from .plugin_checks import (
    _PROGRESSES,
    _SLUG,
    EVIDENCE_FIELDS,
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
from .plugins import (
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

NO_INDEX_ENV = "GLUTE_COMPOSER_NO_INDEX"
INDEX_NAME = "catalog-index.json"
FORMAT = 1
# A larger file is not read (1,000 plugins of 1,000 exercises fit).
MAX_INDEX_BYTES = 512 * 1024 * 1024
# Bounds of what the index says about a plugin.
_MAX_ORIGIN = 8192
_MAX_MESSAGE = 4096
_MAX_COUNT = 10**9

_PHASES = tuple(Phase)
_DOSE_KEYS = DOSE_FIELDS
_SIDES = _DOSE_KEYS.index("sides")
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

    def add(self, value: Any, hashable: Any = None) -> int:
        token = value if hashable is None else hashable
        position = self._positions.get(token)
        if position is None:
            position = self._positions[token] = len(self.items)
            self.items.append(value)
        return position


def encode(key: list[Any], catalog: Catalog) -> str:
    """The index of `catalog` under `key`, as JSON text."""
    strings = _Table()
    lists = _Table()
    doses = _Table()
    evidence = _Table()
    plugin_position = {info.name: n for n, info in enumerate(catalog.plugins)}

    def text_list(items: tuple[str, ...]) -> int:
        return lists.add([strings.add(item) for item in items], items)

    exercises = []
    for exercise in catalog.exercises.values():
        dose = [getattr(exercise.dose, name) for name in _DOSE_KEYS]
        if dose[_SIDES] is not None:
            dose[_SIDES] = dose[_SIDES].value
        exercises.append(
            [
                plugin_position[exercise.namespace],
                strings.add(exercise.id),
                strings.add(exercise.name),
                _PHASES.index(exercise.phase),
                strings.add(exercise.summary),
                *(text_list(getattr(exercise, name)) for name in _LIST_NAMES[:4]),
                # By type too: a dose of 2 s and one of 2.0 s print apart.
                doses.add(dose, tuple((type(value), value) for value in dose)),
                exercise.level,
                -1 if exercise.progresses is None else strings.add(exercise.progresses),
                text_list(exercise.cautions),
                [
                    evidence.add(row, tuple(row))
                    for row in (
                        [
                            strings.add(item.muscle),
                            strings.add(item.source),
                            -1 if item.mvic_percent is None else strings.add(item.mvic_percent),
                            -1 if item.note is None else strings.add(item.note),
                        ]
                        for item in exercise.evidence
                    )
                ],
                strings.add(exercise.source),
            ]
        )
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
    return json.dumps(
        {
            "format": FORMAT,
            "key": key,
            "plugins": plugins,
            "strings": strings.items,
            "lists": lists.items,
            "doses": doses.items,
            "evidence": evidence.items,
            "exercises": exercises,
            "templates": templates,
        },
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )


def write_index(location: Path, key: list[Any], catalog: Catalog) -> bool:
    """Write the index; False (and nothing said) when it cannot be."""
    from .fileio import atomic_write_text

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
    from .fileio import read_limited

    try:
        data = read_limited(location, MAX_INDEX_BYTES)
    except (OSError, ValueError):
        return None
    if len(data) > MAX_INDEX_BYTES:
        return None
    try:
        index = json.loads(data)
        return decode(index, key)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception:  # JSON, Unicode, recursion, a value out of bounds: all corrupt
        return None


def decode(index: Any, key: list[Any]) -> Catalog | None:
    """The catalog of a parsed index; None when it was made under another
    key; raises when anything in it is out of place."""
    if type(index) is not dict or index.get("format") != FORMAT:
        raise _Corrupt("format")
    if index.get("key") != key:
        return None
    expected = {
        "format",
        "key",
        "plugins",
        "strings",
        "lists",
        "doses",
        "evidence",
        "exercises",
        "templates",
    }
    if set(index) != expected:
        raise _Corrupt("keys")
    catalog = Catalog()
    catalog.from_index = True
    catalog.plugins = [_plugin(item) for item in _list(index["plugins"])]
    names = [info.name for info in catalog.plugins]
    loaded = {info.name for info in catalog.plugins if info.ok and not info.disabled}
    if len(loaded) != sum(1 for info in catalog.plugins if info.ok and not info.disabled):
        raise _Corrupt("a plugin name twice")
    reader = _Reader(index)
    counts = dict.fromkeys(loaded, 0)
    exercises: dict[str, Exercise] = {}
    for row in _list(index["exercises"]):
        exercise = reader.exercise(row, names)
        if exercise.namespace not in loaded:
            raise _Corrupt("an exercise of a plugin that is not loaded")
        full_id = f"{exercise.namespace}/{exercise.id}"
        if full_id in exercises:
            raise _Corrupt("an exercise twice")
        exercises[full_id] = exercise
        counts[exercise.namespace] += 1
    for info in catalog.plugins:
        if info.name in counts and counts[info.name] != info.exercises:
            raise _Corrupt("exercise count")
        if info.name not in counts and info.exercises:
            raise _Corrupt("exercises of a plugin that is not loaded")
    catalog.exercises = exercises
    catalog._templates = _templates(index["templates"], loaded)
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


class _Reader:
    """Reads the tables of an index, checking each entry once for each way
    it is used, and sharing what is equal (texts, lists, doses)."""

    def __init__(self, index: dict[str, Any]):
        self.strings = _list(index["strings"])
        self.lists = _list(index["lists"])
        self.doses = _list(index["doses"])
        self.evidence = _list(index["evidence"])
        self._checked: dict[tuple[int, int, bool], str] = {}
        self._tuples: dict[tuple[str, int], tuple[str, ...]] = {}
        self._doses: dict[int, Dose] = {}
        self._evidence: dict[int, Evidence] = {}

    def text(self, position: Any, limit: int, multiline: bool) -> str:
        if type(position) is not int:
            raise _Corrupt("a position that is not a whole number")
        token = (position, limit, multiline)
        found = self._checked.get(token)
        if found is not None:
            return found
        value = _text(self.strings[_position(position, self.strings)], "text", limit, multiline)
        self._checked[token] = value
        return value

    def optional_text(self, position: Any, limit: int, multiline: bool) -> str | None:
        if position == -1 and type(position) is int:
            return None
        return self.text(position, limit, multiline)

    def text_list(self, position: Any, name: str) -> tuple[str, ...]:
        if type(position) is not int:
            raise _Corrupt("a position that is not a whole number")
        token = (name, position)
        found = self._tuples.get(token)
        if found is not None:
            return found
        most, (limit, multiline) = LIST_FIELDS[name]
        items = _list(self.lists[_position(position, self.lists)])
        if len(items) > most:
            raise _Corrupt("list too long")
        value = tuple(self.text(item, limit, multiline) for item in items)
        self._tuples[token] = value
        return value

    def dose(self, position: Any) -> Dose:
        if type(position) is not int:
            raise _Corrupt("a position that is not a whole number")
        found = self._doses.get(position)
        if found is not None:
            return found
        row = _list(self.doses[_position(position, self.doses)])
        if len(row) != len(_DOSE_KEYS):
            raise _Corrupt("dose")
        raw = _build(Dose, dict(zip(_DOSE_KEYS, row, strict=True)))
        dose = _dose(raw)  # the plugin checks: whole numbers, seconds, sides
        self._doses[position] = dose
        return dose

    def one_evidence(self, position: Any) -> Evidence:
        if type(position) is not int:
            raise _Corrupt("a position that is not a whole number")
        found = self._evidence.get(position)
        if found is not None:
            return found
        row = _list(self.evidence[_position(position, self.evidence)])
        if len(row) != 4:
            raise _Corrupt("evidence")
        values: dict[str, Any] = {}
        for (name, (limit, multiline)), item in zip(EVIDENCE_FIELDS.items(), row, strict=True):
            if name in ("mvic_percent", "note"):
                values[name] = self.optional_text(item, limit, multiline)
            else:
                values[name] = self.text(item, limit, multiline)
        evidence = _evidence(_build(Evidence, values))
        self._evidence[position] = evidence
        return evidence

    def exercise(self, item: Any, plugin_names: list[str]) -> Exercise:
        row = _list(item)
        if len(row) != 15:
            raise _Corrupt("exercise")
        (plugin, id_, name, phase, summary, instructions, cues, targets, equipment) = row[:9]
        (dose, level, progresses, cautions, evidence, source) = row[9:]
        id_text = self.text(id_, 64, False)
        if not _SLUG.match(id_text):
            raise _Corrupt("id")
        name_text = self.text(name, *TEXT_FIELDS["name"])
        if not name_text.strip():
            raise _Corrupt("name")
        if type(level) is not int or not 1 <= level <= 5:
            raise _Corrupt("level")
        progresses_text = self.optional_text(progresses, 130, False)
        if progresses_text is not None and not _PROGRESSES.match(progresses_text):
            raise _Corrupt("progresses")
        evidence_list = _list(evidence)
        if len(evidence_list) > MAX_EVIDENCE:
            raise _Corrupt("evidence")
        built = _build(
            Exercise,
            {
                "namespace": plugin_names[_position(plugin, plugin_names)],
                "id": id_text,
                "name": name_text,
                "phase": _PHASES[_position(phase, _PHASES)],
                "summary": self.text(summary, *TEXT_FIELDS["summary"]),
                "instructions": self.text_list(instructions, "instructions"),
                "cues": self.text_list(cues, "cues"),
                "targets": self.text_list(targets, "targets"),
                "equipment": self.text_list(equipment, "equipment"),
                "dose": self.dose(dose),
                "level": level,
                "progresses": progresses_text,
                "cautions": self.text_list(cautions, "cautions"),
                "evidence": tuple(self.one_evidence(each) for each in evidence_list),
                "source": self.text(source, *TEXT_FIELDS["source"]),
            },
        )
        return built


def _position(value: Any, table: list[Any] | tuple[Any, ...]) -> int:
    if type(value) is not int or not 0 <= value < len(table):
        raise _Corrupt("a position outside its table")
    return value


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
    "Rejected",
    "decode",
    "encode",
    "index_file",
    "load_indexed_catalog",
    "read_index",
    "write_index",
]
