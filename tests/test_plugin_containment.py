"""Hostile and broken plugins: whatever a plugin raises or returns, it is
reported, the other plugins still load, and loading ends in bounded time."""

from __future__ import annotations

import itertools
import signal
import textwrap
import threading
import time
from dataclasses import fields
from types import SimpleNamespace

import pytest

from composer import Dose, Evidence, Exercise, hookimpl
from composer.catalog.checks import CHECKED, MAX_EXERCISES_PER_PLUGIN
from composer.catalog.manager import MAX_TEMPLATES_PER_PLUGIN, MAX_WARNINGS, Catalog, load_catalog
from composer.safetext import is_clean


def _exercise(id_: str = "fire-hydrant", **fields) -> Exercise:
    return Exercise(id=id_, name=fields.pop("name", "Fire hydrant"), phase="activate", **fields)


def _plugin(**hooks):
    return SimpleNamespace(**{name: hookimpl(function) for name, function in hooks.items()})


def _exercises(function):
    return _plugin(composer_exercises=function)


def _bypass(exercise: Exercise, **values) -> Exercise:
    """Set fields past the constructor's checks, as a careless plugin could."""
    for name, value in values.items():
        object.__setattr__(exercise, name, value)
    return exercise


def _dose(**values) -> Dose:
    dose = Dose()
    for name, value in values.items():
        object.__setattr__(dose, name, value)
    return dose


def _good_still_loads(catalog: Catalog) -> None:
    info = catalog.register_module("good", _exercises(lambda: [_exercise()]))
    assert info.ok and catalog.get("good/fire-hydrant") is not None


def _all_clean(catalog: Catalog) -> None:
    for info in catalog.plugins:
        assert is_clean(info.status), info.status
        for problem in info.problems:
            assert is_clean(problem), problem


# -- BaseException from plugin code --------------------------------------------


@pytest.mark.parametrize(
    "raised", [KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError, RecursionError]
)
def test_any_exception_at_import_is_reported(tmp_path, raised):
    (tmp_path / "bad.py").write_text(f"raise {raised.__name__}('at import')\n")
    catalog = load_catalog(entry_points=False, plugins_dir=tmp_path, only="bad")
    assert catalog.plugin("bad").error == f"failed to import: {raised.__name__}: at import"
    _good_still_loads(catalog)


@pytest.mark.parametrize("raised", [KeyboardInterrupt, SystemExit, GeneratorExit, BaseException])
def test_any_exception_in_composer_exercises_is_reported(raised):
    def boom():
        raise raised("in the hook")

    catalog = Catalog()
    info = catalog.register_module("bad", _exercises(boom))
    assert info.error == f"composer_exercises() raised {raised.__name__}: in the hook"
    _good_still_loads(catalog)


def test_any_exception_in_composer_templates_is_reported():
    def boom():
        raise KeyboardInterrupt("templates")

    catalog = Catalog()
    info = catalog.register_module("bad", _plugin(composer_templates=boom))
    assert catalog.templates() == {}
    assert info.ok
    assert "composer_templates() raised KeyboardInterrupt: templates" in info.warnings


class _Unprintable(Exception):
    def __str__(self):
        raise KeyboardInterrupt("from __str__")


class _Escaping(Exception):
    def __str__(self):
        return "\x1b]52;c;cm0gLXJmIH4=\x07 and\nmore lines"


def test_an_exception_whose_str_raises_is_still_reported():
    def boom():
        raise _Unprintable()

    catalog = Catalog()
    info = catalog.register_module("bad", _exercises(boom))
    assert info.error == "composer_exercises() raised _Unprintable: (its message cannot be shown)"


def test_an_exception_message_is_one_escaped_line():
    def boom():
        raise _Escaping()

    catalog = Catalog()
    info = catalog.register_module("bad", _exercises(boom))
    assert info.error == ("composer_exercises() raised _Escaping: \\x1b]52;c;cm0gLXJmIH4=\\x07 and")
    _all_clean(catalog)


