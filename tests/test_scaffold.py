"""`glute plugins new` writes a plugin project that passes its own test, and
`glute plugins install` / `uninstall` work without loading any plugin."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from composer import Exercise
from composer.catalog.manager import Catalog
from composer.cli import plugins as plugin_commands
from composer.cli.main import main
from composer.cli.scaffold import module_name, plugin_files, write_plugin_project
from composer.format.reader import missing_exercises, parse_session
from composer.format.writer import dumps_session
from composer.run.timeline import compile_timeline

from .conftest import ROOT, glute_command

# -- glute plugins new -------------------------------------------------------


def test_new_writes_a_complete_project(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["plugins", "new", "hip-yoga"]) == 0
    project = tmp_path / "glute-composer-hip-yoga"
    assert "glute-composer-hip-yoga" in capsys.readouterr().out
    for relative in (
        "pyproject.toml",
        "README.md",
        "src/glute_composer_hip_yoga/__init__.py",
        "tests/test_plugin.py",
    ):
        assert (project / relative).is_file(), relative

    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["build-system"]["build-backend"] == "hatchling.build"
    assert pyproject["project"]["name"] == "glute-composer-hip-yoga"
    assert any(dep.startswith("glute-composer") for dep in pyproject["project"]["dependencies"])
    entry_points = pyproject["project"]["entry-points"]["glute_composer"]
    assert entry_points == {"hip-yoga": "glute_composer_hip_yoga"}
    assert entry_points["hip-yoga"].isidentifier()

    readme = (project / "README.md").read_text()
    for words in ("pip install", "pytest", "python -m build", "twine upload"):
        assert words in readme


def test_new_writes_into_the_given_directory(tmp_path):
    target = tmp_path / "elsewhere"
    assert main(["plugins", "new", "bands", "--directory", str(target)]) == 0
    assert (target / "src" / "glute_composer_bands" / "__init__.py").is_file()


@pytest.mark.parametrize(
    "name",
    ["Hip", "hip_yoga", "hip yoga", "-hip", "hip-", "hip--yoga", "1hip", "", "a" * 41, "../x"],
)
def test_new_refuses_a_name_that_is_not_a_slug(name, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["plugins", "new", "--", name]) == 2
    err = capsys.readouterr().err
    assert "must be a slug" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_first_party_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["plugins", "new", "activation"]) == 2
    assert "ships with Glute Composer" in capsys.readouterr().err


def test_new_asks_for_the_short_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["plugins", "new", "glute-composer-yoga"]) == 2
    assert "'yoga'" in capsys.readouterr().err


def test_new_refuses_an_existing_folder(tmp_path, capsys):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    assert main(["plugins", "new", "yoga", "--directory", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["keep.txt"]

    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert main(["plugins", "new", "yoga", "--directory", str(a_file)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_new_accepts_an_empty_folder(tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    assert write_plugin_project("yoga", target) == target
    assert (target / "pyproject.toml").is_file()


def _import_generated(project: Path, name: str):
    module = module_name(name)
    path = project / "src" / module / "__init__.py"
    spec = importlib.util.spec_from_file_location(f"_scaffolded_{module}", path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def test_generated_plugin_loads_in_the_plugin_manager(tmp_path):
    project = write_plugin_project("hip-yoga", tmp_path / "p")
    module = _import_generated(project, "hip-yoga")
    source = (project / "src" / "glute_composer_hip_yoga" / "__init__.py").read_text()
    assert "from composer import Dose, Exercise, hookimpl" in source

    catalog = Catalog()
    info = catalog.register_module(
        "hip-yoga", module, distribution="glute-composer-hip-yoga", version="0.1.0"
    )
    assert info.ok and info.warnings == [], info.status
    assert info.exercises == 1
    exercise = catalog.get("hip-yoga/standing-hip-hike")
    assert isinstance(exercise, Exercise)
    assert exercise.summary and exercise.instructions and exercise.cues and exercise.targets

    templates = catalog.templates()
    assert list(templates) == ["hip-yoga-starter"]
    template = templates["hip-yoga-starter"]
    session = parse_session(template.text(), template.filename)
    assert [step.exercise for step in session.steps()] == ["hip-yoga/standing-hip-hike"]
    assert missing_exercises(session, catalog.get, template.filename) == []

    # The template is self-contained: it runs the same without the plugin,
    # and saving it (with the plugin) spells out nothing new.
    with_plugin = compile_timeline(session, catalog.get).intervals
    assert [(i.kind, i.duration, i.name) for i in compile_timeline(session).intervals] == [
        (i.kind, i.duration, i.name) for i in with_plugin
    ]
    saved = parse_session(dumps_session(session, catalog))
    assert saved == session
    assert saved.requires == ["glute-composer-hip-yoga>=0.1.0"]


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(),
    reason="ruff is not installed",
)
def test_generated_project_is_ruff_clean(tmp_path):
    ruff = Path(sys.executable).parent / "ruff"
    command = str(ruff) if ruff.exists() else shutil.which("ruff")
    project = write_plugin_project("long-plugin-name-for-checking", tmp_path / "p")
    for args in (["check", "--select", "E,F,W,I,B,UP,RUF", "."], ["format", "--check", "."]):
        out = subprocess.run([command, *args], cwd=project, capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr


def test_generated_plugin_passes_mypy_strict(tmp_path):
    api = pytest.importorskip("mypy.api", reason="mypy is not installed")
    project = write_plugin_project("hip-yoga", tmp_path / "p")
    source = project / "src" / "glute_composer_hip_yoga"
    out, err, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "c"), str(source)]
    )
    assert status == 0, out + err


def test_generated_plugin_passes_composer_testing_checks(tmp_path):
    from composer.testing import check_plugin

    project = write_plugin_project("hip-yoga", tmp_path / "p")
    assert check_plugin(_import_generated(project, "hip-yoga"), "hip-yoga") == []


def test_plugin_files_differ_only_by_name():
    one, two = plugin_files("one"), plugin_files("two")
    assert [p.replace("one", "X") for p in one] == [p.replace("two", "X") for p in two]


# -- glute plugins install / uninstall -----------------------------------------


@pytest.fixture
def pip_calls(monkeypatch):
    calls: list[list[str]] = []

    def fake_run(command, check=False):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(plugin_commands.subprocess, "run", fake_run)
    return calls


def test_install_runs_pip_in_this_interpreter(pip_calls, capsys):
    assert main(["plugins", "install", "-U", "glute-composer-yoga", "glute-composer-bands"]) == 0
    assert pip_calls == [
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--upgrade",
            "--",
            "glute-composer-yoga",
            "glute-composer-bands",
        ]
    ]
    out = capsys.readouterr().out
    assert "Installed glute-composer-yoga, glute-composer-bands." in out
    assert "glute plugins" in out


def test_install_reports_a_pip_failure(monkeypatch, capsys):
    monkeypatch.setattr(
        plugin_commands.subprocess,
        "run",
        lambda command, check=False: subprocess.CompletedProcess(command, 1),
    )
    assert main(["plugins", "install", "no-such-plugin"]) == 1
    assert "could not install no-such-plugin" in capsys.readouterr().err


def test_uninstall_runs_pip_for_installed_packages_only(pip_calls, monkeypatch, capsys):
    monkeypatch.setattr(plugin_commands, "_is_installed", lambda name: name == "glute-composer-x")
    assert main(["plugins", "uninstall", "glute-composer-x", "glute-composer-not-there"]) == 0
    assert pip_calls == [
        [sys.executable, "-m", "pip", "uninstall", "--yes", "--", "glute-composer-x"]
    ]
    out = capsys.readouterr().out
    assert "Not installed, nothing to remove: glute-composer-not-there" in out
    assert "Uninstalled glute-composer-x." in out


def test_is_installed_reads_package_metadata():
    assert plugin_commands._is_installed("pluggy")
    assert not plugin_commands._is_installed("glute-composer-surely-not-installed")


@pytest.mark.parametrize("name", ["glute-composer", "Glute_Composer", "pluggy", "textual", "pip"])
def test_uninstall_refuses_to_remove_glute_composer_itself(name, pip_calls, capsys):
    assert main(["plugins", "uninstall", name]) == 2
    assert "part of Glute Composer" in capsys.readouterr().err
    assert pip_calls == []


def test_install_and_uninstall_never_load_plugins(home, glute_env, tmp_path):
    """A plugin that breaks on import must not stop the commands that fix it."""
    marker = tmp_path / "imported"
    plugins = home / "data" / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "broken.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nraise RuntimeError('broken on purpose')\n"
    )
    glute_env.pop("GLUTE_COMPOSER_LOAD_PLUGINS")

    listed = subprocess.run(
        [*glute_command(), "plugins"], capture_output=True, text=True, env=glute_env
    )
    assert listed.returncode == 0
    assert "broken on purpose" in listed.stdout
    marker.unlink()

    out = subprocess.run(
        [*glute_command(), "plugins", "uninstall", "glute-composer-not-there"],
        capture_output=True,
        text=True,
        env=glute_env,
    )
    assert out.returncode == 0, out.stderr
    assert "Not installed" in out.stdout
    assert not marker.exists(), "uninstall imported the plugins"


# -- the whole round trip in a fresh virtual environment -----------------------


def _run(command: list[str | Path], **kwargs) -> subprocess.CompletedProcess:
    out = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)
    assert out.returncode == 0, f"{command} failed:\n{out.stdout}\n{out.stderr}"
    return out


def _no_package_index(env: dict[str, str], folder: Path) -> str | None:
    """Why packages cannot be installed here (no index or wheel folder that
    pip can reach, as configured), or None when they can."""
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    try:
        probe = subprocess.run(
            [*pip, "--dest", str(folder), "hatchling", "pytest"],
            capture_output=True,
            text=True,
            env={**env, "PIP_RETRIES": "0", "PIP_DEFAULT_TIMEOUT": "15"},
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        return "no package index answered within 120 s"
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["pip download failed"])[-1]
        return f"no package index is reachable: {last}"
    return None


@pytest.mark.slow
def test_scaffolded_plugin_installs_and_passes_its_own_test_in_a_fresh_venv(tmp_path):
    """Generate a plugin, install Glute Composer and the plugin into a new
    virtual environment, run the plugin's own tests there, see it in
    `glute exercises --json` and `glute plugins`, then uninstall it, also
    while a second, broken plugin is installed."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "GLUTE_COMPOSER_LOAD_PLUGINS", "PYTHONHOME"}
    }
    env["GLUTE_COMPOSER_HOME"] = str(tmp_path / "home")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    reason = _no_package_index(env, tmp_path / "probe")
    if reason:
        pytest.skip(f"cannot install packages into a fresh venv: {reason}")

    good = tmp_path / "glute-composer-venv-check"
    _run([*glute_command(), "plugins", "new", "venv-check", "--directory", good], env=env)
    broken = tmp_path / "glute-composer-venv-broken"
    _run([*glute_command(), "plugins", "new", "venv-broken", "--directory", broken], env=env)
    broken_module = broken / "src" / "glute_composer_venv_broken" / "__init__.py"
    broken_module.write_text(
        broken_module.read_text() + "\nraise RuntimeError('broken on purpose')\n"
    )

    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    python, glute = bin_dir / "python", bin_dir / "glute"
    _run([python, "-m", "pip", "install", "--quiet", ROOT, "pytest"], env=env)

    installed = _run([glute, "plugins", "install", good, broken], env=env)
    assert "Installed" in installed.stdout

    _run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=good, env=env)

    exercises = json.loads(_run([glute, "exercises", "--json"], env=env).stdout)
    ids = {item["id"]: item for item in exercises}
    assert ids["venv-check/standing-hip-hike"]["plugin"] == "venv-check"
    assert "stability/glute-bridge" in ids

    listing = _run([glute, "plugins"], env=env).stdout
    rows = {line.split()[0]: line for line in listing.splitlines()[1:]}
    assert rows["venv-check"].rstrip().endswith("ok")
    assert "glute-composer-venv-check" in rows["venv-check"]
    assert "broken on purpose" in rows["venv-broken"]

    templates = _run([glute, "templates"], env=env).stdout
    assert "venv-check-starter" in templates and "[venv-check]" in templates

    removed = _run(
        [glute, "plugins", "uninstall", "glute-composer-venv-broken", "glute-composer-venv-check"],
        env=env,
    )
    assert "Uninstalled glute-composer-venv-broken, glute-composer-venv-check." in removed.stdout
    listing = _run([glute, "plugins"], env=env).stdout
    assert "venv-check" not in listing and "venv-broken" not in listing


def test_scaffold_and_plugin_commands_do_not_import_textual():
    code = (
        "import sys, composer.cli.scaffold, composer.cli.plugins\nprint('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
