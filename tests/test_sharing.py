"""Sessions that mean the same thing on every machine: self-contained files,
`requires`, user labels, old files upgraded, and `glute plugins install
--for FILE`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from composer.catalog.manager import load_catalog
from composer.cli import plugins as plugin_commands
from composer.cli.main import main
from composer.edit import undo as edits
from composer.format.reader import load_session, parse_session
from composer.format.requirements import install_command, merge_requires, unmet_requirements
from composer.format.writer import dumps_session, save_session
from composer.model import Session
from composer.run.timeline import compile_timeline

from .conftest import glute_command

DIST = "glute-composer-hips"
MODULE = "glute_composer_hips_pack"


def pack_source(version: int = 1) -> str:
    """A third-party pack. Version 2 changes the default doses."""
    hike = (
        "Dose(sets=2, reps=10, hold_s=2, relax_s=1, sides='each', rest_s=30)"
        if version == 1
        else "Dose(duration_s=30)"
    )
    hydrant = (
        "Dose(sets=2, reps=12, rep_s=2, sides='each', rest_s=20)"
        if version == 1
        else "Dose(sets=1, reps=20, sides='both')"
    )
    return textwrap.dedent(
        f"""
        from composer import Dose, Exercise, hookimpl

        @hookimpl
        def composer_exercises():
            return [
                Exercise(
                    id="standing-hip-hike",
                    name="Standing hip hike",
                    phase="stabilize",
                    summary="Lift the hanging side of the pelvis with the standing hip.",
                    instructions=["Stand on a step on one leg.", "Lift the free hip and hold."],
                    cues=["Knees straight"],
                    dose={hike},
                ),
                Exercise(
                    id="fire-hydrant",
                    name="Fire hydrant",
                    phase="activate",
                    dose={hydrant},
                ),
            ]
        """
    )


def install_fake_distribution(site: Path, version: str = "1.2.0", source: str | None = None):
    """What pip leaves behind for the pack: its module and a .dist-info with
    METADATA and the entry point, in `site` (a folder put on sys.path)."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{MODULE}.py").write_text(source or pack_source())
    info = site / f"{DIST.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {DIST}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[glute_composer]\nhips = {MODULE}\n")
    (info / "RECORD").write_text("")
    return site


@pytest.fixture
def forget_pack():
    """Each test imports the pack afresh."""
    sys.modules.pop(MODULE, None)
    yield
    sys.modules.pop(MODULE, None)


@pytest.fixture
def with_pack(tmp_path, monkeypatch, forget_pack):
    site = install_fake_distribution(tmp_path / "site")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "hips")
    return site


