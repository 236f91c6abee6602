"""The composer, driven like a user would: keys, clicks and dialogs."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.widgets import Input, OptionList, Static

from composer import hookimpl
from composer.catalog.manager import load_catalog
from composer.format.reader import load_session
from composer.format.writer import dumps_session, save_session
from composer.model import Block, Dose, Session, Step
from composer.store.config import Config, load_config
from composer.ui.app import make_app
from composer.ui.dialogs.confirm import UnsavedChanges
from composer.ui.dialogs.files import OpenDialog, SaveAsDialog, TemplatePicker
from composer.ui.dialogs.forms import BlockForm, MetadataForm
from composer.ui.dialogs.help import HelpScreen
from composer.ui.dialogs.plugins import PluginsScreen
from composer.ui.dialogs.sharing import InstallPlugins
from composer.ui.dialogs.step_form import StepForm
from composer.ui.screens.composer import ComposerScreen
from composer.ui.widgets.library import LibraryList

DATA = Path(__file__).parent / "data"
SIZE = (120, 40)


@pytest.fixture
def catalog():
    return load_catalog()


def app_with(catalog, session=None, path=None):
    return make_app(catalog=catalog, session=session, path=path)


def composer(app) -> ComposerScreen:
    screen = app.screen
    assert isinstance(screen, ComposerScreen), screen
    return screen


def library_ids(app) -> list[str]:
    option_list = app.screen.query_one("#exercises", OptionList)
    return [o.id for o in option_list.options if o.id]


def detail_text(app) -> str:
    return str(app.screen.query_one("#detail-text", Static).render())


def step_ids(app) -> list[list[str]]:
    return [[s.exercise for s in block.steps] for block in app.session.blocks]


async def add(pilot, query: str) -> None:
    """Filter the library by `query` and add the first match with Enter."""
    await pilot.click("#filter")
    filter_box = pilot.app.screen.query_one("#filter", Input)
    filter_box.value = ""
    await pilot.press(*query, "enter", "enter")
    await pilot.pause()


async def until(pilot, predicate, timeout: float = 10.0) -> None:
    """Let the app run until `predicate()` is true (work done in the
    background, such as the command palette's search), or fail."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for the app"
        await pilot.pause()
        await asyncio.sleep(0.01)


def two_blocks(catalog) -> Session:
    return Session(
        title="Two",
        blocks=[
            Block(
                title="A",
                steps=[
                    Step(exercise="activation/clamshell", name="Clamshell"),
                    Step(exercise="stability/glute-bridge", name="Glute bridge"),
                ],
            ),
            Block(title="B", steps=[Step(exercise="rolling/glute-ball-roll")]),
        ],
    )


async def focus_row(pilot, block: int, step: int | None = None) -> None:
    from composer.edit.undo import Position

    screen = composer(pilot.app)
    screen.editor.step_list.focus()
    screen.editor.step_list.highlighted = screen.editor.rows.index(Position(block, step))
    await pilot.pause()


# -- library -------------------------------------------------------------------


async def test_library_shows_catalog_by_phase_and_filters(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        ids = library_ids(app)
        assert len(ids) == len(catalog.exercises)
        phases = [catalog.get(i).phase.order for i in ids]
        assert phases == sorted(phases)
        await pilot.press(*"clam")
        assert library_ids(app) == ["activation/clamshell"]
        assert "1 of" in str(app.screen.query_one("#library").border_title)
        await pilot.press(*"xyzzy")
        assert library_ids(app) == []
        # Plugin and muscle names match too.
        app.screen.query_one("#filter", Input).value = "rolling"
        await pilot.pause()
        rolling = [i for i in catalog.exercises if i.startswith("rolling/")]
        assert set(rolling) <= set(library_ids(app))
        app.screen.query_one("#filter", Input).value = "medius"
        await pilot.pause()
        assert "activation/clamshell" in library_ids(app)


async def test_filter_then_enter_adds_the_best_match(catalog):
    app = app_with(catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"glute ball roll")
        option_list = app.screen.query_one("#exercises", OptionList)
        prompts = [str(o.prompt) for o in option_list.options]
        # Best first, under what matched: the name, then the summary.
        assert prompts[0].startswith("NAME · 1") and "Glute ball roll" in prompts[1]
        assert any(p.startswith("SUMMARY · 2") for p in prompts)
        await pilot.press("enter", "enter")
        assert step_ids(app) == [["rolling/glute-ball-roll"]]
        # Where a row has room, it names the exercise's phase too.
        assert prompts[1] == " Glute ball roll  L1"
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert str(option_list.get_option_at_index(1).prompt) == " Glute ball roll  L1 · Roll"


async def test_the_filter_says_what_it_searches(catalog):
    app = app_with(catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        filter_box = app.screen.query_one("#filter", Input)
        assert filter_box.placeholder == "name, muscle, gear, summary"
        assert len(filter_box.placeholder) <= filter_box.content_region.width
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert "summary" in filter_box.placeholder and "equipment" in filter_box.placeholder
        assert len(filter_box.placeholder) <= filter_box.content_region.width


async def test_detail_pane_shows_the_whole_exercise(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        bridge = catalog.get("stability/glute-bridge")
        await pilot.press(*"stability/glute-bridge", "enter")
        assert library_ids(app)[0] == bridge.full_id
        text = detail_text(app)
        assert bridge.name in text and bridge.summary[:30] in text
        assert "Default dose:" in text and "How to do it" in text
        assert f"Provided by the plugin {bridge.namespace}" in text
        chain = catalog.chain(bridge)
        assert len(chain) > 1 and "Progression" in text
        assert all(link.name in text for link in chain)
        with_evidence = next(e for e in catalog.exercises.values() if e.evidence)
        composer(app).show_exercise(with_evidence)
        assert "%MVIC" in detail_text(app) or with_evidence.evidence[0].source in detail_text(app)


# -- adding and editing --------------------------------------------------------


async def test_add_from_library_by_key(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "clam")
        assert step_ids(app) == [["activation/clamshell"]]
        assert app.session.blocks[0].title == "Activate"
        # Enter in the list adds the highlighted exercise after the current step.
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "glute bridge"
        await pilot.press("enter", "enter")
        assert step_ids(app)[0][0] == "activation/clamshell" and len(step_ids(app)[0]) == 2
        total = str(app.screen.query_one("#total", Static).render())
        assert total.startswith("Total: ") and "2 steps in 1 block" in total


async def test_typing_in_the_library_filters_and_adds_nothing(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "l", "enter")  # the filter, then the list
        assert isinstance(app.screen.focused, LibraryList)
        await pilot.press("a", "m")  # "a" once added the highlighted exercise
        await pilot.pause()
        assert step_ids(app) == []
        filt = app.screen.query_one("#filter", Input)
        assert app.screen.focused is filt and filt.value == "clam"


async def test_add_from_library_by_mouse(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"clam")
        # Row 0 is the phase heading, row 1 the exercise.
        await pilot.click("#exercises", offset=(3, 1))
        assert app.session.blocks == []
        assert "Clamshell" in detail_text(app)
        await pilot.click("#exercises", offset=(3, 1), times=2)
        await pilot.pause()
        assert step_ids(app) == [["activation/clamshell"]]


async def test_remove_duplicate_and_move(catalog):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("d")
        assert step_ids(app)[0] == [
            "activation/clamshell",
            "activation/clamshell",
            "stability/glute-bridge",
        ]
        await pilot.press("x")
        assert step_ids(app)[0] == ["activation/clamshell", "stability/glute-bridge"]
        await focus_row(pilot, 0, 0)
        await pilot.press("shift+down")
        assert step_ids(app)[0] == ["stability/glute-bridge", "activation/clamshell"]
        await pilot.press("shift+up")
        assert step_ids(app)[0] == ["activation/clamshell", "stability/glute-bridge"]
        # At the bottom of a block, moving down crosses into the next block.
        await focus_row(pilot, 0, 1)
        await pilot.press("shift+down")
        assert step_ids(app) == [
            ["activation/clamshell"],
            ["stability/glute-bridge", "rolling/glute-ball-roll"],
        ]


async def test_move_between_blocks(catalog):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("shift+right")
        assert step_ids(app) == [
            ["stability/glute-bridge"],
            ["activation/clamshell", "rolling/glute-ball-roll"],
        ]
        await pilot.press("less_than_sign")
        assert step_ids(app) == [
            ["stability/glute-bridge", "activation/clamshell"],
            ["rolling/glute-ball-roll"],
        ]


async def test_blocks_add_rename_rounds_and_remove(catalog):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await focus_row(pilot, 0)
        await pilot.press("b")
        assert [b.title for b in app.session.blocks] == ["A", "Block 3", "B"]
        await pilot.press("enter")
        assert isinstance(app.screen, BlockForm)
        title = app.screen.query_one("#f-title", Input)
        title.value = "Finisher"
        rounds = app.screen.query_one("#f-rounds", Input)
        rounds.value = "99"
        await pilot.pause()
        assert "rounds" in app.screen.problems
        rounds.value = "3"
        app.screen.query_one("#f-rest_s", Input).value = "1m"
        await pilot.pause()
        await pilot.press("ctrl+s")
        block = app.session.blocks[1]
        assert (block.title, block.rounds, block.rest_s) == ("Finisher", 3, 60.0)
        # A block goes at once, with its steps; the notice says how to undo it.
        await pilot.press("x")
        assert [b.title for b in app.session.blocks] == ["A", "B"]
        await focus_row(pilot, 0)
        await pilot.press("x")
        assert [b.title for b in app.session.blocks] == ["B"]
        messages = [n.message for n in app._notifications]
        assert "Removed block “A” (2 steps) — Ctrl+Z to undo" in messages
        await pilot.press("ctrl+z")
        assert [b.title for b in app.session.blocks] == ["A", "B"]
        assert step_ids(app)[0] == ["activation/clamshell", "stability/glute-bridge"]


async def test_undo_and_redo_every_kind_of_edit(catalog):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        screen = composer(app)
        start = dumps_session(app.session)
        assert not screen.dirty
        await focus_row(pilot, 0, 0)
        await pilot.press("d", "shift+down", "x", "plus", "b")
        # The dose form and the block form are edits too.
        await focus_row(pilot, 0, 0)
        await pilot.press("enter")
        app.screen.query_one("#f-sets", Input).value = "4"
        await pilot.press("ctrl+s")
        await focus_row(pilot, 0)
        await pilot.press("enter")
        app.screen.query_one("#f-title", Input).value = "Renamed"
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+g")
        app.screen.query_one("#f-title", Input).value = "Retitled"
        await pilot.press("ctrl+s")
        await add(pilot, "clam")
        edited = dumps_session(app.session)
        assert edited != start and screen.dirty
        undone = []
        while screen.edit_history.can_undo:
            await pilot.press("ctrl+z")
            undone.append(dumps_session(app.session))
        assert len(undone) == 9
        assert dumps_session(app.session) == start
        assert not screen.dirty
        assert "(modified)" not in app.sub_title
        await pilot.press("ctrl+z")
        assert "Nothing to undo." in [n.message for n in app._notifications]
        for _ in range(9):
            await pilot.press("ctrl+y")
        assert dumps_session(app.session) == edited
        # A new edit after an undo drops what could be redone.
        await pilot.press("ctrl+z")
        await focus_row(pilot, 0, 0)
        await pilot.press("d")
        assert not screen.edit_history.can_redo


async def test_undo_and_redo_from_the_palette(catalog):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("x")
        assert len(app.session.steps()) == 2
        await pilot.press("ctrl+p", *"undo")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.session.steps()) == 3
        await pilot.press("ctrl+p", *"redo")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.session.steps()) == 2


async def test_opening_a_file_starts_a_new_history(catalog, tmp_path):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("x")
        screen = composer(app)
        screen.load(Session(title="Other"), None)
        await pilot.press("ctrl+z")
        assert app.session.title == "Other" and app.session.blocks == []


async def test_dose_form_validates_as_you_type_and_saves(catalog):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, StepForm)
        await pilot.press("9", "9")
        assert "sets" in form.problems
        assert form.query_one("#f-sets", Input).has_class("-invalid")
        assert form.query_one("#form-save").disabled
        await pilot.press("backspace", "backspace", "4")
        assert form.problems == {}
        form.query_one("#f-duration_s", Input).value = "40"
        form.query_one("#f-reps", Input).value = "12"
        await pilot.pause()
        assert "duration_s" in form.problems
        form.query_one("#f-duration_s", Input).value = ""
        form.query_one("#f-hold_s", Input).value = "3"
        form.query_one("#f-rep_s", Input).value = ""
        form.query_one("#f-rest_s", Input).value = "1m30s"
        form.query_one("#f-note").text = "Slow"
        await pilot.pause()
        assert form.problems == {}
        assert "4 × 12 reps · hold 3 s" in str(form.query_one("#form-preview", Static).render())
        await pilot.press("ctrl+s")
        step = app.session.blocks[0].steps[0]
        assert step.dose == Dose(sets=4, reps=12, hold_s=3.0, rest_s=90.0)
        assert step.note == "Slow"
        row = str(app.screen.editor.step_list.get_option_at_index(1).prompt)
        assert "4 × 12 reps · hold 3 s" in row


async def test_swap_easier_and_harder(catalog):
    bridge = catalog.get("stability/glute-bridge")
    harder = catalog.harder(bridge)[0]
    session = Session(blocks=[Block(steps=[Step(exercise=bridge.full_id)])])
    app = app_with(catalog, session)
    async with app.run_test(size=SIZE) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("plus")
        assert step_ids(app) == [[harder.full_id]]
        assert app.session.blocks[0].steps[0].name == harder.name
        await pilot.press("minus")
        assert step_ids(app) == [[bridge.full_id]]


async def test_missing_plugin_step_is_shown_and_kept(catalog, tmp_path):
    source = DATA / "valid" / "missing-plugin.toml"
    path = tmp_path / "missing.toml"
    path.write_text(source.read_text())
    app = app_with(catalog, load_session(path), path)
    async with app.run_test(size=SIZE) as pilot:
        # The file requires a plugin that is not installed: the composer offers it.
        assert isinstance(app.screen, InstallPlugins)
        assert "glute-composer-yoga>=1.2 (not installed)" in str(
            app.screen.query_one("#install-list", Static).render()
        )
        await pilot.press("n")  # not now
        await pilot.pause()
        row = str(app.screen.editor.step_list.get_option_at_index(1).prompt)
        assert "⚠ Pigeon pose" in row and "plugin missing" in row
        await focus_row(pilot, 0, 0)
        assert "No installed plugin provides yoga/pigeon" in detail_text(app)
        await pilot.press("plus")  # no progression known: nothing changes
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_session(path) == load_session(source)


async def test_metadata_form(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        form = app.screen
        assert isinstance(form, MetadataForm)
        form.query_one("#f-title", Input).value = "Morning"
        form.query_one("#f-description").text = "Two lines\nof text"
        form.query_one("#f-author", Input).value = "Sam"
        form.query_one("#f-tags", Input).value = "desk, " + "x" * 41
        await pilot.pause()
        assert "tags" in form.problems
        form.query_one("#f-tags", Input).value = "desk, beginner"
        form.query_one("#f-rest_s", Input).value = "20"
        await pilot.pause()
        await pilot.press("ctrl+s")
        session = app.session
        assert (session.title, session.author, session.tags) == (
            "Morning",
            "Sam",
            ["desk", "beginner"],
        )
        assert session.description == "Two lines\nof text"
        assert session.defaults.rest_s == 20
        assert "Morning" in str(composer(app).editor.border_title)


# -- files -----------------------------------------------------------------------


async def test_compose_from_empty_save_reopen_identical(catalog, tmp_path):
    path = tmp_path / "mine.toml"
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "clam")
        await add(pilot, "stability/glute-bridge")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one("#path", Input).value = str(path.with_suffix(""))
        await pilot.press("enter")
        await pilot.pause()
        assert app.path == path and not composer(app).dirty
    text = path.read_text()
    session = load_session(path)
    assert dumps_session(session, catalog) == text
    assert [s.exercise for s in session.steps()][:2] == [
        "activation/clamshell",
        "stability/glute-bridge",
    ]
    # Reopen in a new app and save again: the file does not change.
    app = app_with(catalog, session, path)
    async with app.run_test(size=SIZE) as pilot:
        assert not composer(app).dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_text() == text


async def test_new_from_template(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, TemplatePicker)
        names = app.screen.names
        index = names.index("bridge-ladder")
        app.screen.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.session.title == "Bridge ladder" and app.session.steps()
        assert app.path is None


async def test_template_description_fits_and_says_when_it_is_cut(catalog):
    app = app_with(catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        picker = app.screen
        for name in picker.names:
            picker.query_one("#templates", OptionList).highlighted = picker.names.index(name)
            await pilot.pause()
            about = picker.query_one("#about", Static)
            text = str(about.render())
            description = " ".join(picker.load(name).description.split())
            shown, steps = text.split("\n")
            if shown.endswith("…"):
                assert description.startswith(shown[:-1]) and len(shown) < len(description)
            else:
                assert shown == description
            assert " · from the plugin " in steps
            assert picker.query_one(".dialog").region.contains_region(about.region), name


async def test_unsaved_guard_on_quit(catalog, tmp_path):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "clam")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("escape")
        assert isinstance(app.screen, ComposerScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.press("s")  # save: asks for a name first
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one("#path", Input).value = str(tmp_path / "quit.toml")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert load_session(tmp_path / "quit.toml").steps()[0].exercise == "activation/clamshell"


async def test_quit_discarding_changes(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "clam")
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
    assert not app.is_running


async def test_quit_without_changes_does_not_ask(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_unsaved_guard_on_open_and_errors_shown(catalog, tmp_path):
    good = tmp_path / "good.toml"
    save_session(two_blocks(catalog), good, catalog.names())
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nsetz = 3\n[[blocks]]\nrounds = "x"\n')
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "clam")
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("d")
        assert isinstance(app.screen, OpenDialog)
        box = app.screen.query_one("#path", Input)
        box.value = str(tmp_path / "nope.toml")
        await pilot.pause()
        assert "No such file" in str(app.screen.query_one("#status", Static).render())
        box.value = str(bad)
        await pilot.press("enter")
        status = str(app.screen.query_one("#status", Static).render())
        assert "cannot be opened" in status and "setz" in status and "rounds" in status
        assert isinstance(app.screen, OpenDialog)
        box.value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.path == good and app.session.title == "Two"


# -- other screens ----------------------------------------------------------------


async def test_plugins_screen_shows_a_broken_plugin(catalog):
    @hookimpl
    def composer_exercises():
        raise RuntimeError("broken on purpose")

    catalog.register_module("broken", SimpleNamespace(composer_exercises=composer_exercises))
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        screen = app.screen
        assert isinstance(screen, PluginsScreen)
        from textual.widgets import DataTable

        table = screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        broken = next(row for row in rows if row[0] == "broken")
        assert "broken on purpose" in broken[3]
        assert any(row[0] == "activation" and row[3] == "ok" for row in rows)
        await pilot.press("escape")
        assert isinstance(app.screen, ComposerScreen)


async def test_help_screen(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ComposerScreen)


async def test_command_palette_runs_a_composer_command(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"session details")
        from textual.command import CommandList

        def session_details_highlighted() -> bool:
            commands = app.screen.query_one(CommandList)
            index = commands.highlighted
            if index is None:
                return False
            return "Session details" in str(commands.get_option_at_index(index).prompt)

        await until(pilot, session_details_highlighted)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MetadataForm))


