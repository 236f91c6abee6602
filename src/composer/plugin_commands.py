"""`glute plugins`: list, install, uninstall and scaffold plugins."""

from __future__ import annotations

import argparse
import subprocess
import sys

from .errors import UsageError

PROTECTED = {"glute-composer", "glute_composer", "pip", "pluggy", "textual"}


def run(args: argparse.Namespace) -> int:
    action = args.action or "list"
    if action == "list":
        return list_plugins()
    if action == "install":
        command = [sys.executable, "-m", "pip", "install"]
        if args.upgrade:
            command.append("--upgrade")
        return _pip([*command, *args.names])
    if action == "uninstall":
        protected = [name for name in args.names if name.lower() in PROTECTED]
        if protected:
            raise UsageError(
                f"{protected[0]} is part of Glute Composer itself and cannot be removed here"
            )
        return _pip([sys.executable, "-m", "pip", "uninstall", "--yes", *args.names])
    if action == "new":
        from .scaffold import write_plugin_project

        directory = write_plugin_project(args.name, args.directory)
        print(f"Wrote a plugin project in {directory}. Next:")
        print(f"  cd {directory} && python -m pip install -e '.[test]' && python -m pytest")
        return 0
    raise UsageError(f"unknown action {action}")


def _pip(command: list[str]) -> int:
    # pip runs in its own process, so a broken plugin cannot stop it.
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
