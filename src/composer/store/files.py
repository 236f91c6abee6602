"""Reading and saving the user's files so that nothing hangs and nothing is lost.

Reading: only regular files. A FIFO, a device or a folder is refused at
once, from the status of the opened descriptor (no stat-then-open race),
and at most a given number of bytes is read.

Saving (`atomic_write_text`): the text goes to a temporary file in the
same folder (``.NAME.glute-XXXXXXXX.tmp``), is flushed and fsynced, then
atomically replaces the file, so the file always holds either its old or
its new content. A symlink is written through to its target (the link
stays a link). A new file gets the usual mode (0666 less the umask); an
existing file keeps its mode. The temporary file is removed on any
failure, and those left behind by a save that never finished (the
process was killed) are removed by the next save of the same file. Every
failure is a `WriteError` naming the user's file, never the temporary one.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from pathlib import Path

from composer.errors import WriteError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: stale files go by age alone
    fcntl = None  # type: ignore[assignment]

__all__ = ["NotRegularFile", "atomic_write_text", "read_limited", "temp_file_pattern"]

# A temporary file whose save is over (its writer gone) is removed at once;
# where that cannot be told (no file locks), once it is this old.
STALE_TEMP_AGE_S = 600

_TEMP_TAIL = r"glute-[0-9a-f]{8}\.tmp"
_NAME_MAX = 255  # bytes in one file name on the common file systems
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS |= getattr(os, "O_BINARY", 0)
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_CREATE_FLAGS |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """The path is a folder, FIFO, device or socket: only regular files are
    read or written. `str()` is a phrase such as ``is a folder``."""

    def __init__(self, mode: int):
        self.is_folder = stat.S_ISDIR(mode)
        super().__init__(errno.EISDIR if self.is_folder else errno.EINVAL, _kind(mode))

    def __str__(self) -> str:
        return self.strerror or ""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise NotRegularFile(mode)


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most `limit + 1` bytes of the regular file at `path` (one more than
    the limit, so that the caller can tell a file over it).

    Raises `NotRegularFile` for anything but a regular file, without ever
    blocking on it, or another `OSError`."""
    # A first look spares opening a device or FIFO at all; the status of the
    # opened descriptor is what decides (the path may change in between).
    _require_regular(os.stat(path).st_mode)
    descriptor = os.open(path, _READ_FLAGS)
    try:
        _require_regular(os.fstat(descriptor).st_mode)
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def temp_file_pattern(target: Path) -> re.Pattern[str]:
    """The names our temporary files for `target` have, and nothing else."""
    return re.compile(re.escape(_temp_prefix(target.name)) + _TEMP_TAIL + r"\Z")


def _temp_prefix(name: str) -> str:
    # ".NAME." — NAME shortened so that the whole temporary name fits.
    room = _NAME_MAX - len(".." + "glute-00000000.tmp")
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}."


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace the file at `path` with `text` (UTF-8, newlines as given)
    atomically. Raises `WriteError` (``FILE: cannot write: reason``)."""
    name = os.fspath(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise WriteError(name, "the text holds characters that are not valid Unicode") from None
    try:
        _write(Path(path), data)
    except WriteError:
        raise
    except OSError as error:
        raise WriteError(name, error.strerror or str(error), error.errno) from None


def _write(path: Path, data: bytes) -> None:
    # Write through symlinks, even a dangling one, to the file they name.
    target = Path(os.path.realpath(path))
    if target.is_symlink():
        raise OSError(errno.ELOOP, "the symbolic links go round in a loop")
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise NotRegularFile(status.st_mode)
    folder = target.parent
    _remove_stale_temp_files(target)
    descriptor, temp = _create_temp(folder, _temp_prefix(target.name))
    try:
        if status is not None:
            _keep_mode_and_owner(descriptor, status)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
        os.replace(temp, target)
    except BaseException:
        os.close(descriptor)
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    # Closed only now: the lock on the temporary file tells other saves it
    # is in use until it has become the file.
    os.close(descriptor)
    _sync_folder(folder)


def _create_temp(folder: Path, prefix: str) -> tuple[int, Path]:
    """A new temporary file in `folder`, open and locked. New files get
    0666 less the umask, as the kernel applies it to the mode given here."""
    for _attempt in range(100):
        import secrets  # only when saving: its import is slow

        temp = folder / f"{prefix}glute-{secrets.token_hex(4)}.tmp"
        try:
            descriptor = os.open(temp, _CREATE_FLAGS, 0o666)
        except FileExistsError:
            continue
        if _lock(descriptor, wait=True) and not _same_file(temp, descriptor):
            # Another save found it unlocked, took it for a leftover and
            # removed it between our open and our lock: take another name.
            os.close(descriptor)
            continue
        return descriptor, temp
    raise OSError(errno.EEXIST, "no free name for a temporary file")


def _lock(descriptor: int, *, wait: bool = False) -> bool | None:
    """Lock the file for ourselves: True when locked, False when another
    process holds the lock, None when this system has no such locks."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:
        return None
    return True


def _same_file(path: Path, descriptor: int) -> bool:
    try:
        by_name = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    opened = os.fstat(descriptor)
    return (by_name.st_dev, by_name.st_ino) == (opened.st_dev, opened.st_ino)


def _keep_mode_and_owner(descriptor: int, status: os.stat_result) -> None:
    os.fchmod(descriptor, stat.S_IMODE(status.st_mode))
    created = os.fstat(descriptor)
    if (created.st_uid, created.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.fchown(descriptor, status.st_uid, status.st_gid)
        except (OSError, AttributeError):
            pass  # only an administrator can give a file away
        else:
            os.fchmod(descriptor, stat.S_IMODE(status.st_mode))


def _remove_stale_temp_files(target: Path) -> None:
    """Remove our temporary files for `target` that no save is writing."""
    pattern = temp_file_pattern(target)
    try:
        with os.scandir(target.parent) as entries:
            found = [entry.path for entry in entries if pattern.match(entry.name)]
    except OSError:
        return
    for leftover in found:
        try:
            _remove_if_abandoned(leftover)
        except OSError:
            continue


def _remove_if_abandoned(path: str) -> None:
    """Remove the temporary file at `path` if no process holds its lock (its
    save is over), or, where there are no locks, once it is ten minutes old."""
    descriptor = os.open(path, _READ_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return
        locked = _lock(descriptor)
        if locked is False:
            return  # a save is writing it right now
        if locked is None and time.time() - status.st_mtime <= STALE_TEMP_AGE_S:
            return
        if _same_file(Path(path), descriptor):
            # Removed while we hold the lock, so a save that has just
            # created it sees it gone when it gets the lock, and starts over.
            os.unlink(path)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """fsync the folder, so that the rename itself is on disk."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