async def test_theme_is_remembered(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_config().theme == "nord"
    app = make_app(catalog=catalog)
    async with app.run_test(size=SIZE):
        assert app.theme == "nord"


async def test_run_key_opens_the_timer(catalog):
    app = app_with(catalog, two_blocks(catalog))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen"


async def test_run_key_on_empty_session_says_why(catalog):
    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+r")
        await until(pilot, lambda: len(app._notifications) > 0)
        assert isinstance(app.screen, ComposerScreen)
        [note] = list(app._notifications)
        assert note.message == "Add an exercise first: there is nothing to run."
        assert note.severity == "warning"


# -- untrusted text ------------------------------------------------------------------


HOSTILE = "[@click=app.quit]Click me[/] [/ [b]bold?"


async def test_markup_in_files_is_shown_literally(catalog, tmp_path):
    session = Session(
        title=HOSTILE,
        blocks=[
            Block(
                title=HOSTILE,
                steps=[
                    Step(exercise="yoga/pigeon", name=HOSTILE, dose=Dose(reps=5), note=HOSTILE),
                    Step(exercise="activation/clamshell", note="[/"),
                ],
            )
        ],
    )
    path = tmp_path / "[@click=app.quit].toml"
    app = app_with(catalog, session, path)
    async with app.run_test(size=SIZE) as pilot:
        rows = [str(o.prompt) for o in composer(app).editor.step_list.options]
        assert rows[0].startswith(HOSTILE)
        assert HOSTILE in rows[1]
        await focus_row(pilot, 0, 0)
        await until(pilot, lambda: HOSTILE in detail_text(app))
        # Clicking the text that looks like a link does nothing.
        await pilot.click("#steps", offset=(2, 0))
        await pilot.click("#steps", offset=(6, 1))
        await pilot.pause()
        assert app.is_running
        await focus_row(pilot, 0, 1)
        await until(pilot, lambda: "[/" in detail_text(app))
        await focus_row(pilot, 0, 0)
        await pilot.press("enter")
        assert isinstance(app.screen, StepForm)
        await pilot.press("escape")
        await pilot.press("ctrl+g")
        assert app.screen.query_one("#f-title", Input).value == HOSTILE
        await pilot.press("escape")
        assert app.is_running


async def test_filter_keeps_rows_and_skips_keys_that_change_nothing(catalog):
    from composer.ui.widgets.library import Library

    app = app_with(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"clam")
        await pilot.pause()
        exercises = app.screen.query_one("#exercises", OptionList)
        row = exercises.get_option("activation/clamshell")
        shown = list(exercises.options)
        await pilot.press("space")  # "clam " matches the same exercises
        await pilot.pause()
        assert list(exercises.options) == shown
        assert all(a is b for a, b in zip(exercises.options, shown, strict=True))
        await pilot.press("backspace", "backspace", *"m")
        await pilot.pause()
        # The list was rebuilt on the way, but the row is the one built first.
        assert exercises.get_option("activation/clamshell") is row
        library = app.screen.query_one(Library)
        assert library.border_title is not None and "Library · " in str(library.border_title)


async def test_what_is_loaded_at_the_start_is_kept_out_of_the_collector(monkeypatch):
    """In a terminal, once the first screen is drawn, the objects loaded by
    then are frozen (`gc.freeze`): later collections skip the catalog. Test
    apps are headless and leave the collector alone."""
    import gc

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.is_headless and gc.get_freeze_count() == 0
        import weakref

        class Node:
            itself: object = None

        garbage = Node()
        garbage.itself = garbage  # a cycle nobody refers to
        gone = weakref.ref(garbage)
        del garbage
        try:
            gc.disable()  # as the installed program starts (`entry`)
            app.settle_memory()
            assert gc.isenabled()  # on from the first frame
            assert gc.get_freeze_count() > 0
            assert gone() is None  # collected first, not frozen for good
            # Frozen while in use (as the catalog is), then let go (as a
            # catalog replaced by a reload is): the next call collects it.
            kept = Node()
            kept.itself = kept
            let_go = weakref.ref(kept)
            app.settle_memory()
            del kept
            assert let_go() is not None  # frozen: no collection walks it
            app.settle_memory()
            assert let_go() is None
        finally:
            gc.enable()
            gc.unfreeze()
        gc.disable()
        try:
            app.settle_memory_soon()  # headless: on at once, nothing frozen
            assert gc.isenabled() and gc.get_freeze_count() == 0
        finally:
            gc.enable()


async def test_the_footer_is_composed_again_only_when_its_keys_change():
    from textual.widgets._footer import FooterKey

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        keys = list(screen.query(FooterKey))
        assert "Keys" in [key.description for key in keys]
        screen.refresh_bindings()  # the same keys: nothing is made again
        await pilot.pause()
        await pilot.pause()
        assert list(screen.query(FooterKey)) == keys
        shown = {key.description for key in keys}
        screen.query_one(LibraryList).focus()  # the list's own keys join in
        await pilot.pause()
        await pilot.pause()
        now = {key.description for key in screen.query(FooterKey)}
        assert now != shown and "Keys" in now
        # Out of focus (another window), Textual's footer leaves itself as it
        # is: when the focus comes back, the footer shows the keys of then.
        app.app_focus = False
        screen.query_one("#filter").focus()
        await pilot.pause()
        await pilot.pause()
        assert {key.description for key in screen.query(FooterKey)} == now  # left alone
        app.app_focus = True
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert {key.description for key in screen.query(FooterKey)} == shown


@pytest.mark.parametrize("run", [False, True])
async def test_the_first_frame_already_shows_the_footer_s_keys(run, monkeypatch):
    """Textual's footer composes its keys after the screen's first frame,
    so a second frame follows; this one has them in the first frame, on
    the composer (focus in the filter) and on the timer (no focus)."""
    from textual.app import App
    from textual.widgets._footer import FooterKey

    from composer.ui.screens.run import RunScreen

    first_screen = RunScreen if run else ComposerScreen
    frames: list[list[str]] = []
    display = App._display

    def watched(app, screen, renderable):
        if renderable is not None and isinstance(screen, first_screen):
            frames.append([key.description for key in screen.query(FooterKey)])
        return display(app, screen, renderable)

    monkeypatch.setattr(App, "_display", watched)
    session = load_session(Path(__file__).parent.parent / "templates" / "wake-up.toml")
    app = make_app(session=session if run else None, run=run, config=Config(sound=False))
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = [key.description for key in app.screen.query(FooterKey)]
    assert frames and ("Pause" if run else "Keys") in frames[0]
    assert frames[0] == keys  # the same keys as once all is settled


async def test_the_footer_has_its_keys_before_any_news_of_bindings(monkeypatch):
    """Textual's footer starts empty until the screen tells it of its
    bindings (after the first frame where no focus change comes, as on the
    timer); this one composes them as it is mounted."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets._footer import FooterKey

    from composer.ui.widgets.key_footer import KeyFooter

    monkeypatch.setattr(KeyFooter, "bindings_changed", lambda self, screen: None)

    class Keys(App[None]):
        BINDINGS = [Binding("p", "pause", "Pause"), Binding("n", "next", "Next")]

        def compose(self) -> ComposeResult:
            yield KeyFooter()

    async with Keys().run_test() as pilot:
        await pilot.pause()
        shown = [key.description for key in pilot.app.screen.query(FooterKey)]
    assert shown[:2] == ["Pause", "Next"]


@pytest.mark.parametrize("run", [False, True])
async def test_the_first_screen_s_style_sheet_is_parsed_once(run, monkeypatch):
    """Textual parses every style sheet again when a screen with a sheet
    not read yet is shown: the app reads its first screen's sheet with its
    own, so the first screen is shown without that second parse."""
    from textual.css.stylesheet import Stylesheet

    from composer.ui.screens.run import RunScreen

    reparsed = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparsed.append(1) or reparse(self))
    session = load_session(Path(__file__).parent.parent / "templates" / "wake-up.toml")
    app = make_app(session=session if run else None, run=run, config=Config(sound=False))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RunScreen if run else ComposerScreen)
        assert reparsed == []
        for path in app.screen.css_path:  # the screen's own sheet, read once
            assert app.stylesheet.has_source(str(path))


async def test_the_list_follows_the_filter_in_the_same_frame(catalog, monkeypatch):
    """A key typed in the filter is drawn with the list it leaves: the list
    follows the text as the key is handled, before anything is drawn (in a
    terminal, the text was drawn first and the list a frame later)."""
    from textual.app import App

    from composer.ui.widgets.library import Library

    app = app_with(catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        library = app.screen.query_one(Library)
        box = app.screen.query_one("#filter", Input)
        box.cursor_blink = False
        frames: list[tuple[str, str]] = []
        display = App._display

        def watched(app, screen, renderable):
            if renderable is not None:
                frames.append((box.value, str(library.border_title)))
            return display(app, screen, renderable)

        monkeypatch.setattr(App, "_display", watched)
        for typed in ["b", "br", "bri"]:
            frames.clear()
            box.insert_text_at_cursor(typed[-1])  # what a key typed does
            assert str(library.border_title).startswith(f"Library · {len(library.matches)} of")
            assert library.matches == [e for e, _tier in catalog.matches(typed)]
            await pilot.pause()
            assert frames == [(typed, str(library.border_title))]  # one frame


async def test_rows_drawn_before_answer_clicks_at_their_new_place(catalog):
    """The list keeps each row's drawing from one filter to the next; a row
    shown at another place takes that place's index, which clicks read."""
    app = app_with(catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        listing = screen.query_one(LibraryList)
        box = screen.query_one("#filter", Input)
        for query in ["b", "br", "bridge", "", "clam", "b", "glute"]:
            box.value = query
            await pilot.pause()
            region = listing.scrollable_content_region
            lines = screen._compositor.render_strips()
            for y in range(region.y, region.bottom):
                text = "".join(s.text for s in lines[y].crop(region.x, region.right)).strip()
                index = screen.get_style_at(region.x + 1, y).meta.get("option")
                if index is None:
                    assert not text, f"{query!r}, line {y}: {text!r} answers no click"
                    continue
                prompt = str(listing.get_option_at_index(index).prompt)
                assert text and text in prompt, f"{query!r}, line {y}"  # rows may wrap
        # A click on the second row after the last filter highlights it.
        second = listing.get_option_at_index(1)
        await pilot.click("#exercises", offset=(3, 1))
        await pilot.pause()
        assert listing.highlighted_option is second


async def test_kept_row_drawings_follow_the_list_s_width(catalog):
    """After the terminal is resized, every row is drawn at the list's new
    width: its last cell still answers a click."""
    app = app_with(catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(LibraryList)
        for width in [103, 106, 109, 106, 103, 100, 97]:
            await pilot.resize_terminal(width, 30)
            for _ in range(3):
                await pilot.pause()
            region = listing.scrollable_content_region
            dead = [
                y - region.y
                for y in range(region.y, region.bottom)
                if app.screen.get_style_at(region.right - 1, y).meta.get("option") is None
            ]
            assert dead == [], f"terminal {width} wide, list {region.width}: rows cut short"


async def test_typing_in_the_filter_draws_what_a_full_layout_would(catalog, monkeypatch):
    """The filter box and the list take their sizes from CSS: a key typed
    changes their virtual sizes without a layout of the whole screen (a
    scrollbar that comes or goes still has one). After every key, the
    screen is cell for cell what a full layout draws."""
    from textual.screen import Screen

    layouts: list[int] = []
    app = app_with(catalog)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        box = screen.query_one("#filter", Input)
        box.cursor_blink = False
        await pilot.pause()

        def cells() -> list[list[tuple[str, object]]]:
            return [
                [(char, segment.style) for segment in strip for char in segment.text]
                for strip in screen._compositor.render_strips()
            ]

        refresh_layout = Screen._refresh_layout

        def counted(self, *args, **kwargs):
            layouts.append(1)
            return refresh_layout(self, *args, **kwargs)

        keys = [*"bridge", "space", *"zq", *["backspace"] * 3, *"hip flexor stretch " * 4]
        keys += ["backspace"] * 10 + ["home", "end"]
        for key in keys:
            monkeypatch.setattr(Screen, "_refresh_layout", counted)
            await pilot.press(key)
            await pilot.pause()
            monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
            shown = cells()
            screen._refresh_layout()  # everything placed and drawn again
            await pilot.pause()
            assert cells() == shown, f"after {key!r}"
        assert len(box.value) > box.size.width  # the box scrolled
        assert len(layouts) <= 6, f"{len(layouts)} layouts for {len(keys)} keys"
