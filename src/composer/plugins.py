"""The plugin manager: finds exercise packs, calls them one by one, and
reports a broken one instead of failing.

pluggy's own ``load_setuptools_entrypoints`` stops at the first entry point
that fails to import, and one raising hookimpl stops a whole hook call, so
this module loads each entry point on its own and calls each plugin's
hookimpl on its own.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs, paths
from .model import Exercise, Phase
from .search import Entry, Match, make_entry, rank

ENTRY_POINT_GROUP = "glute_composer"
LOAD_PLUGINS_ENV = "GLUTE_COMPOSER_LOAD_PLUGINS"
FIRST_PARTY_DISTRIBUTION = "glute-composer"
_NAMESPACE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")


@dataclass
class PluginInfo:
    """What `glute plugins` shows about one plugin."""

    name: str
    origin: str
    distribution: str | None = None
    version: str | None = None
    first_party: bool = False
    exercises: int = 0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    disabled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def status(self) -> str:
        if self.disabled:
            return "disabled"
        if self.error:
            return f"error: {self.error}"
        if self.warnings:
            return "ok, with problems: " + "; ".join(self.warnings)
        return "ok"


@dataclass
class _Candidate:
    name: str
    origin: str
    load: Callable[[], Any]
    distribution: str | None = None
    version: str | None = None
    first_party: bool = False


def _entry_point_candidates() -> list[_Candidate]:
    """Entry points of our group, found by reading ``entry_points.txt`` of
    the distributions on ``sys.path`` (first one of a name wins, as with
    importlib.metadata). Reading the files directly keeps `glute validate`
    fast: importlib.metadata parses every distribution's metadata."""
    out = []
    seen: set[str] = set()
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for folder in names:
            if not folder.endswith((".dist-info", ".egg-info")):
                continue
            dist, _, rest = folder.rsplit(".", 1)[0].partition("-")
            key = re.sub(r"[-_.]+", "-", dist).lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(
                    os.path.join(entry or ".", folder, "entry_points.txt"), encoding="utf-8"
                ) as handle:
                    text = handle.read()
            except OSError:
                continue
            version = rest.split("-", 1)[0] or None
            for name, value in _group_entries(text, ENTRY_POINT_GROUP):
                out.append(
                    _Candidate(
                        name=name,
                        origin=f"entry point {value}",
                        load=_object_loader(value),
                        distribution=key,
                        version=version,
                        first_party=key == FIRST_PARTY_DISTRIBUTION,
                    )
                )
    return out


def _group_entries(text: str, group: str) -> list[tuple[str, str]]:
    """``name = value`` lines of one ``[group]`` of an entry_points.txt."""
    out = []
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        if current == group and "=" in line:
            name, _, value = line.partition("=")
            out.append((name.strip(), value.split("[", 1)[0].strip()))
    return out


def _object_loader(value: str) -> Callable[[], Any]:
    def load() -> Any:
        module_name, _, attributes = value.partition(":")
        target: Any = importlib.import_module(module_name.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            target = getattr(target, attribute)
        return target

    return load


def _file_candidates(folder: Path) -> list[_Candidate]:
    try:
        files = sorted(folder.glob("*.py"))
    except OSError:
        return []
    return [
        _Candidate(
            name=path.stem.lower().replace("_", "-"), origin=f"file {path}", load=_file_loader(path)
        )
        for path in files
        if not path.name.startswith((".", "_"))
    ]


def _file_loader(path: Path) -> Callable[[], ModuleType]:
    def load() -> ModuleType:
        module_name = f"glute_composer_user_plugins.{path.stem}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(module_name, None)
            raise
        return module

    return load


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = text[:200]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _wanted(names: str | None) -> set[str] | None:
    if names is None:
        return None
    return {name.strip() for name in names.split(",") if name.strip()}


@dataclass
class Template:
    """A ready session a plugin provides."""

    name: str
    plugin: str
    source: Path | str

    def text(self) -> str:
        from .sessionfile import read_text

        if isinstance(self.source, Path):
            return read_text(self.source)
        return self.source

    @property
    def filename(self) -> str:
        return str(self.source) if isinstance(self.source, Path) else f"<template {self.name}>"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64] or "template"


_TITLE = re.compile(r"^\s*title\s*=\s*[\"'](.*?)[\"']\s*$", re.MULTILINE)


