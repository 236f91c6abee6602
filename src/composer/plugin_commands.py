"""`glute plugins`: list, install, uninstall and scaffold plugins."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from .errors import UsageError

PROTECTED = {"glute-composer", "pip", "pluggy", "textual"}
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def run(args: argparse.Namespace) -> int:
    action = args.action or "list"
    if action == "list":
        return list_plugins()
    if action == "install" and getattr(args, "for_file", None) is not None:
        return install_for(args.for_file, names=args.names, yes=args.yes, upgrade=args.upgrade)
    if action == "install":
        if getattr(args, "yes", False):
            raise UsageError("--yes goes with --for FILE")
        if not args.names:
            raise UsageError("name the plugin packages to install, or give --for FILE")
        return install(args.names, upgrade=args.upgrade)
    if action == "uninstall":
        return uninstall(args.names)
    if action == "new":
        from .scaffold import write_plugin_project

        directory = write_plugin_project(args.name, args.directory)
        print(f"Wrote a plugin project in {directory}. Next:")
        print(f"  cd {directory} && python -m pip install -e '.[test]' && python -m pytest")
        return 0
    raise UsageError(f"unknown action {action}")


# install and uninstall never load plugins: pip runs in its own process, so a
# plugin that fails to import cannot stop the command that would remove it.


def install(names: list[str], *, upgrade: bool = False) -> int:
    command = [sys.executable, "-m", "pip", "install"]
    if upgrade:
        command.append("--upgrade")
    if _pip([*command, *names]) != 0:
        print(
            f"glute: pip could not install {', '.join(names)} (see its message above)",
            file=sys.stderr,
        )
        return 1
    print(f"Installed {', '.join(names)}. Run 'glute plugins' to see the plugins and their status.")
    return 0


def uninstall(names: list[str]) -> int:
    protected = [name for name in names if _normalize(name) in PROTECTED]
    if protected:
        raise UsageError(
            f"{protected[0]} is part of Glute Composer itself and cannot be removed here"
        )
    missing = [name for name in names if _PLAIN_NAME.match(name) and not _is_installed(name)]
    installed = [name for name in names if name not in missing]
    if missing:
        print(f"Not installed, nothing to remove: {', '.join(missing)}")
    if not installed:
        return 0
    if _pip([sys.executable, "-m", "pip", "uninstall", "--yes", *installed]) != 0:
        print(
            f"glute: pip could not uninstall {', '.join(installed)} (see its message above)",
            file=sys.stderr,
        )
        return 1
    print(f"Uninstalled {', '.join(installed)}.")
    return 0


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _is_installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _pip(command: list[str]) -> int:
    result = subprocess.run(command, check=False)
    return 0 if result.returncode == 0 else 1


def list_plugins() -> int:
    from .cli import _catalog

    catalog = _catalog()
    if not catalog.plugins:
        print("No plugins found.")
        return 0
    rows = [
        (
            info.name,
            info.version or "-",
            str(info.exercises),
            info.distribution or info.origin,
            info.status,
        )
        for info in catalog.plugins
    ]
    headers = ("PLUGIN", "VERSION", "EXERCISES", "FROM", "STATUS")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
    for row in [headers, *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        print("  ".join([*cells, row[-1]]))
    return 0


# -- glute plugins install --for FILE -------------------------------------------


def install_for(
    path: Path, *, names: list[str] | None = None, yes: bool = False, upgrade: bool = False
) -> int:
    """Install the distributions FILE's `requires` names that this machine
    lacks (not installed, or below the version asked for), after listing
    them and asking; then check the file again with the plugins loaded."""
    from .requirements import unmet_requirements
    from .safetext import visible
    from .sessionfile import load_session

    if names:
        raise UsageError("give plugin names or --for FILE, not both")
    shown = visible(path)
    session = load_session(path)  # a SessionError is reported by the caller
    unmet = unmet_requirements(session.requires)
    direct = [item for item in unmet if item.direct]
    unmet = [item for item in unmet if item not in direct]
    for item in direct:
        print(
            f"{shown}: requires: not installed from a link in a shared file: "
            f"{visible(item.requirement)}; install it yourself if you trust it",
            file=sys.stderr,
        )
    if not unmet:
        if direct:
            return 1
        what = "every plugin it requires is installed" if session.requires else "it requires none"
        print(f"{shown}: nothing to install, {what}.")
        return _check_again(path)
    print(f"{shown} needs {_count(len(unmet), 'plugin distribution')}:")
    for item in unmet:
        print(f"  {item.describe()}")
    if not yes and not _ask("Install with pip now? [y/N] "):
        print("Nothing installed.")
        return 1
    requirements = [item.requirement for item in unmet]
    command = [sys.executable, "-m", "pip", "install"]
    if upgrade:
        command.append("--upgrade")
    if _pip([*command, *requirements]) != 0:
        print(
            f"glute: pip could not install {', '.join(visible(r) for r in requirements)} "
            "(see its message above)",
            file=sys.stderr,
        )
        return 1
    import importlib

    importlib.invalidate_caches()  # let this process see what pip just installed
    print(f"Installed {', '.join(visible(r) for r in requirements)}. Checking {shown} again:")
    status = _check_again(path)
    return 1 if direct else status


def _check_again(path: Path) -> int:
    """`glute validate FILE`, plus exit 1 while a requirement is still unmet."""
    from .cli import cmd_validate
    from .requirements import unmet_requirements
    from .sessionfile import load_session

    status = cmd_validate([path])
    if status == 0 and unmet_requirements(load_session(path).requires):
        return 1
    return status


def _ask(question: str) -> bool:
    """A y/N question on the terminal; without one, refuse (exit 2) and say
    how to answer yes in advance."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError("no terminal to ask on: add --yes to install without asking")
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def pip_install_captured(requirements: list[str]) -> tuple[bool, str]:
    """Install `requirements` with pip in this interpreter, its output kept
    off the screen (for the composer). Returns whether it worked and the
    last lines pip wrote."""
    command = [sys.executable, "-m", "pip", "install", *requirements]
    try:
        result = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
        )
    except OSError as error:
        return False, f"cannot run pip: {error.strerror or error}"
    lines = [line for line in (result.stderr or result.stdout or "").splitlines() if line.strip()]
    return result.returncode == 0, "\n".join(lines[-5:])
