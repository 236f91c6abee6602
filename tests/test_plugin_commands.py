"""`glute plugins install` / `uninstall`: only requirements and local paths
reach pip, never an option; Glute Composer and what it needs are never
removed; suggested commands are quoted for the shell."""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest

from composer.catalog.manager import normalize_name
from composer.cli import plugins as plugin_commands
from composer.cli.main import main


@pytest.fixture
def pip_calls(monkeypatch):
    calls: list[list[str]] = []

    def fake_run(command, check=False, **kwargs):
        assert isinstance(command, list) and not kwargs.get("shell"), "pip runs without a shell"
        calls.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(plugin_commands.subprocess, "run", fake_run)
    return calls


@pytest.mark.parametrize(
    "args",
    [
        ["--", "--index-url=https://evil.example/simple", "glute-composer-yoga"],
        ["--", "-e", "git+https://evil.example/x"],
        ["--", "-r", "requirements.txt"],
        ["--", "--pre"],
        ["--", "-i", "https://evil.example"],
        ["glute-composer-yoga; rm -rf ~"],
        ["x'; touch pwned; '"],
        ["glute-composer-yoga", "--", "--user"],
        ["  "],
    ],
)
def test_install_refuses_options_and_what_is_not_a_requirement(args, pip_calls, capsys, tmp_path):
    assert main(["plugins", "install", *args]) == 2
    assert pip_calls == []
    err = capsys.readouterr().err
    assert "is not a package to install" in err or "an empty name" in err


def test_install_passes_requirements_in_normal_form_after_a_double_dash(pip_calls):
    assert main(["plugins", "install", "Glute_Composer-Yoga >= 1.2", "bands[extra]"]) == 0
    assert pip_calls == [
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--",
            "Glute_Composer-Yoga>=1.2",
            "bands[extra]",
        ]
    ]


def test_install_takes_an_existing_local_path_as_an_absolute_path(pip_calls, tmp_path, monkeypatch):
    project = tmp_path / "-looks-like-an-option"
    project.mkdir()
    monkeypatch.chdir(tmp_path)
    assert (
        main(["plugins", "install", "--", "-looks-like-an-option", "./-looks-like-an-option"]) == 0
    )
    assert pip_calls[0][-2:] == [str(project), str(project)]


def test_install_from_a_real_pip_refuses_an_option_after_a_double_dash(glute_env):
    """End to end, with the real pip: nothing is installed, pip is not even run."""
    from .conftest import glute_command

    out = subprocess.run(
        [*glute_command(), "plugins", "install", "--", "--index-url=http://127.0.0.1:9/", "x"],
        capture_output=True,
        text=True,
        env=glute_env,
        timeout=60,
    )
    assert out.returncode == 2
    assert "'--index-url=http://127.0.0.1:9/' is not a package to install" in out.stderr
    assert "pip" not in out.stdout


@pytest.mark.parametrize(
    "name",
    [
        "glute-composer",
        "Glute_Composer",
        "glute.composer",
        "glute-composer[test]",
        "pluggy ",
        " pluggy",
        "pluggy>=1",
        "PLUGGY",
        "platformdirs",
        "tomli-w",
        "tomli_w",
        "Tomli.W",
        "textual",
        "rich",  # a dependency of a dependency
        "markdown-it-py",
        "pygments",
        "packaging",
        "pip",
    ],
)
def test_uninstall_refuses_glute_composer_and_everything_it_needs(name, pip_calls, capsys):
    assert main(["plugins", "uninstall", name]) == 2
    assert "part of Glute Composer or a package it needs" in capsys.readouterr().err
    assert pip_calls == []


@pytest.mark.parametrize("name", ["--yes", "-r", "x; rm -rf ~", "./local", "a b"])
def test_uninstall_refuses_what_is_not_a_distribution_name(name, pip_calls, capsys):
    assert main(["plugins", "uninstall", "--", name]) == 2
    assert "is not a distribution name" in capsys.readouterr().err
    assert pip_calls == []


def test_uninstall_passes_the_normalised_name_after_a_double_dash(pip_calls, monkeypatch):
    monkeypatch.setattr(plugin_commands, "_is_installed", lambda name: True)
    assert main(["plugins", "uninstall", "Glute_Composer.Yoga>=1"]) == 0
    assert pip_calls == [
        [sys.executable, "-m", "pip", "uninstall", "--yes", "--", "glute-composer-yoga"]
    ]


def test_protected_distributions_follow_the_installed_metadata():
    protected = plugin_commands.protected_distributions()
    assert {"glute-composer", "pluggy", "textual", "tomli-w", "platformdirs", "pip"} <= protected
    assert {"rich", "markdown-it-py", "pygments"} <= protected, "dependencies of dependencies"
    assert "pytest" not in protected, "test extras are not needed to run"
    assert all(name == normalize_name(name) for name in protected)


def test_normalize_name_follows_pep_503():
    assert normalize_name("Glute_Composer.Yoga") == "glute-composer-yoga"
    assert normalize_name("a--__..b") == "a-b"


@pytest.mark.parametrize(
    "word", ["plain", "with space", "x'; rm -rf ~; '", "$(reboot)", "`id`", "a\nb"]
)
def test_suggested_commands_quote_every_name(word):
    line = plugin_commands.command_line(["glute", "plugins", "uninstall", word])
    if "\n" not in word:
        assert shlex.split(line) == ["glute", "plugins", "uninstall", word]
    else:
        assert "\n" not in line


def test_the_install_suggestion_for_a_session_is_quoted(tmp_path, capsys):
    # Valid PEP 508, and full of what a shell would read: spaces, ';', quotes.
    requirement = "glute-composer-nope>=1; python_version >= '3'"
    session = tmp_path / "needs.toml"
    session.write_text(
        f'schema_version = 1\ntitle = "Needs"\nrequires = ["{requirement}"]\n', encoding="utf-8"
    )
    assert main(["validate", str(session)]) == 0
    err = capsys.readouterr().err
    command = err.split("install with: ", 1)[1].splitlines()[0].strip()
    assert shlex.split(command) == ["glute", "plugins", "install", requirement]


def test_plugins_new_suggests_a_quoted_folder(tmp_path, capsys):
    folder = tmp_path / "my plugin; rm -rf ~"
    assert main(["plugins", "new", "quoting", "--directory", str(folder)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.strip().startswith("cd "))
    assert shlex.split(line)[:2] == ["cd", str(folder)]


def test_a_broken_installed_plugin_is_listed_with_a_quoted_removal_command(tmp_path, glute_env):
    from .conftest import glute_command

    site = tmp_path / "site"
    dist = site / "evil_dist-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: evil-dist\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[glute_composer]\nevil = no_such_module_here\n")
    env = dict(glute_env, PYTHONPATH=str(site))
    env.pop("GLUTE_COMPOSER_LOAD_PLUGINS")
    out = subprocess.run(
        [*glute_command(), "plugins"], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "error: failed to import: ModuleNotFoundError" in out.stdout
    assert "- to remove it: glute plugins uninstall evil-dist" in out.stdout


def test_usage_errors_show_the_arguments_escaped(capsys):
    """A file name from a glob can look like an option: argparse's own
    message about it is escaped too."""
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "a.toml", "--\x1b]52;c;eA==\x07.toml"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "--\\x1b]52;c;eA==\\x07.toml" in err