def env_for(site: Path | None, glute_env: dict[str, str]) -> dict[str, str]:
    env = dict(glute_env)
    env.pop("PYTHONPATH", None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
        env["GLUTE_COMPOSER_LOAD_PLUGINS"] = "hips"
    return env


def composed_session(catalog) -> Session:
    """Built as the composer builds it: the hip hike added at its default
    dose, a fire hydrant the user labelled, and a first-party exercise."""
    session = Session(title="Hips on the road", author="Sam")
    edits.add_step(session, None, catalog.get("hips/standing-hip-hike"))
    at = edits.add_step(session, None, catalog.get("hips/fire-hydrant"))
    hydrant = session.blocks[0].steps[at.step]
    hydrant.name, hydrant.own_name = "Fire hydrant (tempo)", True
    edits.add_step(session, None, catalog.get("stability/glute-bridge"))
    return session


def shape(session: Session, lookup=lambda _id: None) -> list[tuple]:
    return [
        (i.kind, i.duration, i.name, i.side, i.set, i.rep, i.dose)
        for i in compile_timeline(session, lookup).intervals
    ]


# -- self-contained files ----------------------------------------------------------


def test_saved_step_spells_out_its_whole_dose_name_and_requires(with_pack, tmp_path):
    catalog = load_catalog()
    assert catalog.plugin("hips").ok and catalog.plugin("hips").version == "1.2.0"
    path = tmp_path / "hips.toml"
    save_session(composed_session(catalog), path, catalog)
    text = path.read_text()
    assert 'requires = [\n    "glute-composer-hips>=1.2.0",\n]' in text
    hike = text.split("[[blocks.steps]]")[1]
    assert hike == (
        '\nexercise = "hips/standing-hip-hike"\nname = "Standing hip hike"\nsets = 2\n'
        'reps = 10\nhold_s = 2\nrelax_s = 1\nsides = "each"\nrest_s = 30\nswitch_s = 5\n\n'
    )
    hydrant = text.split("[[blocks.steps]]")[2]
    assert 'name = "Fire hydrant (tempo)"\n' in hydrant
    assert "reps = 12\nrep_s = 2\n" in hydrant and "hold_s" not in hydrant
    bridge = text.split("[[blocks.steps]]")[3]
    assert 'name = "Glute bridge"\nsets = ' in bridge and "switch_s = " in bridge
    # First-party packs ship with glute-composer and are never required.
    assert text.count(">=") == 1


def test_the_file_runs_the_same_on_a_machine_without_the_pack(with_pack, tmp_path, glute_env):
    """Save where the pack is installed; show it in a fresh process where
    it is not: the same plan and total, and one line saying what to install."""
    catalog = load_catalog()
    path = tmp_path / "hips.toml"
    save_session(composed_session(catalog), path, catalog)

    def show(site):
        out = subprocess.run(
            [*glute_command(), "show", str(path)],
            capture_output=True,
            text=True,
            env=env_for(site, glute_env),
        )
        assert out.returncode == 0, out.stderr
        return out

    here, there = show(with_pack), show(None)
    assert here.stderr == ""
    assert there.stdout.replace("  [plugin missing]", "") == here.stdout
    assert there.stdout.count("[plugin missing]") == 2
    assert "Standing hip hike  [plugin missing]" in there.stdout
    assert "2 × 10 reps · hold 2 s · each side · rest 30 s" in there.stdout
    assert "Fire hydrant (tempo)  [plugin missing]" in there.stdout
    total = [line for line in here.stdout.splitlines() if line.startswith("Total:")]
    assert total and total[0] in there.stdout.splitlines()
    assert there.stderr.splitlines() == [
        f"{path}: requires: warning: needs the plugin distribution glute-composer-hips>=1.2.0 "
        "(not installed); install with: glute plugins install 'glute-composer-hips>=1.2.0'"
    ]

    # In this process too: the timeline without the pack is the one with it.
    session = load_session(path)
    assert shape(session) == shape(session, catalog.get)


def test_a_newer_pack_with_other_defaults_changes_nothing(tmp_path, monkeypatch, forget_pack):
    old = install_fake_distribution(tmp_path / "old")
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "hips")
    monkeypatch.syspath_prepend(str(old))
    catalog = load_catalog()
    path = tmp_path / "hips.toml"
    save_session(composed_session(catalog), path, catalog)
    before = shape(load_session(path), catalog.get)

    sys.path.remove(str(old))
    sys.modules.pop(MODULE, None)
    new = install_fake_distribution(tmp_path / "new", version="2.0.0", source=pack_source(2))
    monkeypatch.syspath_prepend(str(new))
    newer = load_catalog()
    assert newer.plugin("hips").version == "2.0.0"
    assert newer.get("hips/standing-hip-hike").dose.duration_s == 30
    session = load_session(path)
    assert shape(session, newer.get) == before
    # Saving on the newer machine raises the floor to what is installed there.
    save_session(session, path, newer)
    assert load_session(path).requires == ["glute-composer-hips>=2.0.0"]
    assert shape(load_session(path), newer.get) == before


def test_a_step_of_a_missing_pack_is_saved_back_as_it_was(tmp_path):
    text = textwrap.dedent(
        """\
        schema_version = 1
        title = "Old"
        requires = [
            "glute-composer-hips>=1.2.0",
        ]

        [[blocks]]

        [[blocks.steps]]
        exercise = "hips/standing-hip-hike"
        name = "Standing hip hike"
        sets = 1
        """
    )
    catalog = load_catalog()
    assert catalog.get("hips/standing-hip-hike") is None
    assert dumps_session(parse_session(text), catalog) == text


