"""The composer's side of sharing: it offers to install the plugins a file
needs, and exports a handout from the command palette."""

from __future__ import annotations

import textwrap

import pytest
from textual.command import CommandList
from textual.widgets import Input, Static

from composer.catalog.manager import load_catalog
from composer.format.reader import load_session
from composer.model import Session
from composer.share import install as plugin_install
from composer.ui.app import make_app
from composer.ui.dialogs.sharing import ExportHandout, InstallPlugins
from composer.ui.screens.composer import ComposerScreen

from .test_composer_ui import until
from .test_sharing import MODULE, install_fake_distribution

SIZE = (120, 40)

SHARED = textwrap.dedent(
    """\
    schema_version = 1
    title = "Hips on the road"
    requires = [
        "glute-composer-hips>=1.2.0",
    ]

    [[blocks]]
    title = "Hips"

    [[blocks.steps]]
    exercise = "hips/standing-hip-hike"
    name = "Standing hip hike"
    sets = 2
    reps = 10
    hold_s = 2
    relax_s = 1
    sides = "each"
    rest_s = 30
    switch_s = 5

    [[blocks.steps]]
    exercise = "hips/fire-hydrant"
    name = "Fire hydrant (tempo)"
    sets = 2
    reps = 12
    rep_s = 2
    sides = "each"
    rest_s = 20
    switch_s = 5
    """
)


@pytest.fixture
def shared(tmp_path):
    path = tmp_path / "hips.toml"
    path.write_text(SHARED)
    return path


@pytest.fixture
def empty_site(tmp_path, monkeypatch):
    """A folder on sys.path where the fake pip "installs" the pack."""
    import sys

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "hips")
    sys.modules.pop(MODULE, None)
    yield site
    sys.modules.pop(MODULE, None)


def record_notifications(app, monkeypatch) -> list[str]:
    messages: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        messages.append(str(message))
        return original(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return messages


def rows(app) -> list[str]:
    step_list = app.screen.editor.step_list
    return [str(step_list.get_option_at_index(i).prompt) for i in range(step_list.option_count)]


async def test_opening_a_file_with_missing_plugins_offers_to_install_them(
    shared, empty_site, monkeypatch
):
    calls: list[list[str]] = []

    def fake_pip(requirements):
        calls.append(requirements)
        install_fake_distribution(empty_site)
        return True, ""

    monkeypatch.setattr(plugin_install, "pip_install_captured", fake_pip)
    catalog = load_catalog()
    assert catalog.get("hips/standing-hip-hike") is None
    app = make_app(catalog=catalog, session=load_session(shared), path=shared)
    async with app.run_test(size=SIZE) as pilot:
        dialog = app.screen
        assert isinstance(dialog, InstallPlugins)
        listed = str(dialog.query_one("#install-list", Static).render())
        assert "glute-composer-hips>=1.2.0 (not installed)" in listed
        await pilot.click("#install")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ComposerScreen)
        assert calls == [["glute-composer-hips>=1.2.0"]]
        # The catalog and the file were loaded again: the steps are known now.
        assert app.catalog.get("hips/standing-hip-hike") is not None
        shown = rows(app)
        assert not any("plugin missing" in row for row in shown)
        assert any("Fire hydrant (tempo)" in row for row in shown), shown
        assert any("Standing hip hike" in row for row in shown)
        assert not screen.dirty
        screen.query_one("#filter", Input).value = "hip hike"
        await pilot.pause()
        assert "hips/standing-hip-hike" in [
            o.id for o in screen.query_one("#exercises").options if o.id
        ]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert shared.read_text() == SHARED  # saving changes nothing: the label stays


async def test_not_now_keeps_the_steps_and_says_how_to_install(shared, monkeypatch):
    monkeypatch.setattr(
        plugin_install,
        "pip_install_captured",
        lambda requirements: pytest.fail("pip must not run"),
    )
    app = make_app(catalog=load_catalog(), session=load_session(shared), path=shared)
    messages = record_notifications(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, InstallPlugins)
        await pilot.click("#later")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert sum("plugin missing" in row for row in rows(app)) == 2
        assert "Install them later with: glute plugins install 'glute-composer-hips>=1.2.0'" in (
            messages
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert shared.read_text() == SHARED


async def test_a_failed_install_is_reported(shared, empty_site, monkeypatch):
    monkeypatch.setattr(
        plugin_install,
        "pip_install_captured",
        lambda requirements: (False, "ERROR: No matching distribution found"),
    )
    app = make_app(catalog=load_catalog(), session=load_session(shared), path=shared)
    messages = record_notifications(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert any("No matching distribution found" in m for m in messages), messages
        assert sum("plugin missing" in row for row in rows(app)) == 2


async def test_export_handout_from_the_command_palette(shared, tmp_path):
    app = make_app(catalog=load_catalog(), session=load_session(shared), path=shared)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # not now: the pack is missing here
        await pilot.press("ctrl+p")
        await pilot.press(*"export handout")

        def export_highlighted() -> bool:
            commands = app.screen.query_one(CommandList)
            index = commands.highlighted
            return index is not None and "Export handout" in str(
                commands.get_option_at_index(index).prompt
            )

        await until(pilot, export_highlighted)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportHandout)
        path_box = dialog.query_one("#path", Input)
        assert path_box.value == str(shared.with_suffix(".html"))
        path_box.value = str(tmp_path / "handout.pdf")
        await pilot.pause()
        assert "End the name in .html or .md." in str(dialog.query_one("#status").render())
        await pilot.press("enter")
        assert isinstance(app.screen, ExportHandout)
        path_box.value = str(shared.with_suffix(".html"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
    page = shared.with_suffix(".html").read_text()
    assert "<h1>Hips on the road</h1>" in page
    assert "Fire hydrant (tempo)" in page
    assert "2 sets of 12 reps, 2 s a rep, each side, rest 20 s between sets" in page


async def test_export_handout_asks_twice_before_replacing_a_file(tmp_path):
    existing = tmp_path / "handout.md"
    existing.write_text("old")
    chosen = []
    app = make_app(catalog=load_catalog(), session=Session(title="Short"))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExportHandout(str(tmp_path / "missing" / "x.html")), chosen.append)
        await pilot.pause()
        dialog = app.screen
        status = dialog.query_one("#status")
        assert "does not exist" in str(status.render())
        assert not dialog.query("#files")  # no session files offered here
        path_box = dialog.query_one("#path", Input)
        (tmp_path / "folder.html").mkdir()
        path_box.value = str(tmp_path / "folder.html")
        await pilot.pause()
        assert "That is a folder" in str(status.render())
        path_box.value = str(existing)
        await pilot.pause()
        assert "exists: exporting replaces it" in str(status.render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and chosen == []
        assert "Press Enter again to replace handout.md" in str(status.render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog
    assert chosen == [existing]
