"""The command line, as a person types it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from composer.cli.main import main
from composer.format.reader import load_session

from .conftest import DATA, ROOT, glute_command


def run(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*glute_command(), *args], capture_output=True, text=True, env=env)


def test_version(glute_env):
    result = run("--version", env=glute_env)
    assert result.returncode == 0
    assert result.stdout.strip().startswith("glute-composer 0.")


def test_validate_ok_and_invalid_exit_codes(glute_env):
    good = run("validate", str(DATA / "valid" / "durations.toml"), env=glute_env)
    assert good.returncode == 0
    assert good.stdout.startswith(f"{DATA / 'valid' / 'durations.toml'}: ok (1 block, 2 steps, ")
    bad = run(
        "validate",
        str(DATA / "valid" / "durations.toml"),
        str(DATA / "invalid" / "bounds.toml"),
        env=glute_env,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 6


def test_validate_warns_about_missing_plugins_but_passes(capsys):
    assert main(["validate", str(DATA / "valid" / "missing-plugin.toml")]) == 0
    err = capsys.readouterr().err
    assert "warning: no installed plugin provides 'yoga/pigeon'" in err


def test_usage_error_exit_code_is_2(glute_env):
    result = run("validate", env=glute_env)
    assert result.returncode == 2
    result = run("frobnicate", env=glute_env)
    assert result.returncode == 2


def test_show_prints_plan_with_total(capsys):
    assert main(["show", str(DATA / "valid" / "full.toml")]) == 0
    out = capsys.readouterr().out
    assert "Desk-worker wake-up — by Sam" in out
    assert "1. Unlock × 2 rounds, 1 min rest between" in out
    assert "Glute ball roll" in out
    assert "Pigeon  [plugin missing]" in out
    assert "Total: " in out


def test_show_of_a_broken_file_is_one_line_per_problem(capsys):
    assert main(["show", str(DATA / "invalid" / "syntax.toml")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"{DATA / 'invalid' / 'syntax.toml'}: line 2, col 16: not valid TOML: Illegal character '\\n'"
    ]


def test_exercises_json_has_the_contract_fields(capsys):
    assert main(["exercises", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) >= 40
    squeeze = next(i for i in items if i["id"] == "activation/prone-glute-squeeze")
    for key in ("id", "name", "phase", "plugin", "targets", "equipment", "dose", "level"):
        assert key in squeeze
    dose = squeeze["dose"]
    assert (dose["sets"], dose["reps"], dose["hold_s"], dose["sides"]) == (3, 15, 3, "alternating")
    assert squeeze["plugin"] == "activation"


def test_exercises_filters(capsys):
    assert main(["exercises", "--phase", "roll", "--json"]) == 0
    assert {i["phase"] for i in json.loads(capsys.readouterr().out)} == {"roll"}
    assert main(["exercises", "--search", "medius", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and all("medius" in json.dumps(i).lower() for i in found)
    assert main(["exercises", "--search", "zzzz-nothing"]) == 0
    assert "No exercises match" in capsys.readouterr().err


def test_exercises_search_is_ranked(capsys):
    assert main(["exercises", "--search", "glute ball roll"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0] == "NAME" and "rolling/glute-ball-roll" in lines[1]
    assert lines[2] == "SUMMARY" and "rolling/buttock-kneading" in out
    assert lines[-1] == "3 exercises"
    assert main(["exercises", "--search", "clamshell"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("\n1 exercise")


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    step = schema["properties"]["blocks"]["items"]["properties"]["steps"]["items"]
    assert step["required"] == ["exercise"]
    assert step["additionalProperties"] is False


def test_new_from_template_and_refuses_overwrite(tmp_path, capsys):
    target = tmp_path / "mine.toml"
    assert main(["new", "-t", "wake-up", str(target)]) == 0
    session = load_session(target)
    assert session.blocks
    assert main(["new", "-t", "wake-up", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "-t", "wake-upp", str(tmp_path / "x.toml")]) == 2
    assert "did you mean 'wake-up'" in capsys.readouterr().err


def test_new_empty_session(tmp_path):
    target = tmp_path / "blank-slate.toml"
    assert main(["new", str(target)]) == 0
    assert load_session(target).title == "Blank slate"


def test_plugins_list_shows_status(capsys):
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["PLUGIN", "VERSION", "EXERCISES", "FROM", "STATUS"]
    assert "activation" in out and " ok" in out


def test_user_plugins_left_out_by_the_load_filter_are_not_listed(home, capsys):
    folder = home / "data" / "plugins"
    folder.mkdir(parents=True)
    (folder / "oops.py").write_text("import nonexistent_module_xyz\n")
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "oops" not in out  # GLUTE_COMPOSER_LOAD_PLUGINS="" in tests: only first-party


def test_broken_user_plugin_is_reported_not_fatal(home, capsys, monkeypatch):
    folder = home / "data" / "plugins"
    folder.mkdir(parents=True)
    (folder / "oops.py").write_text("import nonexistent_module_xyz\n")
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "oops")
    # Reported: `glute plugins` names it with its error...
    assert main(["plugins"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert "error: failed to import" in rows["oops"]
    # ...not fatal: every other plugin still loads, and the catalog still works.
    assert " ok" in rows["activation"]
    assert main(["exercises", "--phase", "activate"]) == 0
    out, err = capsys.readouterr()
    assert "clamshell" in out
    assert "Traceback" not in out + err


def test_broken_user_plugin_shows_its_error(home, capsys, monkeypatch):
    folder = home / "data" / "plugins"
    folder.mkdir(parents=True)
    (folder / "oops.py").write_text("import nonexistent_module_xyz\n")
    monkeypatch.delenv("GLUTE_COMPOSER_LOAD_PLUGINS")
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert (
        "error: failed to import: ModuleNotFoundError: No module named 'nonexistent_module_xyz'"
        in out
    )
    assert main(["exercises", "--phase", "roll"]) == 0
    captured = capsys.readouterr()
    assert "warning: plugin 'oops' is not loaded" in captured.err
    assert "rolling/glute-ball-roll" in captured.out


def test_tui_refuses_without_a_terminal(tmp_path, glute_env):
    result = subprocess.run(
        [*glute_command(), "edit", str(tmp_path / "x.toml")],
        capture_output=True,
        text=True,
        env=glute_env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr


def test_run_of_invalid_file_reports_before_drawing(glute_env):
    result = run("run", str(DATA / "invalid" / "newer-version.toml"), env=glute_env)
    assert result.returncode == 1
    assert "made by a newer Glute Composer" in result.stderr
    assert "upgrade" in result.stderr


@pytest.mark.parametrize("bad", ["--debug", ""])
def test_internal_errors_have_no_traceback_without_debug(monkeypatch, capsys, bad):
    import composer.cli.main as cli

    def explode(*_args, **_kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(cli, "cmd_templates", explode)
    if bad:
        with pytest.raises(RuntimeError):
            main([bad, "templates"])
    else:
        assert main(["templates"]) == 3
        assert "internal error: RuntimeError: kaput" in capsys.readouterr().err


def test_phase_choices_match_the_model():
    from composer.cli.main import PHASES
    from composer.model import Phase

    assert PHASES == tuple(p.value for p in Phase)


def test_validate_says_how_to_install_a_missing_requirement(capsys):
    assert main(["validate", str(DATA / "valid" / "missing-plugin.toml")]) == 0
    err = capsys.readouterr().err
    assert (
        "requires: warning: needs the plugin distribution glute-composer-yoga>=1.2 "
        "(not installed); install with: glute plugins install 'glute-composer-yoga>=1.2'"
    ) in err


def test_a_session_without_steps_is_valid_but_cannot_run(tmp_path, capsys):
    path = tmp_path / "empty.toml"
    path.write_text('schema_version = 1\ntitle = "Nothing yet"\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert err == f"{path}: warning: the session has no steps: nothing to run\n"
    assert main(["run", "--plain", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: the session has no steps: nothing to run\n"


def test_a_step_of_a_broken_plugin_names_the_plugin_error(home, tmp_path, capsys, monkeypatch):
    folder = home / "data" / "plugins"
    folder.mkdir(parents=True)
    (folder / "oops.py").write_text("raise ValueError('level must be 1 to 5')\n")
    monkeypatch.delenv("GLUTE_COMPOSER_LOAD_PLUGINS")
    path = tmp_path / "uses.toml"
    path.write_text(
        'schema_version = 1\n[[blocks]]\n[[blocks.steps]]\nexercise = "oops/hike"\n'
        'name = "Hike"\nduration_s = 30\n',
        encoding="utf-8",
    )
    for command in ("validate", "show"):
        assert main([command, str(path)]) == 0
        err = capsys.readouterr().err
        assert "warning: plugin 'oops' is not loaded: failed to import: ValueError: level" in err


def test_the_command_list_matches_the_parser():
    from composer.cli.main import COMMANDS, _parser

    full = _parser()
    (commands,) = [a for a in full._actions if a.dest == "command"]
    assert tuple(commands.choices) == COMMANDS


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "a.toml", "b.toml", "-q"],
        ["--debug", "show", "a.toml"],
        ["exercises", "--json", "--phase", "activate", "--search", "bridge"],
        ["templates"],
        ["run", "a.toml", "--plain", "--voice"],
        ["plugins", "install", "-U", "x"],
        ["remind", "install", "--scheduler", "cron"],
        ["history", "--since", "7d"],
    ],
)
def test_the_parser_of_one_command_parses_as_the_whole_parser(argv):
    from composer.cli.main import _command_of, _parser

    only = _command_of(argv)
    assert only == next(word for word in argv if not word.startswith("-"))
    assert _parser(only).parse_args(argv) == _parser().parse_args(argv)
    assert _command_of(["--help"]) is None and _command_of(["nonsense"]) is None


def test_a_command_s_help_is_the_same_from_its_own_parser(capsys):
    from composer.cli.main import COMMANDS, _parser

    for command in COMMANDS:
        shown = []
        for parser in (_parser(command), _parser()):
            with pytest.raises(SystemExit):
                parser.parse_args([command, "--help"])
            shown.append(capsys.readouterr().out)
        assert shown[0] == shown[1] and shown[0].startswith(f"usage: glute {command}")


def test_a_plain_command_imports_only_what_it_needs(tmp_path):
    """`glute validate` as a user runs it (no GLUTE_COMPOSER_HOME): the
    folders are found without platformdirs, and the help formatter without
    shutil (which imports the compression modules)."""
    code = (
        "import sys\n"
        "from composer.cli.main import main\n"
        f"main(['validate', '-q', {str(ROOT / 'templates' / 'wake-up.toml')!r}])\n"
        "print(sorted(m for m in ('platformdirs', 'shutil', 'tempfile') if m in sys.modules))\n"
    )
    env = {"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    for _ in range(2):  # the first run makes the catalog index
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
    assert out.stdout.strip().endswith("[]"), out.stdout + out.stderr


def test_help_fits_the_width_columns_gives(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "50")
    with pytest.raises(SystemExit):
        main(["--help"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 10 and max(len(line) for line in lines) <= 50


def test_the_collector_is_off_while_the_program_starts(monkeypatch):
    """`entry` holds the garbage collector off around `main`; the process
    ends with it off (a full-screen app turns it on after its first frame,
    see test_composer_ui)."""
    import gc

    import composer.cli.main as cli

    seen = []
    monkeypatch.setattr(cli, "main", lambda: seen.append(gc.isenabled()) or 0)
    try:
        assert cli.entry() == 0
        assert seen == [False] and not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


@pytest.mark.parametrize("command", ["run", "serve"])
def test_commands_that_run_for_long_turn_the_collector_on(command, monkeypatch):
    """`run --plain` and `serve` go on for as long as a session or a
    server: they turn the collector on (`entry` starts with it off)."""
    import gc

    import composer.cli.serve
    from composer.run.plain import PlainRunner

    seen = []
    monkeypatch.setattr(PlainRunner, "run", lambda self: seen.append(gc.isenabled()) or 0)
    monkeypatch.setattr(
        composer.cli.serve, "serve", lambda *args, **kwargs: seen.append(gc.isenabled()) or 0
    )
    argv = {
        "run": ["run", "--plain", str(ROOT / "templates" / "wake-up.toml")],
        "serve": ["serve"],
    }[command]
    gc.disable()
    try:
        assert main(argv) == 0
    finally:
        gc.enable()
    assert seen == [True]


def test_the_program_freezes_what_it_made_as_it_ends(monkeypatch, capsys):
    """`glute` (the `entry` function of the installed script) runs `main`
    on the command line, then keeps the interpreter's last collection from
    walking what the command made."""
    import gc

    from composer.cli.main import entry

    monkeypatch.setattr(
        sys, "argv", ["glute", "validate", str(ROOT / "templates" / "wake-up.toml")]
    )
    assert gc.get_freeze_count() == 0
    try:
        assert entry() == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert "wake-up.toml" in capsys.readouterr().out
    script = Path(sys.executable).parent / "glute"  # installed next to this Python
    if script.exists():
        assert "from composer.cli.main import entry" in script.read_text(encoding="utf-8")
