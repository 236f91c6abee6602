"""What a save knows about the file it replaces: fingerprints, comments that
a save would drop, and what a typed path would do (no UI here)."""

from __future__ import annotations

import os
import stat
import time
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from composer.format.reader import parse_session
from composer.format.writer import dumps_session
from composer.store.filestate import (
    MISSING,
    check_open_path,
    check_save_path,
    comment_lines,
    describe_change,
    lost_comment_lines,
    read_state,
    written_state,
)

# -- fingerprints --------------------------------------------------------------------


def test_fingerprint_of_a_file_and_its_changes(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"title = 'x'\n")
    state, data = read_state(path)
    assert data == b"title = 'x'\n"
    assert (state.kind, state.size) == ("file", 12)
    assert state.mtime_ns == path.stat().st_mtime_ns and len(state.sha256) == 64
    assert read_state(path)[0] == state
    assert describe_change(state, read_state(path)[0]) is None

    # Same size, same time stamp, other bytes: the hash tells.
    mtime = path.stat().st_mtime_ns
    path.write_bytes(b"title = 'y'\n")
    os.utime(path, ns=(mtime, mtime))
    changed = read_state(path)[0]
    assert (changed.size, changed.mtime_ns) == (state.size, state.mtime_ns)
    assert "changed by another program" in describe_change(state, changed)

    # Same bytes, a new time stamp.
    path.write_bytes(b"title = 'x'\n")
    os.utime(path, ns=(mtime + 10**9, mtime + 10**9))
    assert "touched" in describe_change(state, read_state(path)[0])

    path.unlink()
    assert read_state(path) == (MISSING, None)
    assert "deleted" in describe_change(state, MISSING)
    path.mkdir()
    folder = read_state(path)[0]
    assert folder.kind == "other" and "replaced by a folder" in describe_change(state, folder)


def test_a_file_created_after_the_start_is_a_change(tmp_path):
    path = tmp_path / "new.toml"
    before = read_state(path)[0]
    assert before == MISSING
    path.write_text("x = 1\n")
    assert "created" in describe_change(before, read_state(path)[0])


def test_a_fifo_is_fingerprinted_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    start = time.monotonic()
    state, data = read_state(fifo)
    assert time.monotonic() - start < 5
    assert (state.kind, state.detail, data) == ("other", "a FIFO", None)
    assert read_state(tmp_path / "a\x00b")[0].kind == "unreadable"


def test_written_state_matches_a_later_read(tmp_path):
    path = tmp_path / "w.toml"
    data = b"schema_version = 1\n"
    path.write_bytes(data)
    assert written_state(path, data) == read_state(path)[0]
    # Another program writing right after the save is still caught.
    assert written_state(path, b"other bytes") != read_state(path)[0]


def test_large_files_are_hashed_but_not_kept(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (1024 * 1024 + 1))
    state, data = read_state(path)
    assert state.kind == "file" and state.size == 1024 * 1024 + 1 and data is None


# -- comments ---------------------------------------------------------------------------

TRICKY = '''\
# leading one
# leading two

title = "Not # a comment" # one
author = 'Literal # not a comment' # two
description = """
# not a comment: inside a multi-line string
escaped quote \\""" # still inside
"""  # three
note = \'\'\'
# not a comment: a literal block, \\ no escapes \'\'\'
tags = ["a#b", 'c#d'] # four
x = "ends with a backslash \\\\" # five
y = """two quotes before the end"""""  # six
z = ""  # seven
w = ''  # eight
"quoted # key" = 1 # nine
    # ten, indented
'''


def test_tricky_comments_are_found_and_strings_are_not():
    found = comment_lines(TRICKY)
    assert [text for _line, text in found] == [
        "# leading one",
        "# leading two",
        "# one",
        "# two",
        "# three",
        "# four",
        "# five",
        "# six",
        "# seven",
        "# eight",
        "# nine",
        "# ten, indented",
    ]
    assert [line for line, _text in found][:5] == [1, 2, 4, 5, 9]
    doc = tomllib.loads(TRICKY)
    assert "# not a comment" in doc["description"] and "# not a comment" in doc["note"]
    assert doc["y"] == 'two quotes before the end""' and doc["quoted # key"] == 1


