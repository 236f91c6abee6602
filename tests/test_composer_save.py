"""Saving in the composer never surprises: the Save-as dialog copes with any
text, a file changed on disk is not overwritten without asking, comments are
not dropped without saying so, and a failed write keeps the session."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Button, Input, Static

from composer.catalog.manager import load_catalog
from composer.errors import Problem, SessionError
from composer.format.reader import load_session
from composer.format.writer import dumps_session, save_session
from composer.model import Block, Session, Step
from composer.store.filestate import check_save_path
from composer.ui.app import make_app
from composer.ui.dialogs.confirm import CommentsWillBeLost, FileChanged, UnsavedChanges
from composer.ui.dialogs.files import OpenDialog, SaveAsDialog
from composer.ui.screens import composer as composer_screen
from composer.ui.screens.composer import ComposerScreen

SIZE = (120, 40)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def a_session(title: str = "Mine") -> Session:
    return Session(
        title=title,
        blocks=[Block(title="A", steps=[Step(exercise="activation/clamshell")])],
    )


def saved_file(tmp_path: Path, catalog, name: str = "mine.toml", text: str | None = None) -> Path:
    path = tmp_path / name
    if text is None:
        save_session(a_session(), path, catalog.names())
    else:
        path.write_text(text, encoding="utf-8")
    return path


def open_app(catalog, path: Path):
    return make_app(catalog=catalog, session=load_session(path), path=path)


def composer(app) -> ComposerScreen:
    assert isinstance(app.screen, ComposerScreen), app.screen
    return app.screen


async def change_something(pilot) -> None:
    """An edit made in the app: a new title."""
    pilot.app.session.title = "Changed here"
    composer(pilot.app).refresh_titles()
    await pilot.pause()
    assert composer(pilot.app).dirty


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def messages(app, severity: str | None = None) -> list[str]:
    return [n.message for n in app._notifications if severity in (None, n.severity)]


# -- the Save-as dialog ------------------------------------------------------------------


async def test_clearing_the_path_and_typing_a_slash_does_not_crash(catalog, tmp_path):
    """Ctrl+S, Ctrl+U, then `/` used to crash and lose the session."""
    app = make_app(catalog=catalog, session=a_session())
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveAsDialog)
        await pilot.press("ctrl+u")
        assert app.screen.query_one("#path", Input).value == ""
        assert "Type a file name" in status(app)
        await pilot.press("/")
        assert "/ is a folder" in status(app)
        await pilot.press("enter")
        assert isinstance(app.screen, SaveAsDialog) and app.is_running
        for keys, shown in [
            ("/.", "/ is a folder"),
            (".", ". is a folder"),
            ("..", ".. is a folder"),
            ("~", "is a folder"),
            ("nowhere/", "Add a file name after the last /"),
            ("nowhere/.", "Add a file name after the last /"),
        ]:
            await pilot.press("ctrl+u", *keys)
            assert app.screen.query_one("#path", Input).value == keys
            assert shown in status(app), status(app)
            await pilot.press("enter")
            assert isinstance(app.screen, SaveAsDialog) and app.is_running
        # A name without .toml gets it; a missing folder will be created.
        box = app.screen.query_one("#path", Input)
        box.value = str(tmp_path / "new" / "folder" / "warm-up")
        await pilot.pause()
        assert "warm-up.toml (its folder will be created)" in status(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
    path = tmp_path / "new" / "folder" / "warm-up.toml"
    assert load_session(path).title == "Changed here"


async def test_the_save_as_check_copes_with_any_text(catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    app = make_app(catalog=catalog, session=a_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)

        @settings(
            max_examples=300,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(
            st.lists(
                st.one_of(
                    st.characters(),
                    st.sampled_from(["/", ".", "~", "\x00", "\udc80", "folder", ".toml"]),
                ),
                max_size=20,
            ).map("".join)
        )
        def check_any(text: str) -> None:
            result = dialog.check(text)
            assert result == check_save_path(text)
            shown = str(dialog.query_one("#status", Static).render())
            assert shown == result.message

        check_any()
        await pilot.pause()
        assert app.screen is dialog and app.is_running


async def test_save_as_accepts_a_file_the_open_dialog_accepts(catalog, tmp_path):
    """A file with no .toml that Open accepts is saved to as it is named."""
    path = saved_file(tmp_path, catalog, "no-suffix")
    app = make_app(catalog=catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, OpenDialog)
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert app.path == path
        await change_something(pilot)
        await pilot.press("f12")
        assert isinstance(app.screen, SaveAsDialog)
        assert "no-suffix exists: saving replaces it" in status(app)
        await pilot.press("enter")
        assert "Press Enter again to replace no-suffix" in status(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen) and not composer(app).dirty
    assert load_session(path).title == "Changed here"
    assert not (tmp_path / "no-suffix.toml").exists()


async def test_open_refuses_a_fifo_at_once(catalog, tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    app = make_app(catalog=catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        app.screen.query_one("#path", Input).value = str(tmp_path / "pipe.toml")
        await pilot.press("enter")
        assert isinstance(app.screen, OpenDialog)
        assert "a FIFO, not a session file" in status(app)


# -- changed on disk -----------------------------------------------------------------------


async def test_a_file_changed_on_disk_asks_and_cancel_keeps_both(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.write_text(path.read_text() + "\n# their note\n")
        theirs = path.read_text()
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, FileChanged)
        assert "changed by another program" in dialog.what
        assert not dialog.query_one("#reload", Button).disabled
        await pilot.press("c")
        assert isinstance(app.screen, ComposerScreen) and composer(app).dirty
        assert path.read_text() == theirs
        assert app.session.title == "Changed here"


async def test_overwrite_then_saves_without_asking_again(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.write_text(path.read_text().replace("Mine", "Theirs"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FileChanged)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen) and not composer(app).dirty
        assert load_session(path).title == "Changed here"
        # Our own save is the new reference: saving again does not ask.
        app.session.title = "Again"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
    assert load_session(path).title == "Again"


async def test_reload_reads_the_file_again(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.write_text(path.read_text().replace('"Mine"', '"Theirs"'))
        await pilot.press("ctrl+s")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.session.title == "Theirs" and not composer(app).dirty
        assert any("Reloaded" in m for m in messages(app))
        # The reloaded file is the reference now.
        app.session.title = "After reload"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
    assert load_session(path).title == "After reload"


async def test_reload_of_a_broken_file_keeps_the_session(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.write_text("schema_version = 1\nsetz = [\n")
        await pilot.press("ctrl+s", "r")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.session.title == "Changed here" and composer(app).dirty
        assert any("not valid TOML" in m for m in messages(app, "error"))


async def test_a_deleted_file_cannot_be_reloaded_but_can_be_written_again(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.unlink()
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, FileChanged)
        assert "deleted" in dialog.what
        assert dialog.query_one("#reload", Button).disabled
        hint = str(dialog.query_one(".hint", Static).render())
        assert hint == "Overwrite saves this session there; Cancel saves nothing."
        await pilot.press("r")  # nothing to reload: still asking
        assert app.screen is dialog
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen) and not composer(app).dirty
    assert load_session(path).title == "Changed here"


async def test_a_file_created_while_editing_a_new_name_asks(catalog, tmp_path):
    path = tmp_path / "later.toml"
    app = make_app(catalog=catalog, path=path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.write_text("# someone else's\nschema_version = 1\n")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FileChanged)
        assert "created" in app.screen.what


async def test_quit_saving_over_a_changed_file_can_be_cancelled(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.write_text(path.read_text() + "\n")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("s")
        assert isinstance(app.screen, FileChanged)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and composer(app).dirty


async def test_no_question_when_nothing_changed_on_disk(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        for title in ("One", "Two", "Three"):
            app.session.title = title
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ComposerScreen) and not composer(app).dirty
    assert load_session(path).title == "Three"


# -- comments ----------------------------------------------------------------------------

COMMENTED = """\
# A session I wrote by hand.
schema_version = 1
title = "Mine" # the name people see

