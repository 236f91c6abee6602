"""A linear-time look at TOML text before `tomllib` reads it.

`tomllib` takes time that grows faster than linearly with the number of
parts of one dotted key: a 128 kB line ``a.a.a.…= 1`` takes minutes, a
1 MiB one hours. The same holds for ``[a.a.…]`` headers and keys in inline
tables. A session file never needs more than two parts (``blocks.steps``),
so a key of more than `MAX_KEY_DOTS` dots is refused before parsing.

The scan knows just enough TOML to tell strings and comments (skipped)
from the rest: dots outside them are in keys, except the one dot of a
float or a time (``1.5``, ``07:32:00.999``). It stops at a string that is
not closed, since `tomllib` reports that text as invalid there and reads
nothing after it.
"""

from __future__ import annotations

import re

__all__ = ["MAX_KEY_DOTS", "deep_key_line"]

MAX_KEY_DOTS = 4

# What the scan stops at: a string, a comment or a dot. (A pattern for a
# whole word with a dot would try every start in a long word without one.)
_TOKEN = re.compile(r"""\"\"\"|'''|["'#.]""")
_REST_OF_WORD = re.compile(r"[A-Za-z0-9_+\-.:]*")
_DIGITS = frozenset("0123456789")
# Written as "unrolled loops" with possessive repeats: a group repeated once
# per character would keep state for each one (about 100 MB for 1 MiB).
_STRINGS = {
    '"""': re.compile(r'"""[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+""""{0,2}'),
    "'''": re.compile(r"'''[\s\S]*?'''(?:'{0,2})"),
    '"': re.compile(r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'),
    "'": re.compile(r"'[^'\n]*+'"),
}
# Between two keys (or a key and a value) there is always one of these.
_SEPARATOR = re.compile(r"[=,{}\[\]\n]")
# Whole lines with no dotted key, skipped at once: ``key = "text"`` (or a
# number, true, false), ``[table]`` or ``[[blocks.steps]]``, blank lines and
# comments; most of a session file. The scan goes on at the first other line.
_PLAIN_LINES = re.compile(
    r"""(?:
        [ \t]*+
        (?:
            (?:[A-Za-z0-9_-]++|"[^"\\\n]*+"|'[^'\n]*+')
            [ \t]*+=[ \t]*+
            (?:"[^"\\\n]*+(?:\\[^\n][^"\\\n]*+)*+"
              |'[^'\n]*+'
              |[+-]?+[0-9][0-9_]*+(?:\.[0-9_]++)?+(?:[eE][+-]?+[0-9_]++)?+
              |true|false)
          | \[\[?+[ \t]*+[A-Za-z0-9_-]++(?:[ \t]*+\.[ \t]*+[A-Za-z0-9_-]++)?+[ \t]*+\]\]?+
        )?+
        [ \t]*+(?:\#[^\n]*+)?+\r?\n
    )*+""",
    re.VERBOSE,
)
# The rest of a line after a string: spaces, perhaps a comment, the newline.
_LINE_END = re.compile(r"[ \t]*+(?:#[^\n]*+)?+\r?\n")


# Some line holds more than MAX_KEY_DOTS dots (in keys, strings, numbers or
# comments alike). A key lies on one line, so without such a line no key can
# be too deep, and the scan below is spared. Linear: from each dot, the
# possessive runs stop at the next dot or the line's end.
_MANY_DOTS = re.compile(rf"\.(?:[^\n.]*+\.){{{MAX_KEY_DOTS}}}")


def deep_key_line(text: str) -> int | None:
    """The line of the first key with more than MAX_KEY_DOTS dots, or None."""
    if _MANY_DOTS.search(text) is None:
        return None
    dots = 0  # dots in the current key (between separators)
    at = 0
    end = len(text)
    while at < end:
        if at == 0 or text[at - 1] == "\n":
            plain = _PLAIN_LINES.match(text, at)
            if plain is not None and plain.end() > at:
                at, dots = plain.end(), 0
                continue
        token = _TOKEN.search(text, at)
        if token is None:
            return None
        if _SEPARATOR.search(text, at, token.start()):
            dots = 0
        found = token.group()
        if found in _STRINGS:
            string = _STRINGS[found].match(text, token.start())
            if string is None:
                return None  # not closed: tomllib stops here too
            at = string.end()
            line_end = _LINE_END.match(text, at)
            if line_end is not None:  # the next line starts a new key
                at, dots = line_end.end(), 0
            continue
        if found == "#":
            newline = text.find("\n", token.end())
            if newline < 0:
                return None
            at = newline
        else:
            dot = token.start()
            rest = _REST_OF_WORD.match(text, dot)
            assert rest is not None  # the pattern matches the empty string too
            at = rest.end()
            count = text.count(".", dot, at)
            if (
                count == 1
                and dot > 0
                and text[dot - 1] in _DIGITS
                and at > dot + 1
                and text[dot + 1] in _DIGITS
            ):
                count = 0  # a float or a time of day: 1.5, 07:32:00.999
            dots += count
            if dots > MAX_KEY_DOTS:
                return text.count("\n", 0, token.start()) + 1
    return None
