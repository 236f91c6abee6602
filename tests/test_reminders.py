"""Reminders: the [reminders] schedule, `glute due` at fixed times with an
injected clock, notifications, and `glute remind install` / `remove` for
cron, systemd and launchd in a temporary home, with fake scheduler
programs on PATH."""

from __future__ import annotations

import io
import os
import plistlib
import shlex
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from composer.cli.main import main
from composer.habit import reminders, scheduler
from composer.habit.reminders import due, last_slot, notify
from composer.store.config import Config, load_config, save_config
from composer.store.schedule import Schedule, parse_schedule

TZ = timezone(timedelta(hours=1))
MONDAY = date(2025, 3, 3)
SATURDAY = date(2025, 3, 8)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# -- the schedule -----------------------------------------------------------------------


def test_times_on_days():
    schedule, problems = parse_schedule(
        {"days": ["mon", "Tue", "friday"], "times": ["13:00", "8:30"]}, "c: reminders"
    )
    assert problems == []
    assert schedule.days == frozenset({0, 1, 4})
    assert schedule.slots(MONDAY) == [time(8, 30), time(13, 0)]
    assert schedule.slots(SATURDAY) == []


def test_every_n_minutes_within_working_hours():
    schedule, problems = parse_schedule(
        {"every_minutes": 50, "from": "09:00", "until": "17:30"}, "c"
    )
    assert problems == []
    slots = schedule.slots(SATURDAY)  # every day unless days say otherwise
    assert slots[:3] == [time(9, 0), time(9, 50), time(10, 40)]
    assert slots[-1] == time(17, 20) and len(slots) == 11


def test_times_and_every_together_and_toml_times():
    import tomllib

    table = tomllib.loads("times = [07:45:00]\nevery_minutes = 120\n")
    schedule, problems = parse_schedule(table, "c")
    assert problems == []
    assert schedule.slots(MONDAY)[:3] == [time(7, 45), time(9, 0), time(11, 0)]


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"days": ["mon"], "times": ["25:00"]}, "c.times: '25:00' is not a time of day (HH:MM)"),
        ({"days": ["someday"], "times": ["08:00"]}, "c.days: 'someday' is not a day"),
        ({"days": [], "times": ["08:00"]}, "c.days: must be a list"),
        ({"every_minutes": 2}, "c.every_minutes: must be a whole number from 5 to 720"),
        ({"every_minutes": True}, "c.every_minutes: must be a whole number from 5 to 720"),
        ({"every_minutes": 30, "from": "9"}, "c.from: must be a time of day (HH:MM)"),
        ({"from": "09:00", "times": ["10:00"]}, "c: 'from' and 'until' go with every_minutes"),
        ({"every_minutes": 30, "from": "18:00"}, "c: 'from' must come before 'until'"),
        ({"days": ["mon"]}, "c: set times = [...] or every_minutes = N"),
        ({"times": ["08:00"], "evry_minutes": 5}, "c.evry_minutes: unknown setting"),
        ("08:00", "c: must be a table such as [reminders]"),
    ],
)
def test_schedule_problems(table, problem):
    schedule, problems = parse_schedule(table, "c")
    assert schedule is None
    assert any(p.startswith(problem) for p in problems), problems


def test_reminders_in_config_survive_a_save(home):
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('theme = "nord"\n[reminders]\ndays = ["mon"]\ntimes = ["08:30"]\n')
    config = load_config(path)
    assert config.problems == []
    assert config.reminders == Schedule(days=frozenset({0}), times=(time(8, 30),))
    config.theme = "gruvbox"
    save_config(config, path)
    again = load_config(path)
    assert again.reminders == config.reminders and again.theme == "gruvbox"


def test_a_broken_reminders_table_is_reported_and_kept(home):
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[reminders]\ntimes = ["8h"]\n')
    config = load_config(path)
    assert config.reminders is None
    assert config.problems == [f"{path}: reminders.times: '8h' is not a time of day (HH:MM)"]
    save_config(config, path)
    assert "8h" in path.read_text()


# -- is one due? ------------------------------------------------------------------------


@dataclass
class Run:
    started: datetime
    ended: datetime | None = None


