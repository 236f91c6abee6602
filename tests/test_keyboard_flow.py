"""The composer from the keyboard alone, as a first-time user meets it:
help that scrolls, a Tab ring of visible stops, no lost keys, forms that
say how to save, and self-paced reps."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, OptionList, Select, Static, TextArea

from composer.catalog.manager import load_catalog
from composer.edit.undo import Position
from composer.format.reader import load_session
from composer.format.writer import save_session
from composer.model import Block, Dose, Session, Step
from composer.ui.app import make_app
from composer.ui.dialogs.help import HelpScreen
from composer.ui.dialogs.step_form import SELF_PACED, StepForm
from composer.ui.screens.composer import ComposerScreen
from composer.ui.widgets.detail import Detail

SMALL = (80, 24)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def one_step(exercise: str, **dose) -> Session:
    return Session(title="One", blocks=[Block(title="A", steps=[Step(exercise=exercise, **dose)])])


async def focus_row(pilot, block: int, step: int | None = None) -> None:
    screen = pilot.app.screen
    screen.editor.step_list.focus()
    screen.editor.step_list.highlighted = screen.editor.rows.index(Position(block, step))
    await pilot.pause()


async def burst(pilot, *keys: str) -> None:
    """Send keys the way a terminal delivers a burst: all queued at once,
    before the app has handled the first (pilot.press waits after each)."""
    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


def visible_in(container, widget) -> bool:
    return container.region.contains_region(widget.region) and widget.region.height > 0


# -- help ------------------------------------------------------------------------


async def test_help_scrolls_to_its_last_section_at_80x24(catalog):
    app = make_app(catalog=catalog)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        scroll = help_screen.query_one("#help-keys")
        assert scroll.has_focus
        last_row = help_screen.query(".help-row").last()
        forms = next(w for w in help_screen.query(".help-heading") if "Forms" in str(w.render()))
        block_key = next(w for w in help_screen.query(".help-key") if str(w.render()) == "b")
        assert not visible_in(scroll, last_row) and not visible_in(scroll, block_key)
        await pilot.press("pagedown")
        await pilot.press("end")
        assert visible_in(scroll, last_row) and visible_in(scroll, forms)
        # The dialog itself fits the screen: the scrolled end is on screen.
        assert app.screen.region.contains_region(scroll.region)
        await pilot.press("home")
        await pilot.press(*["down"] * 12)
        assert scroll.scroll_y > 0
        await pilot.press("escape")
        assert isinstance(app.screen, ComposerScreen)


# -- the Tab ring ------------------------------------------------------------------


async def test_tab_visits_filter_library_session_and_details_each_visibly(catalog):
    app = make_app(catalog=catalog, session=one_step("activation/clamshell"))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        stops = []
        for _ in range(4):
            stops.append(screen.focused.id)
            await pilot.press("tab")
        assert stops == ["filter", "exercises", "steps", "detail"]
        assert screen.focused.id == "filter"  # round again
        await pilot.press("shift+tab")
        detail = screen.query_one(Detail)
        assert detail.has_focus
        # Visibly focused: its border takes the focus colour and says what works.
        assert "scroll" in str(detail.border_subtitle)
        assert detail.styles.border_top[1] != screen.query_one("#library").styles.border_top[1]
        # Typing there is not lost: it goes to the filter.
        await pilot.press(*"clam")
        assert screen.query_one("#filter", Input).value == "clam"
        assert screen.focused.id == "filter"
        assert detail.border_subtitle is None


# -- no lost keys ----------------------------------------------------------------


async def test_six_downs_right_after_the_filter_all_land(catalog):
    app = make_app(catalog=catalog)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*"bridge", *["down"] * 6)
        exercises = app.screen.query_one("#exercises", OptionList)
        first = 1  # under the "NAME" heading
        # The first ↓ goes to the list; the next five move down it.
        assert exercises.has_focus and exercises.highlighted == first + 5


async def test_a_burst_of_keys_after_the_filter_all_land(catalog):
    app = make_app(catalog=catalog)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*"bridge")
        await burst(pilot, *["down"] * 6)
        exercises = app.screen.query_one("#exercises", OptionList)
        assert exercises.highlighted == 1 + 5
        # Enter then ↓ ↓ in one burst: the same.
        filter_box = app.screen.query_one("#filter", Input)
        app.screen.set_focus(filter_box)
        filter_box.value = "bridg"
        await pilot.pause()
        assert exercises.highlighted == 1
        await burst(pilot, "enter", "down", "down")
        assert exercises.has_focus and exercises.highlighted == 1 + 2
        # "/" then letters: the letters reach the filter (a new search), none
        # of them is a key of the list ("a" would add an exercise).
        await burst(pilot, "slash", "c", "l", "a", "m")
        assert filter_box.value == "clam"
        assert app.session.steps() == []


# -- forms -------------------------------------------------------------------------


async def test_enter_saves_one_line_forms_and_the_note_says_how_to_save(catalog):
    app = make_app(catalog=catalog, session=one_step("activation/clamshell"))
    async with app.run_test(size=SMALL) as pilot:
        await focus_row(pilot, 0)
        await pilot.press("enter")
        hint = str(app.screen.query_one("#form-keys", Static).render())
        assert hint == "Enter or Ctrl+S saves · Esc cancels"
        app.screen.query_one("#f-title", Input).value = "Warm"
        await pilot.press("enter")
        assert isinstance(app.screen, ComposerScreen)
        assert app.session.blocks[0].title == "Warm"

        await focus_row(pilot, 0, 0)
        await pilot.press("enter")
        form = app.screen
        assert "in Note, Enter adds a line" in str(form.query_one("#form-keys", Static).render())
        note = form.query_one("#f-note", TextArea)
        assert "Ctrl+S: save" in str(note.placeholder)
        note.focus()
        await pilot.press(*"Slow", "enter", *"and low")
        assert isinstance(app.screen, StepForm) and note.text == "Slow\nand low"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ComposerScreen)
        assert app.session.blocks[0].steps[0].note == "Slow\nand low"

        await pilot.press("ctrl+g")
        assert "in Description, Enter adds a line" in str(
            app.screen.query_one("#form-keys", Static).render()
        )


# -- self-paced reps ----------------------------------------------------------------


async def test_self_paced_reps_over_an_exercise_that_holds_them(catalog, tmp_path):
    squeeze = catalog.get("activation/prone-glute-squeeze")
    assert squeeze.dose.hold_s  # held by default
    app = make_app(catalog=catalog, session=one_step(squeeze.full_id))
    async with app.run_test(size=SMALL) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("enter")
        form = app.screen
        # A hold of 0 is refused, and the message says what to do instead.
        form.query_one("#f-hold_s", Input).value = "0"
        await pilot.pause()
        assert form.problems["hold_s"] == "for reps with no timer, set Pace to self-paced"
        form.query_one("#f-hold_s", Input).value = ""
        form.query_one("#f-pace", Select).value = SELF_PACED
        await pilot.pause()
        assert form.problems == {}
        assert "self-paced" in str(form.query_one("#form-preview", Static).render())
        await pilot.press("ctrl+s")
        step = app.session.blocks[0].steps[0]
        assert step.dose.reps == squeeze.dose.reps
        assert step.dose.hold_s is None and step.dose.rep_s is None
        assert step.resolve(squeeze, app.session.defaults).self_paced
        # A hold typed while self-paced is a problem, named on the pace.
        await pilot.press("enter")
        form = app.screen
        assert form.query_one("#f-pace", Select).value == SELF_PACED
        form.query_one("#f-hold_s", Input).value = "3"
        await pilot.pause()
        assert "pace" in form.problems
        await pilot.press("escape")
    # Saved, the file has reps and no hold, and reads back self-paced.
    path = tmp_path / "paced.toml"
    save_session(app.session, path, catalog.names())
    text = path.read_text()
    assert "reps = " in text and "hold_s" not in text and "rep_s" not in text
    again = load_session(path).steps()[0]
    assert again.resolve(squeeze, app.session.defaults).self_paced


async def test_timed_pace_with_new_reps_keeps_the_exercise_hold(catalog):
    squeeze = catalog.get("activation/prone-glute-squeeze")
    session = one_step(squeeze.full_id, dose=Dose(reps=8))  # reps alone: self-paced
    app = make_app(catalog=catalog, session=session)
    async with app.run_test(size=SMALL) as pilot:
        await focus_row(pilot, 0, 0)
        await pilot.press("enter")
        form = app.screen
        assert form.query_one("#f-pace", Select).value == SELF_PACED
        form.query_one("#f-pace", Select).value = ""
        form.query_one("#f-reps", Input).value = "10"
        await pilot.pause()
        await pilot.press("ctrl+s")
        step = app.session.blocks[0].steps[0]
        assert step.dose.reps == 10 and step.dose.hold_s == squeeze.dose.hold_s
