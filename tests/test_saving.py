"""Saving never loses data: atomic replace, symlinks, modes, temporary files,
and a clear ``FILE: cannot write: reason`` when the system says no."""

from __future__ import annotations

import errno
import os
import random
import resource
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from composer.errors import SessionError, WriteError
from composer.format.reader import load_session
from composer.format.writer import save_session
from composer.model import Session
from composer.store import files as fileio
from composer.store.files import atomic_write_text, temp_file_pattern

from .conftest import glute_command

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
needs_locks = pytest.mark.skipif(fileio.fcntl is None, reason="no file locks on this system")


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def with_umask(mask: int, function):
    old = os.umask(mask)
    try:
        return function()
    finally:
        os.umask(old)


# -- where and with which mode -------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, mask):
    path = tmp_path / "new.toml"
    with_umask(mask, lambda: save_session(Session(title="New"), path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_an_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "s.toml"
    save_session(Session(title="First"), path)
    os.chmod(path, 0o604)
    with_umask(0o077, lambda: save_session(Session(title="Second"), path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert load_session(path).title == "Second"


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "session.toml"
    save_session(Session(title="First"), target)
    os.chmod(target, 0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    save_session(Session(title="Second"), link)
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert load_session(target).title == "Second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert temp_files(tmp_path) == [] and temp_files(target.parent) == []


def test_a_chain_of_links_and_a_dangling_link(tmp_path):
    target = tmp_path / "later.toml"
    first = tmp_path / "first.toml"
    second = tmp_path / "second.toml"
    second.symlink_to(target.name)  # relative and dangling
    first.symlink_to(second.name)
    save_session(Session(title="Made"), first)
    assert first.is_symlink() and second.is_symlink()
    assert load_session(target).title == "Made"


def test_a_loop_of_links_is_a_clear_error(tmp_path):
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    one.symlink_to(two.name)
    two.symlink_to(one.name)
    with pytest.raises(WriteError) as raised:
        save_session(Session(), one)
    assert str(raised.value).startswith(f"{one}: cannot write: ")
    assert one.is_symlink() and two.is_symlink()


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_only_regular_files_are_written(tmp_path, kind):
    path = tmp_path / "s.toml"
    if kind == "folder":
        path.mkdir()
        expected = f"{path}: cannot write: is a folder"
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this system")
        os.mkfifo(path)
        expected = f"{path}: cannot write: is a named pipe (FIFO), not a regular file"
    with pytest.raises(WriteError) as raised:
        save_session(Session(), path)
    assert str(raised.value) == expected
    assert temp_files(tmp_path) == []


def test_a_long_file_name_still_has_room_for_its_temporary_file(tmp_path):
    path = tmp_path / ("x" * 245 + ".toml")
    save_session(Session(title="Long"), path)
    save_session(Session(title="Longer"), path)
    assert load_session(path).title == "Longer"


# -- failures ----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_failure_names_the_users_file_and_leaves_the_old_one(tmp_path, monkeypatch, where):
    path = tmp_path / "s.toml"
    save_session(Session(title="Old"), path)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[0]))

    monkeypatch.setattr(fileio.os, where, no_space)
    with pytest.raises(WriteError) as raised:
        save_session(Session(title="New"), path)
    monkeypatch.undo()
    assert str(raised.value) == f"{path}: cannot write: No space left on device"
    assert isinstance(raised.value, SessionError) and isinstance(raised.value, OSError)
    assert ".tmp" not in str(raised.value)
    assert load_session(path).title == "Old"
    assert temp_files(tmp_path) == []


def test_an_interrupt_while_writing_removes_the_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "s.toml"
    save_session(Session(title="Old"), path)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_session(Session(title="New"), path)
    monkeypatch.undo()
    assert temp_files(tmp_path) == []
    assert load_session(path).title == "Old"


def _without_write_permission_for_files():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_glute_new_that_cannot_write_says_so_and_exits_1(tmp_path, glute_env):
    # Any byte written is over the file size limit, as on a full disk.
    result = subprocess.run(
        [*glute_command(), "new", "s.toml"],
        cwd=tmp_path,
        env=glute_env,
        capture_output=True,
        text=True,
        preexec_fn=_without_write_permission_for_files,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == "s.toml: cannot write: File too large\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="an administrator may write anywhere")
def test_glute_new_into_a_read_only_folder(tmp_path, glute_env):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = subprocess.run(
            [*glute_command(), "new", str(folder / "s.toml")],
            env=glute_env,
            capture_output=True,
            text=True,
        )
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == f"{folder / 's.toml'}: cannot write: Permission denied\n"


# -- temporary files left behind ---------------------------------------------------------


def leftover(folder: Path, target: str, token: str = "0123abcd") -> Path:
    path = folder / f".{target}.glute-{token}.tmp"
    path.write_text("half a sess", encoding="utf-8")
    return path


@needs_locks
def test_temporary_files_of_an_interrupted_save_go_with_the_next_save(tmp_path):
    path = tmp_path / "s.toml"
    stale = leftover(tmp_path, "s.toml")
    others = [
        leftover(tmp_path, "other.toml"),  # another file's
        tmp_path / ".s.toml.abcd1234.tmp",  # not our pattern
        tmp_path / ".s.toml.glute-0123abcd.tmp.bak",
    ]
    for other in others[1:]:
        other.write_text("keep", encoding="utf-8")
    folder_alike = tmp_path / ".s.toml.glute-99999999.tmp"
    folder_alike.mkdir()
    save_session(Session(title="New"), path)
    assert not stale.exists()
    assert all(other.exists() for other in others)
    assert folder_alike.is_dir()


@needs_locks
def test_the_temporary_file_of_a_save_under_way_is_kept(tmp_path):
    path = tmp_path / "s.toml"
    busy = leftover(tmp_path, "s.toml")
    descriptor = os.open(busy, os.O_RDONLY)
    try:
        fileio.fcntl.flock(descriptor, fileio.fcntl.LOCK_EX)
        save_session(Session(title="New"), path)
        assert busy.exists()
    finally:
        os.close(descriptor)
    save_session(Session(title="Newer"), path)
    assert not busy.exists()


def test_without_locks_a_leftover_goes_after_ten_minutes(tmp_path, monkeypatch):
    monkeypatch.setattr(fileio, "fcntl", None)
    path = tmp_path / "s.toml"
    fresh = leftover(tmp_path, "s.toml", "11111111")
    old = leftover(tmp_path, "s.toml", "22222222")
    eleven_minutes_ago = time.time() - 11 * 60
    os.utime(old, (eleven_minutes_ago, eleven_minutes_ago))
    save_session(Session(title="New"), path)
    assert fresh.exists()
    assert not old.exists()


def test_the_pattern_is_exactly_ours():
    pattern = temp_file_pattern(Path("/x/a.b.toml"))
    assert pattern.match(".a.b.toml.glute-0a1b2c3d.tmp")
    for name in (
        ".a.b.toml.glute-0a1b2c3.tmp",
        ".a.b.toml.glute-0A1B2C3D.tmp",
        ".a.b.toml.glute-0a1b2c3d.tmp~",
        ".aXb.toml.glute-0a1b2c3d.tmp",
        ".c.a.b.toml.glute-0a1b2c3d.tmp",
        ".a.b.toml.0a1b2c3d.tmp",
    ):
        assert not pattern.match(name), name


# -- killed at any moment ----------------------------------------------------------------


@needs_fork
@needs_locks
def test_killed_at_random_moments_the_file_is_always_old_or_new(tmp_path):
    """A process saving over and over is killed (SIGKILL) at random moments:
    the file always holds one whole version, and the next save clears the
    temporary files the killed saves left."""
    path = tmp_path / "s.toml"
    versions = [f"# version {n}\n" + f"line {n}\n" * 40_000 for n in range(3)]
    atomic_write_text(path, versions[0])
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    kills = 100
    left_behind = 0
    deadline = time.monotonic() + 120
    for kill in range(kills):
        assert time.monotonic() < deadline, f"too slow after {kill} kills"
        ready, written = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child saves until it is killed
            try:
                os.close(ready)
                n = 0
                while True:
                    atomic_write_text(path, versions[1 + n % 2])
                    os.write(written, b".")
                    n += 1
            finally:
                os._exit(0)
        os.close(written)
        if kill % 2:
            os.read(ready, 1)  # after a first save, or during the first
        time.sleep(chance.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(ready)
        text = path.read_text(encoding="utf-8")
        assert text in versions, f"torn file after kill {kill} (seed {seed})"
        left_behind += len(temp_files(tmp_path))
    atomic_write_text(path, versions[0])
    assert temp_files(tmp_path) == [], f"seed {seed}"
    assert path.read_text(encoding="utf-8") == versions[0]
    assert left_behind, "no kill ever came during a save: the test proved little"
