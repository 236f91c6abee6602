"""`[keys]` in config.toml: binding ids to keys, so a presenter clicker or
another layout can drive the timer; mistakes are one line, never fatal."""

from __future__ import annotations

import re
import subprocess
import sys

from composer.catalog.manager import Catalog, load_catalog
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.store import paths
from composer.store.config import Config, load_config, save_config
from composer.ui.app import make_app
from composer.ui.keymap import binding_ids, check_keymap

from .conftest import ROOT


def write_config(text: str) -> Config:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_config()


def test_keys_table_in_both_spellings():
    config = write_config(
        '[keys]\n"run.next" = "pagedown"\nrun.back = ["pageup", "p"]\n'
        '[keys.composer]\nundo = "ctrl+u"\n'
    )
    assert config.problems == []
    assert config.keys == {
        "run.next": "pagedown",
        "run.back": "pageup,p",
        "composer.undo": "ctrl+u",
    }


def test_keys_that_are_not_text_are_reported_in_one_line():
    config = write_config("keys = 3\n")
    assert config.keys == {} and len(config.problems) == 1 and "keys:" in config.problems[0]
    config = write_config('[keys]\n"run.next" = 5\n"run.back" = []\n"run.pause" = "x"\n')
    assert config.keys == {"run.pause": "x"}
    assert len(config.problems) == 1
    assert "run.next, run.back: must be a key or a list of keys" in config.problems[0]


def test_saving_the_config_keeps_the_keys():
    config = write_config('theme = "nord"\n[keys]\n"run.next" = "pagedown"\n')
    config.theme = "gruvbox"
    save_config(config)
    again = load_config()
    assert again.theme == "gruvbox" and again.keys == {"run.next": "pagedown"}


def test_check_keymap_names_every_problem_in_one_line():
    keymap, line = check_keymap(
        {
            "run.next": "PageDown, n",
            "run.nxt": "x",
            "run.pause": "ctrl+",
            "run.back": "hyper+pageup,warp+x,f99",
        },
        "config.toml",
    )
    assert keymap == {"run.next": "pagedown,n", "run.back": "hyper+pageup"}
    assert line is not None and "\n" not in line
    assert line.startswith("config.toml: keys: ")
    assert "unknown binding id 'run.nxt' (did you mean 'run.next'?)" in line
    assert "run.pause: 'ctrl+' has no key after its modifier" in line
    assert "'warp' is not a modifier" in line and "'f99' is not a key name" in line
    assert check_keymap({"run.next": "pagedown"}, "c") == ({"run.next": "pagedown"}, None)


def test_the_readme_lists_real_binding_ids():
    ids = binding_ids()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Changing the keys") :]
    section = section[: section.index("\n## ")]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = set(re.findall(r"`([a-z_.]+)`", " ".join(rows)))
    assert documented - set(ids) == set()  # no id the app does not have
    timer = {binding_id for binding_id in ids if binding_id.startswith("run.")}
    assert timer <= documented  # every key of the timer can be found
    assert {"composer.undo", "composer.redo", "session.remove", "library.filter"} <= documented


async def test_a_clicker_drives_the_timer(clock):
    session = Session(
        title="Clicker",
        defaults=SessionDefaults(transition_s=10),
        blocks=[Block(steps=[Step(exercise="gone/a", name="A", dose=Dose(duration_s=30))])],
    )
    config = Config(sound=False, keys={"run.next": "pagedown", "run.back": "pageup"})
    app = make_app(session=session, run=True, catalog=Catalog(), config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.engine.index == 0
        await pilot.press("pagedown")
        assert screen.engine.index == 1
        await pilot.press("pageup")
        assert screen.engine.index == 0
        await pilot.press("n")  # the keys given replace the built-in ones
        assert screen.engine.index == 0
        assert not [n for n in app._notifications if n.title == "Settings"]


async def test_bad_keys_are_one_notice_and_the_rest_works():
    config = Config(sound=False, keys={"composer.undo": "ctrl+u", "nope.nothing": "x"})
    catalog = load_catalog()
    session = Session(blocks=[Block(steps=[Step(exercise="activation/clamshell")])])
    app = make_app(catalog=catalog, session=session, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        notices = [n.message for n in app._notifications if n.title == "Settings"]
        assert len(notices) == 1 and "unknown binding id 'nope.nothing'" in notices[0]
        screen = app.screen
        screen.editor.step_list.focus()
        screen.editor.step_list.highlighted = 1
        await pilot.pause()
        await pilot.press("x")
        assert session.steps() == []
        messages = [n.message for n in app._notifications]
        assert "Removed Clamshell — Ctrl+U to undo" in messages
        await pilot.press("ctrl+u")
        assert len(session.steps()) == 1


def test_binding_ids_are_found_in_a_fresh_process():
    """`glute run` checks the keys before any screen is imported: the ids
    are found from the package's files, not from what happens to be loaded
    (in this test run, other tests have imported every screen)."""
    script = (
        "from composer.ui.keymap import binding_ids\n"
        "ids = binding_ids()\n"
        "print(sorted(i for i in ('run.next', 'composer.undo', 'history.close') if i in ids))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "['composer.undo', 'history.close', 'run.next']"
