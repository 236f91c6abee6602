"""Property tests of the plugin manager: whatever a plugin's exercises hold
(huge numbers, nan and infinities, control, bidi and long text, wrong
types), loading never raises; each exercise is either accepted, and then
within every bound, or left out with a reason that is safe to print."""

from __future__ import annotations

import math
import os
from datetime import timedelta
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import Dose, Evidence, Exercise, Phase, Sides, hookimpl
from composer.catalog.checks import EVIDENCE_FIELDS, LIST_FIELDS, TEXT_FIELDS
from composer.catalog.manager import Catalog
from composer.cli.main import _exercise_json
from composer.format.reader import _CONTROL, INT_BOUNDS, SECONDS_BOUNDS
from composer.model import SessionDefaults, Step
from composer.safetext import is_clean, json_text

# Repeatable by default, like tests/test_fuzz.py; GLUTE_FUZZ_RANDOM=1 and
# GLUTE_FUZZ_EXAMPLES=N explore further.
RANDOM = os.environ.get("GLUTE_FUZZ_RANDOM") == "1"
EXAMPLES = int(os.environ.get("GLUTE_FUZZ_EXAMPLES", "1200"))
# Each case loads one plugin; a case that takes longer than this fails, and
# the plugin's own code is stopped after a second.
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES // 3,
    derandomize=not RANDOM,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CASE_TIME_LIMIT_S = 1.0

NASTY_CHARACTERS = "\x00\x07\x1b\x7f\x85\x9b\x9c\n\r\t\u202e\u2066\u200b\ufeff\u2028é"
TEXT = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.sampled_from(NASTY_CHARACTERS + "ab c-"), max_size=20),
    st.integers(0, 1300).map(lambda n: "x" * n),
    st.sampled_from(["", " ", "\x1b]52;c;eA==\x07", "ok", "fire-hydrant", "a/b", "Bad Id"]),
)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30),
    st.sampled_from([10**400, -(10**400), 0, 1, 5, 500, 501]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, -0.0, 0.4, 0.5]),
)
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.binary(max_size=5),
    st.just(object()),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sets(st.integers(), max_size=3),
)
ANY = st.one_of(TEXT, NUMBERS, WRONG)
TEXT_LISTS = st.one_of(
    st.lists(st.one_of(TEXT, TEXT, ANY), max_size=25).map(tuple),
    st.lists(TEXT, max_size=40),
    TEXT,
    ANY,
)


def _with_fields(cls, base, values):
    """`base` with `values` set past its constructor's checks."""
    for name, value in values.items():
        object.__setattr__(base, name, value)
    return base


DOSES = st.one_of(
    st.builds(
        lambda values: _with_fields(Dose, Dose(), values),
        st.fixed_dictionaries(
            {},
            optional={
                "sets": st.one_of(NUMBERS, ANY),
                "reps": st.one_of(NUMBERS, ANY),
                "duration_s": NUMBERS,
                "hold_s": NUMBERS,
                "rep_s": NUMBERS,
                "relax_s": NUMBERS,
                "rest_s": st.one_of(NUMBERS, ANY),
                "switch_s": NUMBERS,
                "sides": st.one_of(st.sampled_from(list(Sides)), TEXT, ANY),
            },
        ),
    ),
    ANY,
)
EVIDENCE = st.one_of(
    st.builds(
        lambda values: _with_fields(Evidence, Evidence(muscle="m", source="s"), values),
        st.fixed_dictionaries(
            {}, optional={name: st.one_of(TEXT, ANY) for name in EVIDENCE_FIELDS}
        ),
    ),
    ANY,
)
FIELDS = {
    "id": st.one_of(TEXT, ANY),
    "name": st.one_of(TEXT, ANY),
    "summary": st.one_of(TEXT, ANY),
    "source": st.one_of(TEXT, ANY),
    "phase": st.one_of(st.sampled_from(list(Phase)), TEXT, ANY),
    "instructions": TEXT_LISTS,
    "cues": TEXT_LISTS,
    "targets": TEXT_LISTS,
    "equipment": TEXT_LISTS,
    "cautions": TEXT_LISTS,
    "evidence": st.one_of(st.lists(EVIDENCE, max_size=3).map(tuple), EVIDENCE),
    "dose": DOSES,
    "level": st.one_of(NUMBERS, ANY),
    "progresses": st.one_of(st.none(), TEXT, ANY),
}