class Catalog:
    """Every loaded exercise by full id, the plugins they came from, and
    the plugins' templates."""

    def __init__(self, manager: pluggy.PluginManager | None = None):
        self.manager = manager or _new_manager()
        self.plugins: list[PluginInfo] = []
        self.exercises: dict[str, Exercise] = {}
        self._templates: dict[str, Template] | None = None
        self._harder: dict[str, list[str]] | None = None
        self._sorted: list[Entry] | None = None

    # -- loading -----------------------------------------------------------

    def add_plugin(self, candidate: _Candidate) -> PluginInfo:
        info = PluginInfo(
            name=candidate.name,
            origin=candidate.origin,
            distribution=candidate.distribution,
            version=candidate.version,
            first_party=candidate.first_party,
        )
        self.plugins.append(info)
        if not _NAMESPACE.match(candidate.name):
            info.error = "its name must be lower-case letters, digits, '-' or '_'"
            return info
        if self.manager.get_plugin(candidate.name) is not None:
            info.error = f"the name {candidate.name!r} is already used by another plugin"
            return info
        try:
            plugin = candidate.load()
        except (Exception, SystemExit) as error:
            info.error = f"failed to import: {_describe(error)}"
            return info
        try:
            self.manager.register(plugin, name=candidate.name)
        except Exception as error:
            info.error = f"cannot be registered: {_describe(error)}"
            return info
        self._collect_exercises(info)
        return info

    def register_module(self, name: str, plugin: Any, **details: Any) -> PluginInfo:
        """Add a plugin object directly (tests, embedding)."""
        return self.add_plugin(
            _Candidate(name=name, origin="registered", load=lambda: plugin, **details)
        )

    def _impl(self, hook_name: str, plugin_name: str) -> pluggy.HookImpl | None:
        hook = getattr(self.manager.hook, hook_name)
        for impl in hook.get_hookimpls():
            if impl.plugin_name == plugin_name:
                return impl
        return None

    def _collect_exercises(self, info: PluginInfo) -> None:
        impl = self._impl("composer_exercises", info.name)
        if impl is None:
            if self._impl("composer_templates", info.name) is None:
                info.warnings.append("provides no hooks")
            return
        try:
            result = impl.function()
        except (Exception, SystemExit) as error:
            info.error = f"composer_exercises() raised {_describe(error)}"
            return
        if not isinstance(result, (list, tuple)):
            info.error = (
                f"composer_exercises() must return a list of Exercise, not {type(result).__name__}"
            )
            return
        seen: set[str] = set()
        added: list[Exercise] = []
        for index, item in enumerate(result):
            if not isinstance(item, Exercise):
                info.warnings.append(
                    f"item {index + 1} is a {type(item).__name__}, not an Exercise: skipped"
                )
                continue
            try:
                item.check()
            except (ValueError, TypeError) as error:
                info.warnings.append(f"{_describe(error)}: skipped")
                continue
            if item.id in seen:
                info.warnings.append(f"duplicate id {item.id!r}: the second is skipped")
                continue
            seen.add(item.id)
            added.append(item.with_namespace(info.name))
        for exercise in added:
            self.exercises[exercise.full_id] = exercise
        info.exercises = len(added)
        self._harder = None
        self._sorted = None

    # -- lookups -----------------------------------------------------------

    def get(self, full_id: str) -> Exercise | None:
        return self.exercises.get(full_id)

    def names(self) -> dict[str, str]:
        return {full_id: exercise.name for full_id, exercise in self.exercises.items()}

    def plugin(self, name: str) -> PluginInfo | None:
        for info in self.plugins:
            if info.name == name:
                return info
        return None

    @property
    def broken(self) -> list[PluginInfo]:
        return [info for info in self.plugins if not info.ok and not info.disabled]

    def sorted_exercises(self) -> list[Exercise]:
        return [entry.exercise for entry in self._index()]

    def _index(self) -> list[Entry]:
        """Every exercise in protocol order with the lower-case text a search
        looks in. Built once: the composer searches on every keystroke."""
        if self._sorted is None or len(self._sorted) != len(self.exercises):
            ordered = sorted(
                self.exercises.values(), key=lambda e: (e.phase.order, e.level, e.name.lower())
            )
            self._sorted = [make_entry(exercise) for exercise in ordered]
        return self._sorted

    def search(self, query: str = "", phase: Phase | str | None = None) -> list[Exercise]:
        """Exercises whose name, id, muscles, equipment, plugin or summary
        contain every word of `query`, best match first (`composer.search`);
        every exercise in protocol order when `query` is empty."""
        return [exercise for exercise, _tier in self.matches(query, phase)]

    def matches(self, query: str = "", phase: Phase | str | None = None) -> list[Match]:
        """Like `search`, with how well each exercise matched."""
        phase = Phase(phase) if phase else None
        index = self._index()
        if phase is not None:
            index = [entry for entry in index if entry.exercise.phase is phase]
        return rank(index, query)

    def easier(self, exercise: Exercise) -> Exercise | None:
        full_id = exercise.progresses_full_id
        return self.exercises.get(full_id) if full_id else None

    def harder(self, exercise: Exercise) -> list[Exercise]:
        if self._harder is None:
            self._harder = {}
            for other in self.sorted_exercises():
                parent = other.progresses_full_id
                if parent:
                    self._harder.setdefault(parent, []).append(other.full_id)
        return [self.exercises[i] for i in self._harder.get(exercise.full_id, [])]

    def chain(self, exercise: Exercise) -> list[Exercise]:
        """The progression chain through `exercise`, easiest first."""
        down: list[Exercise] = []
        seen = {exercise.full_id}
        current = self.easier(exercise)
        while current is not None and current.full_id not in seen:
            seen.add(current.full_id)
            down.append(current)
            current = self.easier(current)
        up: list[Exercise] = []
        current_list = self.harder(exercise)
        while current_list and current_list[0].full_id not in seen:
            seen.add(current_list[0].full_id)
            up.append(current_list[0])
            current_list = self.harder(current_list[0])
        return [*reversed(down), exercise, *up]

    # -- templates -----------------------------------------------------------

    def templates(self) -> dict[str, Template]:
        """Templates by name, asked of the plugins the first time."""
        if self._templates is None:
            self._templates = {}
            for info in self.plugins:
                if info.error is None and not info.disabled:
                    self._collect_templates(info)
        return self._templates

    def _collect_templates(self, info: PluginInfo) -> None:
        assert self._templates is not None
        impl = self._impl("composer_templates", info.name)
        if impl is None:
            return
        try:
            result = impl.function()
        except (Exception, SystemExit) as error:
            info.warnings.append(f"composer_templates() raised {_describe(error)}")
            return
        if not isinstance(result, (list, tuple)):
            info.warnings.append("composer_templates() must return a list of paths or TOML texts")
            return
        for item in result:
            if isinstance(item, str) and "\n" not in item and item.endswith(".toml"):
                item = Path(item)
            if isinstance(item, os.PathLike):
                source: Path | str = Path(item)
                name = source.name.removesuffix(".toml")
            elif isinstance(item, str):
                source = item
                match = _TITLE.search(item)
                name = slugify(match.group(1) if match else "template")
            else:
                info.warnings.append(f"template of type {type(item).__name__} skipped")
                continue
            if name in self._templates:
                info.warnings.append(
                    f"template {name!r} is also provided by {self._templates[name].plugin}: skipped"
                )
                continue
            self._templates[name] = Template(name=name, plugin=info.name, source=source)


