"""The `requires` list of a session file: which plugin distributions it
needs, which of them this machine lacks, and the command that installs them.

A saved session names the distribution of every third-party plugin it uses,
with a ``>=`` floor at the version installed when it was saved; the packs
that ship with Glute Composer are never listed. No Textual here.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from composer.errors import Problem
from composer.safetext import visible

# `packaging` and `importlib.metadata` (about 90 ms to import) are imported
# where a requirement is read: saving a session that uses only the packs
# that ship with Glute Composer needs neither.
if TYPE_CHECKING:
    from packaging.requirements import Requirement
    from packaging.version import Version

    from composer.catalog.manager import PluginInfo
    from composer.model import Exercise, Session

__all__ = [
    "Unmet",
    "install_command",
    "merge_requires",
    "missing_line",
    "normalize",
    "unmet_requirements",
    "used_distributions",
]

# Clauses that set a lower bound (or pin): the user's choice stands when one
# of them already asks for at least the installed version.
_FLOORS = (">=", ">")
_PINS = ("==", "===", "~=")


def normalize(name: str) -> str:
    """A distribution name as PEP 503 compares them: ``Glute_Yoga`` → ``glute-yoga``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse(text: str) -> Requirement | None:
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


def _version(text: str | None) -> Version | None:
    if not text:
        return None
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except InvalidVersion:
        return None


def used_distributions(
    session: Session,
    lookup: Callable[[str], Exercise | None],
    plugin: Callable[[str], PluginInfo | None],
) -> dict[str, str | None]:
    """The distributions of the third-party plugins whose exercises the
    session uses, with their installed versions (None when unknown).
    Plugins without a distribution (single files in the plugins folder)
    cannot be named and are left out."""
    out: dict[str, str | None] = {}
    for step in session.steps():
        exercise = lookup(step.exercise)
        if exercise is None:
            continue
        info = plugin(exercise.namespace)
        if info is None or info.first_party or not info.distribution:
            continue
        out.setdefault(normalize(info.distribution), info.version)
    return out


def merge_requires(existing: Iterable[str], used: dict[str, str | None]) -> list[str]:
    """`existing` with a ``name>=version`` floor for every distribution in
    `used`. An entry already in the file keeps its place; it is raised to the
    installed version only when its own floor is lower (a pin, a compatible
    release, a higher floor, extras or a marker are the user's and stay)."""
    out: list[str] = []
    pending = dict(used)
    for text in existing:
        requirement = _parse(text)
        key = normalize(requirement.name) if requirement is not None else None
        if requirement is None or key not in pending:
            out.append(text)
            continue
        installed = _version(pending.pop(key))
        out.append(_raised(text, requirement, installed))
    for name in sorted(pending):
        version = _version(pending[name])
        out.append(f"{name}>={version}" if version is not None else name)
    return out


def _raised(text: str, requirement: Requirement, installed: Version | None) -> str:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    if installed is None or requirement.extras or requirement.marker or requirement.url:
        return text
    clauses = list(requirement.specifier)
    if any(clause.operator in _PINS for clause in clauses):
        return text
    floors = [clause for clause in clauses if clause.operator in _FLOORS]
    if any(_version(clause.version) is None for clause in floors):
        return text
    if any(Version(clause.version) >= installed for clause in floors):
        return text
    kept = [str(clause) for clause in clauses if clause.operator not in _FLOORS]
    raised = ",".join([f">={installed}", *sorted(kept)])
    if not SpecifierSet(raised).contains(installed, prereleases=True):
        return text  # an upper bound below the installed version: the user's call
    return requirement.name + raised


@dataclass(frozen=True)
class Unmet:
    """A requirement this machine does not satisfy."""

    requirement: str
    name: str
    installed: str | None  # the version installed, None when not installed

    @property
    def direct(self) -> bool:
        """True for a requirement that points at a URL (``name @ https://…``):
        never installed on the word of a shared file."""
        requirement = _parse(self.requirement)
        return requirement is None or requirement.url is not None

    def describe(self) -> str:
        shown = visible(self.requirement)
        if self.installed is None:
            return f"{shown} (not installed)"
        return f"{shown} ({visible(self.installed)} is installed)"


def installed_version(name: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
    except Exception:  # broken metadata of some other distribution
        return None


def unmet_requirements(requires: Iterable[str]) -> list[Unmet]:
    """The entries of `requires` that are not installed, or installed at a
    version outside what they ask for. Entries that are not PEP 508
    requirements, or whose marker excludes this machine, are skipped."""
    from packaging.markers import UndefinedComparison, UndefinedEnvironmentName

    out = []
    for text in requires:
        requirement = _parse(text)
        if requirement is None:
            continue
        if requirement.marker is not None:
            try:
                if not requirement.marker.evaluate({"extra": ""}):
                    continue
            except (UndefinedEnvironmentName, UndefinedComparison):
                continue
        version = installed_version(requirement.name)
        if version is not None:
            parsed = _version(version)
            if parsed is None or requirement.specifier.contains(parsed, prereleases=True):
                continue
        out.append(Unmet(requirement=text, name=requirement.name, installed=version))
    return out


def install_command(unmet: Iterable[Unmet]) -> str:
    """The command that installs every unmet requirement, each quoted for a
    POSIX shell."""
    return "glute plugins install " + " ".join(shlex.quote(item.requirement) for item in unmet)


def missing_line(session: Session, filename: str) -> Problem | None:
    """One warning naming every distribution the file needs and this
    machine lacks, with the command that installs them; None if none."""
    unmet = unmet_requirements(session.requires)
    if not unmet:
        return None
    if len(unmet) == 1:
        needs = f"needs the plugin distribution {unmet[0].describe()}"
    else:
        listed = ", ".join(item.describe() for item in unmet)
        needs = f"needs the plugin distributions {listed}"
    return Problem(
        filename,
        f"{needs}; install with: {visible(install_command(unmet))}",
        where="requires",
        warning=True,
    )