@st.composite
def exercises(draw, index: int = 0):
    base = Exercise(id=f"move-{index}", name="Move", phase="activate")
    names = draw(st.sets(st.sampled_from(sorted(FIELDS)), max_size=4))
    return _with_fields(Exercise, base, {name: draw(FIELDS[name]) for name in names})


ITEMS = st.lists(st.one_of(exercises(), exercises(), ANY), max_size=8)
RESULTS = st.one_of(
    ITEMS,
    ITEMS.map(tuple),
    ITEMS.map(iter),
    ANY,
)


def _check_text(value, limit: int, multiline: bool) -> None:
    assert type(value) is str
    assert len(value) <= limit
    assert not _CONTROL.search(value.replace("\r\n", "\n"))
    if not multiline:
        assert "\n" not in value and "\r" not in value


def _assert_within_bounds(exercise: Exercise) -> None:
    """An oracle of its own for an accepted exercise: every bound holds."""
    assert type(exercise) is Exercise
    for name, (limit, multiline) in TEXT_FIELDS.items():
        _check_text(getattr(exercise, name), limit, multiline)
    for name, (most, (limit, multiline)) in LIST_FIELDS.items():
        items = getattr(exercise, name)
        assert type(items) is tuple and len(items) <= most
        for item in items:
            _check_text(item, limit, multiline)
    assert type(exercise.phase) is Phase
    assert type(exercise.level) is int and 1 <= exercise.level <= 5
    dose = exercise.dose
    assert type(dose) is Dose
    for name, (low, high) in INT_BOUNDS.items():
        value = getattr(dose, name, None)
        if name != "rounds" and value is not None:
            assert type(value) is int and low <= value <= high
    for name, (low, high) in SECONDS_BOUNDS.items():
        value = getattr(dose, name, None)
        if value is not None:
            assert type(value) in (int, float) and math.isfinite(value)
            assert low <= value <= high
    assert dose.sides is None or type(dose.sides) is Sides
    for item in exercise.evidence:
        assert type(item) is Evidence
    # What used to crash: describing the dose, and JSON without Infinity.
    Step(exercise=exercise.full_id).resolve(exercise, SessionDefaults()).describe()
    json_text(_exercise_json(exercise))


@FUZZ_SETTINGS
@given(RESULTS)
def test_any_exercises_load_or_are_reported(returned):
    items = returned if isinstance(returned, (list, tuple)) else None

    @hookimpl
    def composer_exercises():
        return returned

    catalog = Catalog(time_limit_s=CASE_TIME_LIMIT_S)
    info = catalog.register_module("fuzz", SimpleNamespace(composer_exercises=composer_exercises))
    assert is_clean(info.status)
    for problem in info.problems:
        assert is_clean(problem)
    loaded = [e for e in catalog.exercises.values() if e.namespace == "fuzz"]
    assert len(loaded) == info.exercises
    for exercise in loaded:
        _assert_within_bounds(exercise)
    if info.error is None and items is not None:
        # Every item is either loaded or named in a problem.
        assert info.exercises + len(info.warnings) == len(items)
    if info.error is not None:
        assert info.exercises == 0 and not loaded


@FUZZ_SETTINGS
@given(st.lists(exercises(), min_size=1, max_size=3))
def test_one_bad_exercise_never_hides_a_good_one(items):
    good = Exercise(id="always-good", name="Always good", phase="roll")

    @hookimpl
    def composer_exercises():
        return [*items, good]

    catalog = Catalog(time_limit_s=CASE_TIME_LIMIT_S)
    info = catalog.register_module("fuzz", SimpleNamespace(composer_exercises=composer_exercises))
    assert info.ok
    assert catalog.get("fuzz/always-good") == good.with_namespace("fuzz")
