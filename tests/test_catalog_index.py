"""The catalog index: the plain commands read the catalog from the cache
folder while nothing it was made from has changed, and rebuild it silently
when it is stale, damaged or hostile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from composer.catalog import index as catalog_index
from composer.catalog.checks import clean_exercise
from composer.catalog.index import NO_INDEX_ENV, index_file, load_indexed_catalog
from composer.catalog.manager import load_catalog

from .conftest import ROOT, glute_command

SESSION = str(ROOT / "templates" / "wake-up.toml")
PACKS = (
    "glute_rolling",
    "glute_mobility",
    "glute_stretch",
    "glute_activation",
    "glute_stability",
    "glute_integration",
    "glute_cooldown",
    "glute_templates",
)

PLUGIN = """
from composer import Dose, Exercise, hookimpl

@hookimpl
def composer_exercises():
    return [Exercise(id="{id}", name="{name}", phase="activate", dose=Dose(reps=10))]
"""


def glute(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*glute_command(), *args], capture_output=True, text=True, env=env, timeout=60
    )


def imported_by(argv: list[str], env: dict[str, str]) -> set[str]:
    """The modules a run of `glute ARGV` imports, of pluggy and the packs."""
    code = textwrap.dedent(
        f"""
        import contextlib, io, sys
        from composer.cli.main import main
        with contextlib.redirect_stdout(io.StringIO()):
            main({argv!r})
        print(" ".join(sorted(name for name in sys.modules
                               if name.split(".")[0] in {("pluggy", *PACKS)!r})))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_a_fresh_index_spares_loading_the_plugins(glute_env):
    cold = imported_by(["validate", SESSION], glute_env)
    assert "pluggy" in cold and "glute_activation" in cold  # the first run loads them
    assert index_file().is_file()
    for argv in (["validate", SESSION], ["show", SESSION], ["exercises", "--json"], ["templates"]):
        assert imported_by(argv, glute_env) == set(), argv


def test_the_index_can_be_bypassed(glute_env):
    glute_env[NO_INDEX_ENV] = "1"
    assert "glute_activation" in imported_by(["validate", SESSION], glute_env)
    assert "glute_activation" in imported_by(["validate", SESSION], glute_env)
    assert not index_file().exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", SESSION],
        ["show", SESSION],
        ["exercises", "--json"],
        ["exercises", "--search", "bridge"],
        ["templates"],
        ["advise", SESSION, "--json"],
    ],
)
def test_cold_and_warm_give_the_same_results(argv, glute_env):
    cold = glute(*argv, env=glute_env)
    assert index_file().is_file()
    warm = glute(*argv, env=glute_env)
    bypassed = glute(*argv, env={**glute_env, NO_INDEX_ENV: "1"})
    assert cold.returncode == 0, cold.stderr
    assert (warm.stdout, warm.stderr, warm.returncode) == (
        cold.stdout,
        cold.stderr,
        cold.returncode,
    )
    assert (bypassed.stdout, bypassed.stderr) == (cold.stdout, cold.stderr)


def test_the_index_holds_exactly_the_checked_catalog(home):
    live = load_catalog()
    live.templates()
    load_indexed_catalog()
    warm = load_indexed_catalog()
    assert warm.from_index
    assert list(warm.exercises) == list(live.exercises)
    for full_id, exercise in warm.exercises.items():
        original = live.exercises[full_id]
        assert exercise.__dict__ == original.__dict__
        assert exercise.dose.__dict__ == original.dose.__dict__
        # Types too: an int of seconds stays an int, a float a float.
        assert [type(v) for v in exercise.dose.__dict__.values()] == [
            type(v) for v in original.dose.__dict__.values()
        ]
        assert clean_exercise(exercise, exercise.namespace) == exercise
    assert [info.__dict__ for info in warm.plugins] == [info.__dict__ for info in live.plugins]
    assert warm.templates() == live.templates()


def test_exercises_from_the_index_are_made_when_asked_for(home):
    live = load_catalog()
    load_indexed_catalog()
    warm = load_indexed_catalog()
    exercises = warm.exercises
    assert isinstance(exercises, catalog_index.IndexedExercises)
    assert len(exercises) == len(live.exercises) and list(exercises) == list(live.exercises)
    first, last = next(iter(live.exercises)), list(live.exercises)[-1]
    assert first in exercises and "nobody/nothing" not in exercises
    assert exercises.get("nobody/nothing") is None
    with pytest.raises(KeyError):
        exercises["nobody/nothing"]
    # Looked up one by one: made as asked, and the same object when asked again.
    one = exercises[last]
    assert exercises.get(last) is one and one.__dict__ == live.exercises[last].__dict__
    assert len(exercises._made) == 1
    # Then all at once: the one made already is kept, the others equal the live ones.
    every = dict(exercises.items())
    assert every[last] is one and exercises[last] is one
    assert every == dict(live.exercises)
    assert [e.__dict__ for e in exercises.values()] == [e.__dict__ for e in live.exercises.values()]
    assert exercises == live.exercises  # as a mapping


