"""Session files from strangers: what is read, how fast, and what is said."""

from __future__ import annotations

import difflib
import os
import re
import shlex
import stat
import threading
import time
import tracemalloc

import pytest

from composer.errors import MAX_PROBLEMS, SessionError
from composer.format.reader import (
    MAX_FILE_BYTES,
    load_session,
    missing_requirements,
    parse_session,
    read_text,
)
from composer.format.tomlguard import deep_key_line
from composer.model import Session
from composer.store import files as fileio

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _problems(text: str, name: str = "f.toml") -> list[str]:
    with pytest.raises(SessionError) as raised:
        parse_session(text, name)
    return [str(problem) for problem in raised.value.problems]


# -- only regular files, never waited on -----------------------------------------


def _in_thread(function, *args):
    """Run `function` in a thread; the result, or the exception it raised."""
    outcome: list = []

    def target():
        try:
            outcome.append(function(*args))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, outcome


@needs_fifo
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    thread, outcome = _in_thread(load_session, fifo)
    thread.join(timeout=10)
    if thread.is_alive():  # it waits for a writer: let it go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=10)
        pytest.fail("reading a FIFO blocked")
    assert isinstance(outcome[0], SessionError)
    assert str(outcome[0]) == f"{fifo}: is a named pipe (FIFO), not a regular file"


@needs_fifo
def test_the_opened_file_decides_not_an_earlier_look(tmp_path, monkeypatch):
    """A path that turns into a FIFO between a look and the open is still
    refused, and the open does not wait for a writer."""
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    monkeypatch.setattr(fileio.os, "stat", lambda *args, **kwargs: regular)
    thread, outcome = _in_thread(read_text, fifo)
    thread.join(timeout=10)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=10)
        pytest.fail("opening a FIFO blocked")
    assert isinstance(outcome[0], SessionError)
    assert "named pipe" in str(outcome[0])


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_is_refused():
    # It used to read as an empty, valid session.
    with pytest.raises(SessionError, match=r"^/dev/null: is a device, not a regular file$"):
        load_session("/dev/null")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(SessionError, match="is a folder, not a session file"):
        load_session(tmp_path)


def test_at_most_the_limit_is_read_from_a_huge_file(tmp_path):
    path = tmp_path / "big.toml"
    with open(path, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB, sparse
    tracemalloc.start()
    try:
        with pytest.raises(SessionError, match="larger than 1 MiB"):
            load_session(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_FILE_BYTES


# -- line numbers ------------------------------------------------------------------


def test_unicode_line_separators_do_not_shift_line_numbers():
    text = (
        'schema_version = 1\ntitle = "a\u2028b\u2029c"\n# x \x85 y \u2028 z\n'
        'description = """\nfirst\u2028second\r\n"""\nsetz = 1\n'
    )
    assert _problems(text) == [
        "f.toml: line 7, setz: unknown key 'setz'; known keys: schema_version, title, "
        "description, author, tags, requires, defaults, blocks"
    ]


def test_leading_comments_are_split_on_newlines_only():
    text = "# one \u2028 still one\n# two\nschema_version = 1\n"
    assert parse_session(text).leading_comments == ["# one \u2028 still one", "# two"]


def test_a_long_line_of_spaces_does_not_stall_the_line_index():
    # The old header pattern backtracked over the spaces: 36 s for 100 kB.
    text = 'description = """\n[a' + " " * 500_000 + 'x\n"""\nsetz = 1\n'
    started = time.perf_counter()
    problems = _problems(text)
    assert time.perf_counter() - started < 2
    assert problems[0].startswith("f.toml: line 4, setz: unknown key")


# -- steps and requirements ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            "reps = 5\nhold_s = 2\nrep_s = 3",
            "has both 'hold_s' and 'rep_s': a rep is held (hold_s) or lasts a tempo "
            "(rep_s), not both",
        ),
        ("duration_s = 30\nhold_s = 2", "has 'duration_s' and 'hold_s'"),
        ("duration_s = 30\nrep_s = 2", "has 'duration_s' and 'rep_s'"),
        ("duration_s = 30\nrelax_s = 2", "has 'duration_s' and 'relax_s'"),
    ],
)
def test_doses_that_contradict_themselves_are_errors(fields, message):
    text = f'[[blocks]]\n[[blocks.steps]]\nexercise = "a/b"\n{fields}\n'
    [problem] = _problems(text)
    assert problem.startswith(f"f.toml: line 2, blocks[1].steps[1]: {message}")


