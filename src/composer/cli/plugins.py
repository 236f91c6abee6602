"""`glute plugins`: list, install, uninstall and scaffold plugins.

pip runs in the interpreter that runs `glute` (``sys.executable -m pip``),
from an argument list, never through a shell. What reaches pip is checked
first: `install` takes PEP 508 requirements and existing local paths only
(never an option, even after ``--``), and `uninstall` refuses Glute
Composer and every distribution it depends on. Every command suggested to
the user quotes names with `shlex.quote`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from composer.catalog.manager import FIRST_PARTY_DISTRIBUTION, normalize_name
from composer.errors import UsageError
from composer.safetext import visible

# Never removed by `glute plugins uninstall`, whatever the metadata says:
# the program, the installer, and the runtime dependencies.
ALWAYS_PROTECTED = frozenset(
    {FIRST_PARTY_DISTRIBUTION, "pip", "pluggy", "textual", "tomli-w", "platformdirs", "packaging"}
)


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
        from composer.cli.scaffold import write_plugin_project

        directory = write_plugin_project(args.name, args.directory)
        folder = shlex.quote(str(directory))
        print(f"Wrote a plugin project in {visible(directory)}. Next:")
        print(visible(f"  cd {folder} && python -m pip install -e '.[test]' && python -m pytest"))
        return 0
    raise UsageError(f"unknown action {action}")


def command_line(words: list[str]) -> str:
    """A command to show the user: each word quoted for a POSIX shell, the
    whole escaped for the terminal."""
    return visible(" ".join(shlex.quote(word) for word in words))


# install and uninstall never load plugins: pip runs in its own process, so a
# plugin that fails to import cannot stop the command that would remove it.


def install_argument(text: str) -> str:
    """What to pass pip for one NAME of `glute plugins install`: a PEP 508
    requirement in its normal form, or the absolute path of an existing
    local project or archive. Anything else (an option above all) is a
    `UsageError`."""
    from packaging.requirements import InvalidRequirement, Requirement

    if not text.strip():
        raise UsageError("an empty name cannot be installed")
    if not text.startswith("-"):
        try:
            return str(Requirement(text))
        except InvalidRequirement:
            pass
    if os.path.lexists(text):
        # Absolute, so pip can never read it as an option.
        return str(Path(text).absolute())
    what = "an option" if text.startswith("-") else "a requirement or an existing path"
    raise UsageError(
        f"'{visible(text)}' is not a package to install: give a requirement such as "
        f"glute-composer-yoga or 'glute-composer-yoga>=1.2', or the path of a "
        f"plugin project (not {what})"
    )


def install(names: list[str], *, upgrade: bool = False) -> int:
    arguments = [install_argument(name) for name in names]
    command = [sys.executable, "-m", "pip", "install"]
    if upgrade:
        command.append("--upgrade")
    shown = ", ".join(visible(name) for name in arguments)
    if _pip([*command, "--", *arguments]) != 0:
        print(f"glute: pip could not install {shown} (see its message above)", file=sys.stderr)
        return 1
    print(f"Installed {shown}. Run 'glute plugins' to see the plugins and their status.")
    return 0


def uninstall_name(text: str) -> str:
    """The PEP 503 name of the distribution that NAME of `glute plugins
    uninstall` means; a `UsageError` for anything else or for a
    distribution Glute Composer needs."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        raise UsageError(
            f"'{visible(text)}' is not a distribution name: give the name pip installed, "
            "such as glute-composer-yoga"
        ) from None
    name = normalize_name(requirement.name)
    if name in protected_distributions():
        raise UsageError(
            f"'{visible(text)}' is part of Glute Composer or a package it needs, "
            "and cannot be removed here"
        )
    return name


def protected_distributions() -> set[str]:
    """Glute Composer, pip, and every distribution Glute Composer depends
    on, directly or not, as PEP 503 names (from the installed metadata;
    a dependency asked for with extras brings the extras' own)."""
    protected = set(ALWAYS_PROTECTED)
    todo: list[tuple[str, frozenset[str]]] = [(FIRST_PARTY_DISTRIBUTION, frozenset())]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        item = todo.pop()
        if item in seen:
            continue
        seen.add(item)
        protected.add(item[0])
        todo += _dependencies(*item)
    return protected


def _dependencies(name: str, extras: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    """The distributions `name` (with `extras`) needs at run time, as PEP
    503 names with the extras asked of them; none when it is not installed."""
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        lines = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.marker is not None and not any(
            _applies(requirement.marker, extra) for extra in ("", *extras)
        ):
            continue
        out.append((normalize_name(requirement.name), frozenset(requirement.extras)))
    return out


def _applies(marker, extra: str) -> bool:
    try:
        return bool(marker.evaluate({"extra": extra}))
    except Exception:  # a marker this interpreter cannot evaluate: keep it
        return True


def uninstall(names: list[str]) -> int:
    wanted = [uninstall_name(text) for text in names]
    missing = [name for name in wanted if not _is_installed(name)]
    installed = [name for name in wanted if name not in missing]
    if missing:
        print(f"Not installed, nothing to remove: {', '.join(missing)}")
    if not installed:
        return 0
    if _pip([sys.executable, "-m", "pip", "uninstall", "--yes", "--", *installed]) != 0:
        print(
            f"glute: pip could not uninstall {', '.join(installed)} (see its message above)",
            file=sys.stderr,
        )
        return 1
    print(f"Uninstalled {', '.join(installed)}.")
    return 0


def _is_installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _pip(command: list[str]) -> int:
    """Run pip from an argument list (no shell) and return 0 on success."""
    result = subprocess.run(command, check=False)
    return 0 if result.returncode == 0 else 1


def _cell(text: str, width: int = 40) -> str:
    """A table cell: escaped, and cut so that one long name cannot push
    every other column off the screen."""
    shown = visible(text)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def list_plugins() -> int:
    from composer.cli.main import command_catalog

    # Loaded, not read from the catalog index: this is where a plugin's
    # problems are looked into.
    catalog = command_catalog(index=False)
    if not catalog.plugins:
        print("No plugins found.")
        return 0
    rows = [
        (
            _cell(info.name),
            _cell(info.version or "-"),
            str(info.exercises),
            _cell(info.distribution or info.origin),
            visible(info.status),
        )
        for info in catalog.plugins
    ]
    headers = ("PLUGIN", "VERSION", "EXERCISES", "FROM", "STATUS")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
    for info, row in [(None, headers), *zip(catalog.plugins, rows, strict=True)]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        print("  ".join([*cells, row[-1]]))
        if info is None or info.disabled:
            continue
        # Under the row: every problem (what was left out and why), and how
        # to remove a broken plugin.
        if not info.error and (len(info.warnings) > 2 or info.more_warnings):
            for problem in info.problems:
                print(f"    - {visible(problem)}")
        if info.error and info.distribution and not info.first_party:
            remove = command_line(["glute", "plugins", "uninstall", info.distribution])
            print(f"    - to remove it: {remove}")
    return 0


# -- glute plugins install --for FILE -------------------------------------------


def install_for(
    path: Path, *, names: list[str] | None = None, yes: bool = False, upgrade: bool = False
) -> int:
    """Install the distributions FILE's `requires` names that this machine
    lacks (not installed, or below the version asked for), after listing
    them and asking; then check the file again with the plugins loaded."""
    from composer.format.reader import load_session
    from composer.format.requirements import unmet_requirements
    from composer.safetext import visible

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
    from composer.cli.main import cmd_validate
    from composer.format.reader import load_session
    from composer.format.requirements import unmet_requirements

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
