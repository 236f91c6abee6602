"""One sanitiser for every piece of untrusted text that reaches a terminal.

Text from session files, plugins, exceptions raised by plugin code and file
names goes through `visible` before it is printed by the CLI or drawn by the
TUI. Characters that a terminal would act on, or that hide or reorder what
the user reads, come out as visible escapes (``\\x1b``, ``\\u202e``):

- C0 controls (except tab and, where asked, newline), DEL and C1 controls;
- bidi embeddings, overrides, isolates and marks;
- zero-width and invisible formatting characters;
- line and paragraph separators (U+2028, U+2029).

The work is one `str.translate` pass: linear in the length of the text.
"""

from __future__ import annotations

_ESCAPED: list[int] = [
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x00AD,  # soft hyphen
    0x061C,  # Arabic letter mark
    0x180E,  # Mongolian vowel separator
    *range(0x200B, 0x2010),  # zero-width space/joiners, LRM, RLM
    *range(0x2028, 0x202F),  # line/paragraph separators, bidi embeddings and overrides
    *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates
    0xFEFF,  # zero-width no-break space
    *range(0xFFF9, 0xFFFC),  # interlinear annotation
]


_NAMED = {0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_ONE_LINE = {code: _escape(code) for code in _ESCAPED}
_MULTI_LINE = {code: value for code, value in _ONE_LINE.items() if code not in (0x09, 0x0A)}
_ONE_LINE[0x09] = " "


def visible(text: object, *, multiline: bool = False) -> str:
    """Return `text` safe to show: controls and invisible characters escaped.

    With ``multiline=False`` (the default) the result is one line: newlines
    are escaped and a tab becomes a space. With ``multiline=True`` newlines
    and tabs are kept. Anything that is not a `str` is converted with `str`
    first (an exception, a path).
    """
    if not isinstance(text, str):
        try:
            text = str(text)
        except BaseException:  # a hostile __str__ must not escape from here
            # The class's own name, read past any metaclass trickery.
            name = type.__dict__["__name__"].__get__(type(text))
            text = f"<unprintable {name}>"
    else:
        text = str.__str__(text)  # a plain str: a subclass may override translate
    return text.translate(_MULTI_LINE if multiline else _ONE_LINE)


_JSON = {code: f"\\u{code:04x}" for code in _ESCAPED if code not in (0x09, 0x0A, 0x0D)}


def json_text(value: object, *, indent: int | None = None) -> str:
    """`value` as JSON whose strings hold no character that `visible` would
    escape: those are written as ``\\uXXXX`` escapes, which any JSON reader
    turns back into the same text. Other non-ASCII text stays readable.
    NaN and infinities are refused (they are not JSON)."""
    import json

    text = json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False)
    # json.dumps already escapes C0 controls inside strings; the newlines and
    # spaces left are the layout's own.
    return text.translate(_JSON)


def is_clean(text: str, *, multiline: bool = False) -> bool:
    """True when `visible` would leave `text` unchanged."""
    return visible(text, multiline=multiline) == text
