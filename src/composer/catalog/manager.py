"""The plugin manager: finds exercise packs, calls them one by one, and
reports a broken one instead of failing.

pluggy's own ``load_setuptools_entrypoints`` stops at the first entry point
that fails to import, and one raising hookimpl stops a whole hook call, so
this module loads each entry point on its own and gives each plugin a
pluggy manager of its own: every hook is called through pluggy's hook
caller (so hooks can gain optional arguments later) and a failure belongs
to exactly one plugin. Plugin code runs through `plugin_guard.contained`
(any exception, KeyboardInterrupt and SystemExit included, is reported, and
it runs under a time limit), and what it returns passes `plugin_checks`
before it enters the catalog.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from composer.catalog.checks import MAX_EXERCISES_PER_PLUGIN, Rejected, clean_exercise, exercise_id
from composer.catalog.guard import (
    TIME_LIMIT_S,
    PluginFailure,
    contained,
    describe,
    is_stop,
    type_name,
)
from composer.model import Exercise, Phase
from composer.safetext import visible
from composer.store import paths

if TYPE_CHECKING:
    # pluggy and the hook specifications are imported when a plugin is
    # registered, the search when the catalog is first searched: a catalog
    # read from the index (composer.catalog.index) for `glute validate`
    # needs neither.
    import pluggy

    from composer.catalog.search import Entry, Match, Searcher

ENTRY_POINT_GROUP = "glute_composer"
LOAD_PLUGINS_ENV = "GLUTE_COMPOSER_LOAD_PLUGINS"
FIRST_PARTY_DISTRIBUTION = "glute-composer"
_NAMESPACE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")

# Templates one plugin may provide, and the largest template text.
MAX_TEMPLATES_PER_PLUGIN = 100
MAX_TEMPLATE_BYTES = 1024 * 1024
# Problems kept per plugin; beyond that they are only counted.
MAX_WARNINGS = 100
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")

# Iterators a plugin returned that refused to be closed: kept alive, so that
# the garbage collector does not print their complaint in the middle of a
# command (the CLI escapes Python's reports, should one come at exit).
_UNCLOSABLE: list[Any] = []


def normalize_name(name: str) -> str:
    """A distribution name normalised as PEP 503 says: runs of ``-``, ``_``
    and ``.`` become one ``-``, and letters are lower-cased."""
    return re.sub(r"[-_.]+", "-", name).lower()


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
    # Problems beyond MAX_WARNINGS, counted but not kept.
    more_warnings: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    def warn(self, message: str) -> None:
        """Record a problem that left something of this plugin out."""
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(visible(message))
        else:
            self.more_warnings += 1

    @property
    def problems(self) -> list[str]:
        """Every recorded problem, then how many more there were."""
        more = [f"… and {self.more_warnings} more problems"] if self.more_warnings else []
        return [*self.warnings, *more]

    @property
    def status(self) -> str:
        """One line: ``ok``, ``disabled``, ``error: …`` or ``ok, with problems: …``."""
        if self.disabled:
            return "disabled"
        if self.error:
            return f"error: {self.error}"
        if self.warnings:
            count = len(self.warnings) + self.more_warnings
            shown = "; ".join(self.warnings[:2])
            more = f"; and {count - 2} more" if count > 2 else ""
            return f"ok, with problems: {shown}{more}"
        return "ok"


@dataclass
class _Candidate:
    name: str
    origin: str
    load: Callable[[], Any]
    distribution: str | None = None
    version: str | None = None
    first_party: bool = False
    # What changes when the plugin's code may have changed, without loading
    # it: the metadata folder of its distribution, or its file's size and
    # modification time (the catalog index is keyed by these).
    stamp: tuple[str | int, ...] = ()


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
            key = normalize_name(dist)
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
            entries = _group_entries(text, ENTRY_POINT_GROUP)
            if not entries:
                continue
            metadata = os.path.join(entry or ".", folder)
            stamp = _stamp(metadata)
            if _editable(metadata):
                # Its code is edited in place, under the same version.
                for module in sorted({value.split(":")[0].split(".")[0] for _, value in entries}):
                    stamp += _module_stamp(module.strip())
            for name, value in entries:
                out.append(
                    _Candidate(
                        name=name,
                        origin=f"entry point {value}",
                        load=_object_loader(value),
                        distribution=key,
                        version=version,
                        first_party=key == FIRST_PARTY_DISTRIBUTION,
                        stamp=stamp,
                    )
                )
    return out


def _stamp(location: str) -> tuple[str | int, ...]:
    """The absolute path, size and modification time (in ns) of a file or
    folder; just the path when it cannot be read."""
    path = os.path.abspath(location)
    try:
        status = os.stat(path)
    except OSError:
        return (path,)
    return (path, status.st_size, status.st_mtime_ns)


def _editable(metadata: str) -> bool:
    """Whether the distribution was installed in editable mode (PEP 660:
    its ``direct_url.json`` says so)."""
    try:
        with open(os.path.join(metadata, "direct_url.json"), encoding="utf-8") as handle:
            text = handle.read(65536)
    except OSError:
        return False
    import json

    try:
        info = json.loads(text)
        return info["dir_info"]["editable"] is True
    except (ValueError, TypeError, KeyError, RecursionError):
        return False


def _module_stamp(module: str) -> tuple[str | int, ...]:
    """The stamps of the source files of a top-level module or package,
    found as an import would find them but without importing anything."""
    spec = None
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        if find is None:
            continue
        try:
            spec = find(module, None)
        except Exception:
            continue
        if spec is not None:
            break
    if spec is None:
        return (module,)
    if spec.submodule_search_locations:
        stamp: tuple[str | int, ...] = ()
        for location in sorted(spec.submodule_search_locations):
            for folder, subfolders, files in os.walk(location):
                subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
                for name in sorted(files):
                    if name.endswith((".py", ".toml")):
                        stamp += _stamp(os.path.join(folder, name))
        return stamp
    return _stamp(spec.origin) if isinstance(spec.origin, str) else (module,)


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
        import importlib

        module_name, _, attributes = value.partition(":")
        target: Any = importlib.import_module(module_name.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            target = getattr(target, attribute)
        return target

    return load


def _file_candidates(folder: Path) -> list[_Candidate]:
    """The ``*.py`` in `folder`, as ``folder.glob("*.py")`` finds them, in
    order (one scan of the folder, without a path object per entry)."""
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name for entry in entries if os.path.normcase(entry.name).endswith(".py")
            ]
    except OSError:
        return []
    files = [folder / name for name in sorted(names, key=os.path.normcase)]
    return [
        _Candidate(
            name=path.stem.lower().replace("_", "-"),
            origin=f"file {path}",
            load=_file_loader(path),
            stamp=_stamp(str(path)),
        )
        for path in files
        if not path.name.startswith((".", "_"))
    ]


def _file_loader(path: Path) -> Callable[[], ModuleType]:
    def load() -> ModuleType:
        import importlib.util

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
        from composer.format.reader import read_text

        if isinstance(self.source, Path):
            return read_text(self.source)
        return self.source

    @property
    def filename(self) -> str:
        return str(self.source) if isinstance(self.source, Path) else f"<template {self.name}>"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64] or "template"


# Only spaces and tabs around the key: ``\s*`` would run across lines, and a
# text of blank lines would take quadratic time.
_TITLE = re.compile(r"^[ \t]*title[ \t]*=[ \t]*[\"'](.*?)[\"'][ \t]*$", re.MULTILINE)


class Catalog:
    """Every loaded exercise by full id, the plugins they came from, and
    the plugins' templates.

    Each plugin is registered on a pluggy manager of its own, so that its
    hooks are called through pluggy's hook caller and nothing of one plugin
    (its failures, its objects' ``__eq__`` or ``__hash__``) touches another.
    """

    def __init__(self, *, time_limit_s: float | None = TIME_LIMIT_S):
        self.time_limit_s = time_limit_s
        self.plugins: list[PluginInfo] = []
        # True when read from the catalog index: the plugins are not loaded,
        # so no hook can be called (see composer.catalog.index).
        self.from_index = False
        # Every exercise by full id. Read from the index, a mapping that
        # makes each exercise when first asked for (`index.IndexedExercises`).
        self._loaded: dict[str, Exercise] = {}
        self.exercises: Mapping[str, Exercise] = self._loaded
        self._managers: dict[str, pluggy.PluginManager] = {}
        self._templates: dict[str, Template] | None = None
        self._harder: dict[str, list[str]] | None = None
        self._sorted: list[Entry] | None = None
        # One searcher per phase filter (None: all), with the index it uses.
        self._searchers: dict[Phase | None, tuple[list[Entry], Searcher]] = {}

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
        if candidate.name in self._managers:
            info.error = f"the name {candidate.name!r} is already used by another plugin"
            return info
        try:
            plugin = self._run(candidate.load)
        except PluginFailure as failure:
            info.error = f"failed to import: {failure}"
            return info
        manager = _new_manager()
        try:
            self._run(lambda: manager.register(plugin, name=candidate.name))
        except PluginFailure as failure:
            info.error = f"cannot be registered: {failure}"
            return info
        self._managers[candidate.name] = manager
        self._collect_exercises(info)
        return info

    def register_module(self, name: str, plugin: Any, **details: Any) -> PluginInfo:
        """Add a plugin object directly (tests, embedding)."""
        return self.add_plugin(
            _Candidate(name=name, origin="registered", load=lambda: plugin, **details)
        )

    def _run(self, work: Callable[[], Any]) -> Any:
        return contained(work, limit_s=self.time_limit_s)

    def hook_caller(self, plugin_name: str, hook_name: str) -> pluggy.HookCaller | None:
        """pluggy's hook caller of one hook of one plugin, or None when the
        plugin is not loaded or does not implement the hook. Call it through
        `plugin_guard.contained`: it runs plugin code."""
        manager = self._managers.get(plugin_name)
        caller = getattr(manager.hook, hook_name, None) if manager is not None else None
        if caller is None:
            return None
        if all(impl.wrapper or impl.hookwrapper for impl in caller.get_hookimpls()):
            return None
        return caller

    def _call(self, info: PluginInfo, hook_name: str) -> list[Any] | str:
        """The results of one plugin's hook (one per implementation), or a
        message saying how the call failed."""
        caller = self.hook_caller(info.name, hook_name)
        assert caller is not None
        try:
            results = self._run(caller)
        except PluginFailure as failure:
            how = "" if failure.timed_out else "raised "
            return f"{hook_name}() {how}{failure}"
        if not isinstance(results, list) or not results:
            # pluggy leaves out results that are None.
            return f"{hook_name}() must return a list, not None"
        return results

    def _collect_exercises(self, info: PluginInfo) -> None:
        if self.hook_caller(info.name, "composer_exercises") is None:
            others = ("composer_templates", "composer_cue")
            if all(self.hook_caller(info.name, hook) is None for hook in others):
                info.warn("provides no hooks")
            return
        results = self._call(info, "composer_exercises")
        if isinstance(results, str):
            info.error = results.replace("a list,", "a list of Exercise,")
            return
        try:
            added = self._run(lambda: self._read_exercises(info, results))
        except PluginFailure as failure:
            how = "" if failure.timed_out else "failed while its exercises were read: "
            info.error = f"composer_exercises() {how}{failure}"
            return
        if isinstance(added, str):
            info.error = added
            return
        for exercise in added:
            self._loaded[exercise.full_id] = exercise
        info.exercises = len(added)
        self._harder = None
        self._sorted = None

    def _read_exercises(self, info: PluginInfo, results: list[Any]) -> list[Exercise] | str:
        """The checked exercises of a plugin's results, or why none load.
        Runs plugin code (iterators, properties): call it contained."""
        items: list[Any] = []
        for result in results:
            iterator = _iterate(result)
            if iterator is None:
                return (
                    f"composer_exercises() must return a list of Exercise, not {type_name(result)}"
                )
            room = MAX_EXERCISES_PER_PLUGIN - len(items)
            taken = list(itertools.islice(iterator, room + 1))
            if len(taken) > room:
                _close(iterator)
                info.warn(
                    f"provides more than {MAX_EXERCISES_PER_PLUGIN} exercises: "
                    f"only the first {MAX_EXERCISES_PER_PLUGIN} are loaded"
                )
                items += taken[:room]
                break
            items += taken
        seen: set[str] = set()
        added: list[Exercise] = []
        for index, item in enumerate(items, start=1):
            try:
                if not isinstance(item, Exercise):
                    info.warn(f"item {index} is a {type_name(item)}, not an Exercise: skipped")
                    continue
                exercise = clean_exercise(item, info.name)
            except BaseException as error:
                if is_stop(error):
                    raise
                if isinstance(error, Rejected):
                    why = str(error)
                else:
                    why = f"reading it raised {describe(error)}"
                known = exercise_id(item)
                label = f"exercise {known!r}" if known else f"item {index}"
                info.warn(f"{label} skipped: {why}")
                continue
            if exercise.id in seen:
                info.warn(f"duplicate id {exercise.id!r}: the second is skipped")
                continue
            seen.add(exercise.id)
            added.append(exercise)
        return added

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
            from composer.catalog.search import make_entry

            self._sorted = [make_entry(exercise) for exercise in ordered]
        return self._sorted

    def search(self, query: str = "", phase: Phase | str | None = None) -> list[Exercise]:
        """Exercises whose name, id, muscles, equipment, plugin or summary
        contain every word of `query`, best match first (`composer.catalog.search`);
        every exercise in protocol order when `query` is empty."""
        return [exercise for exercise, _tier in self.matches(query, phase)]

    def matches(self, query: str = "", phase: Phase | str | None = None) -> list[Match]:
        """Like `search`, with how well each exercise matched."""
        phase = Phase(phase) if phase else None
        index = self._index()
        made_from, searcher = self._searchers.get(phase, (None, None))
        if searcher is None or made_from is not index:
            from composer.catalog.search import Searcher

            entries = index
            if phase is not None:
                entries = [entry for entry in index if entry.exercise.phase is phase]
            searcher = Searcher(entries)
            self._searchers[phase] = (index, searcher)
        return searcher.rank(query)

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
        if self.hook_caller(info.name, "composer_templates") is None:
            return
        results = self._call(info, "composer_templates")
        if isinstance(results, str):
            info.warn(results.replace("a list,", "a list of paths or TOML texts,"))
            return
        try:
            self._run(lambda: self._read_templates(info, results))
        except PluginFailure as failure:
            how = "" if failure.timed_out else "failed while its templates were read: "
            info.warn(f"composer_templates() {how}{failure}")

    def _read_templates(self, info: PluginInfo, results: list[Any]) -> None:
        """Add the templates of a plugin's results. Runs plugin code: call it
        contained."""
        templates = self._templates
        assert templates is not None
        items: list[Any] = []
        for result in results:
            iterator = _iterate(result)
            if iterator is None:
                info.warn("composer_templates() must return a list of paths or TOML texts")
                return
            room = MAX_TEMPLATES_PER_PLUGIN - len(items)
            taken = list(itertools.islice(iterator, room + 1))
            items += taken[:room]
            if len(taken) > room:
                _close(iterator)
                info.warn(
                    f"provides more than {MAX_TEMPLATES_PER_PLUGIN} templates: "
                    f"only the first {MAX_TEMPLATES_PER_PLUGIN} are used"
                )
                break
        for index, item in enumerate(items, start=1):
            try:
                template = _template(item, info.name)
            except Rejected as why:
                info.warn(f"template {index} skipped: {why}")
                continue
            except BaseException as error:
                if is_stop(error):
                    raise
                info.warn(f"template {index} skipped: reading it raised {describe(error)}")
                continue
            if template.name in templates:
                info.warn(
                    f"template {template.name!r} is also provided by "
                    f"{templates[template.name].plugin}: skipped"
                )
                continue
            templates[template.name] = template


def _iterate(result: Any) -> Any:
    """An iterator over a hook's result (a list, a tuple or any other
    iterable but text or a mapping), or None for anything else."""
    if isinstance(result, (str, bytes, bytearray, Mapping)):
        return None
    try:
        return iter(result)
    except TypeError:
        return None


def _close(iterator: Any) -> None:
    """Close an iterator left unfinished (a generator runs its cleanup)."""
    close = getattr(iterator, "close", None)
    if close is None:
        return
    try:
        close()
    except BaseException as error:
        if is_stop(error):
            raise
        _UNCLOSABLE.append(iterator)


def _template(item: Any, plugin: str) -> Template:
    """A checked template of one item of `composer_templates()`."""
    if isinstance(item, str):
        text = str.__str__(item)
        if "\n" not in text and text.endswith(".toml") and len(text) <= 4096:
            return _template_file(Path(text), plugin)
        if len(text) > MAX_TEMPLATE_BYTES or (
            len(text.encode("utf-8", "surrogatepass")) > MAX_TEMPLATE_BYTES
        ):
            raise Rejected("its text is larger than 1 MiB")
        match = _TITLE.search(text)
        return Template(
            name=slugify(match.group(1) if match else "template"), plugin=plugin, source=text
        )
    if isinstance(item, os.PathLike):
        location = os.fspath(item)
        if not isinstance(location, str):
            raise Rejected(f"its path must be text, not {type_name(location)}")
        return _template_file(Path(str.__str__(location)), plugin)
    raise Rejected(f"is a {type_name(item)}, not a path or TOML text")


def _template_file(path: Path, plugin: str) -> Template:
    name = path.name.removesuffix(".toml")
    if not _TEMPLATE_NAME.match(name):
        shown = visible(path.name[:60])
        raise Rejected(
            f"the file name '{shown}' must be letters, digits, '.', '_' or '-', ending in .toml"
        )
    return Template(name=name, plugin=plugin, source=path)


def _new_manager() -> pluggy.PluginManager:
    import pluggy

    from composer import hookspecs

    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    return manager


def find_candidates(
    *, entry_points: bool = True, plugins_dir: Path | None = None
) -> list[_Candidate]:
    """Every plugin there is to load, found without loading any."""
    candidates = _entry_point_candidates() if entry_points else []
    candidates += _file_candidates(
        plugins_dir if plugins_dir is not None else paths.plugins_directory()
    )
    return candidates


def wanted_plugins(only: str | None) -> set[str] | None:
    """The plugins `only` (default: ``GLUTE_COMPOSER_LOAD_PLUGINS``) names
    besides the first-party packs, or None for every plugin."""
    if only is None:
        only = os.environ.get(LOAD_PLUGINS_ENV)
    return _wanted(only)


def load_catalog(
    *,
    entry_points: bool = True,
    plugins_dir: Path | None = None,
    disabled: Iterable[str] = (),
    only: str | None = None,
    time_limit_s: float | None = None,
) -> Catalog:
    """Find and load every plugin and return the catalog.

    `only` defaults to ``GLUTE_COMPOSER_LOAD_PLUGINS``: when it is set, the
    first-party packs load plus the plugins it names (comma-separated).
    `disabled` names plugins never to load (the config's `disabled_plugins`).
    `time_limit_s` bounds each import and hook call of a plugin (default
    `plugin_guard.TIME_LIMIT_S`).
    """
    candidates = find_candidates(entry_points=entry_points, plugins_dir=plugins_dir)
    return load_candidates(
        candidates, disabled=disabled, wanted=wanted_plugins(only), time_limit_s=time_limit_s
    )


def load_candidates(
    candidates: list[_Candidate],
    *,
    disabled: Iterable[str] = (),
    wanted: set[str] | None = None,
    time_limit_s: float | None = None,
) -> Catalog:
    """Load `candidates` (of `find_candidates`) but the disabled ones, and
    those `wanted` leaves out, into a new catalog."""
    disabled = set(disabled)
    catalog = Catalog() if time_limit_s is None else Catalog(time_limit_s=time_limit_s)
    # The collector would walk every exercise loaded so far, again and
    # again, as the catalog grows: with many plugins the load time would
    # grow faster than their number. Loading makes few reference cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
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
    finally:
        if collecting:
            gc.enable()
    return catalog
