"""What a save needs to know about the file it is about to replace.

- `FileState`: a fingerprint of a file (size, mtime_ns and the SHA-256 of its
  bytes) recorded when the app reads or writes it, so that a later save can
  tell whether another program changed, deleted or replaced it meanwhile.
- `comment_lines` / `lost_comment_lines`: the comments of a TOML text, found
  by a linear scan that knows TOML strings (a ``#`` inside a string is not a
  comment), so that a save can say how many comment lines it would drop.
- `check_open_path` / `check_save_path`: what the path a user typed would do,
  as one status line; never an exception, whatever the text.

No UI here: the composer's dialogs call these.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from composer.safetext import visible

# Files larger than this are not session files (they are refused when read),
# so their text is never scanned; they are still fingerprinted.
MAX_SCAN_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024


# -- fingerprints ------------------------------------------------------------------


@dataclass(frozen=True)
class FileState:
    """What was on disk at a path at one moment.

    `kind` is "file" (a regular file, with `size`, `mtime_ns` and `sha256`),
    "missing", "other" (a folder, FIFO, device or socket) or "unreadable"
    (`detail` says why). Two states are equal when nothing about the file
    changed between them.
    """

    kind: str
    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None
    detail: str = ""

    @property
    def exists(self) -> bool:
        return self.kind != "missing"


MISSING = FileState("missing")


def read_state(path: str | os.PathLike[str]) -> tuple[FileState, bytes | None]:
    """Fingerprint the file at `path` and return its bytes as well (None when
    it is missing, not a regular file, unreadable or larger than
    `MAX_SCAN_BYTES`).

    Opens without blocking and checks the opened file, so a FIFO or device
    put at the path is reported, never read; follows symlinks, as a save does.
    Never raises.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (FileNotFoundError, NotADirectoryError):
        return MISSING, None
    except IsADirectoryError:
        return FileState("other", detail="a folder"), None
    except OSError as error:
        return FileState("unreadable", detail=error.strerror or str(error)), None
    except ValueError as error:  # NUL or unencodable characters in the name
        return FileState("unreadable", detail=str(error)), None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return FileState("other", detail=_kind_name(info.st_mode)), None
        digest = hashlib.sha256()
        kept: list[bytes] = []
        size = 0
        while chunk := os.read(fd, _CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if size <= MAX_SCAN_BYTES:
                kept.append(chunk)
        data = b"".join(kept) if size <= MAX_SCAN_BYTES else None
        return FileState("file", size, info.st_mtime_ns, digest.hexdigest()), data
    except OSError as error:
        return FileState("unreadable", detail=error.strerror or str(error)), None
    finally:
        os.close(fd)


def written_state(path: str | os.PathLike[str], data: bytes) -> FileState:
    """The state of `path` just after `data` was written to it: the size and
    mtime on disk, and the hash of the bytes written (so a change made by
    another program right after the write still shows at the next save)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as error:
        return FileState("unreadable", detail=str(error))
    return FileState("file", info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def describe_change(before: FileState, now: FileState) -> str | None:
    """None when the file is as it was; otherwise what happened to it, as the
    end of a sentence that starts with the file's name."""
    if before == now:
        return None
    if now.kind == "missing":
        return "was deleted or moved away since it was read"
    if now.kind == "other":
        return f"was replaced by {now.detail} since it was read"
    if now.kind == "unreadable":
        return f"cannot be read any more ({now.detail})"
    if before.kind == "missing":
        return "was created by another program since this session was started"
    if before.kind != "file":
        return "was changed since it was read"
    if before.size == now.size and before.sha256 == now.sha256:
        return "was touched since it was read (its time changed, its contents did not)"
    return "was changed by another program since it was read"


def _kind_name(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something that is not a regular file"


# -- comments ----------------------------------------------------------------------


def comment_lines(text: str) -> list[tuple[int, str]]:
    """Every comment of a TOML text as (line number from 1, the comment from
    its ``#`` to the end of the line).

    One pass over the text: a ``#`` counts only outside basic strings
    (``"…"``, with backslash escapes), literal strings (``'…'``) and their
    multi-line forms (``\"\"\"…\"\"\"`` and ``'''…'''``). A one-line string
    ends at the end of its line even when it is not closed, so a broken
    file is still scanned line by line.
    """
    out: list[tuple[int, str]] = []
    n = len(text)
    i = 0
    line = 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append((line, text[i:end].rstrip("\r")))
            i = end
        elif c == '"' or c == "'":
            if text.startswith(c * 3, i):
                i, line = _skip_multiline(text, i + 3, line, c)
            else:
                i = _skip_one_line(text, i + 1, c)
        else:
            i += 1
    return out


def _skip_one_line(text: str, i: int, quote: str) -> int:
    """Past the closing quote of a one-line string (or to its line's end)."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            return i
        if c == "\\" and quote == '"':
            i += 2 if i + 1 < n and text[i + 1] != "\n" else 1
            continue
        i += 1
        if c == quote:
            return i
    return n


def _skip_multiline(text: str, i: int, line: int, quote: str) -> tuple[int, int]:
    """Past the closing delimiter of a multi-line string; counts its lines.
    Up to two quotes just before the delimiter belong to the string."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c == "\\" and quote == '"':
            if i + 1 < n and text[i + 1] == "\n":
                line += 1
            i += 2
        elif c == quote:
            run = i
            while run < n and text[run] == quote:
                run += 1
            closed = run - i >= 3
            i = run
            if closed:
                return i, line
        else:
            i += 1
    return n, line


def lost_comment_lines(old_text: str, new_text: str) -> int:
    """How many comment lines of `old_text` are not in `new_text`: what
    replacing the one with the other drops. Comments are matched by their
    text, so the leading comments a save writes back do not count."""
    old = Counter(comment.strip() for _line, comment in comment_lines(old_text))
    new = Counter(comment.strip() for _line, comment in comment_lines(new_text))
    return sum((old - new).values())


def decode(data: bytes) -> str:
    """The text of a file's bytes for the comment scan (never raises)."""
    return data.decode("utf-8", "replace").removeprefix("\ufeff")


# -- paths typed by the user ----------------------------------------------------------


@dataclass(frozen=True)
class PathCheck:
    """What a typed path would do: `ok` when the dialog may go on with `path`;
    `message` is one status line for the user (already made visible);
    `exists` when saving there replaces a file."""

    ok: bool
    message: str
    path: Path | None = None
    exists: bool = False


def _shown(path: Path | str) -> str:
    return visible(str(path))


def _expand(text: str) -> Path | PathCheck:
    if "\x00" in text:
        return PathCheck(False, "A file name cannot hold a NUL character.")
    try:
        return Path(text).expanduser()
    except (RuntimeError, KeyError, ValueError, OSError):
        user = text.split("/", 1)[0]
        return PathCheck(False, f"There is no home folder for {_shown(user)}.")


def _mode(path: Path) -> int | str | None:
    """The st_mode of what is at `path` (following symlinks), None when
    nothing is there, or the reason it cannot be checked."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        return error.strerror or str(error)
    except ValueError:
        return "not a usable file name"


def check_open_path(text: str) -> PathCheck:
    """Can the file at `text` be opened? Only a regular file can."""
    text = text.strip()
    if not text:
        return PathCheck(False, "Type the path of a session file, or pick one below.")
    path = _expand(text)
    if isinstance(path, PathCheck):
        return path
    mode = _mode(path)
    if mode is None:
        return PathCheck(False, "No such file.")
    if isinstance(mode, str):
        return PathCheck(False, f"Cannot open {_shown(path)}: {visible(mode)}.")
    if stat.S_ISDIR(mode):
        return PathCheck(False, "That is a folder; type a file in it.")
    if not stat.S_ISREG(mode):
        return PathCheck(False, f"That is {_kind_name(mode)}, not a session file.")
    return PathCheck(True, "Press Enter to open it.", path, exists=True)


def check_save_path(text: str) -> PathCheck:
    """Where would a save of `text` go, and may it go there?

    - a path to an existing regular file saves over it, as typed (so every
      path the Open dialog accepts is accepted here too);
    - otherwise a name that does not end with ``.toml`` gets ``.toml`` added
      (``warm-up`` → ``warm-up.toml``, ``a.b`` → ``a.b.toml``);
    - missing folders on the way are created when saving, unless one of them
      is a file;
    - empty text, a folder (``/``, ``.``, ``..``, ``~``, ``notes/``), a FIFO
      or device, an unknown ``~user``, a NUL or a name the system refuses get
      a status line saying why, and no save.
    """
    raw = text.strip()
    if not raw:
        return PathCheck(False, "Type a file name, e.g. my-session.toml.")
    path = _expand(raw)
    if isinstance(path, PathCheck):
        return path
    mode = _mode(path)
    if isinstance(mode, str):
        return PathCheck(False, f"Cannot save to {_shown(path)}: {visible(mode)}.")
    if mode is not None and stat.S_ISREG(mode):
        return PathCheck(True, f"{_shown(path.name)} exists: saving replaces it.", path, True)
    if mode is not None and stat.S_ISDIR(mode):
        return PathCheck(False, f"{_shown(path)} is a folder; add a file name to it.")
    if mode is not None:
        return PathCheck(False, f"{_shown(path)} is {_kind_name(mode)}, not a file.")
    last = raw.rsplit("/", 1)[-1]
    if last in ("", ".", ".."):
        return PathCheck(False, "Add a file name after the last /.")
    target = path if path.name.lower().endswith(".toml") else path.with_name(path.name + ".toml")
    mode = _mode(target)
    if isinstance(mode, str):
        return PathCheck(False, f"Cannot save to {_shown(target)}: {visible(mode)}.")
    if mode is not None and stat.S_ISREG(mode):
        return PathCheck(True, f"{_shown(target.name)} exists: saving replaces it.", target, True)
    if mode is not None:
        return PathCheck(False, f"{_shown(target)} is {_kind_name(mode)}, not a file.")
    # Nothing there yet: find the nearest folder that exists.
    folder = target.parent
    while True:
        mode = _mode(folder)
        if isinstance(mode, str):
            return PathCheck(False, f"Cannot save in {_shown(folder)}: {visible(mode)}.")
        if mode is not None:
            break
        if folder.parent == folder:
            break
        folder = folder.parent
    if mode is not None and not stat.S_ISDIR(mode):
        return PathCheck(False, f"{_shown(folder)} is a file, not a folder.")
    where = "" if folder == target.parent else " (its folder will be created)"
    return PathCheck(True, f"Saves to {_shown(target)}{where}.", target)
