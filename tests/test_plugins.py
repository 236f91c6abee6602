"""The plugin manager: a broken plugin is reported, never fatal."""

from __future__ import annotations

import textwrap
from types import SimpleNamespace

import pytest

from composer import Dose, Exercise, hookimpl
from composer.catalog.manager import Catalog, load_catalog


def _exercise(id_: str = "fire-hydrant", **fields) -> Exercise:
    return Exercise(id=id_, name=fields.pop("name", "Fire hydrant"), phase="activate", **fields)


def _plugin(exercises):
    @hookimpl
    def composer_exercises():
        if callable(exercises):
            return exercises()
        return exercises

    return SimpleNamespace(composer_exercises=composer_exercises)


def test_first_party_packs_load_through_entry_points():
    catalog = load_catalog()
    names = {info.name for info in catalog.plugins}
    assert {"rolling", "stretch", "activation", "stability"} <= names
    assert all(info.ok for info in catalog.plugins), [i.status for i in catalog.plugins]
    assert all(info.first_party for info in catalog.plugins)
    squeeze = catalog.get("activation/prone-glute-squeeze")
    assert squeeze is not None and squeeze.namespace == "activation"


def test_good_plugin_gets_its_namespace():
    catalog = Catalog()
    info = catalog.register_module("yoga", _plugin([_exercise()]))
    assert info.ok and info.exercises == 1
    assert catalog.get("yoga/fire-hydrant").full_id == "yoga/fire-hydrant"


def test_plugin_that_fails_to_import_is_reported(tmp_path):
    (tmp_path / "broken.py").write_text("raise RuntimeError('boom at import')\n")
    (tmp_path / "fine.py").write_text(
        textwrap.dedent(
            """
            from composer import Exercise, hookimpl

            @hookimpl
            def composer_exercises():
                return [Exercise(id="x", name="X", phase="roll")]
            """
        )
    )
    catalog = load_catalog(entry_points=False, plugins_dir=tmp_path, only="broken,fine")
    broken = catalog.plugin("broken")
    assert broken.error == "failed to import: RuntimeError: boom at import"
    assert catalog.plugin("fine").ok
    assert catalog.get("fine/x") is not None


def test_plugin_with_syntax_error_or_exit_is_reported(tmp_path):
    (tmp_path / "syntax.py").write_text("def (:\n")
    (tmp_path / "exits.py").write_text("import sys\nsys.exit(3)\n")
    catalog = load_catalog(entry_points=False, plugins_dir=tmp_path, only="syntax,exits")
    assert catalog.plugin("syntax").error.startswith("failed to import: SyntaxError")
    assert catalog.plugin("exits").error.startswith("failed to import: SystemExit")


def test_plugin_whose_hook_raises_is_reported_and_others_still_load():
    catalog = Catalog()

    def boom():
        raise ValueError("no exercises today")

    catalog.register_module("bad", _plugin(boom))
    catalog.register_module("good", _plugin([_exercise()]))
    assert (
        catalog.plugin("bad").error == "composer_exercises() raised ValueError: no exercises today"
    )
    assert catalog.get("good/fire-hydrant") is not None


def test_plugin_returning_wrong_type_is_reported():
    catalog = Catalog()
    catalog.register_module("wrong", _plugin("not a list"))
    assert "must return a list of Exercise, not str" in catalog.plugin("wrong").error


def test_wrong_items_and_invalid_exercises_are_skipped_with_a_reason():
    catalog = Catalog()
    good = _exercise("good")
    invalid = _exercise("fine")
    object.__setattr__(invalid, "level", 9)  # bypasses the constructor's check
    info = catalog.register_module("mixed", _plugin([good, {"id": "dict"}, invalid]))
    assert info.ok
    assert info.exercises == 1
    assert "item 2 is a dict, not an Exercise: skipped" in info.warnings
    assert any("level must be 1 to 5" in w for w in info.warnings)
    assert "ok, with problems" in info.status