def test_a_hold_with_its_relax_is_fine():
    text = '[[blocks]]\n[[blocks.steps]]\nexercise = "a/b"\nreps = 5\nhold_s = 2\nrelax_s = 1\n'
    assert parse_session(text).blocks[0].steps[0].dose.relax_s == 1


@pytest.mark.parametrize(
    "entry",
    [
        "x'; touch pwned; echo '",
        "$(touch pwned)",
        "`touch pwned`",
        "glute-x; touch pwned",
        "glute-x>=1 && touch pwned",
        "-e .",
        "--index-url=https://example.invalid",
        "glute-x @ https://example.invalid/x.whl",
        "glute-x @ file:///etc/passwd",
    ],
)
def test_requires_entries_must_be_pep_508_names(entry):
    [problem] = _problems(f"requires = [{_toml_string(entry)}]\n")
    assert problem.startswith("f.toml: line 1, requires[1]: ")
    assert "PEP 508" in problem or "not a URL" in problem


def _toml_string(text: str) -> str:
    import json

    return json.dumps(text)


def test_the_install_command_suggested_quotes_every_name():
    entry = "glute-nowhere-zz[extra]>=1,<2; python_version >= '3.11'"
    session = parse_session(f"requires = [{_toml_string(entry)}]\n")
    [warning] = missing_requirements(session, "f.toml")
    command = str(warning).split("install with: ", 1)[1]
    assert shlex.split(command) == ["glute", "plugins", "install", entry]


def test_a_requirement_given_to_the_warning_directly_is_quoted_too():
    # Sessions are also built in code; the command must be safe whatever it holds.
    session = Session(requires=["glute-nowhere-zz>=1; touch pwned"])
    for warning in missing_requirements(session, "f.toml"):
        command = str(warning).split("install with: ", 1)[1]
        assert shlex.split(command)[3:] == ["glute-nowhere-zz>=1; touch pwned"]


# -- how many problems -------------------------------------------------------------


def test_after_fifty_problems_one_line_says_how_many_more(monkeypatch):
    calls = []
    real = difflib.get_close_matches

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    text = "schema_version = 1\n" + "".join(f"k{i} = 1\n" for i in range(60_000))
    started = time.perf_counter()
    problems = _problems(text)
    elapsed = time.perf_counter() - started
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].startswith("f.toml: line 2, k0: unknown key 'k0'")
    assert problems[-1] == "f.toml: … and 59,950 more problems"
    assert len(calls) == MAX_PROBLEMS, "the near-key search ran for keys nobody sees"
    assert elapsed < 5


def test_a_huge_whole_number_is_not_printed_whole():
    problems = _problems(f"[[blocks]]\nrounds = {10**30}\n")
    assert problems == [
        "f.toml: line 2, blocks[1].rounds: must be between 1 and 20, got a number of 31 digits"
    ]


def test_read_refuses_what_is_not_a_regular_file_by_its_mode():
    assert fileio.NotRegularFile(stat.S_IFSOCK).strerror == "is a socket, not a regular file"
    assert fileio.NotRegularFile(stat.S_IFDIR).is_folder


# -- keys that tomllib reads in more than linear time ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a" + ".a" * 100_000 + " = 1\n",
        "[a" + ".a" * 100_000 + "]\n",
        "[[a" + ".a" * 100_000 + "]]\n",
        "x = {a" + ".a" * 100_000 + " = 1}\n",
        '"a"' + '."a"' * 50_000 + " = 1\n",
        "a" + " . a" * 50_000 + " = 1\n",
        "1" + ".1" * 100_000 + " = 1\n",
        "1.1" + " . 1.1" * 50_000 + " = 1\n",
    ],
    ids=["key", "table", "array-table", "inline", "quoted", "spaced", "digits", "floats-alike"],
)
def test_a_key_of_very_many_dotted_parts_is_refused_before_parsing(text):
    # Each of these took tomllib minutes (a 128 kB key: 161 s).
    started = time.perf_counter()
    problems = _problems("title = 'x'\n" + text)
    assert time.perf_counter() - started < 1
    assert problems == [
        "f.toml: line 2: a key with more than 4 dots; session files need at most one (blocks.steps)"
    ]


