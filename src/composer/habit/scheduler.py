"""`glute remind install` / `remove`: a user-level scheduler entry that
runs ``glute due --notify`` every few minutes.

One of three, chosen by what the system has: a systemd user timer (when
systemd runs this machine and ``systemctl --user`` answers), a launchd
agent on macOS, or a crontab line. Each runs the absolute path of the
`glute` in use, and carries ``GLUTE_COMPOSER_HOME`` when it is set.

`remove` undoes exactly what `install` wrote: the two unit files or the
agent only when they carry our mark, and only the crontab lines that end
with our marker comment. External programs get argument lists, never a
shell. No Textual here.
"""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from composer.habit.reminders import environ_for_job
from composer.safetext import visible

INTERVAL_MIN = 5
UNIT = "glute-composer-reminder"
LABEL = "org.glute-composer.reminder"
MARK = "glute-composer-reminder"
HEADER = f"# {MARK}: written by 'glute remind install'; 'glute remind remove' deletes it"
CRON_MARK = f"# {MARK}"
SCHEDULERS = ("systemd", "launchd", "cron")

Run = Callable[..., subprocess.CompletedProcess]


class SchedulerError(Exception):
    """The scheduler entry could not be written or removed (one line)."""


def _run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=30, check=False, **kwargs
        )
    except (OSError, subprocess.SubprocessError) as error:
        return subprocess.CompletedProcess(command, 127, "", str(error))


def _why(result: subprocess.CompletedProcess) -> str:
    text = (result.stderr or result.stdout or "").strip().splitlines()
    return visible(text[0][:200]) if text else f"exit code {result.returncode}"


# -- what runs ----------------------------------------------------------------------