class Runs:
    def __init__(self, *runs: Run) -> None:
        self.list = list(runs)
        self.since: list[datetime | None] = []

    def runs(self, since: datetime | None = None) -> list[Run]:
        self.since.append(since)
        return [r for r in self.list if since is None or r.started >= since]


SCHEDULE = Schedule(days=frozenset(range(5)), times=(time(8, 30), time(13, 0)))


def test_due_from_its_time_until_the_next():
    assert due(SCHEDULE, at(MONDAY, 8, 29)) is None
    found = due(SCHEDULE, at(MONDAY, 8, 30))
    assert found.slot == at(MONDAY, 8, 30) and not found.checked_history
    assert due(SCHEDULE, at(MONDAY, 12, 59)).slot == at(MONDAY, 8, 30)
    assert due(SCHEDULE, at(MONDAY, 23, 59)).slot == at(MONDAY, 13, 0)
    assert due(SCHEDULE, at(MONDAY + timedelta(days=1), 7, 0)) is None  # not carried over
    assert due(SCHEDULE, at(SATURDAY, 13, 5)) is None


def test_a_session_run_since_the_reminder_settles_it():
    history = Runs(Run(at(MONDAY, 8, 10), at(MONDAY, 8, 25)))
    found = due(SCHEDULE, at(MONDAY, 9, 0), history)
    assert found is not None and found.checked_history
    assert "no session was run since" in found.describe()
    history.list.append(Run(at(MONDAY, 8, 40), at(MONDAY, 8, 55)))
    assert due(SCHEDULE, at(MONDAY, 9, 0), history) is None
    # A run under way at the reminder time that ends after it counts too.
    history = Runs(Run(at(MONDAY, 12, 50), at(MONDAY, 13, 10)))
    assert due(SCHEDULE, at(MONDAY, 13, 15), history) is None
    assert all(since is not None for since in history.since)


def test_history_times_in_utc_compare_with_local_time():
    utc = UTC
    history = Runs(Run(datetime(2025, 3, 3, 12, 5, tzinfo=utc)))  # 13:05 at UTC+1
    assert due(SCHEDULE, at(MONDAY, 13, 30), history) is None
    assert last_slot(SCHEDULE, at(MONDAY, 13, 30)) == at(MONDAY, 13, 0)


# -- glute due ---------------------------------------------------------------------------------


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


WORKDAYS = """
[reminders]
days = ["mon", "tue", "wed", "thu", "fri"]
times = ["08:30", "13:00"]
"""


def test_glute_due_at_fixed_times(home, capsys):
    write_config(home, WORKDAYS)
    assert main(["due", "--at", "2025-03-03T13:05:00+01:00"]) == 0
    assert capsys.readouterr().out == "A session is due: the 13:00 reminder.\n"
    assert main(["due", "--at", "2025-03-03T08:00"]) == 1
    assert capsys.readouterr().out == ""
    assert main(["due", "--at", "2025-03-08T13:05"]) == 1


def test_glute_due_reads_the_history(home, capsys, monkeypatch):
    write_config(home, WORKDAYS)
    local = datetime(2025, 3, 3, 13, 20).astimezone()
    history = Runs(Run(local - timedelta(minutes=10)))
    monkeypatch.setattr("composer.habit.advice.open_history", lambda report=None: history)
    assert main(["due", "--at", local.isoformat()]) == 1
    history.list.clear()
    assert main(["due", "--at", local.isoformat()]) == 0
    assert "no session was run since" in capsys.readouterr().out


