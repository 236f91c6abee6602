"""Every hook in composer.hookspecs has tests named for it and is documented
in docs/plugins.md; the tests for each hook follow."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from composer import Dose, Exercise, hookimpl, hookspecs
from composer.catalog.manager import Catalog

from .conftest import ROOT

DOCS = ROOT / "docs" / "plugins.md"
TESTS = Path(__file__).parent


def hook_names() -> list[str]:
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return sorted(
        name
        for name, value in vars(hookspecs).items()
        if inspect.isfunction(value) and hasattr(value, marker)
    )


def test_hookspecs_are_found():
    assert {"composer_exercises", "composer_templates"} <= set(hook_names())


def _test_function_names() -> set[str]:
    names = set()
    for path in TESTS.glob("test_*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
                "test_"
            ):
                names.add(node.name)
    return names


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_test_named_for_it(hook):
    tests = [name for name in _test_function_names() if hook in name]
    assert tests, f"write a test whose name contains {hook!r}"


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_is_documented(hook):
    text = DOCS.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("#") and hook in line]
    assert headings, f"docs/plugins.md needs a heading for {hook}"
    # The heading shows the signature, as written in hookspecs.py.
    signature = str(inspect.signature(getattr(hookspecs, hook)))
    signature = re.sub(r"'", "", signature)
    assert any(f"{hook}{signature}" in heading for heading in headings), (
        f"the heading of {hook} should read `{hook}{signature}`"
    )


def test_every_hookspec_has_a_docstring_for_plugin_authors():
    for hook in hook_names():
        doc = inspect.getdoc(getattr(hookspecs, hook))
        assert doc and len(doc) > 80, hook
        assert "versionadded" in doc, hook


# -- composer_exercises -------------------------------------------------------


def _exercise(**overrides) -> Exercise:
    values = dict(
        id="wall-sit",
        name="Wall sit",
        phase="integrate",
        summary="Back on a wall, thighs level.",
        dose=Dose(duration_s=30),
    )
    values.update(overrides)
    return Exercise(**values)


def _plugin(**hooks):
    return SimpleNamespace(**{name: hookimpl(function) for name, function in hooks.items()})


def test_composer_exercises_are_added_under_the_plugin_namespace():
    catalog = Catalog()
    info = catalog.register_module("mine", _plugin(composer_exercises=lambda: [_exercise()]))
    assert info.ok and info.exercises == 1
    exercise = catalog.get("mine/wall-sit")
    assert exercise.namespace == "mine" and exercise.full_id == "mine/wall-sit"
    assert catalog.get("wall-sit") is None


def test_composer_exercises_may_return_a_tuple():
    catalog = Catalog()
    info = catalog.register_module("mine", _plugin(composer_exercises=lambda: (_exercise(),)))
    assert info.ok and info.exercises == 1


def test_composer_exercises_same_id_in_two_plugins_does_not_clash():
    catalog = Catalog()
    catalog.register_module("one", _plugin(composer_exercises=lambda: [_exercise()]))
    catalog.register_module("two", _plugin(composer_exercises=lambda: [_exercise(name="Other")]))
    assert catalog.get("one/wall-sit").name == "Wall sit"
    assert catalog.get("two/wall-sit").name == "Other"


def test_composer_exercises_that_raises_breaks_only_that_plugin():
    def boom():
        raise RuntimeError("no exercises today")

    catalog = Catalog()
    bad = catalog.register_module("bad", _plugin(composer_exercises=boom))
    good = catalog.register_module("good", _plugin(composer_exercises=lambda: [_exercise()]))
    assert not bad.ok and "composer_exercises() raised RuntimeError" in bad.status
    assert "no exercises today" in bad.status
    assert good.ok and catalog.get("good/wall-sit") is not None


def test_composer_exercises_returning_a_non_list_is_an_error():
    catalog = Catalog()
    info = catalog.register_module("bad", _plugin(composer_exercises=lambda: _exercise()))
    assert not info.ok and "must return a list" in info.error
    assert catalog.exercises == {}


def test_composer_exercises_skips_bad_items_and_keeps_the_rest():
    catalog = Catalog()
    items = [_exercise(), "not an exercise", _exercise(name="Duplicate"), _exercise(id="ok-2")]
    info = catalog.register_module("mixed", _plugin(composer_exercises=lambda: items))
    assert info.ok and info.exercises == 2
    assert any("not an Exercise" in w for w in info.warnings)
    assert any("duplicate id 'wall-sit'" in w for w in info.warnings)
    assert catalog.get("mixed/wall-sit").name == "Wall sit"


def test_composer_exercises_progresses_resolves_bare_and_full_ids():
    catalog = Catalog()
    catalog.register_module(
        "base", _plugin(composer_exercises=lambda: [_exercise(id="easy"), _exercise(id="hard")])
    )
    catalog.register_module(
        "ext",
        _plugin(
            composer_exercises=lambda: [
                _exercise(id="harder", progresses="base/easy", level=2),
                _exercise(id="hardest", progresses="harder", level=3),
            ]
        ),
    )
    hardest = catalog.get("ext/hardest")
    assert hardest.progresses_full_id == "ext/harder"
    assert [e.full_id for e in catalog.chain(hardest)] == ["base/easy", "ext/harder", "ext/hardest"]


# -- composer_templates -------------------------------------------------------

TEMPLATE = """
schema_version = 1
title = "Wall sit ladder"

[[blocks]]
title = "Sit"

[[blocks.steps]]
exercise = "mine/wall-sit"
name = "Wall sit"
"""


def test_composer_templates_text_is_named_by_a_slug_of_its_title():
    catalog = Catalog()
    catalog.register_module("mine", _plugin(composer_templates=lambda: [TEMPLATE]))
    templates = catalog.templates()
    assert list(templates) == ["wall-sit-ladder"]
    assert templates["wall-sit-ladder"].plugin == "mine"
    assert templates["wall-sit-ladder"].text() == TEMPLATE


def test_composer_templates_paths_are_named_by_file(tmp_path):
    path = tmp_path / "my-ladder.toml"
    path.write_text(TEMPLATE)
    catalog = Catalog()
    catalog.register_module("mine", _plugin(composer_templates=lambda: [path, str(path)]))
    templates = catalog.templates()
    assert list(templates) == ["my-ladder"]  # the second is the same name: skipped
    assert templates["my-ladder"].text() == TEMPLATE
    assert any("also provided" in w for w in catalog.plugin("mine").warnings)


def test_composer_templates_that_raises_keeps_the_exercises():
    def boom():
        raise ValueError("no templates")

    catalog = Catalog()
    info = catalog.register_module(
        "mine", _plugin(composer_exercises=lambda: [_exercise()], composer_templates=boom)
    )
    assert catalog.templates() == {}
    assert info.ok and catalog.get("mine/wall-sit") is not None
    assert any("composer_templates() raised ValueError" in w for w in info.warnings)


def test_composer_templates_returning_a_non_list_is_a_warning():
    catalog = Catalog()
    info = catalog.register_module("mine", _plugin(composer_templates=lambda: TEMPLATE))
    assert catalog.templates() == {}
    assert any("must return a list" in w for w in info.warnings)


def test_composer_templates_of_a_broken_plugin_are_not_asked_for():
    asked = []

    def templates():
        asked.append(True)
        return [TEMPLATE]

    def boom():
        raise RuntimeError("broken")

    catalog = Catalog()
    catalog.register_module("bad", _plugin(composer_exercises=boom, composer_templates=templates))
    assert catalog.templates() == {}
    assert asked == []