def glute_command(argv0: str | None = None) -> list[str]:
    """The absolute command of the `glute` in use."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    if argv0 and Path(argv0).name == "glute" and os.path.isfile(argv0):
        return [os.path.abspath(argv0)]
    beside = Path(sys.executable).parent / "glute"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [os.path.abspath(beside)]
    found = shutil.which("glute")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "composer"]


def job_command(argv0: str | None = None) -> list[str]:
    return [*glute_command(argv0), "due", "--notify"]


def _check_text(values: list[str]) -> None:
    for value in values:
        if any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise SchedulerError(
                f"{visible(value)}: a path with control characters cannot be scheduled"
            )


# -- which scheduler ------------------------------------------------------------------


def detect(
    *,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
    run: Run = _run,
    booted: Callable[[], bool] = lambda: Path("/run/systemd/system").is_dir(),
) -> str:
    """systemd, launchd or cron, by what this system has."""
    if platform == "darwin":
        return "launchd"
    if which("systemctl") and booted():
        if run(["systemctl", "--user", "show-environment"]).returncode == 0:
            return "systemd"
    if which("crontab"):
        return "cron"
    raise SchedulerError(
        "no scheduler found: neither systemd (systemctl --user), launchd nor cron (crontab)"
    )


# -- systemd ----------------------------------------------------------------------------


def systemd_directory(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def _systemd_word(value: str) -> str:
    """One ExecStart= argument: specifiers (%) and variables ($) kept literal."""
    value = value.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _systemd_assignment(name: str, value: str) -> str:
    """One Environment= assignment, quoted; specifiers kept literal."""
    text = f"{name}={value}".replace("%", "%%")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_units(command: list[str], environ: Mapping[str, str]) -> dict[str, str]:
    """The service and timer files, by file name."""
    _check_text([*command, *environ.values()])
    service = [
        HEADER,
        "[Unit]",
        "Description=Glute Composer: say when a session is due",
        "",
        "[Service]",
        "Type=oneshot",
        "ExecStart=" + " ".join(_systemd_word(part) for part in command),
        *(f"Environment={_systemd_assignment(k, v)}" for k, v in sorted(environ.items())),
        "# 'glute due' exits 1 when nothing is due: that is not a failure.",
        "SuccessExitStatus=1",
        "",
    ]
    timer = [
        HEADER,
        "[Unit]",
        f"Description=Glute Composer: check every {INTERVAL_MIN} minutes whether a session is due",
        "",
        "[Timer]",
        f"OnCalendar=*:0/{INTERVAL_MIN}",
        "AccuracySec=30s",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ]
    return {f"{UNIT}.service": "\n".join(service), f"{UNIT}.timer": "\n".join(timer)}


def _ours(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline().startswith(f"# {MARK}:")
    except (OSError, UnicodeDecodeError):
        return False


def _write(path: Path, text: str) -> None:
    from composer.store.files import atomic_write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
    except OSError as error:
        raise SchedulerError(
            f"{visible(path)}: cannot write: {visible(error.strerror or error)}"
        ) from None


def install_systemd(command: list[str], environ: Mapping[str, str], run: Run = _run) -> str:
    folder = systemd_directory()
    units = systemd_units(command, environ)
    for name in units:
        path = folder / name
        if path.exists() and not _ours(path):
            raise SchedulerError(
                f"{visible(path)}: exists and was not written by glute; left alone"
            )
    for name, text in units.items():
        _write(folder / name, text)
    for step in (["daemon-reload"], ["enable", "--now", f"{UNIT}.timer"]):
        result = run(["systemctl", "--user", *step])
        if result.returncode != 0:
            raise SchedulerError(
                f"wrote {visible(folder / f'{UNIT}.timer')} but 'systemctl --user "
                f"{' '.join(step)}' failed: {_why(result)}"
            )
    return f"a systemd user timer, {folder / f'{UNIT}.timer'}"


def remove_systemd(run: Run = _run) -> list[str]:
    folder = systemd_directory()
    paths = [folder / f"{UNIT}.timer", folder / f"{UNIT}.service"]
    ours = [path for path in paths if path.exists() and _ours(path)]
    for path in paths:
        if path.exists() and path not in ours:
            print(f"warning: {visible(path)}: not written by glute; left alone", file=sys.stderr)
    if not ours:
        return []
    if shutil.which("systemctl"):
        run(["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"])
    for path in ours:
        path.unlink(missing_ok=True)
    if shutil.which("systemctl"):
        run(["systemctl", "--user", "daemon-reload"])
    return [str(path) for path in ours]


# -- launchd ------------------------------------------------------------------------------


def launchd_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def launchd_agent(command: list[str], environ: Mapping[str, str]) -> bytes:
    _check_text([*command, *environ.values()])
    agent: dict[str, Any] = {
        "Label": LABEL,
        "ProgramArguments": command,
        "StartInterval": INTERVAL_MIN * 60,
        "ProcessType": "Background",
        "StandardOutPath": "/dev/null",
        "StandardErrorPath": "/dev/null",
    }
    if environ:
        agent["EnvironmentVariables"] = dict(environ)
    return plistlib.dumps(agent)


def _launchd_ours(path: Path) -> bool:
    try:
        agent = plistlib.loads(path.read_bytes())
    except (OSError, plistlib.InvalidFileException, ValueError):
        return False
    return isinstance(agent, dict) and agent.get("Label") == LABEL


def _domain() -> str:
    return f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui"


def install_launchd(command: list[str], environ: Mapping[str, str], run: Run = _run) -> str:
    path = launchd_file()
    if path.exists() and not _launchd_ours(path):
        raise SchedulerError(f"{visible(path)}: exists and was not written by glute; left alone")
    if path.exists():
        run(["launchctl", "bootout", _domain(), str(path)])
    data = launchd_agent(command, environ)
    from composer.store.files import atomic_write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, data.decode("utf-8"))
    except OSError as error:
        raise SchedulerError(
            f"{visible(path)}: cannot write: {visible(error.strerror or error)}"
        ) from None
    result = run(["launchctl", "bootstrap", _domain(), str(path)])
    if result.returncode != 0:
        raise SchedulerError(f"wrote {visible(path)} but launchctl failed: {_why(result)}")
    return f"a launchd agent, {path}"


def remove_launchd(run: Run = _run) -> list[str]:
    path = launchd_file()
    if not path.exists():
        return []
    if not _launchd_ours(path):
        print(f"warning: {visible(path)}: not written by glute; left alone", file=sys.stderr)
        return []
    if shutil.which("launchctl"):
        run(["launchctl", "bootout", _domain(), str(path)])
    path.unlink(missing_ok=True)
    return [str(path)]


# -- cron ------------------------------------------------------------------------------------


def cron_lines(command: list[str], environ: Mapping[str, str]) -> list[str]:
    """Our crontab lines: a comment and the job, each ending with the mark."""
    _check_text([*command, *environ.values()])
    assignments = "".join(f"{k}={shlex.quote(v)} " for k, v in sorted(environ.items()))
    # cron turns an unescaped % into a newline.
    job = (assignments + shlex.join(command)).replace("%", "\\%")
    return [
        f"# 'glute remind remove' deletes the lines that end like this one {CRON_MARK}",
        f"*/{INTERVAL_MIN} * * * * {job} >/dev/null 2>&1 {CRON_MARK}",
    ]


def _is_ours(line: str) -> bool:
    return line.rstrip().endswith(CRON_MARK)


def _read_crontab(run: Run) -> str:
    result = run(["crontab", "-l"])
    if result.returncode == 0:
        return result.stdout
    if "no crontab" in (result.stderr or "").lower():
        return ""
    raise SchedulerError(f"crontab -l failed: {_why(result)}")


def _write_crontab(text: str, run: Run) -> None:
    result = run(["crontab", "-"], input=text)
    if result.returncode != 0:
        raise SchedulerError(f"crontab - failed: {_why(result)}")


def install_cron(command: list[str], environ: Mapping[str, str], run: Run = _run) -> str:
    # cron starts jobs without the desktop's session bus, which notify-send needs.
    bus = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if bus.startswith("unix:path=") and sys.platform != "darwin":
        environ = {**environ, "DBUS_SESSION_BUS_ADDRESS": bus}
    lines = [line for line in _read_crontab(run).splitlines() if not _is_ours(line)]
    lines += cron_lines(command, environ)
    _write_crontab("\n".join(lines) + "\n", run)
    return "a crontab line"


def remove_cron(run: Run = _run) -> list[str]:
    if not shutil.which("crontab"):
        return []
    try:
        text = _read_crontab(run)
    except SchedulerError as error:
        print(f"warning: {error}", file=sys.stderr)
        return []
    lines = text.splitlines()
    kept = [line for line in lines if not _is_ours(line)]
    if len(kept) == len(lines):
        return []
    _write_crontab("\n".join(kept) + ("\n" if kept else ""), run)
    return [f"{len(lines) - len(kept)} crontab lines"]


# -- the commands ---------------------------------------------------------------------------


INSTALLERS = {"systemd": install_systemd, "launchd": install_launchd, "cron": install_cron}
REMOVERS = {"systemd": remove_systemd, "launchd": remove_launchd, "cron": remove_cron}


def cmd_install(scheduler: str | None = None) -> int:
    from composer.store.config import load_config

    try:
        chosen = scheduler or detect()
        command = job_command()
        described = INSTALLERS[chosen](command, environ_for_job())
    except SchedulerError as error:
        print(f"glute: {error}", file=sys.stderr)
        return 1
    print(f"Installed {visible(described)}: every {INTERVAL_MIN} minutes it runs")
    print(f"  {visible(shlex.join(command))}")
    config = load_config()
    if config.reminders is None:
        print(
            "No [reminders] in config.toml yet, so nothing will be due: see 'Reminders' in the README.",
            file=sys.stderr,
        )
    else:
        print(f"Reminders: {config.reminders.describe()}.")
    print("Undo with 'glute remind remove'.")
    return 0


def cmd_remove(scheduler: str | None = None) -> int:
    """Remove our entry from the given scheduler, or from every one."""
    removed: list[str] = []
    try:
        for name in (scheduler,) if scheduler else SCHEDULERS:
            removed += REMOVERS[name]()
    except SchedulerError as error:
        print(f"glute: {error}", file=sys.stderr)
        return 1
    if not removed:
        print("No reminder was installed: nothing to remove.")
        return 0
    for item in removed:
        print(f"Removed {visible(item)}")
    return 0