def test_an_exception_class_with_a_hostile_name_is_shown_escaped():
    hostile = type("Bad\x1b[2J\u202eName", (Exception,), {})

    def boom():
        raise hostile("x")

    catalog = Catalog()
    info = catalog.register_module("bad", _exercises(boom))
    assert info.error == "composer_exercises() raised Bad\\x1b[2J\\u202eName: x"


def test_a_plugin_raising_keyboardinterrupt_does_not_stop_a_command(tmp_path, glute_env):
    import subprocess

    from .conftest import glute_command

    plugins = tmp_path / "home" / "data" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "interrupts.py").write_text("raise KeyboardInterrupt\n")
    (plugins / "exits.py").write_text("import sys\nsys.exit(9)\n")
    env = dict(glute_env, GLUTE_COMPOSER_HOME=str(tmp_path / "home"))
    env["GLUTE_COMPOSER_LOAD_PLUGINS"] = "interrupts,exits"
    for args in (["plugins"], ["exercises"], ["templates"]):
        out = subprocess.run(
            [*glute_command(), *args], capture_output=True, text=True, env=env, timeout=60
        )
        assert out.returncode == 0, (args, out.stderr)
        assert "Traceback" not in out.stderr
    out = subprocess.run(
        [*glute_command(), "plugins"], capture_output=True, text=True, env=env, timeout=60
    )
    assert "failed to import: KeyboardInterrupt" in out.stdout
    assert "failed to import: SystemExit: 9" in out.stdout


# -- wrong types and hostile objects -----------------------------------------------


@pytest.mark.parametrize(
    ("returned", "shown"),
    [
        (None, "None"),
        (42, "int"),
        ("fire-hydrant", "str"),
        (b"bytes", "bytes"),
        ({"id": "x"}, "dict"),
        (_exercise(), "Exercise"),
    ],
)
def test_composer_exercises_of_the_wrong_type_is_an_error(returned, shown):
    catalog = Catalog()
    info = catalog.register_module("bad", _exercises(lambda: returned))
    assert info.error == f"composer_exercises() must return a list of Exercise, not {shown}"
    _good_still_loads(catalog)


def test_composer_exercises_may_be_a_generator():
    def exercises():
        yield _exercise("one")
        yield _exercise("two")

    catalog = Catalog()
    info = catalog.register_module("gen", _exercises(exercises))
    assert info.ok and info.exercises == 2


def test_composer_exercises_that_never_ends_is_cut_at_the_cap():
    closed = []

    def endless():
        try:
            for number in itertools.count():
                yield _exercise(f"move-{number}")
        finally:
            closed.append(True)

    catalog = Catalog()
    start = time.monotonic()
    info = catalog.register_module("endless", _exercises(endless))
    assert time.monotonic() - start < 10
    assert info.ok and info.exercises == MAX_EXERCISES_PER_PLUGIN
    assert closed == [True], "the generator is closed, so its cleanup runs"
    assert f"provides more than {MAX_EXERCISES_PER_PLUGIN} exercises" in info.status


def test_a_generator_that_refuses_to_close_is_contained():
    def stubborn():
        ignored = False
        for number in itertools.count():
            try:
                yield _exercise(f"move-{number}")
            except GeneratorExit:
                if ignored:
                    return  # gives in when it is finalised, so the run ends quietly
                ignored = True  # ignores close(): Python raises RuntimeError

    catalog = Catalog()
    info = catalog.register_module("stubborn", _exercises(stubborn))
    assert info.ok and info.exercises == MAX_EXERCISES_PER_PLUGIN


def test_millions_of_items_are_not_all_read():
    catalog = Catalog()
    start = time.monotonic()
    info = catalog.register_module("huge", _exercises(lambda: [42] * 3_000_000))
    assert time.monotonic() - start < 10
    assert info.ok and info.exercises == 0
    assert len(info.warnings) == MAX_WARNINGS
    assert info.more_warnings == MAX_EXERCISES_PER_PLUGIN + 1 - MAX_WARNINGS
    assert info.problems[-1] == f"… and {info.more_warnings} more problems"