def test_old_files_open_and_are_upgraded_on_the_next_save(with_pack, tmp_path):
    old = textwrap.dedent(
        """\
        schema_version = 1
        title = "Written the old way"

        [[blocks]]

        [[blocks.steps]]
        exercise = "hips/standing-hip-hike"
        name = "Standing hip hike"
        sets = 1

        [[blocks.steps]]
        exercise = "activation/clamshell"
        name = "Clamshell"
        """
    )
    path = tmp_path / "old.toml"
    path.write_text(old)
    catalog = load_catalog()
    session = load_session(path)
    before = shape(session, catalog.get)
    session.settle_names(catalog.get)
    save_session(session, path, catalog)
    upgraded = path.read_text()
    assert upgraded != old
    assert 'requires = [\n    "glute-composer-hips>=1.2.0",\n]' in upgraded
    assert 'sets = 1\nreps = 10\nhold_s = 2\nrelax_s = 1\nsides = "each"' in upgraded
    again = load_session(path)
    assert shape(again, catalog.get) == before
    assert shape(again) == before  # and now without any plugin as well
    assert dumps_session(again, catalog) == upgraded  # saving again changes nothing


# -- names ---------------------------------------------------------------------------


def test_a_label_set_by_the_user_survives_a_save(with_pack, tmp_path):
    text = textwrap.dedent(
        """\
        schema_version = 1

        [[blocks]]

        [[blocks.steps]]
        exercise = "hips/fire-hydrant"
        name = "Fire hydrant (tempo)"

        [[blocks.steps]]
        exercise = "hips/standing-hip-hike"
        name = "Standing hip hike"

        [[blocks.steps]]
        exercise = "hips/standing-hip-hike"
        """
    )
    catalog = load_catalog()
    session = parse_session(text)
    session.settle_names(catalog.get)
    labelled, plain, unnamed = session.steps()
    assert (labelled.own_name, plain.own_name, unnamed.own_name) == (True, False, False)
    names = [i.name for i in compile_timeline(session, catalog.get).intervals if i.step >= 0]
    assert names[0] == "Fire hydrant (tempo)" and names[-1] == "Standing hip hike"

    saved = parse_session(dumps_session(session, catalog))
    assert [s.name for s in saved.steps()] == [
        "Fire hydrant (tempo)",
        "Standing hip hike",
        "Standing hip hike",
    ]
    # A name read from a file is kept as written even before it is settled.
    assert parse_session(dumps_session(parse_session(text), catalog)).steps()[0].name == (
        "Fire hydrant (tempo)"
    )
    # Swapping the exercise drops the label: it named the old exercise.
    edits.swap_exercise(
        labelled, catalog.get("hips/fire-hydrant"), catalog.get("hips/standing-hip-hike")
    )
    assert labelled.display_name(catalog.get("hips/standing-hip-hike")) == "Standing hip hike"


# -- requires --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ([], ["glute-composer-hips>=1.2.0"]),
        (["glute-composer-hips>=1.0"], ["glute-composer-hips>=1.2.0"]),
        (["Glute_Composer_Hips>=0.5"], ["Glute_Composer_Hips>=1.2.0"]),
        (["glute-composer-hips>=3.0"], ["glute-composer-hips>=3.0"]),
        (["glute-composer-hips==1.2.0"], ["glute-composer-hips==1.2.0"]),
        (["glute-composer-hips~=1.1"], ["glute-composer-hips~=1.1"]),
        (["glute-composer-hips>=1.0,<2"], ["glute-composer-hips>=1.2.0,<2"]),
        (["glute-composer-hips<1.0"], ["glute-composer-hips<1.0"]),
        (["glute-composer-hips[extra]>=1.0"], ["glute-composer-hips[extra]>=1.0"]),
        (
            ["glute-composer-yoga>=1.2", "not a requirement !"],
            ["glute-composer-yoga>=1.2", "not a requirement !", "glute-composer-hips>=1.2.0"],
        ),
    ],
)
def test_requires_is_merged_keeping_the_users_stricter_entries(existing, expected):
    assert merge_requires(existing, {"glute-composer-hips": "1.2.0"}) == expected


def test_plugins_without_a_distribution_are_not_required(tmp_path, home, monkeypatch):
    plugins = home / "data" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "solo.py").write_text(pack_source().replace("standing-hip-hike", "solo-move"))
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "solo")
    catalog = load_catalog()
    exercise = catalog.get("solo/solo-move")
    assert exercise is not None
    session = Session()
    edits.add_step(session, None, exercise)
    assert "requires" not in dumps_session(session, catalog)


