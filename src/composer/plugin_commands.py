"""`glute plugins`: list, install, uninstall and scaffold plugins."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from importlib import metadata

from .errors import UsageError

PROTECTED = {"glute-composer", "pip", "pluggy", "textual"}
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def run(args: argparse.Namespace) -> int:
    action = args.action or "list"
    if action == "list":
        return list_plugins()
    if action == "install":
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