def test_an_unclosed_string_ends_at_its_line():
    text = "a = \"no end # not a comment\n# comment\nb = 'also # open\n# another\n"
    assert [t for _l, t in comment_lines(text)] == ["# comment", "# another"]


def test_crlf_and_a_comment_at_the_very_end():
    assert comment_lines("a = 1 # x\r\nb = 2\r\n#end") == [(1, "# x"), (3, "#end")]


def test_lost_comments_count_what_a_save_drops():
    session = parse_session(
        "# Made by hand\n# keep me\nschema_version = 1\n"
        'title = "T" # the title\n\n# a note on the block\n[[blocks]]\n'
        'title = "B"\n[[blocks.steps]]\nexercise = "gone/x" # why\nreps = 5\n'
    )
    old = (
        "# Made by hand\n# keep me\nschema_version = 1\n"
        'title = "T" # the title\n\n# a note on the block\n[[blocks]]\n'
        'title = "B"\n[[blocks.steps]]\nexercise = "gone/x" # why\nreps = 5\n'
    )
    new = dumps_session(session)
    assert new.startswith("# Made by hand\n# keep me\n")
    assert lost_comment_lines(old, new) == 3
    # Saving again over what was saved drops nothing.
    assert lost_comment_lines(new, new) == 0
    # A file whose only comments lead is safe to save over.
    assert lost_comment_lines("# a\n# b\nx = 1\n", "# a\n# b\n\nx = 2\n") == 0
    # Saving over someone else's file drops all of its comments.
    assert lost_comment_lines("# theirs\nx = 1 # and this\n", "x = 1\n") == 2
    # Repeated comment lines are counted each time.
    assert lost_comment_lines("# -\n# -\nx = 1\n# -\n", "# -\nx = 1\n") == 2


