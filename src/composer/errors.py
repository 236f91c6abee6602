"""The project's own error types: every problem a user can cause ends up here."""

from __future__ import annotations

from dataclasses import dataclass

from .safetext import visible


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