def test_unmet_requirements_name_missing_and_too_old_distributions(with_pack):
    unmet = unmet_requirements(
        [
            "glute-composer-hips>=1.0",  # installed, new enough
            "glute-composer-hips>=2.0",  # installed, too old
            "glute-composer-not-here",
            "glute-composer-other; python_version < '3'",  # not for this machine
            "pluggy",
            "not a requirement !",
        ]
    )
    assert [(u.requirement, u.installed) for u in unmet] == [
        ("glute-composer-hips>=2.0", "1.2.0"),
        ("glute-composer-not-here", None),
    ]
    assert unmet[0].describe() == "glute-composer-hips>=2.0 (1.2.0 is installed)"
    assert install_command(unmet) == (
        "glute plugins install 'glute-composer-hips>=2.0' glute-composer-not-here"
    )


def test_install_command_quotes_for_the_shell():
    unmet = unmet_requirements(["glute-composer-x; os_name == 'posix' and python_version > '3'"])
    command = install_command(unmet)
    assert command == (
        "glute plugins install "
        "'glute-composer-x; os_name == '\"'\"'posix'\"'\"' and python_version > '\"'\"'3'\"'\"''"
    )


# -- glute plugins install --for FILE ------------------------------------------------


def write_requiring(tmp_path: Path, *requires: str) -> Path:
    path = tmp_path / "shared.toml"
    listed = ", ".join(f'"{r}"' for r in requires)
    path.write_text(f'schema_version = 1\ntitle = "Shared"\nrequires = [{listed}]\n')
    return path


@pytest.fixture
def pip_calls(monkeypatch):
    calls: list[list[str]] = []

    def fake_run(command, check=False, **_kwargs):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(plugin_commands.subprocess, "run", fake_run)
    return calls


class _Terminal:
    def __init__(self, answer: str | None):
        self.answer = answer

    def isatty(self) -> bool:
        return self.answer is not None

    def readline(self) -> str:
        return (self.answer or "") + "\n"


def test_for_lists_asks_and_installs_with_pip_in_this_interpreter(
    tmp_path, pip_calls, monkeypatch, capsys
):
    path = write_requiring(tmp_path, "glute-composer-a>=1.0", "glute-composer-b", "pluggy")
    monkeypatch.setattr(sys, "stdin", _Terminal("y"))
    status = main(["plugins", "install", "--for", str(path)])
    out = capsys.readouterr().out
    assert "needs 2 plugin distributions:" in out
    assert "  glute-composer-a>=1.0 (not installed)\n  glute-composer-b (not installed)" in out
    assert "Install with pip now? [y/N]" in out
    assert pip_calls == [
        [sys.executable, "-m", "pip", "install", "glute-composer-a>=1.0", "glute-composer-b"]
    ]
    # The fake pip installed nothing, so the check afterwards still fails.
    assert status == 1
    assert "Checking" in out


def test_for_installs_nothing_when_the_answer_is_no(tmp_path, pip_calls, monkeypatch, capsys):
    path = write_requiring(tmp_path, "glute-composer-a")
    monkeypatch.setattr(sys, "stdin", _Terminal("n"))
    assert main(["plugins", "install", "--for", str(path)]) == 1
    assert "Nothing installed." in capsys.readouterr().out
    assert pip_calls == []


def test_for_without_a_terminal_refuses_unless_yes(tmp_path, pip_calls, monkeypatch, capsys):
    path = write_requiring(tmp_path, "glute-composer-a")
    monkeypatch.setattr(sys, "stdin", _Terminal(None))
    assert main(["plugins", "install", "--for", str(path)]) == 2
    assert "add --yes" in capsys.readouterr().err
    assert pip_calls == []
    assert main(["plugins", "install", "--for", str(path), "--yes"]) == 1
    assert pip_calls == [[sys.executable, "-m", "pip", "install", "glute-composer-a"]]


