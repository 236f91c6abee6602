"""What a plugin's own tests need, without reaching into the internals.

A plugin's test suite can be as short as::

    import my_plugin
    from composer.testing import check_plugin

    def test_my_plugin_is_sound():
        assert check_plugin(my_plugin, "my-plugin") == []

`check_plugin` loads the plugin through the same plugin manager `glute`
uses and returns every problem it would report, one line each. For finer
tests, `plugin_catalog` gives the catalog with the plugin loaded (beside
the first-party packs, so progressions into them resolve) and
`load_template` reads a template the way ``glute new -t`` does.

This module is part of the public plugin API (see the stability promise in
the plugin guide).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from composer.catalog.manager import Catalog, Template, load_catalog
from composer.format.reader import SessionError, missing_exercises, parse_session
from composer.model import Exercise, Session
from composer.run.timeline import compile_timeline
from composer.safetext import visible

__all__ = ["check_plugin", "load_template", "plugin_catalog", "template_session"]


def plugin_catalog(plugin: object, namespace: str, *, first_party: bool = True) -> Catalog:
    """A catalog with `plugin` (a module or any object with hook functions)
    registered under `namespace`, as `glute` would load it.

    With `first_party` (the default) the packs that ship with Glute Composer
    load too, so that progressions into them resolve. The user's plugins
    folder and other installed plugins are never loaded.
    """
    if first_party:
        # A first-party pack under test is loaded once, from `plugin`.
        catalog = load_catalog(plugins_dir=_NO_FOLDER, only="", disabled={namespace})
        catalog.plugins = [info for info in catalog.plugins if info.name != namespace]
    else:
        catalog = Catalog()
    # A plugin installed in the same environment is found through its entry
    # point already when `only` names it; here it is registered directly.
    catalog.register_module(namespace, plugin)
    return catalog


def load_template(template: str | Path | Template, catalog: Catalog | None = None) -> Session:
    """Read a template (TOML text, a path, or a catalog `Template`) as a
    session, raising `composer.format.reader.SessionError` with every problem.

    With a `catalog`, exercises that none of its plugins provide are
    problems too.
    """
    if isinstance(template, Template):
        text, filename = template.text(), template.filename
    elif isinstance(template, Path):
        text, filename = template.read_text(encoding="utf-8"), str(template)
    else:
        text, filename = template, "<template>"
    session = parse_session(text, filename)
    if catalog is not None:
        missing = missing_exercises(session, catalog.get, filename)
        if missing:
            raise SessionError(missing)
    return session


def template_session(catalog: Catalog, name: str) -> Session:
    """The session of the template called `name` in `catalog`."""
    templates = catalog.templates()
    if name not in templates:
        raise KeyError(f"no template named {name!r}; known: {', '.join(sorted(templates))}")
    return load_template(templates[name], catalog)


def check_plugin(plugin: object, namespace: str) -> list[str]:
    """Every problem Glute Composer finds in `plugin`, one line each.

    Covers: import and hook errors, exercises left out and why, duplicate
    ids, progressions that point nowhere or do not get harder, templates
    that are invalid, use exercises nobody provides, or would not run the
    same for someone without the plugin (a step that leaves its dose or
    name to the exercise's defaults). An empty list means
    the plugin is sound.
    """
    catalog = plugin_catalog(plugin, namespace)
    info = catalog.plugin(namespace)
    if info is None:  # pragma: no cover - register_module always records it
        return [f"{namespace}: not loaded"]
    problems: list[str] = []
    if not info.ok:
        problems.append(f"{namespace}: {visible(info.status)}")
    problems += [f"{namespace}: {visible(warning)}" for warning in info.warnings]
    mine = [e for e in catalog.exercises.values() if e.namespace == namespace]
    for exercise in mine:
        problems += _progression_problems(catalog, exercise)
    for template in catalog.templates().values():
        if template.plugin != namespace:
            continue
        try:
            session = load_template(template, catalog)
        except SessionError as error:
            problems += [visible(str(problem)) for problem in error.problems]
            continue
        if not _runs_the_same_without_plugins(session, catalog):
            problems.append(
                f"{template.filename}: does not run the same without its plugins: "
                "give every step its whole dose and its name"
            )
    return problems


def _runs_the_same_without_plugins(session: Session, catalog: Catalog) -> bool:
    """Shared files are self-contained: each step spells out its whole dose
    and name, so whoever opens one without the plugin gets the same plan."""

    def plan(lookup: Callable[[str], Exercise | None] | None) -> list[tuple[object, ...]]:
        timeline = compile_timeline(session, lookup) if lookup else compile_timeline(session)
        return [(i.kind, i.duration, i.name) for i in timeline.intervals]

    return plan(catalog.get) == plan(None)


def _progression_problems(catalog: Catalog, exercise: Exercise) -> list[str]:
    target = exercise.progresses_full_id
    if target is None:
        return []
    easier = catalog.get(target)
    if easier is None:
        return [f"{exercise.full_id}: progresses from {target!r}, which no plugin provides"]
    if easier.level >= exercise.level:
        return [
            f"{exercise.full_id}: level {exercise.level} is not above the level {easier.level} "
            f"of {easier.full_id}, the exercise it progresses from"
        ]
    return []


# A folder that does not exist: no single-file plugins are loaded.
_NO_FOLDER = Path("/nonexistent/glute-composer-plugins")
