"""The one sanitiser for text shown on a terminal."""

from __future__ import annotations

import time

import pytest

from composer.safetext import is_clean, json_text, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]52;c;aGk=\x1b\\", "\\x1b]52;c;aGk=\\x1b\\"),
        ("bell\x07", "bell\\x07"),
        ("c1\x9b31m", "c1\\x9b31m"),
        ("del\x7f", "del\\x7f"),
        ("abc\u202edcba", "abc\\u202edcba"),
        ("iso\u2066x\u2069", "iso\\u2066x\\u2069"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("line\u2028sep", "line\\u2028sep"),
        ("bom\ufeff", "bom\\ufeff"),
        ("two\nlines", "two\\nlines"),
        ("tab\there", "tab here"),
        ("Glute bridge · 3 × 15 — ok", "Glute bridge · 3 × 15 — ok"),
    ],
)
def test_one_line(raw, shown):
    assert visible(raw) == shown


def test_multiline_keeps_newlines_and_tabs_only():
    assert visible("a\nb\tc\x1b[2J", multiline=True) == "a\nb\tc\\x1b[2J"
    assert visible("a\r\nb", multiline=True) == "a\\r\nb"


def test_no_control_or_bidi_character_survives():
    every = "".join(chr(code) for code in range(0x3000))
    out = visible(every)
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x202E, 0x2066, 0x200B, 0x2028]:
        assert chr(code) not in out


def test_not_text_and_hostile_str():
    class Hostile:
        def __str__(self):
            raise KeyboardInterrupt

    assert visible(ValueError("bad\x1b")) == "bad\\x1b"
    assert visible(Hostile()) == "<unprintable Hostile>"


def test_is_clean():
    assert is_clean("plain text")
    assert not is_clean("x\x1b")
    assert is_clean("a\nb", multiline=True)


def test_linear_on_a_megabyte():
    text = "\x1b\u202e" * 500_000
    start = time.perf_counter()
    visible(text)
    assert time.perf_counter() - start < 2.0


def test_hostile_class_names_and_str_subclasses_are_escaped_too():
    class Sneaky(str):
        def translate(self, table):
            return "\x1b]0;owned\x07"

    hostile = type("\x1b]52;c;eA==\x07", (), {"__str__": lambda self: 1 / 0})
    assert visible(Sneaky("plain\x1b")) == "plain\\x1b"
    assert visible(hostile()) == "<unprintable \\x1b]52;c;eA==\\x07>"


def test_json_text_escapes_what_visible_escapes_and_stays_json():
    import json

    value = {"name": "x\x1b]52;c;eA==\x07\u202e\x85\u200b é\n", "n": [1, 2.5]}
    text = json_text(value, indent=2)
    assert json.loads(text) == value
    assert is_clean(text, multiline=True)
    assert "é" in text, "other text stays readable"
    with pytest.raises(ValueError):
        json_text({"dose": float("inf")})