def test_an_iterator_that_raises_midway_breaks_only_that_plugin():
    def exercises():
        yield _exercise()
        raise SystemExit("midway")

    catalog = Catalog()
    info = catalog.register_module("midway", _exercises(exercises))
    assert info.error == (
        "composer_exercises() failed while its exercises were read: SystemExit: midway"
    )
    _good_still_loads(catalog)


class _HostileStr(str):
    def __hash__(self):
        raise KeyboardInterrupt("hash")

    def __eq__(self, other):
        raise SystemExit("eq")

    __ne__ = __eq__


class _HostileObject:
    def __eq__(self, other):
        raise KeyboardInterrupt("eq")

    def __hash__(self):
        raise SystemExit("hash")

    def __repr__(self):
        raise RuntimeError("repr")

    __str__ = __repr__


def test_text_with_a_hostile_hash_and_eq_is_copied_to_plain_text():
    item = _bypass(_exercise(), id=_HostileStr("fire-hydrant"), name=_HostileStr("Fire"))
    twin = _bypass(_exercise(), id=_HostileStr("fire-hydrant"))
    catalog = Catalog()
    info = catalog.register_module("hostile", _exercises(lambda: [item, twin]))
    assert info.ok and info.exercises == 1
    exercise = catalog.get("hostile/fire-hydrant")
    assert type(exercise.id) is str and type(exercise.name) is str
    assert info.warnings == ["duplicate id 'fire-hydrant': the second is skipped"]


def test_a_plugin_object_with_a_hostile_eq_and_hash_is_contained():
    class Plugin(_HostileObject):
        @hookimpl
        def composer_exercises(self):
            return [_exercise()]

    catalog = Catalog()
    catalog.register_module("first", _exercises(lambda: [_exercise()]))
    info = catalog.register_module("hostile", Plugin())
    assert info.ok, info.status
    _good_still_loads(catalog)
    assert catalog.get("hostile/fire-hydrant") is not None


def test_a_hostile_object_among_the_exercises_is_skipped():
    hostile = _HostileObject()
    catalog = Catalog()
    info = catalog.register_module("hostile", _exercises(lambda: [hostile, _exercise()]))
    assert info.ok and info.exercises == 1
    assert info.warnings == ["item 1 is a _HostileObject, not an Exercise: skipped"]


def test_an_exercise_whose_fields_raise_when_read_is_skipped():
    class Sneaky(Exercise):
        @property
        def cues(self):
            raise GeneratorExit("cues")

    sneaky = object.__new__(Sneaky)
    for field in fields(Exercise):
        if field.name != "cues":
            sneaky.__dict__[field.name] = getattr(_exercise("sneaky"), field.name)
    catalog = Catalog()
    info = catalog.register_module("sneaky", _exercises(lambda: [sneaky, _exercise()]))
    assert info.ok and info.exercises == 1
    assert info.warnings == ["exercise 'sneaky' skipped: reading it raised GeneratorExit: cues"]


def test_registering_a_plugin_twice_is_reported():
    module = _exercises(lambda: [_exercise()])
    catalog = Catalog()
    catalog.register_module("one", module)
    second = catalog.register_module("one", module)
    assert "already used" in second.error


# -- bounded time ----------------------------------------------------------------

needs_alarm = pytest.mark.skipif(
    not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread(),
    reason="the time limit needs SIGALRM on the main thread",
)


@needs_alarm
def test_a_plugin_that_never_finishes_importing_is_stopped(tmp_path):
    (tmp_path / "spins.py").write_text("while True:\n    pass\n")
    (tmp_path / "sleeps.py").write_text("import time\ntime.sleep(3600)\n")
    start = time.monotonic()
    catalog = load_catalog(
        entry_points=False, plugins_dir=tmp_path, only="spins,sleeps", time_limit_s=0.3
    )
    assert time.monotonic() - start < 10
    assert catalog.plugin("spins").error == "failed to import: did not finish within 0.3 s"
    assert catalog.plugin("sleeps").error == "failed to import: did not finish within 0.3 s"
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@needs_alarm
def test_a_hook_that_never_returns_is_stopped():
    def forever():
        while True:
            time.sleep(0.01)

    def stubborn():
        # Swallows the first interruption; the timer fires again.
        try:
            time.sleep(3600)
        except BaseException:
            pass
        time.sleep(3600)

    catalog = Catalog(time_limit_s=0.2)
    first = catalog.register_module("forever", _exercises(forever))
    second = catalog.register_module("stubborn", _exercises(stubborn))
    assert first.error == "composer_exercises() did not finish within 0.2 s"
    assert second.error == "composer_exercises() did not finish within 0.2 s"
    _good_still_loads(catalog)


