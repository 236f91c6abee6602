"""The plugin API as a product: typed, versioned, and testable from outside."""

from __future__ import annotations

import textwrap
import types
from pathlib import Path

import pytest

import composer
from composer import Dose, Exercise, Phase, Sides, hookimpl
from composer.testing import check_plugin, load_template, plugin_catalog, template_session

DESIGN_EXAMPLE = """
from composer import Dose, Exercise, hookimpl

@hookimpl
def composer_exercises() -> list[Exercise]:
    return [Exercise(id="fire-hydrant", name="Fire hydrant", phase="activate",
                     summary="...", instructions=["..."], cues=["Hips level"],
                     targets=["gluteus medius"],
                     dose=Dose(sets=2, reps=12, hold_s=2, sides="each"))]
"""


def test_api_version_and_typed_marker():
    assert isinstance(composer.API_VERSION, tuple)
    assert composer.API_VERSION >= (1, 0)
    assert (Path(composer.__file__).parent / "py.typed").is_file()


def test_plain_strings_and_lists_become_enums_and_tuples():
    exercise = Exercise(
        id="x", name="X", phase="activate", cues=["a", "b"], dose=Dose(sides="each")
    )
    assert exercise.phase is Phase.ACTIVATE
    assert exercise.cues == ("a", "b")
    assert exercise.dose.sides is Sides.EACH


def test_unknown_phase_or_sides_is_a_clear_error():
    with pytest.raises(ValueError, match="phase must be one of"):
        Exercise(id="x", name="X", phase="warmup")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="sides must be one of"):
        Dose(sides="left")  # type: ignore[arg-type]


def test_design_example_passes_mypy_strict(tmp_path):
    api = pytest.importorskip("mypy.api", reason="mypy is not installed")
    module = tmp_path / "example_plugin.py"
    module.write_text(textwrap.dedent(DESIGN_EXAMPLE))
    out, err, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(module)]
    )
    assert status == 0, out + err


def test_a_typo_in_phase_is_caught_by_the_type_checker(tmp_path):
    api = pytest.importorskip("mypy.api", reason="mypy is not installed")
    module = tmp_path / "typo.py"
    module.write_text(
        'from composer import Exercise\nExercise(id="x", name="X", phase="activte")\n'
    )
    out, _err, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(module)]
    )
    assert status == 1
    assert "phase" in out and "activte" in out


def _plugin(exercises, templates=()):
    module = types.ModuleType("a_plugin")

    @hookimpl
    def composer_exercises():
        return list(exercises)

    @hookimpl
    def composer_templates():
        return list(templates)

    module.composer_exercises = composer_exercises
    module.composer_templates = composer_templates
    return module


TEMPLATE = """
schema_version = 1
title = "Hydrant starter"
[[blocks]]
title = "Go"
[[blocks.steps]]
exercise = "hydrants/fire-hydrant"
name = "Fire hydrant"
sets = 2
reps = 12
hold_s = 2
relax_s = 2
sides = "each"
rest_s = 30
switch_s = 5
"""


def _hydrant(**changes):
    values = dict(
        id="fire-hydrant",
        name="Fire hydrant",
        phase="activate",
        level=2,
        dose=Dose(sets=2, reps=12, hold_s=2, sides="each"),
    )
    values.update(changes)
    return Exercise(**values)


def test_check_plugin_passes_a_sound_plugin():
    plugin = _plugin([_hydrant(progresses="activation/prone-glute-squeeze")], [TEMPLATE])
    assert check_plugin(plugin, "hydrants") == []
    catalog = plugin_catalog(plugin, "hydrants")
    assert catalog.get("hydrants/fire-hydrant").name == "Fire hydrant"
    session = template_session(catalog, "hydrant-starter")
    assert [step.exercise for step in session.steps()] == ["hydrants/fire-hydrant"]


def test_check_plugin_reports_what_glute_would():
    broken_template = TEMPLATE.replace("fire-hydrant", "no-such-thing")
    plugin = _plugin(
        [_hydrant(progresses="nowhere"), _hydrant(id="harder", level=1, progresses="fire-hydrant")],
        [broken_template],
    )
    problems = check_plugin(plugin, "hydrants")
    text = "\n".join(problems)
    assert "hydrants/fire-hydrant: progresses from 'hydrants/nowhere'" in text
    assert "hydrants/harder: level 1 is not above the level 2 of hydrants/fire-hydrant" in text
    assert "no-such-thing" in text


def test_check_plugin_reports_a_template_that_leans_on_the_plugin():
    hydrant = _hydrant(dose=Dose(sets=2, reps=12, hold_s=2, sides="each"))
    leaning = "\n".join(
        line
        for line in TEMPLATE.splitlines()
        if "=" not in line or "exercise" in line or "title" in line or "schema" in line
    )
    assert check_plugin(_plugin([hydrant], [TEMPLATE]), "hydrants") == []
    problems = check_plugin(_plugin([hydrant], [leaning]), "hydrants")
    assert problems == [
        "<template hydrant-starter>: does not run the same without its plugins: "
        "give every step its whole dose and its name"
    ]


def test_check_plugin_reports_a_hook_that_raises():
    module = types.ModuleType("raising")

    @hookimpl
    def composer_exercises():
        raise RuntimeError("boom")

    module.composer_exercises = composer_exercises
    problems = check_plugin(module, "raising")
    assert problems and "boom" in problems[0]


def test_load_template_reads_text_and_paths(tmp_path):
    session = load_template(TEMPLATE)
    assert session.title == "Hydrant starter"
    path = tmp_path / "t.toml"
    path.write_text(TEMPLATE)
    assert load_template(path).title == "Hydrant starter"