def test_for_with_nothing_missing_runs_no_pip(tmp_path, pip_calls, capsys):
    path = write_requiring(tmp_path, "pluggy>=1.0")
    assert main(["plugins", "install", "--for", str(path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "nothing to install, every plugin it requires is installed" in out
    assert f"{path}: ok" in out
    assert pip_calls == []


def test_for_never_installs_from_a_link_in_a_file(tmp_path, pip_calls, capsys):
    path = write_requiring(tmp_path, "evil @ https://example.invalid/evil.whl", "glute-composer-a")
    # A link in `requires` makes the file invalid: nothing is installed.
    assert main(["plugins", "install", "--for", str(path), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "requires[1]: must name a distribution from the package index, not a URL" in err
    assert pip_calls == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plugins", "install"], "name the plugin packages to install, or give --for FILE"),
        (["plugins", "install", "x", "--for", "f.toml"], "not both"),
        (["plugins", "install", "x", "--yes"], "--yes goes with --for FILE"),
    ],
)
def test_for_usage_errors(args, message, pip_calls, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert pip_calls == []


def test_for_an_invalid_file_is_one_line_per_problem(tmp_path, pip_calls, capsys):
    path = tmp_path / "bad.toml"
    path.write_text("setz = 3\n")
    assert main(["plugins", "install", "--for", str(path), "--yes"]) == 1
    assert "unknown key 'setz'" in capsys.readouterr().err
    assert pip_calls == []


# A PEP 517 backend small enough to live in the test: it builds the pack's
# wheel with zipfile, so pip can build and install it with no network and no
# build tools beyond pip itself.
BACKEND = """
import base64, hashlib, zipfile

NAME, VERSION, MODULE = "@DIST@", "@VERSION@", "@MODULE@"
STEM = NAME.replace("-", "_") + "-" + VERSION


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = {
        MODULE + ".py": open(MODULE + ".py", "rb").read(),
        STEM + ".dist-info/METADATA": (
            "Metadata-Version: 2.1\\nName: " + NAME + "\\nVersion: " + VERSION + "\\n"
        ).encode(),
        STEM + ".dist-info/WHEEL": (
            b"Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
        ),
        STEM + ".dist-info/entry_points.txt": ("[glute_composer]\\nhips = " + MODULE + "\\n").encode(),
    }
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(path + ",sha256=" + digest + "," + str(len(data)))
    record.append(STEM + ".dist-info/RECORD,,")
    files[STEM + ".dist-info/RECORD"] = ("\\n".join(record) + "\\n").encode()
    name = STEM + "-py3-none-any.whl"
    with zipfile.ZipFile(wheel_directory + "/" + name, "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
    return name
"""


def write_pack_project(folder: Path, version: str = "1.2.0") -> Path:
    folder.mkdir()
    (folder / "pyproject.toml").write_text(
        textwrap.dedent(
            f"""\
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = ["."]

            [project]
            name = "{DIST}"
            version = "{version}"
            """
        )
    )
    backend = BACKEND.replace("@DIST@", DIST).replace("@VERSION@", version)
    (folder / "backend.py").write_text(backend.replace("@MODULE@", MODULE))
    (folder / f"{MODULE}.py").write_text(pack_source())
    return folder


def test_for_installs_a_local_pack_and_the_file_then_checks_out(
    tmp_path, monkeypatch, capsys, forget_pack
):
    """A real pip install, from a pack project built here: pip builds its
    wheel, then `--for` finds it by name and installs it into a folder of
    its own (PIP_TARGET), so this environment is left as it was."""
    project = write_pack_project(tmp_path / "pack")
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-index",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            str(project),
        ],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        pytest.skip(f"pip cannot build a local project here: {built.stderr.strip()[-300:]}")

    # The session was saved on a machine with the pack.
    catalog_site = install_fake_distribution(tmp_path / "elsewhere")
    monkeypatch.syspath_prepend(str(catalog_site))
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "hips")
    catalog = load_catalog()
    path = tmp_path / "hips.toml"
    save_session(composed_session(catalog), path, catalog)
    sys.path.remove(str(catalog_site))
    sys.modules.pop(MODULE, None)
    assert [u.requirement for u in unmet_requirements(load_session(path).requires)] == [
        "glute-composer-hips>=1.2.0"
    ]

    target = tmp_path / "target"
    target.mkdir()
    monkeypatch.syspath_prepend(str(target))
    for key, value in {
        "PIP_TARGET": str(target),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PIP_QUIET": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }.items():
        monkeypatch.setenv(key, value)
    assert main(["plugins", "install", "--for", str(path), "--yes"]) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "glute-composer-hips>=1.2.0 (not installed)" in out
    assert "Installed glute-composer-hips>=1.2.0." in out
    assert f"{path}: ok (1 block, 3 steps" in out
    assert list(target.glob("glute_composer_hips-1.2.0.dist-info"))
    assert unmet_requirements(load_session(path).requires) == []
    assert load_catalog().get("hips/standing-hip-hike") is not None
