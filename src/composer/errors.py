"""The project's own error types: every problem a user can cause ends up here."""

from __future__ import annotations

from dataclasses import dataclass

from composer.safetext import visible


@dataclass(frozen=True)
class Problem:
    """One problem in one file, printed as ``FILE: where: what``.

    The file name, the place and the message may hold text from the file or
    from a plugin: `str()` shows them through `visible`, one line each."""

    file: str
    message: str
    where: str = ""
    line: int | None = None
    column: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        place = []
        if self.line is not None:
            place.append(f"line {self.line}" + (f", col {self.column}" if self.column else ""))
        if self.where:
            place.append(visible(self.where))
        prefix = f"{visible(self.file)}: " + (f"{', '.join(place)}: " if place else "")
        return prefix + ("warning: " if self.warning else "") + visible(self.message)


class ComposerError(Exception):
    """Base class of errors that are the user's input, not a bug."""


class SessionError(ComposerError):
    """A session file could not be read; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(ComposerError):
    """The command line was used wrongly (exit code 2)."""


class WriteError(SessionError, OSError):
    """A file could not be written: ``FILE: cannot write: reason``.

    It names the user's file, never a temporary one. It is also an
    `OSError`, so code that handles failed writes in general handles it."""

    def __init__(self, filename: str, reason: str, errno: int | None = None):
        super().__init__([Problem(filename, f"cannot write: {reason}")])
        self.errno = errno
        self.strerror = reason
        self.filename = filename

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


# After this many problems in one file, one line says how many more there are.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class MoreProblems(Problem):
    """The line that stands for `count` problems left out."""

    count: int = 0


def more_problems(filename: str, count: int, noun: str = "problem") -> MoreProblems:
    """``FILE: … and 59,950 more problems``."""
    plural = "" if count == 1 else "s"
    return MoreProblems(filename, f"… and {count:,} more {noun}{plural}", count=count)


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """At most `limit` problems, then one line saying how many more there
    were (lines of that kind already in `problems` are added up)."""
    shown: list[Problem] = []
    hidden = 0
    only_warnings = True
    for problem in problems:
        if isinstance(problem, MoreProblems):
            hidden += problem.count
            only_warnings = only_warnings and "warning" in problem.message
        elif len(shown) < limit:
            shown.append(problem)
        else:
            hidden += 1
            only_warnings = only_warnings and problem.warning
    if hidden:
        filename = problems[-1].file
        shown.append(more_problems(filename, hidden, "warning" if only_warnings else "problem"))
    return shown
