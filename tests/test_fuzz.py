"""Property tests: load → save → load is the identity, and no document,
however mangled, makes the reader raise anything but SessionError."""

from __future__ import annotations

import os

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.errors import SessionError
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.sessionfile import STEP_KEYS, TOP_KEYS, dumps_session, parse_session

from .conftest import DATA

# The suite fuzzes a fixed set of documents, so that a run is repeatable;
# GLUTE_FUZZ_RANDOM=1 and GLUTE_FUZZ_EXAMPLES=N explore further.
RANDOM = os.environ.get("GLUTE_FUZZ_RANDOM") == "1"
EXAMPLES = int(os.environ.get("GLUTE_FUZZ_EXAMPLES", "1200"))

SAFE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\x85"
    ),
    max_size=40,
)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
EXERCISE_ID = st.builds(lambda a, b: f"{a}/{b}", SLUG, SLUG)
SECONDS = st.one_of(st.integers(1, 600).map(float), st.sampled_from([0.5, 2.5, 7.25]))


@st.composite
def doses(draw) -> Dose:
    timed = draw(st.booleans())
    fields = {
        "sets": draw(st.none() | st.integers(1, 50)),
        "sides": draw(st.none() | st.sampled_from(["both", "each", "alternating"])),
        "rest_s": draw(st.none() | st.integers(0, 3600).map(float)),
        "switch_s": draw(st.none() | st.integers(0, 600).map(float)),
    }
    if timed:
        fields["duration_s"] = draw(st.none() | st.integers(1, 14400).map(float))
    else:
        fields["reps"] = draw(st.none() | st.integers(1, 500))
        fields["hold_s"] = draw(st.none() | SECONDS)
        fields["rep_s"] = draw(st.none() | SECONDS)
        fields["relax_s"] = draw(st.none() | st.integers(0, 600).map(float))
    return Dose(**fields)


steps = st.builds(
    Step,
    exercise=EXERCISE_ID,
    name=st.none() | SAFE_TEXT.filter(bool),
    dose=doses(),
    note=st.none() | SAFE_TEXT.filter(bool),
)
blocks = st.builds(
    Block,
    title=SAFE_TEXT,
    rounds=st.integers(1, 20),
    rest_s=st.integers(0, 3600).map(float),
    steps=st.lists(steps, max_size=4),
)
sessions = st.builds(
    Session,
    title=SAFE_TEXT,
    description=SAFE_TEXT,
    author=SAFE_TEXT,
    tags=st.lists(SAFE_TEXT.filter(bool), max_size=4),
    requires=st.lists(SAFE_TEXT.filter(bool), max_size=2),
    defaults=st.builds(
        SessionDefaults,
        rest_s=st.none() | st.integers(0, 3600).map(float),
        switch_s=st.none() | st.integers(0, 600).map(float),
        transition_s=st.none() | st.integers(0, 600).map(float),
    ),
    blocks=st.lists(blocks, max_size=4),
)


@settings(
    max_examples=EXAMPLES // 4,
    derandomize=not RANDOM,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(sessions)
def test_save_then_load_is_the_identity(session):
    text = dumps_session(session)
    again = parse_session(text, "fuzz.toml")
    assert again == session
    assert dumps_session(again) == text


def _reads_cleanly(text: str) -> None:
    try:
        parse_session(text, "fuzz.toml")
    except SessionError as error:
        assert error.problems
        for problem in error.problems:
            line = str(problem)
            assert line.startswith("fuzz.toml: ")
            assert "\n" not in line


VALUES = st.recursive(
    st.none().map(lambda _: "")
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["90s", "1m30s", "15m", "each", "both", "x/y", "1h", "0s", "-5"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from([*TOP_KEYS, *STEP_KEYS, "rounds", "setz", "titel"]) | st.text(max_size=8)


@st.composite
def documents(draw) -> dict:
    doc = draw(st.dictionaries(KEYS, VALUES, max_size=6))
    doc.pop("", None)
    if draw(st.booleans()):
        doc["blocks"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"steps": st.lists(st.dictionaries(KEYS, VALUES, max_size=6), max_size=3)},
                    optional={"rounds": VALUES, "title": VALUES, "rest_s": VALUES},
                ),
                max_size=3,
            )
        )
    return doc


@settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents())
def test_generated_documents_fail_only_with_session_errors(doc):
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return  # tomli-w cannot write it (e.g. nan in some versions): nothing to read
    _reads_cleanly(text)


SEED_TEXTS = [
    path.read_bytes().decode("utf-8", "replace") for path in sorted(DATA.glob("*/*.toml"))
]


@settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.sampled_from(SEED_TEXTS),
    st.lists(
        st.tuples(st.integers(0, 2000), st.integers(0, 8), st.text(max_size=6)),
        min_size=1,
        max_size=5,
    ),
)
def test_mutated_files_fail_only_with_session_errors(text, edits):
    for position, cut, insert in edits:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + cut :]
    _reads_cleanly(text)