@needs_alarm
def test_a_ctrl_c_from_the_user_still_stops_loading():
    def waits():
        signal.raise_signal(signal.SIGINT)  # as if the user pressed Ctrl-C now
        time.sleep(5)
        return [_exercise()]

    catalog = Catalog()
    with pytest.raises(KeyboardInterrupt):
        catalog.register_module("slow", _exercises(waits))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# -- exercise checks --------------------------------------------------------------

BAD_EXERCISES = {
    "an infinite duration": ({"dose": _dose(duration_s=float("inf"))}, "duration_s"),
    "a nan hold": ({"dose": _dose(reps=5, hold_s=float("nan"))}, "hold_s must be a finite"),
    "a negative infinite rest": ({"dose": _dose(rest_s=float("-inf"))}, "rest_s must be a finite"),
    "a huge int of reps": ({"dose": _dose(reps=10**400)}, "reps must be between 1 and 500"),
    "a huge float": ({"dose": _dose(duration_s=1e308)}, "a huge number"),
    "more sets than a file allows": ({"dose": _dose(sets=51)}, "sets must be between 1 and 50"),
    "a hold under half a second": ({"dose": _dose(reps=3, hold_s=0.1)}, "hold_s must be between"),
    "a duration of zero": ({"dose": _dose(duration_s=0)}, "duration_s must be between 1"),
    "true as reps": ({"dose": _dose(reps=True)}, "reps must be a whole number"),
    "text as seconds": ({"dose": _dose(rest_s="30")}, "rest_s must be a number"),
    "hold with tempo": ({"dose": _dose(reps=3, hold_s=2, rep_s=2)}, "both hold_s and rep_s"),
    "hold with a duration": ({"dose": _dose(duration_s=30, hold_s=2)}, "duration_s and hold_s"),
    "a dose of the wrong type": ({"dose": {"sets": 2}}, "dose must be a Dose"),
    "a sides value": ({"dose": _dose(sides="both-ish")}, "sides must be one of"),
    "an escape in the name": ({"name": "Bad\x1b]52;c;eA==\x07"}, "name must not contain control"),
    "a C1 byte in the summary": ({"summary": "x\x9b2J"}, "summary must not contain control"),
    "a newline in the name": ({"name": "Two\nlines"}, "name must be one line"),
    "a long name": ({"name": "n" * 121}, "name is 121 characters long; at most 120"),
    "a long summary": ({"summary": "s" * 301}, "summary is 301 characters long"),
    "a long cue": ({"cues": ("c" * 201,)}, "cues is 201 characters long"),
    "a cue with a line break": ({"cues": ("a\nb",)}, "cues must be one line"),
    "an instruction with BEL": ({"instructions": ("ring\x07",)}, "instructions must not contain"),
    "too many cues": ({"cues": ("go",) * 21}, "cues has more than 20 items"),
    "too many instructions": ({"instructions": ("x",) * 31}, "instructions has more than 30"),
    "too many targets": ({"targets": ("glute",) * 21}, "targets has more than 20 items"),
    "a target of the wrong type": ({"targets": (3,)}, "targets must be text, not int"),
    "cues as a set": ({"cues": {"a"}}, "cues must be a list, not set"),
    "an empty name": ({"name": "  "}, "name must not be empty"),
    "a level of 6": ({"level": 6}, "level must be 1 to 5"),
    "a level of nan": ({"level": float("nan")}, "level must be 1 to 5"),
    "a phase of the wrong kind": ({"phase": "nap"}, "phase must be one of"),
    "progresses with spaces": ({"progresses": "not an id"}, "progresses must be an exercise id"),
    "evidence of the wrong type": ({"evidence": ("a study",)}, "evidence must be Evidence"),
    "evidence with an escape": (
        {"evidence": (Evidence(muscle="glute\x1b[5m", source="x"),)},
        "evidence muscle must not contain control",
    ),
}