def test_glute_due_without_reminders_says_how_to_set_them(home, capsys):
    assert main(["due"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("glute: no reminders set: add a [reminders] table to ")
    assert str(home / "config" / "config.toml") in err


def test_glute_due_bad_time_is_a_usage_error(home, capsys):
    write_config(home, WORKDAYS)
    assert main(["due", "--at", "tomorrow"]) == 2
    assert "not a date and time" in capsys.readouterr().err


# -- notifications --------------------------------------------------------------------------


@pytest.fixture
def fakebin(tmp_path, monkeypatch):
    """Fake notify-send, crontab, systemctl and launchctl first on PATH;
    each logs its arguments, crontab keeps its table in a file."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "calls.log"
    scripts = {
        "notify-send": 'for a in "$@"; do printf "%s\\n" "$a"; done > "$FAKE_NOTIFY"',
        "systemctl": 'echo "systemctl $*" >> "$FAKE_LOG"',
        "launchctl": 'echo "launchctl $*" >> "$FAKE_LOG"',
        "crontab": textwrap.dedent(
            """\
            echo "crontab $*" >> "$FAKE_LOG"
            case "$1" in
              -l) if [ -f "$FAKE_CRONTAB" ]; then cat "$FAKE_CRONTAB";
                  else echo "no crontab for tester" >&2; exit 1; fi ;;
              -) cat > "$FAKE_CRONTAB" ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac"""
        ),
    }
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_NOTIFY", str(tmp_path / "notified"))
    monkeypatch.setenv("FAKE_CRONTAB", str(tmp_path / "crontab"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / "xdg"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    (tmp_path / "user").mkdir()
    return tmp_path


def calls(fakebin: Path) -> list[str]:
    log = fakebin / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_due_notify_sends_once_per_reminder(home, fakebin, capsys):
    write_config(home, WORKDAYS)
    assert main(["due", "--notify", "--at", "2025-03-03T13:05"]) == 0
    sent = (fakebin / "notified").read_text().splitlines()
    assert sent == [
        "--app-name",
        "Glute Composer",
        "--",
        "Glute Composer",
        "Time to get up and move: the 13:00 session is due.",
    ]
    (fakebin / "notified").unlink()
    assert main(["due", "--notify", "--at", "2025-03-03T13:10"]) == 0  # still due: no repeat
    assert not (fakebin / "notified").exists()
    assert main(["due", "--notify", "--at", "2025-03-04T08:35"]) == 0  # the next one
    assert "08:30" in (fakebin / "notified").read_text()


def test_notify_uses_osascript_on_macos_with_plain_arguments():
    ran = []

    class Done:
        returncode = 0

    def run(command, **kwargs):
        ran.append(command)
        return Done()

    sent = notify(
        "Glute Composer",
        'a "quote" and `tick` $(rm -rf ~)',
        which=lambda name: f"/usr/bin/{name}" if name == "osascript" else None,
        platform="darwin",
        run=run,
    )
    assert sent == "osascript"
    (command,) = ran
    assert command[0] == "/usr/bin/osascript"
    assert command[-2:] == ["Glute Composer", 'a "quote" and `tick` $(rm -rf ~)']
    assert "item 2 of argv" in " ".join(command)


def test_notify_falls_back_to_the_terminal_with_escaped_text():
    terminal = io.StringIO()

    class Failed:
        returncode = 1

    sent = notify(
        "Glute\x1b]52;c;evil\x07",
        "due\nnow\u202e",
        which=lambda name: "/usr/bin/notify-send",
        run=lambda command, **kwargs: Failed(),
        terminal=terminal,
        environ={},
    )
    assert sent == "terminal"
    out = terminal.getvalue()
    assert out.startswith("\x1b]9;Glute\\x1b]52,c,evil\\x07: due\\nnow\\u202e\x07")
    assert out.count("\x1b") == 2 and out.count("\x07") == 2  # OSC 9 and OSC 777, nothing else
    tmux = io.StringIO()
    notify("t", "b", which=lambda name: None, terminal=tmux, environ={"TMUX": "/tmp/tmux"})
    assert tmux.getvalue().startswith("\x1bPtmux;\x1b\x1b]9;t: b")


def test_notify_with_no_way_says_none():
    assert notify("t", "b", which=lambda name: None, terminal=None) is None


def test_due_notify_without_a_way_reports_it_and_tries_again(home, fakebin, capsys, monkeypatch):
    write_config(home, WORKDAYS)
    (fakebin / "bin" / "notify-send").unlink()
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    assert main(["due", "--notify", "--at", "2025-03-03T13:05"]) == 0
    assert "no way to send a notification" in capsys.readouterr().err
    assert not (home / "data" / "reminders.json").exists()


# -- glute remind install / remove ---------------------------------------------------------


def test_cron_install_and_remove_touch_only_our_lines(home, fakebin, capsys):
    original = "MAILTO=me@example.org\n0 3 * * * /usr/local/bin/backup\n"
    (fakebin / "crontab").write_text(original)
    assert main(["remind", "install", "--scheduler", "cron"]) == 0
    table = (fakebin / "crontab").read_text()
    assert table.startswith(original)
    ours = table[len(original) :].splitlines()
    assert len(ours) == 2 and all(line.endswith("# glute-composer-reminder") for line in ours)
    job = ours[1]
    assert job.startswith("*/5 * * * * ")
    words = shlex.split(job[len("*/5 * * * * ") : job.index(" >/dev/null")])
    assert words[0] == f"GLUTE_COMPOSER_HOME={home}"
    assert Path(words[1]).is_absolute() and Path(words[1]).name == "glute"
    assert words[2:] == ["due", "--notify"]
    # Installing again replaces our lines rather than adding more.
    assert main(["remind", "install", "--scheduler", "cron"]) == 0
    assert (fakebin / "crontab").read_text() == table
    out = capsys.readouterr().out
    assert "Installed a crontab line" in out and "glute remind remove" in out
    assert main(["remind", "remove"]) == 0
    assert (fakebin / "crontab").read_text() == original
    assert "Removed 2 crontab lines" in capsys.readouterr().out
    assert main(["remind", "remove"]) == 0
    assert "nothing to remove" in capsys.readouterr().out
    assert (fakebin / "crontab").read_text() == original


def test_cron_line_escapes_percent_and_spaces():
    lines = scheduler.cron_lines(
        ["/opt/my tools/glute%1", "due", "--notify"], {"GLUTE_COMPOSER_HOME": "/d/it's"}
    )
    job = lines[1]
    assert "glute\\%1" in job
    command = job[len("*/5 * * * * ") : job.index(" >/dev/null")].replace("\\%", "%")
    assert shlex.split(command) == [
        "GLUTE_COMPOSER_HOME=/d/it's",
        "/opt/my tools/glute%1",
        "due",
        "--notify",
    ]


def test_cron_install_on_an_empty_crontab(home, fakebin):
    assert main(["remind", "install", "--scheduler", "cron"]) == 0
    assert len((fakebin / "crontab").read_text().splitlines()) == 2
    assert main(["remind", "remove", "--scheduler", "cron"]) == 0
    assert (fakebin / "crontab").read_text() == ""


def _unit_dir(fakebin: Path) -> Path:
    return fakebin / "user" / "xdg" / "systemd" / "user"


def test_systemd_install_writes_a_timer_and_a_service(home, fakebin, capsys):
    write_config(home, WORKDAYS)
    assert main(["remind", "install", "--scheduler", "systemd"]) == 0
    folder = _unit_dir(fakebin)
    service = (folder / "glute-composer-reminder.service").read_text()
    timer = (folder / "glute-composer-reminder.timer").read_text()
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    program, *rest = exec_start.removeprefix("ExecStart=").split()
    assert Path(program).is_absolute() and os.access(program, os.X_OK)
    assert rest == ["due", "--notify"]
    assert f'Environment="GLUTE_COMPOSER_HOME={home}"' in service
    assert "SuccessExitStatus=1" in service
    assert "OnCalendar=*:0/5" in timer and "WantedBy=timers.target" in timer
    assert calls(fakebin) == [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now glute-composer-reminder.timer",
    ]
    out = capsys.readouterr().out
    assert "systemd user timer" in out
    assert "Reminders: mon, tue, wed, thu, fri, at 08:30, 13:00." in out
    assert main(["remind", "remove"]) == 0
    assert list(folder.iterdir()) == []
    assert calls(fakebin)[2:4] == [
        "systemctl --user disable --now glute-composer-reminder.timer",
        "systemctl --user daemon-reload",
    ]


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)
def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    odd = tmp_path / "my tools" / "glute%1"
    odd.parent.mkdir()
    odd.write_text("#!/bin/sh\n")
    odd.chmod(0o755)
    units = scheduler.systemd_units(
        [str(odd), "due", "--notify"], {"GLUTE_COMPOSER_HOME": str(tmp_path / "a $b%c")}
    )
    folder = tmp_path / "units"
    folder.mkdir()
    paths = []
    for name, text in units.items():
        (folder / name).write_text(text)
        paths.append(str(folder / name))
    result = subprocess.run(
        ["systemd-analyze", "verify", *paths], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "glute%%1" in units["glute-composer-reminder.service"]


def test_systemd_leaves_a_unit_it_did_not_write(home, fakebin, capsys):
    folder = _unit_dir(fakebin)
    folder.mkdir(parents=True)
    mine = folder / "glute-composer-reminder.timer"
    mine.write_text("[Timer]\nOnCalendar=daily\n")
    assert main(["remind", "install", "--scheduler", "systemd"]) == 1
    assert "was not written by glute; left alone" in capsys.readouterr().err
    assert main(["remind", "remove", "--scheduler", "systemd"]) == 0
    assert mine.read_text() == "[Timer]\nOnCalendar=daily\n"
    assert calls(fakebin) == []


def test_launchd_install_and_remove(home, fakebin, capsys):
    assert main(["remind", "install", "--scheduler", "launchd"]) == 0
    path = fakebin / "user" / "Library" / "LaunchAgents" / "org.glute-composer.reminder.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.glute-composer.reminder"
    assert agent["ProgramArguments"][1:] == ["due", "--notify"]
    assert Path(agent["ProgramArguments"][0]).is_absolute()
    assert agent["StartInterval"] == 300
    assert agent["EnvironmentVariables"] == {"GLUTE_COMPOSER_HOME": str(home)}
    assert calls(fakebin) == [f"launchctl bootstrap gui/{os.getuid()} {path}"]
    assert main(["remind", "remove"]) == 0
    assert not path.exists()
    assert f"launchctl bootout gui/{os.getuid()} {path}" in calls(fakebin)


def test_a_failing_scheduler_is_one_line_and_exit_1(home, fakebin, capsys):
    (fakebin / "bin" / "crontab").write_text(
        "#!/bin/sh\necho 'crontab: permission denied' >&2\nexit 1\n"
    )
    assert main(["remind", "install", "--scheduler", "cron"]) == 1
    assert capsys.readouterr().err == "glute: crontab -l failed: crontab: permission denied\n"


def test_detect_the_scheduler():
    class Result:
        def __init__(self, code):
            self.returncode = code

    which_all = lambda name: f"/usr/bin/{name}"  # noqa: E731
    assert scheduler.detect(platform="darwin", which=which_all) == "launchd"
    assert (
        scheduler.detect(
            platform="linux", which=which_all, run=lambda c: Result(0), booted=lambda: True
        )
        == "systemd"
    )
    # systemd installed but not running this machine (a container): cron.
    assert (
        scheduler.detect(
            platform="linux", which=which_all, run=lambda c: Result(0), booted=lambda: False
        )
        == "cron"
    )
    assert (
        scheduler.detect(
            platform="linux", which=which_all, run=lambda c: Result(1), booted=lambda: True
        )
        == "cron"
    )
    with pytest.raises(scheduler.SchedulerError, match="no scheduler found"):
        scheduler.detect(platform="linux", which=lambda name: None, booted=lambda: False)


def test_the_job_runs_the_glute_in_use(tmp_path):
    script = tmp_path / "glute"
    script.write_text("#!/bin/sh\n")
    assert scheduler.job_command(str(script)) == [str(script), "due", "--notify"]
    other = scheduler.job_command("/somewhere/pytest")
    assert Path(other[0]).is_absolute() and other[-2:] == ["due", "--notify"]


def test_a_path_with_control_characters_is_refused():
    with pytest.raises(scheduler.SchedulerError, match="control characters"):
        scheduler.systemd_units(["/tmp/a\nb", "due"], {})
    with pytest.raises(scheduler.SchedulerError, match="control characters"):
        scheduler.cron_lines(["/tmp/a\rb", "due"], {})


def test_config_default_is_no_reminders():
    assert Config().reminders is None
    assert reminders.Due(at(MONDAY, 8, 30), False).describe() == (
        "A session is due: the 08:30 reminder."
    )