toml_text = st.text(alphabet=st.sampled_from("ab#\"'\\\n\t $"), max_size=12)
toml_values = st.recursive(
    st.one_of(toml_text, st.integers(-5, 5), st.booleans()),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(
    doc=st.dictionaries(toml_text.filter(bool), toml_values, max_size=5),
    multiline=st.booleans(),
    notes=st.lists(st.text(alphabet=st.sampled_from("ab #'\""), max_size=8), max_size=8),
)
def test_comments_added_to_any_document_are_exactly_what_is_found(doc, multiline, notes):
    """Write a document with tomli_w (strings full of #, quotes, backslashes
    and newlines), add a comment at the end of some lines: the scan finds
    exactly those, and the text still parses to the same document."""
    text = tomli_w.dumps(doc, multiline_strings=multiline)
    lines = text.split("\n")
    expected = []
    for index, note in enumerate(notes):
        if index < len(lines) and _ends_outside_a_string(lines, index):
            lines[index] += f"  #{note}"
            expected.append((index + 1, f"#{note}"))
    commented = "\n".join(lines)
    assert tomllib.loads(commented) == doc
    assert comment_lines(commented) == expected


def _ends_outside_a_string(lines: list[str], index: int) -> bool:
    """True when the end of line `index` of tomli_w's output is outside any
    string (so a comment may go there): the text up to it parses."""
    try:
        tomllib.loads("\n".join([*lines[: index + 1], ""]))
    except tomllib.TOMLDecodeError:
        return False
    return True


@pytest.mark.parametrize(
    "text",
    [
        '"' * 300_000,
        "'''" * 100_000 + "\n",
        '"""' + "\\" * 300_000,
        "#" * 300_000 + "\n" * 300_000,
        'a = "' + '\\"' * 200_000,
        "x = 1 # c\n" * 60_000,
    ],
    ids=["quotes", "literal-blocks", "backslashes", "hashes", "escaped-quotes", "many-lines"],
)
def test_comment_scan_is_linear(text):
    """Hostile text of about 600 kB is scanned in well under a second."""
    start = time.perf_counter()
    comment_lines(text)
    lost_comment_lines(text, text)
    assert time.perf_counter() - start < 2.0


# -- typed paths ---------------------------------------------------------------------------


@pytest.fixture
def place(tmp_path, monkeypatch):
    """A working folder with a session file, a file without .toml, a folder
    and a FIFO."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    (tmp_path / "mine.toml").write_text("schema_version = 1\n")
    (tmp_path / "notes").write_text("schema_version = 1\n")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "ok", "message", "target"),
    [
        ("", False, "Type a file name", None),
        ("   ", False, "Type a file name", None),
        ("/", False, "/ is a folder", None),
        (".", False, ". is a folder", None),
        ("..", False, ".. is a folder", None),
        ("~", False, "is a folder", None),
        ("~/", False, "is a folder", None),
        ("folder", False, "folder is a folder", None),
        ("folder/", False, "is a folder", None),
        ("nowhere/", False, "Add a file name after the last /", None),
        ("nowhere/.", False, "Add a file name after the last /", None),
        ("pipe", False, "is a FIFO, not a file", None),
        ("mine.toml", True, "mine.toml exists: saving replaces it", "mine.toml"),
        ("mine", True, "mine.toml exists: saving replaces it", "mine.toml"),
        ("notes", True, "notes exists: saving replaces it", "notes"),
        ("notes.txt", True, "notes.txt exists", "notes.txt"),
        ("new", True, "Saves to new.toml.", "new.toml"),
        ("new.TOML", True, "Saves to new.TOML.", "new.TOML"),
        ("a.b", True, "Saves to a.b.toml.", "a.b.toml"),
        ("...", True, "Saves to ....toml.", "....toml"),
        ("  spaced.toml  ", True, "Saves to spaced.toml.", "spaced.toml"),
        ("deep/er/x", True, "(its folder will be created)", "deep/er/x.toml"),
        ("folder/x", True, "Saves to folder/x.toml.", "folder/x.toml"),
        ("~/x", True, "x.toml", "home/x.toml"),
        ("mine.toml/x", False, "mine.toml is a file, not a folder", None),
        ("notes/deeper/x", False, "notes is a file, not a folder", None),
        ("~no-such-user-here/x", False, "no home folder for ~no-such-user-here", None),
        ("a\x00b", False, "NUL", None),
        ("x" * 300, False, "too long", None),
        ("\x1b[31mred", True, "\\x1b[31mred.toml", "\x1b[31mred.toml"),
    ],
)
def test_save_path_statuses(place, text, ok, message, target):
    result = check_save_path(text)
    assert result.ok is ok, result
    assert message in result.message, result
    if target is None:
        assert not ok
    else:
        expected = Path(target) if not target.startswith("home/") else place / target
        assert result.path == expected
    assert "\n" not in result.message and "\x1b" not in result.message


@pytest.mark.parametrize(
    ("text", "ok", "message"),
    [
        ("", False, "Type the path"),
        ("/", False, "That is a folder"),
        ("~", False, "That is a folder"),
        ("missing.toml", False, "No such file"),
        ("pipe", False, "a FIFO, not a session file"),
        ("~nobody-by-that-name", False, "no home folder"),
        ("a\x00b", False, "NUL"),
        ("mine.toml", True, "Press Enter to open it"),
        ("notes", True, "Press Enter"),
    ],
)
def test_open_path_statuses(place, text, ok, message):
    result = check_open_path(text)
    assert result.ok is ok and message in result.message, result


any_text = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["/", ".", "..", "~", " ", "\x00", "\udc80", "\ud800", "\n", ".toml"]),
    ),
    max_size=25,
).map("".join)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=any_text)
@example(text="/")
@example(text="~root/../..")
@example(text="x" * 5000)
def test_path_checks_never_raise(place, text):
    for check in (check_open_path, check_save_path):
        result = check(text)
        assert isinstance(result.message, str) and "\n" not in result.message
        assert result.ok == (result.path is not None)


path_part = st.sampled_from(
    ["mine", "mine.toml", "notes", "notes.txt", "folder", "pipe", ".", ".."]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(path_part, min_size=1, max_size=3),
    lead=st.sampled_from(["", "./", "~/../", "{place}/"]),
)
def test_save_accepts_every_path_open_accepts(place, parts, lead):
    text = lead.format(place=place) + "/".join(parts)
    opened = check_open_path(text)
    if opened.ok:
        saved = check_save_path(text)
        assert saved.ok and saved.exists and saved.path == opened.path, (text, saved)


def test_a_folder_that_cannot_be_searched(place):
    if os.geteuid() == 0:
        pytest.skip("root may look into every folder")
    locked = place / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    try:
        result = check_save_path("locked/x.toml")
        assert not result.ok and "Permission denied" in result.message
    finally:
        locked.chmod(stat.S_IRWXU)