def _user_plugin(folder, name="mine", exercise_id="press", exercise_name="Press"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(PLUGIN.format(id=exercise_id, name=exercise_name))
    return path


def test_a_changed_plugin_file_rebuilds_the_index(home, tmp_path):
    folder = tmp_path / "plugins"
    path = _user_plugin(folder)
    first = load_indexed_catalog(entry_points=False, plugins_dir=folder, only="mine")
    assert not first.from_index and "mine/press" in first.exercises
    assert load_indexed_catalog(entry_points=False, plugins_dir=folder, only="mine").from_index
    # Same size, new modification time: loaded again.
    _user_plugin(folder, exercise_id="pull", exercise_name="Pull")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    sys.modules.pop("glute_composer_user_plugins.mine", None)
    again = load_indexed_catalog(entry_points=False, plugins_dir=folder, only="mine")
    assert not again.from_index
    assert "mine/pull" in again.exercises and "mine/press" not in again.exercises
    assert load_indexed_catalog(entry_points=False, plugins_dir=folder, only="mine").from_index
    # A new file, or one removed, changes the key too.
    _user_plugin(folder, name="other")
    assert not load_indexed_catalog(entry_points=False, plugins_dir=folder, only="mine").from_index


def test_a_new_distribution_version_rebuilds_the_index(home, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "glute_indexed_pack.py").write_text(PLUGIN.format(id="lift", name="Lift"))
    info = site / "glute_indexed_pack-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[glute_composer]\nindexed = glute_indexed_pack\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "glute_indexed_pack", raising=False)
    folder = tmp_path / "none"

    def load():
        return load_indexed_catalog(plugins_dir=folder, only="indexed")

    first = load()
    assert not first.from_index and first.plugin("indexed").version == "1.0"
    assert load().from_index
    info.rename(site / "glute_indexed_pack-1.1.dist-info")
    rebuilt = load()
    assert not rebuilt.from_index and rebuilt.plugin("indexed").version == "1.1"
    warm = load()
    assert warm.from_index and warm.plugin("indexed").version == "1.1"
    assert "indexed/lift" in warm.exercises


def test_an_editable_install_is_watched_down_to_its_files(home, tmp_path, monkeypatch):
    site = tmp_path / "site"
    package = tmp_path / "project" / "src" / "glute_editable_pack"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from .moves import composer_exercises\n")
    moves = package / "moves.py"
    moves.write_text(PLUGIN.format(id="lift", name="Lift"))
    info = site / "glute_editable_pack-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[glute_composer]\nedited = glute_editable_pack\n")
    monkeypatch.syspath_prepend(str(package.parent))
    monkeypatch.syspath_prepend(str(site))
    folder = tmp_path / "none"

    def load():
        for name in ("glute_editable_pack", "glute_editable_pack.moves"):
            monkeypatch.delitem(sys.modules, name, raising=False)
        return load_indexed_catalog(plugins_dir=folder, only="edited")

    def edit(exercise_id, name):
        moves.write_text(PLUGIN.format(id=exercise_id, name=name))
        stat = moves.stat()
        os.utime(moves, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))

    assert not load().from_index and load().from_index
    # Installed normally, its files are not looked at: the version says it all.
    edit("pull", "Pull")
    assert "edited/lift" in load().exercises
    # Installed in editable mode, a change to any of its files is seen.
    (info / "direct_url.json").write_text(
        json.dumps({"url": "file:///project", "dir_info": {"editable": True}})
    )
    assert "edited/pull" in load().exercises
    assert load().from_index
    edit("push", "Push")
    edited = load()
    assert not edited.from_index and "edited/push" in edited.exercises


def test_a_plugin_refused_for_its_name_is_indexed_too(home):
    _user_plugin(home / "data" / "plugins", name="stretch")
    first = load_indexed_catalog(only="stretch")
    assert [info.ok for info in first.plugins if info.name == "stretch"] == [True, False]
    warm = load_indexed_catalog(only="stretch")
    assert warm.from_index
    assert [info.__dict__ for info in warm.plugins] == [info.__dict__ for info in first.plugins]
    assert warm.exercises == first.exercises


def test_the_disabled_and_selected_plugins_are_part_of_the_key(home):
    everything = load_indexed_catalog()
    assert load_indexed_catalog().from_index
    fewer = load_indexed_catalog(disabled=["stretch"])
    assert not fewer.from_index
    assert not any(e.namespace == "stretch" for e in fewer.exercises.values())
    assert any(e.namespace == "stretch" for e in everything.exercises.values())


