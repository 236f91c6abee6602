"""The session templates in templates/: valid, complete, listed, usable with
`glute new -t`, and as long as their descriptions say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from composer import Sides
from composer.catalog.manager import load_catalog
from composer.cli.main import main
from composer.format.reader import load_session, missing_exercises, parse_session
from composer.format.writer import dumps_session
from composer.model import Step
from composer.run.timeline import compile_timeline

from .conftest import ROOT

TEMPLATE_FILES = sorted((ROOT / "templates").glob("*.toml"))
NAMES = [path.stem for path in TEMPLATE_FILES]

_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
_NUMBER = r"(\d+|" + "|".join(_NUMBERS) + r")"
_RANGE = re.compile(rf"\babout {_NUMBER}\s*(?:to|-|–)\s*{_NUMBER} min", re.IGNORECASE)
_ABOUT = re.compile(rf"\babout {_NUMBER}[\s-]*min", re.IGNORECASE)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(plugins_dir=Path("/nonexistent"), only="")


def test_there_are_templates():
    assert len(TEMPLATE_FILES) >= 5


def test_the_templates_plugin_serves_every_file(catalog):
    templates = catalog.templates()
    served = {name for name, t in templates.items() if t.plugin == "templates"}
    assert served == set(NAMES)
    assert catalog.plugin("templates").warnings == []


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=NAMES)
def test_template_is_valid_and_uses_first_party_exercises(path, catalog):
    session = load_session(path)  # raises SessionError, listing every problem
    assert session.title and session.description
    assert session.steps()
    assert missing_exercises(session, catalog.get, str(path)) == []
    for step in session.steps():
        exercise = catalog.get(step.exercise)
        assert catalog.plugin(exercise.namespace).first_party, step.exercise
        assert step.name == exercise.name, f"{path.name}: saved name of {step.exercise}"


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=NAMES)
def test_template_reps_keep_their_exercise_pace(path, catalog):
    # A step that gives reps decides their timing; leaving out the hold or
    # tempo makes them self-paced, so templates say it where they give reps.
    session = load_session(path)
    for step in session.steps():
        exercise = catalog.get(step.exercise)
        resolved = step.resolve(exercise, session.defaults)
        default = Step(exercise=step.exercise).resolve(exercise, session.defaults)
        assert resolved.self_paced == default.self_paced, step.exercise


def test_glute_templates_lists_every_template_with_its_plugin(capsys):
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    for path in TEMPLATE_FILES:
        assert path.stem in lines, path.stem
        assert lines[path.stem].rstrip().endswith("[templates]")
        assert "invalid" not in lines[path.stem]
        assert load_session(path).title in lines[path.stem]


@pytest.mark.parametrize("name", NAMES)
def test_glute_new_from_each_template_round_trips(name, tmp_path, catalog, capsys):
    target = tmp_path / f"{name}.toml"
    assert main(["new", "-t", name, str(target)]) == 0
    assert f"Wrote {target}" in capsys.readouterr().out
    written = load_session(target)
    original = load_session(ROOT / "templates" / f"{name}.toml")
    assert (written.title, written.description, written.tags) == (
        original.title,
        original.description,
        original.tags,
    )
    # The file is self-contained: it runs the same with the packs and without.
    expected = compile_timeline(original, catalog.get).intervals
    assert compile_timeline(written, catalog.get).intervals == expected
    without_packs = compile_timeline(written).intervals
    assert [(i.kind, i.duration, i.name, i.dose) for i in without_packs] == [
        (i.kind, i.duration, i.name, i.dose) for i in expected
    ]

    text = target.read_text()
    assert dumps_session(parse_session(text), catalog) == text
    assert main(["validate", str(target)]) == 0
    assert "ok" in capsys.readouterr().out


def _claimed_minutes(description: str) -> tuple[float, float]:
    """The range of minutes a description claims ("About 25 minutes" means
    give or take 15 %, and at least a minute)."""

    def number(text: str) -> int:
        return _NUMBERS.get(text.lower()) or int(text)

    text = " ".join(description.split())
    found = _RANGE.search(text)
    if found:
        return number(found.group(1)), number(found.group(2))
    found = _ABOUT.search(text)
    assert found, f"the description does not say how long it takes: {text!r}"
    minutes = number(found.group(1))
    slack = max(1.0, 0.15 * minutes)
    return minutes - slack, minutes + slack


def test_claimed_minutes_reads_descriptions():
    assert _claimed_minutes("Quick. About 5 minutes including rests.") == (4, 6)
    assert _claimed_minutes("About 20 to 25 minutes.") == (20, 25)
    assert _claimed_minutes("about\nten minutes") == (8.5, 11.5)
    assert _claimed_minutes("About 40 minutes") == (34, 46)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=NAMES)
def test_template_takes_as_long_as_its_description_says(path, catalog):
    session = load_session(path)
    low, high = _claimed_minutes(session.description)
    total = compile_timeline(session, catalog.get).total / 60
    assert low <= total <= high, (
        f"{path.name} says {low:g}–{high:g} min but takes {total:.1f} min; fix its description"
    )


# -- what the templates say and how they are built ----------------------------

_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
_SEED_WORD = re.compile(r"\bseeds?\b", re.IGNORECASE)


def _visible_text(session) -> list[str]:
    texts = [session.title, session.description, session.author, *session.tags]
    for block in session.blocks:
        texts.append(block.title)
        texts += [text for step in block.steps for text in (step.name, step.note) if text]
    return texts


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=NAMES)
def test_no_file_name_or_seed_number_reaches_a_user(path):
    for text in [*_visible_text(load_session(path)), path.read_text()]:
        assert not _FILE_NAME.search(text), f"{path.name}: {text!r}"
        assert not _SEED_WORD.search(text), f"{path.name}: {text!r}"


def _ids(name: str) -> list[str]:
    return [step.exercise for step in load_session(ROOT / "templates" / f"{name}.toml").steps()]


def test_glute_retraining_follows_the_runners_article_list():
    # Clamshells, side-lying leg lifts, the marching bridge, lateral lunges,
    # then piriformis and groin stretches: the article's own sequence.
    assert "glute-retraining" in NAMES
    assert _ids("glute-retraining") == [
        "activation/clamshell",
        "activation/side-lying-hip-abduction",
        "stability/marching-bridge",
        "integration/lateral-lunge",
        "stretch/piriformis-stretch",
        "stretch/groin-stretch",
    ]


def test_wake_up_offers_the_leg_lift_as_the_next_stage_not_an_extra_block():
    ids = _ids("wake-up")
    assert "activation/prone-squeeze-leg-lift" not in ids
    assert ids.count("activation/prone-glute-squeeze") == 1
    description = " ".join(load_session(ROOT / "templates" / "wake-up.toml").description.split())
    assert "next stage" in description and "leg lift" in description


def test_runners_five_opens_one_hip_in_all_three_stages_then_the_other():
    session = load_session(ROOT / "templates" / "runners-five.toml")
    stages = [
        "stretch/half-kneeling-hip-flexor",
        "stretch/hip-flexor-knee-lifted",
        "stretch/hip-flexor-pelvis-tuck",
    ]
    opener = [block for block in session.blocks if block.title.startswith("2. Hip opener")]
    assert [block.title.split(", ")[1] for block in opener] == [
        "right leg forward",
        "left leg forward",
    ]
    for block in opener:
        assert [step.exercise for step in block.steps] == stages
        assert all(step.dose.sides is Sides.BOTH for step in block.steps)


def test_desk_break_runs_in_protocol_order(catalog):
    phases = [catalog.get(full_id).phase.order for full_id in _ids("desk-break")]
    assert phases == sorted(phases)
    assert _ids("desk-break")[0].startswith("rolling/")


def test_unlock_then_activate_walks_sideways():
    ids = _ids("unlock-then-activate")
    assert "stability/lateral-band-walk" in ids and "stability/monster-walk" not in ids


def test_the_plugin_scaffold_template_takes_as_long_as_it_says(tmp_path):
    """The template `glute plugins new` writes is held to the same rule."""
    import importlib.util

    from composer.cli.scaffold import write_plugin_project
    from composer.testing import plugin_catalog, template_session

    project = write_plugin_project("hip-yoga", tmp_path / "p")
    spec = importlib.util.spec_from_file_location(
        "_scaffold_hip_yoga", project / "src" / "glute_composer_hip_yoga" / "__init__.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    catalog = plugin_catalog(module, "hip-yoga")
    session = template_session(catalog, "hip-yoga-starter")
    low, high = _claimed_minutes(session.description)
    total = compile_timeline(session, catalog.get).total / 60
    assert low <= total <= high, f"says {low:g}–{high:g} min, takes {total:.1f} min"