# The only block.
[[blocks]]
title = "A"

[[blocks.steps]]
exercise = "activation/clamshell" # slow ones
note = "a # in a string is not a comment"
"""


async def test_comments_are_not_dropped_without_saying_so(catalog, tmp_path):
    path = saved_file(tmp_path, catalog, text=COMMENTED)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, CommentsWillBeLost) and dialog.count == 3
        text = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "holds 3 comment lines that saving would drop" in text
        await pilot.press("escape")
        await pilot.pause()
        assert path.read_text() == COMMENTED and composer(app).dirty
        # Asked again until the user agrees, then never again for this file.
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CommentsWillBeLost)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen) and not composer(app).dirty
        written = path.read_text()
        assert written.startswith("# A session I wrote by hand.\n")
        assert "# The only block." not in written
        with path.open("a") as stream:
            stream.write("# appended\n")
        app.session.title = "Again"
        await pilot.press("ctrl+s", "o")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
    assert load_session(path).title == "Again"


async def test_leading_comments_alone_do_not_ask(catalog, tmp_path):
    text = "# Kept on every save.\n# So is this.\n" + dumps_session(a_session(), catalog.names())
    path = saved_file(tmp_path, catalog, text=text)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen) and not composer(app).dirty
    assert path.read_text().startswith("# Kept on every save.\n# So is this.\n")


async def test_save_as_over_someone_elses_commented_file(catalog, tmp_path):
    other = saved_file(tmp_path, catalog, "other.toml", text=COMMENTED)
    app = make_app(catalog=catalog, session=a_session("Fresh"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        app.screen.query_one("#path", Input).value = str(other)
        await pilot.press("enter", "enter")
        dialog = app.screen
        assert isinstance(dialog, CommentsWillBeLost) and dialog.count == 4
        await pilot.press("s")
        await pilot.pause()
        assert app.path == other
    assert load_session(other).title == "Fresh"


# -- save errors ----------------------------------------------------------------------------


def failing_save(error: Exception):
    def save(*_args, **_kwargs):
        raise error

    return save


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
    ],
    ids=["disk-full", "permission", "read-only"],
)
async def test_a_failed_write_keeps_the_session(catalog, tmp_path, monkeypatch, error, reason):
    path = saved_file(tmp_path, catalog)
    before = path.read_text()
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        monkeypatch.setattr(composer_screen, "save_session", failing_save(error))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ComposerScreen)
        assert messages(app, "error") == [f"{path}: cannot write: {reason}"]
        assert composer(app).dirty and app.session.title == "Changed here"
        assert "(modified)" in app.sub_title
        # Quitting with a save that fails does not quit.
        await pilot.press("ctrl+q", "s")
        await pilot.pause()
        assert app.is_running and composer(app).dirty
        # Once the disk is writable again, the same session saves.
        monkeypatch.setattr(composer_screen, "save_session", save_session)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not composer(app).dirty
    assert path.read_text() != before and load_session(path).title == "Changed here"


async def test_a_failed_save_as_keeps_the_new_session_unnamed(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(
        composer_screen, "save_session", failing_save(OSError(errno.ENOSPC, "No space"))
    )
    app = make_app(catalog=catalog, session=a_session())
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        await pilot.press("ctrl+s")
        app.screen.query_one("#path", Input).value = str(tmp_path / "x.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert app.path is None and composer(app).dirty
        assert messages(app, "error") == [f"{tmp_path / 'x.toml'}: cannot write: No space"]


async def test_an_error_of_the_writer_is_shown_as_its_line(catalog, tmp_path, monkeypatch):
    path = saved_file(tmp_path, catalog)
    problem = Problem(str(path), "cannot write: Permission denied")
    monkeypatch.setattr(composer_screen, "save_session", failing_save(SessionError([problem])))
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert messages(app, "error") == [f"{path}: cannot write: Permission denied"]
        assert composer(app).dirty


async def test_a_hostile_file_name_is_shown_escaped(catalog, tmp_path, monkeypatch):
    path = saved_file(tmp_path, catalog, "evil\x1b]0;owned\x07.toml")
    monkeypatch.setattr(
        composer_screen, "save_session", failing_save(OSError(errno.EIO, "I/O\nerror"))
    )
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [message] = messages(app, "error")
        assert "\x1b" not in message and "\n" not in message and "\x07" not in message
        assert "evil\\x1b]0;owned\\x07.toml: cannot write: I/O\\nerror" in message


async def test_a_path_that_became_a_folder_is_refused(catalog, tmp_path):
    path = saved_file(tmp_path, catalog)
    app = open_app(catalog, path)
    async with app.run_test(size=SIZE) as pilot:
        await change_something(pilot)
        path.unlink()
        path.mkdir()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen) and composer(app).dirty
        assert messages(app, "error") == [
            f"{path}: cannot write: it is a folder, not a regular file"
        ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
async def test_a_read_only_folder(catalog, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = saved_file(folder, catalog)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        app = open_app(catalog, path)
        async with app.run_test(size=SIZE) as pilot:
            await change_something(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert composer(app).dirty
            [message] = messages(app, "error")
            assert message.startswith(f"{path}: cannot write: ")
    finally:
        folder.chmod(stat.S_IRWXU)