@pytest.mark.parametrize("case", BAD_EXERCISES, ids=list(BAD_EXERCISES))
def test_an_exercise_breaking_the_rules_is_skipped_and_named(case):
    values, reason = BAD_EXERCISES[case]
    bad = _bypass(_exercise("bad-one"), **values)
    catalog = Catalog()
    info = catalog.register_module(
        "pack", _exercises(lambda: [_exercise("first"), bad, _exercise("last")])
    )
    assert info.ok and info.exercises == 2
    assert catalog.get("pack/bad-one") is None
    (warning,) = info.warnings
    assert warning.startswith("exercise 'bad-one' skipped: "), warning
    assert reason in warning, warning
    assert catalog.get("pack/first") and catalog.get("pack/last")
    _all_clean(catalog)


def test_an_exercise_with_a_bad_id_is_named_by_its_place():
    bad = _bypass(_exercise(), id="Bad\x1b[31mId")
    catalog = Catalog()
    info = catalog.register_module("pack", _exercises(lambda: [_exercise("first"), bad]))
    assert info.warnings == [
        "item 2 skipped: id 'Bad\\x1b[31mId' must be a slug: lower-case letters, digits and '-'"
    ]


def test_bidi_and_zero_width_text_loads_but_is_shown_escaped():
    item = _exercise(name="Fire\u202ehydrant\u200b", cues=("hips\u2066 level",))
    catalog = Catalog()
    info = catalog.register_module("pack", _exercises(lambda: [item]))
    assert info.ok and info.exercises == 1  # as in session files: only controls are refused


def test_accepted_exercises_are_plain_copies_within_the_bounds():
    class Named(str):
        pass

    item = _exercise(
        name=Named("Fire hydrant"),
        cues=["Hips level", "Slow"],
        dose=Dose(sets=2, reps=12, hold_s=2.5, sides="each"),
        evidence=[Evidence(muscle="gluteus medius", source="A study", mvic_percent="40")],
    )
    catalog = Catalog()
    catalog.register_module("pack", _exercises(lambda: [item]))
    exercise = catalog.get("pack/fire-hydrant")
    assert exercise == item.with_namespace("pack")
    assert type(exercise.name) is str and type(exercise.cues) is tuple
    assert exercise is not item and exercise.dose is not item.dose


def test_every_model_field_is_checked():
    for cls, names in CHECKED.items():
        assert {field.name for field in fields(cls)} == names, cls.__name__


def test_exercises_beyond_the_cap_are_left_out_and_reported():
    many = [_exercise(f"move-{n}") for n in range(MAX_EXERCISES_PER_PLUGIN + 5)]
    catalog = Catalog()
    info = catalog.register_module("many", _exercises(lambda: many))
    assert info.exercises == MAX_EXERCISES_PER_PLUGIN
    assert catalog.get(f"many/move-{MAX_EXERCISES_PER_PLUGIN}") is None


# -- templates ------------------------------------------------------------------------

TEMPLATE = 'schema_version = 1\ntitle = "Ladder {n}"\n'


def test_templates_beyond_the_cap_are_left_out_and_reported():
    texts = [TEMPLATE.format(n=n) for n in range(MAX_TEMPLATES_PER_PLUGIN + 10)]
    catalog = Catalog()
    info = catalog.register_module("many", _plugin(composer_templates=lambda: texts))
    assert len(catalog.templates()) == MAX_TEMPLATES_PER_PLUGIN
    assert f"provides more than {MAX_TEMPLATES_PER_PLUGIN} templates" in info.status


