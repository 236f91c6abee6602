"""The TUI shows text from plugins, files and file names escaped, and the
plugins screen names every exercise a plugin had left out, with the reason."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from composer import Exercise, hookimpl
from composer.catalog.manager import Catalog
from composer.format.writer import save_session
from composer.model import Session
from composer.safetext import is_clean
from composer.store.config import Config
from composer.ui.app import make_app
from composer.ui.dialogs.files import OpenDialog
from composer.ui.dialogs.plugins import PluginsScreen
from composer.ui.screens.composer import ComposerScreen

SIZE = (120, 40)
SOFT = "\u202e\u200b"


def _catalog() -> Catalog:
    sneaky = Exercise(
        id="sneaky",
        name=f"Sneaky{SOFT} bridge",
        phase="activate",
        summary=f"Summary{SOFT}",
        cues=[f"Cue{SOFT}"],
        instructions=[f"Step{SOFT}"],
    )
    bad = Exercise(id="bad-dose", name="Bad dose", phase="activate")
    object.__setattr__(bad, "level", 99)
    worse = Exercise(id="escaped", name="Escaped", phase="activate")
    object.__setattr__(worse, "summary", "\x1b]52;c;eA==\x07")

    @hookimpl
    def composer_exercises():
        return [sneaky, bad, worse, 42]

    @hookimpl
    def broken():
        raise KeyboardInterrupt("\x1b]0;title\x07")

    catalog = Catalog()
    catalog.register_module("mixed", SimpleNamespace(composer_exercises=composer_exercises))
    catalog.register_module("broken", SimpleNamespace(composer_exercises=broken))
    return catalog


def _app(catalog, **kwargs):
    return make_app(catalog=catalog, config=Config(sound=False), **kwargs)


def _rendered(widget) -> str:
    return str(widget.render())


async def test_library_row_and_detail_show_bidi_and_zero_width_escaped():
    app = _app(_catalog())
    async with app.run_test(size=SIZE) as pilot:
        filter_box = app.screen.query_one("#filter", Input)
        filter_box.value = "sneaky"
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        options = app.screen.query_one("#exercises", OptionList)
        rows = [str(option.prompt) for option in options.options if option.id]
        assert rows and "Sneaky\\u202e\\u200b bridge" in rows[0]
        detail = _rendered(app.screen.query_one("#detail-text", Static))
        assert "Summary\\u202e\\u200b" in detail and "Cue\\u202e\\u200b" in detail
        assert is_clean(detail, multiline=True)


async def test_plugins_screen_names_every_exercise_left_out_and_why():
    app = _app(_catalog())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, PluginsScreen)
        table = app.screen.query_one(DataTable)
        row = [info.name for info in app.catalog.plugins].index("mixed")
        table.move_cursor(row=row)
        await pilot.pause()
        status = _rendered(app.screen.query_one("#plugin-status", Static))
        assert "exercise 'bad-dose' skipped: level must be 1 to 5" in status
        assert "exercise 'escaped' skipped: summary must not contain control characters" in status
        assert "item 4 is a int, not an Exercise: skipped" in status
        row = [info.name for info in app.catalog.plugins].index("broken")
        table.move_cursor(row=row)
        await pilot.pause()
        status = _rendered(app.screen.query_one("#plugin-status", Static))
        assert "composer_exercises() raised KeyboardInterrupt: \\x1b]0;title\\x07" in status
        assert is_clean(status, multiline=True)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="POSIX file names")
async def test_a_file_name_with_escapes_is_listed_escaped_and_opens(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    strange = tmp_path / "strange\x1b]0;owned\x07.toml"
    save_session(Session(title="Strange"), strange)
    app = _app(Catalog())
    typed: list[str] = []

    def record(message) -> None:
        if isinstance(message, Input.Changed):
            typed.append(message.value)

    async with app.run_test(size=SIZE, message_hook=record) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OpenDialog)
        files = app.screen.query_one("#files", OptionList)
        shown = [str(option.prompt) for option in files.options]
        assert "strange\\x1b]0;owned\\x07.toml" in shown
        files.focus()
        files.highlighted = shown.index("strange\\x1b]0;owned\\x07.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.path == strange and app.session.title == "Strange"
        assert "strange\\x1b]0;owned\\x07.toml" in app.sub_title
    # The name was never put in the path box, which draws its text raw.
    assert all(is_clean(value) for value in typed), typed