def test_invalid_exercise_in_constructor_breaks_only_that_plugin():
    catalog = Catalog()

    def build():
        return [Exercise(id="Bad Id", name="x", phase="activate")]

    catalog.register_module("author-typo", _plugin(build))
    assert "must be a slug" in catalog.plugin("author-typo").error


def test_duplicate_ids_keep_the_first():
    catalog = Catalog()
    info = catalog.register_module(
        "dup", _plugin([_exercise(name="First"), _exercise(name="Second")])
    )
    assert catalog.get("dup/fire-hydrant").name == "First"
    assert info.warnings == ["duplicate id 'fire-hydrant': the second is skipped"]


def test_duplicate_plugin_names_are_reported():
    catalog = Catalog()
    catalog.register_module("twin", _plugin([_exercise()]))
    second = catalog.register_module("twin", _plugin([_exercise("other")]))
    assert "already used" in second.error
    assert catalog.get("twin/other") is None


def test_plugin_with_a_bad_hook_signature_is_reported():
    @hookimpl
    def composer_exercises(unexpected_argument):
        return []

    catalog = Catalog()
    info = catalog.register_module("sig", SimpleNamespace(composer_exercises=composer_exercises))
    assert info.error.startswith("cannot be registered")


def test_load_plugins_env_narrows_what_loads(tmp_path, monkeypatch):
    for name in ("alpha", "beta"):
        (tmp_path / f"{name}.py").write_text(
            "from composer import Exercise, hookimpl\n"
            "@hookimpl\n"
            "def composer_exercises():\n"
            f"    return [Exercise(id='{name}-move', name='{name}', phase='roll')]\n"
        )
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "beta")
    catalog = load_catalog(plugins_dir=tmp_path)
    assert catalog.plugin("alpha") is None
    assert catalog.plugin("beta").ok
    assert catalog.plugin("rolling").ok, "first-party packs always load"
    monkeypatch.delenv("GLUTE_COMPOSER_LOAD_PLUGINS")
    catalog = load_catalog(plugins_dir=tmp_path)
    assert catalog.plugin("alpha").ok


def test_disabled_plugins_are_listed_but_not_loaded(tmp_path):
    catalog = load_catalog(plugins_dir=tmp_path, disabled=["rolling"])
    info = catalog.plugin("rolling")
    assert info.disabled and info.status == "disabled"
    assert catalog.get("rolling/glute-ball-roll") is None


def test_search_and_progression_chain():
    catalog = Catalog()
    easy = _exercise("bridge", name="Bridge", targets=("gluteus maximus",))
    hard = _exercise("one-leg-bridge", name="One-leg bridge", progresses="bridge", level=3)
    harder = _exercise("ball-bridge", name="Ball bridge", progresses="pack/one-leg-bridge", level=4)
    catalog.register_module("pack", _plugin([easy, hard, harder]))
    assert [e.id for e in catalog.search("maximus")] == ["bridge"]
    assert [e.id for e in catalog.search("bridge one")] == ["one-leg-bridge"]
    chain = catalog.chain(catalog.get("pack/one-leg-bridge"))
    assert [e.id for e in chain] == ["bridge", "one-leg-bridge", "ball-bridge"]
    assert catalog.easier(catalog.get("pack/bridge")) is None


def test_exercise_accepts_plain_strings_and_checks_doses():
    exercise = Exercise(id="x", name="X", phase="stretch", dose=Dose(duration_s=30, sides="each"))
    assert exercise.phase.value == "stretch" and exercise.dose.sides.value == "each"
    with pytest.raises(ValueError, match="not both"):
        Dose(reps=3, duration_s=30)
    with pytest.raises(ValueError, match="phase must be one of"):
        Exercise(id="x", name="X", phase="nap")


def test_ids_with_a_trailing_newline_are_refused():
    with pytest.raises(ValueError, match="must be a slug"):
        Exercise(id="fire-hydrant\n", name="X", phase="activate")