def test_a_template_text_over_one_mib_is_skipped():
    big = TEMPLATE.format(n=1) + "#" * (1024 * 1024)
    catalog = Catalog()
    info = catalog.register_module(
        "big", _plugin(composer_templates=lambda: [big, TEMPLATE.format(n=2)])
    )
    assert list(catalog.templates()) == ["ladder-2"]
    assert info.warnings == ["template 1 skipped: its text is larger than 1 MiB"]


def test_a_template_of_blank_lines_is_named_quickly():
    text = "\n" * 1_000_000 + TEMPLATE.format(n=3)
    catalog = Catalog()
    catalog.register_module("blank", _plugin(composer_templates=lambda: [text]))
    start = time.monotonic()
    assert list(catalog.templates()) == ["ladder-3"]
    assert time.monotonic() - start < 5


def test_template_file_names_with_controls_and_wrong_items_are_skipped(tmp_path):
    evil = tmp_path / "evil\x1b]0;owned\x07.toml"
    evil.write_text(TEMPLATE.format(n=4))
    good = tmp_path / "good.toml"
    good.write_text(TEMPLATE.format(n=5))
    catalog = Catalog()
    info = catalog.register_module(
        "files", _plugin(composer_templates=lambda: [evil, 42, _HostileObject(), good])
    )
    assert list(catalog.templates()) == ["good"]
    assert info.warnings == [
        "template 1 skipped: the file name 'evil\\x1b]0;owned\\x07.toml' must be letters, "
        "digits, '.', '_' or '-', ending in .toml",
        "template 2 skipped: is a int, not a path or TOML text",
        "template 3 skipped: is a _HostileObject, not a path or TOML text",
    ]


def test_a_template_generator_that_raises_keeps_the_exercises():
    def templates():
        yield TEMPLATE.format(n=6)
        raise KeyboardInterrupt

    catalog = Catalog()
    info = catalog.register_module(
        "mixed", _plugin(composer_exercises=lambda: [_exercise()], composer_templates=templates)
    )
    assert catalog.templates() == {}
    assert info.ok and info.exercises == 1
    assert info.warnings == [
        "composer_templates() failed while its templates were read: KeyboardInterrupt"
    ]


# -- hooks go through pluggy -----------------------------------------------------------


def test_composer_exercises_is_called_through_the_plugins_hook_caller():
    """A plugin's own wrapper around its hook runs: the hook is called
    through pluggy, not as a bare function."""
    seen = []

    class Plugin:
        @hookimpl
        def composer_exercises(self):
            return [_exercise("plain")]

        @hookimpl(wrapper=True, specname="composer_exercises")
        def add_one(self):
            results = yield
            seen.append(results)
            return [*results, [_exercise("from-wrapper")]]

    catalog = Catalog()
    info = catalog.register_module("wrapped", Plugin())
    assert info.ok and info.exercises == 2
    assert len(seen) == 1
    assert catalog.hook_caller("wrapped", "composer_exercises") is not None
    assert catalog.hook_caller("wrapped", "composer_templates") is None
    assert catalog.hook_caller("missing", "composer_exercises") is None


def test_composer_templates_two_implementations_in_one_plugin_both_count(tmp_path):
    class Plugin:
        @hookimpl
        def composer_templates(self):
            return [TEMPLATE.format(n=7)]

        @hookimpl(specname="composer_templates")
        def more_templates(self):
            return [TEMPLATE.format(n=8)]

    catalog = Catalog()
    catalog.register_module("two", Plugin())
    assert sorted(catalog.templates()) == ["ladder-7", "ladder-8"]


def test_plugins_with_the_same_object_in_two_files_do_not_share_hooks(tmp_path):
    (tmp_path / "alpha.py").write_text(
        textwrap.dedent(
            """
            from composer import Exercise, hookimpl

            @hookimpl
            def composer_exercises():
                return [Exercise(id="a", name="A", phase="roll")]
            """
        )
    )
    (tmp_path / "beta.py").write_text("raise ValueError('beta is broken')\n")
    catalog = load_catalog(entry_points=False, plugins_dir=tmp_path, only="alpha,beta")
    assert catalog.plugin("alpha").exercises == 1
    assert catalog.plugin("beta").error == "failed to import: ValueError: beta is broken"