def _new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    return manager


def load_catalog(
    *,
    entry_points: bool = True,
    plugins_dir: Path | None = None,
    disabled: Iterable[str] = (),
    only: str | None = None,
) -> Catalog:
    """Find and load every plugin and return the catalog.

    `only` defaults to ``GLUTE_COMPOSER_LOAD_PLUGINS``: when it is set, the
    first-party packs load plus the plugins it names (comma-separated).
    `disabled` names plugins never to load (the config's `disabled_plugins`).
    """
    if only is None:
        only = os.environ.get(LOAD_PLUGINS_ENV)
    wanted = _wanted(only)
    disabled = set(disabled)
    catalog = Catalog()
    candidates = _entry_point_candidates() if entry_points else []
    candidates += _file_candidates(
        plugins_dir if plugins_dir is not None else paths.plugins_directory()
    )
    for candidate in candidates:
        if candidate.name in disabled:
            catalog.plugins.append(
                PluginInfo(
                    name=candidate.name,
                    origin=candidate.origin,
                    distribution=candidate.distribution,
                    version=candidate.version,
                    first_party=candidate.first_party,
                    disabled=True,
                )
            )
            continue
        if wanted is not None and not candidate.first_party and candidate.name not in wanted:
            continue
        catalog.add_plugin(candidate)
    return catalog
