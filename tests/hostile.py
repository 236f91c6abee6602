"""A hostile environment for the terminal-injection tests: single-file
plugins and an installed distribution whose names, texts, messages and
templates are full of escape sequences, bells, C1 controls, bidi overrides
and zero-width characters, and session files (one with such a file name)
that use them."""

from __future__ import annotations

import os
import re
from pathlib import Path

# Clipboard write (OSC 52), window title (OSC 0, ended by ST and by BEL),
# queries and window operations (CSI), colour, a bell, C1 controls
# (CSI, OSC, NEL, ST), bidi overrides and isolates, zero-width characters.
OSC_52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
OSC_0 = "\x1b]0;owned\x1b\\"
OSC_0_BEL = "\x1b]2;owned\x07"
CSI = "\x1b[6n\x1b[8;5;5t\x1b[21t\x1b[31m"
C1 = "\x9b6n\x9d0;c1\x9c\x85"
BIDI = "\u202e\u2066\u200f"
ZERO_WIDTH = "\u200b\ufeff\u2060"
PAYLOAD = OSC_52 + OSC_0 + OSC_0_BEL + CSI + "\x07" + C1 + BIDI + ZERO_WIDTH
# What a plugin may put in its texts (control characters are refused).
SOFT = BIDI + ZERO_WIDTH

# The sequences the payload holds, to look for in a terminal's output.
RAW_SEQUENCES = [OSC_52, OSC_0, OSC_0_BEL, "\x1b[6n", "\x1b[8;5;5t", "\x1b[21t", "\x9b", "\x9d"]

HOSTILE_PLUGIN = f'''
from pathlib import Path

from composer import Dose, Evidence, Exercise, hookimpl

PAYLOAD = {PAYLOAD!r}
SOFT = {SOFT!r}


def _dose(**values):
    dose = Dose()
    for name, value in values.items():
        object.__setattr__(dose, name, value)
    return dose


def _bad(id_, **fields):
    """An exercise built past the constructor's checks, as a careless plugin could."""
    exercise = Exercise(id=id_, name="Bad " + id_, phase="activate")
    for name, value in fields.items():
        object.__setattr__(exercise, name, value)
    return exercise


@hookimpl
def composer_exercises():
    return [
        Exercise(
            id="sneaky-bridge",
            name="Hostile" + SOFT + " bridge" + SOFT,
            phase="activate",
            summary="Summary " + SOFT,
            instructions=["Lie down " + SOFT, "Lift " + SOFT],
            cues=["Squeeze" + SOFT],
            targets=["gluteus" + SOFT],
            equipment=["mat" + SOFT],
            cautions=["Stop" + SOFT],
            evidence=[Evidence(muscle="glute" + SOFT, source="Source" + SOFT)],
            source="Dose" + SOFT,
            dose=Dose(sets=2, reps=3, hold_s=2),
        ),
        _bad("escape-name", name="Name" + PAYLOAD),
        _bad("escape-summary", summary=PAYLOAD),
        _bad("escape-instructions", instructions=(PAYLOAD,)),
        _bad("escape-cues", cues=(PAYLOAD,)),
        _bad("escape-targets", targets=(PAYLOAD,)),
        _bad("infinite-dose", dose=_dose(duration_s=float("inf"))),
        _bad("nan-dose", dose=_dose(reps=3, hold_s=float("nan"))),
        _bad("bad-id", id="Escape" + PAYLOAD),
        object(),
    ]


@hookimpl
def composer_templates():
    folder = Path(__file__).parent
    return [
        'schema_version = 1\\ntitle = "Hostile' + SOFT + ' template"\\n',
        'schema_version = 1\\ntitle = "Escaped \\\\u001b]52;c;eA==\\\\u0007"\\n',
        folder / ("evil" + PAYLOAD.replace("/", "") + ".toml"),
    ]
'''

RAISES_AT_IMPORT = f"""
raise RuntimeError({PAYLOAD!r} + "\\nsecond line")
"""

RAISES_IN_HOOK = f"""
from composer import hookimpl

Hostile = type({PAYLOAD!r}, (Exception,), {{}})


@hookimpl
def composer_exercises():
    raise Hostile({PAYLOAD!r})
"""

SESSION = """schema_version = 1
title = "Session {soft}"
description = "About {soft}"

[[blocks]]
title = "Block {soft}"

[[blocks.steps]]
exercise = "hostile/sneaky-bridge"
note = "Note {soft}"

[[blocks.steps]]
exercise = "raises-in-hook/missing"
name = "Missing {soft}"
duration_s = 5
"""


def install(home: Path, site: Path) -> dict[str, Path]:
    """Write the hostile plugins under `home` and a hostile installed
    distribution under `site` (to put on PYTHONPATH); return the session
    files to open."""
    plugins = home / "data" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    (plugins / "hostile.py").write_text(HOSTILE_PLUGIN, encoding="utf-8")
    (plugins / "raises_at_import.py").write_text(RAISES_AT_IMPORT, encoding="utf-8")
    (plugins / "raises_in_hook.py").write_text(RAISES_IN_HOOK, encoding="utf-8")
    (plugins / ("evil" + PAYLOAD.replace("/", "") + ".py")).write_text("", encoding="utf-8")
    template_name = "evil" + PAYLOAD.replace("/", "") + ".toml"
    (plugins / template_name).write_text('schema_version = 1\ntitle = "x"\n', encoding="utf-8")

    # An installed distribution: a version and an entry-point name with
    # escapes and bells, and a module that does not exist.
    dist = site / ("hostile_dist-1.0" + CSI.replace("[", "") + ".dist-info")
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: hostile-dist\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[glute_composer]\nbad\x07\x07name" + OSC_52 + " = no_such_module\n", encoding="utf-8"
    )

    text = SESSION.format(soft=SOFT)
    files = {}
    plain = home / "session.toml"
    plain.write_text(text, encoding="utf-8")
    files["plain"] = plain
    if os.name == "posix":
        strange = home / ("strange\x1b]0;owned\x07\nname\u202e.toml")
        strange.write_text(text, encoding="utf-8")
        files["strange"] = strange
    return files


_CSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")


def foreign_sequences(output: bytes, allowed: list[bytes]) -> list[bytes]:
    """Escape sequences in a terminal's output other than CSI sequences and
    the `allowed` ones: each ESC not starting one of those, with what follows."""
    rest = _CSI.sub(b"", output)
    for sequence in allowed:
        rest = rest.replace(sequence, b"")
    return [rest[index : index + 24] for index in range(len(rest)) if rest[index] == 0x1B]