# -- through the command line ------------------------------------------------------


def test_an_entry_point_name_with_bells_is_reported_not_fatal(tmp_path, monkeypatch, capsys):
    from composer.cli.main import main

    dist = tmp_path / "belled-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[glute_composer]\nbad\x07\x07name = json\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("GLUTE_COMPOSER_LOAD_PLUGINS")
    catalog = load_catalog()
    info = catalog.plugin("bad\x07\x07name")
    assert info.error == "its name must be lower-case letters, digits, '-' or '_'"
    assert catalog.plugin("rolling").ok
    for args in (["plugins"], ["exercises"], ["templates"]):
        assert main(args) == 0
        out = capsys.readouterr()
        assert "\x07" not in out.out + out.err
    assert main(["plugins"]) == 0
    assert "bad\\x07\\x07name" in capsys.readouterr().out


def test_an_infinite_dose_no_longer_breaks_the_commands(home, monkeypatch, capsys):
    from composer.cli.main import main

    plugins = home / "data" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "endless.py").write_text(
        textwrap.dedent(
            """
            from composer import Dose, Exercise, hookimpl

            def _with(dose_field, value):
                dose = Dose(sets=2)
                object.__setattr__(dose, dose_field, value)
                return dose

            @hookimpl
            def composer_exercises():
                forever = Exercise(id="forever", name="Forever", phase="stretch")
                object.__setattr__(forever, "dose", _with("duration_s", float("inf")))
                unknown = Exercise(id="unknown", name="Unknown", phase="stretch")
                object.__setattr__(unknown, "dose", _with("rest_s", float("nan")))
                fine = Exercise(id="fine", name="Fine", phase="stretch")
                return [forever, unknown, fine]
            """
        )
    )
    session = home / "uses.toml"
    session.write_text(
        'schema_version = 1\ntitle = "Uses"\n\n[[blocks]]\n\n'
        '[[blocks.steps]]\nexercise = "endless/forever"\nname = "Forever"\n\n'
        '[[blocks.steps]]\nexercise = "endless/fine"\n'
    )
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "endless")
    assert main(["exercises", "--json", "--search", "endless"]) == 0
    out = capsys.readouterr().out
    assert "Infinity" not in out and "NaN" not in out
    assert '"id": "endless/fine"' in out and "endless/forever" not in out
    assert main(["validate", str(session)]) == 0
    assert "plugin 'endless' missing?" in capsys.readouterr().err  # forever is left out
    assert main(["show", str(session)]) == 0
    capsys.readouterr()
    assert main(["plugins"]) == 0
    listing = capsys.readouterr().out
    assert "exercise 'forever' skipped: dose duration_s must be a finite number, got inf" in listing
    assert "exercise 'unknown' skipped: dose rest_s must be a finite number, got nan" in listing


def test_python_reports_of_plugin_code_are_escaped(tmp_path, glute_env):
    """A warning and an exception ignored in a finaliser, both from plugin
    code, reach stderr escaped."""
    import subprocess

    from .conftest import glute_command

    plugins = tmp_path / "home" / "data" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "noisy.py").write_text(
        textwrap.dedent(
            """
            import warnings

            class Noisy:
                def __repr__(self):
                    return "Noisy\\x1b]0;owned\\x07"

                def __del__(self):
                    raise ValueError("\\x1b]52;c;eA==\\x07")

            warnings.warn("\\x1b]2;title\\x07", UserWarning)
            KEEP = Noisy()
            """
        )
    )
    env = dict(glute_env, GLUTE_COMPOSER_HOME=str(tmp_path / "home"))
    env["GLUTE_COMPOSER_LOAD_PLUGINS"] = "noisy"
    out = subprocess.run(
        [*glute_command(), "plugins"], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0
    assert "UserWarning: \\x1b]2;title\\x07" in out.stderr
    assert "\x1b" not in out.stderr and "\x07" not in out.stderr