def _valid_index(home) -> dict:
    load_indexed_catalog()
    return json.loads(index_file().read_text(encoding="utf-8"))


def _hostile_variants(index: dict) -> dict[str, object]:
    """Indexes under the right key, each wrong in one way."""

    def changed(**fields):
        return {**index, **fields}

    columns = index["exercises"]
    count = index["exercise_count"]
    strings = index["strings"]
    return {
        "huge count": changed(exercise_count=10**30),
        "huge string count": changed(string_count=10**400),
        "negative count": changed(exercise_count=-1),
        "count as text": changed(exercise_count=str(index["exercise_count"])),
        "count as true": changed(string_count=True),
        "control character": changed(strings=strings.replace("\x00", "\x00\x1b[2J", 1)),
        "line break in a name": changed(strings="Bad\nname" + strings[strings.index("\x00") :]),
        "strings as a list": changed(strings=strings.split("\x00")),
        "a string too long": changed(strings="x" * 5000 + strings),
        "position out of range": changed(
            exercises={**columns, "name": ["I", _b64(b"\xff\xff\xff\x7f" * count)]}
        ),
        "level out of range": changed(
            exercises={**columns, "level": ["B", _b64(bytes([7]) + bytes([1]) * (count - 1))]}
        ),
        "level zero": changed(exercises={**columns, "level": ["B", _b64(bytes(count))]}),
        "column of the wrong length": changed(exercises={**columns, "phase": ["B", "AA=="]}),
        "column typecode": changed(exercises={**columns, "phase": ["d", columns["phase"][1]]}),
        "column not base64": changed(exercises={**columns, "phase": ["B", "!!!!"]}),
        "dose with a huge number": changed(doses=[[10**40, *d[1:]] for d in index["doses"]]),
        "dose with infinity": changed(doses=[[d[0], d[1], 1e400, *d[3:]] for d in index["doses"]]),
        "dose with a bool": changed(doses=[[True, *d[1:]] for d in index["doses"]]),
        "list of floats": changed(lists=[[0.0] for _ in index["lists"]]),
        "list position negative": changed(lists=[[-1] for _ in index["lists"]]),
        "plugin row too short": changed(plugins=[p[:3] for p in index["plugins"]]),
        "plugin warnings not a list": changed(
            plugins=[[*p[:7], "oops", *p[8:]] for p in index["plugins"]]
        ),
        "plugin exercise count wrong": changed(
            plugins=[[*p[:5], p[5] + 1, *p[6:]] for p in index["plugins"]]
        ),
        "template of no plugin": changed(templates=[["x", "nobody", "text", "title = 'x'"]]),
        "template kind": changed(templates=[["x", index["plugins"][0][0], "url", "http://x"]]),
        "extra key": changed(extra=1),
        "missing key": {k: v for k, v in index.items() if k != "lists"},
        "not an object": [index],
    }


def test_a_damaged_or_hostile_index_is_ignored_and_rebuilt(home):
    index = _valid_index(home)
    key = index["key"]
    assert catalog_index.decode(index, key) is not None
    for name, variant in _hostile_variants(index).items():
        text = json.dumps(variant)
        index_file().write_text(text, encoding="utf-8")
        catalog = load_indexed_catalog()
        assert not catalog.from_index, name
        assert len(catalog.exercises) == index["exercise_count"], name
        assert json.loads(index_file().read_text(encoding="utf-8")) == index, name


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage \x1b[31m",
        b"[" * 100_000,
        b'{"format": 2, "key": ' + b"9" * 5000 + b"}",
        b"null",
        b'{"format": 2}',
    ],
    ids=["empty", "garbage", "deep", "huge number", "null", "no key"],
)
def test_a_garbage_index_is_rebuilt_with_no_output(content, glute_env):
    expected = glute("validate", SESSION, env=glute_env)
    index_file().write_bytes(content)
    done = glute("validate", SESSION, env=glute_env)
    assert (done.returncode, done.stdout, done.stderr) == (0, expected.stdout, "")
    assert json.loads(index_file().read_text(encoding="utf-8"))["format"] == catalog_index.FORMAT


def test_an_index_that_cannot_be_written_is_no_error(glute_env, home):
    (home / "cache").write_text("a file where the cache folder would be")
    done = glute("validate", SESSION, env=glute_env)
    assert done.returncode == 0 and done.stderr == ""
    assert "ok" in done.stdout


def test_the_index_lives_in_the_cache_folder(home, monkeypatch, tmp_path):
    assert index_file() == home / "cache" / "catalog-index.json"
    monkeypatch.delenv("GLUTE_COMPOSER_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert index_file() == tmp_path / "xdg" / "glute-composer" / "catalog-index.json"