_PLAIN = (
    'schema_version = 1\ntitle = "A # title"\n\n# a comment\n[defaults]\nrest_s = 20\n'
    '[[blocks]]\nrounds = 2\n[[ blocks . steps ]]\n"hold_s" = "3s"  # held\nflag = true\n'
    "x = -1.5e3\n"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (_PLAIN + "a" + ".a" * 5 + " = 1\n", 13),
        (_PLAIN.replace("\n", "\r\n") + "a" + ".a" * 5 + " = 1\r\n", 13),
        (_PLAIN + 'description = """\na.a.a.a.a.a\n"""\n' + "a" + ".a" * 5 + " = 1\n", 16),
        (_PLAIN + "x = {" + "a" + ".a" * 5 + " = 1}\n", 13),
        (_PLAIN + 'y = "s" ' + "a" + ".a" * 5 + " = 1\n", 13),
        (_PLAIN + "a.b = 1\n" + 'z = "text"\n' + "a" + " . a" * 5 + " = 1\n", 15),
    ],
    ids=[
        "after-plain-lines",
        "crlf",
        "after-multi-line-string",
        "inline",
        "after-a-string",
        "spaced",
    ],
)
def test_a_deep_key_after_plain_lines_is_found_on_its_line(text, line):
    assert deep_key_line(text) == line
    assert deep_key_line(_PLAIN + 'description = """\na.a.a.a.a.a\n"""\n') is None


@pytest.mark.parametrize(
    "text",
    [
        "a.b.c.d.e = 1\n",  # 4 dots: allowed (and then an unknown key)
        "x = ["
        + ", ".join(["1.5", "-2.5e3", "07:32:00.999", "1979-05-27T07:32:00.5Z"] * 50)
        + "]\n",
        'x = "' + "a." * 100 + "\"\ny = '" + "b." * 100 + "'\n",
        'x = """\n' + "a.b." * 100 + '\n"""\n' + "y = '''\n" + "a.b." * 100 + "\n''''\n",
        "# " + "a." * 100 + "\n",
        "x = {" + ", ".join(f"k{i}.a = 1" for i in range(100)) + "}\n",
    ],
    ids=["four-dots", "numbers", "strings", "multi-line-strings", "comment", "inline-table"],
)
def test_dots_in_numbers_strings_and_comments_are_not_keys(text):
    problems = _problems(text + "setz = 1\n")
    assert "dots" not in problems[0]


def test_the_quick_look_for_many_dots_never_hides_a_deep_key(monkeypatch):
    """Texts without a line of five dots skip the scan: the scan itself
    finds nothing in any of them."""
    import random

    from composer.format import tomlguard

    rng = random.Random(7)
    pieces = ["a", ".", " ", "=", "1", '"', "'", "#", "[", "]", "{", "}", ",", "\n", "\r\n", "."]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60))) for _ in range(3000)]
    texts += [_PLAIN + "a" + ".a" * n + " = 1\n" for n in range(8)]
    quick = [tomlguard._MANY_DOTS.search(text) is None for text in texts]
    assert any(quick) and not all(quick)
    monkeypatch.setattr(tomlguard, "_MANY_DOTS", re.compile(""))  # matches: always scan
    for text, skipped in zip(texts, quick, strict=True):
        if skipped:
            assert tomlguard.deep_key_line(text) is None, repr(text)


@pytest.mark.parametrize(
    "text",
    [
        'title = "' + "x" * 1_000_000 + '"\n',
        'title = "' + "\\t" * 400_000 + '"\n',
        'description = """' + '"x' * 400_000 + '"""\n',
        "description = '''" + "x" * 1_000_000 + "'''\n",
        '"' + "k" * 1_000_000 + '" = 1\n',
    ],
    ids=["string", "escapes", "multi-line", "literal", "quoted-key"],
)
def test_long_strings_cost_little_memory_to_check(text):
    # The first look at the text once kept ~116 bytes per character of a string.
    tracemalloc.start()
    try:
        with pytest.raises(SessionError):
            parse_session(text, "f.toml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * len(text), f"{peak / 2**20:.0f} MiB"
