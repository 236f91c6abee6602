"""Property tests: load → save → load is the identity, and no document,
however mangled or hostile, makes the reader raise anything but
SessionError, take long, or say more than 51 lines.

Every case runs under a deadline and a wall-clock cap (`time_limit`), so a
case that would hang fails instead of stalling the suite."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from datetime import timedelta

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.errors import MAX_PROBLEMS, SessionError
from composer.format.durations import parse_duration
from composer.format.reader import STEP_KEYS, TOP_KEYS, parse_session
from composer.format.size import MAX_INTERVALS, SessionTooLarge, session_size
from composer.format.writer import dumps_session
from composer.model import Block, Dose, Exercise, Session, SessionDefaults, Step
from composer.run.timeline import compile_timeline

from .conftest import DATA, glute_command

# The suite fuzzes a fixed set of documents, so that a run is repeatable;
# GLUTE_FUZZ_RANDOM=1 and GLUTE_FUZZ_EXAMPLES=N explore further.
RANDOM = os.environ.get("GLUTE_FUZZ_RANDOM") == "1"
EXAMPLES = int(os.environ.get("GLUTE_FUZZ_EXAMPLES", "1200"))

# A case slower than this fails (hypothesis checks it after the case)...
DEADLINE = timedelta(seconds=2)
# ...and one still running after this is stopped and fails.
CASE_LIMIT_S = 5.0


class CaseTooSlow(AssertionError):
    """A case ran past CASE_LIMIT_S."""


@contextmanager
def time_limit(seconds: float = CASE_LIMIT_S):
    """Fail, rather than hang, when the body runs longer than `seconds`."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum, _frame):
        raise CaseTooSlow(f"one case ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fuzz_settings(examples: int):
    return settings(
        max_examples=examples,
        derandomize=not RANDOM,
        deadline=DEADLINE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


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
        # A rep is held or paced, not both.
        pace = draw(st.sampled_from(["hold_s", "rep_s", None]))
        if pace:
            fields[pace] = draw(SECONDS)
        fields["relax_s"] = draw(st.none() | st.integers(0, 600).map(float))
    return Dose(**fields)


# PEP 508 requirements, as `requires` holds them.
REQUIREMENTS = st.builds(
    lambda name, spec: name + spec,
    st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True),
    st.sampled_from(["", ">=1.2", "==0.1.0", "[extra]>=2,<3", "~=1.4"]),
)


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
    requires=st.lists(REQUIREMENTS, max_size=2),
    defaults=st.builds(
        SessionDefaults,
        rest_s=st.none() | st.integers(0, 3600).map(float),
        switch_s=st.none() | st.integers(0, 600).map(float),
        transition_s=st.none() | st.integers(0, 600).map(float),
    ),
    blocks=st.lists(blocks, max_size=4),
)


@fuzz_settings(EXAMPLES // 4)
@given(sessions)
def test_save_then_load_is_the_identity(session):
    text = dumps_session(session)
    with time_limit():
        again = parse_session(text, "fuzz.toml")
    assert again == session
    assert dumps_session(again) == text


def _reads_cleanly(text: str) -> Session | None:
    """Parse `text`: a session, or SessionError with at most 51 one-line
    problems; anything else, or a case over the time limit, fails."""
    try:
        with time_limit():
            return parse_session(text, "fuzz.toml")
    except SessionError as error:
        assert error.problems
        assert len(error.problems) <= MAX_PROBLEMS + 1
        for problem in error.problems:
            line = str(problem)
            assert line.startswith("fuzz.toml: ")
            assert "\n" not in line
        return None


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


@fuzz_settings(EXAMPLES)
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


@fuzz_settings(EXAMPLES)
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


# -- hostile input ---------------------------------------------------------------------

# Characters that have hurt readers and terminals: controls, bidi overrides
# and isolates, Unicode line and paragraph separators, a byte-order mark.
HOSTILE_CHARS = (
    [chr(c) for c in range(0x00, 0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
    + ["\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\ufeff", "\u061c"]
)
HOSTILE_TEXT = st.text(
    alphabet=st.sampled_from(HOSTILE_CHARS) | st.characters(blacklist_categories=("Cs",)),
    max_size=60,
)
DURATION_ALPHABET = "0123456789.hmsinecHMS \t٣٠３x-+e"
DURATION_TEXT = st.one_of(
    st.text(alphabet=DURATION_ALPHABET, max_size=48),
    # long digit runs, the shape that made the old pattern backtrack
    st.builds(
        lambda n, tail: "1" * n + tail,
        st.integers(1, 5000),
        st.sampled_from(["", "x", "s", " ", "m1", "٣"]),
    ),
    st.lists(
        st.sampled_from(["1", "9", "1h", "1m", "1s", "1.5", " ", "min", "sec"]), max_size=20
    ).map("".join),
)


@fuzz_settings(EXAMPLES // 2)
@given(DURATION_TEXT)
def test_any_duration_text_is_read_or_refused_at_once(text):
    with time_limit(0.5):
        try:
            seconds = parse_duration(text)
        except ValueError as error:
            assert len(str(error)) < 200
        else:
            assert 0 <= seconds < float("inf")
            assert len(text) <= 32


@fuzz_settings(EXAMPLES // 4)
@given(
    st.dictionaries(
        st.sampled_from(["rest_s", "switch_s", "transition_s", "relax_s"]), DURATION_TEXT
    ),
    st.lists(
        st.dictionaries(st.sampled_from(["duration_s", "hold_s", "rest_s"]), DURATION_TEXT),
        max_size=4,
    ),
)
def test_duration_text_in_a_file_fails_only_with_session_errors(defaults, steps):
    doc = {"defaults": defaults, "blocks": [{"steps": [{"exercise": "a/b", **s} for s in steps]}]}
    _reads_cleanly(tomli_w.dumps(doc))


@fuzz_settings(EXAMPLES // 4)
@given(
    st.dictionaries(
        st.sampled_from(["title", "description", "author", "name", "note"]) | HOSTILE_TEXT,
        HOSTILE_TEXT | st.lists(HOSTILE_TEXT, max_size=3),
        max_size=8,
    ),
    HOSTILE_TEXT,
)
def test_control_and_bidi_characters_never_shift_or_break_messages(doc, step_name):
    doc.pop("blocks", None)
    doc.pop("defaults", None)
    text = (
        tomli_w.dumps(doc)
        + '\n[[blocks]]\n\n[[blocks.steps]]\nexercise = "a/b"\n'
        + tomli_w.dumps({"name": step_name})
        + "setz = 1\n"
    )
    with time_limit():
        try:
            parse_session(text, "fuzz.toml")
        except SessionError as error:
            problems = error.problems
        else:
            raise AssertionError("the unknown key 'setz' was not reported")
    setz = [p for p in problems if p.where.endswith(".setz")]
    if setz:  # it may be past the 50 shown
        true_line = text.split("\n").index("setz = 1") + 1
        assert setz[0].line == true_line
    for problem in problems:
        assert "\n" not in str(problem)


@fuzz_settings(40)
@given(st.integers(52, 3000), st.integers(0, 3))
def test_many_keys_give_fifty_problems_and_a_count(count, where):
    keys = {f"unknown{i}": i for i in range(count)}
    if where == 0:
        doc = keys
    elif where == 1:
        doc = {"defaults": keys}
    elif where == 2:
        doc = {"blocks": [keys]}
    else:
        doc = {"blocks": [{"steps": [{"exercise": "a/b", **keys}]}]}
    with time_limit():
        try:
            parse_session(tomli_w.dumps(doc), "fuzz.toml")
        except SessionError as error:
            problems = [str(p) for p in error.problems]
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == f"fuzz.toml: … and {count - MAX_PROBLEMS:,} more problems"


# Sessions with every repeat at its largest: rounds of steps of sets of reps
# on both sides, from the file or from a plugin's (unbounded) default dose.
BIG_DOSES = st.builds(
    Dose,
    sets=st.none() | st.integers(1, 50) | st.integers(1, 10**12),
    reps=st.none() | st.integers(1, 500) | st.integers(1, 10**12),
    hold_s=st.none() | st.sampled_from([0.5, 1.0, 600.0]),
    relax_s=st.none() | st.sampled_from([0.0, 2.0]),
    rest_s=st.none() | st.sampled_from([0.0, 30.0, 3600.0]),
    sides=st.none() | st.sampled_from(["both", "each", "alternating"]),
)


@fuzz_settings(EXAMPLES // 6)
@given(
    st.lists(
        st.builds(
            Block,
            rounds=st.integers(1, 20),
            rest_s=st.sampled_from([0.0, 60.0]),
            steps=st.lists(st.builds(Step, exercise=st.just("p/x"), dose=BIG_DOSES), max_size=4),
        ),
        max_size=6,
    ),
    BIG_DOSES,
)
def test_nested_repeats_and_huge_doses_are_bounded(blocks, plugin_dose):
    exercise = Exercise(id="x", name="X", phase="activate", dose=plugin_dose)
    session = Session(blocks=blocks)
    with time_limit():
        size = session_size(session, {"p/x": exercise}.get)
        try:
            timeline = compile_timeline(session, {"p/x": exercise}.get)
        except SessionTooLarge:
            assert size.too_large
        else:
            assert not size.too_large
            assert len(timeline.intervals) == size.intervals <= MAX_INTERVALS


# -- the real command on hostile files ----------------------------------------------------


def _hostile_files() -> dict[str, str]:
    """Files of at most 1 MiB, each aimed at one way to make a reader hang,
    blow up its memory or crash."""
    step = '[[blocks.steps]]\nexercise = "{id}"\n{dose}\n'
    big = 'sets = 50\nreps = 500\nhold_s = 0.5\nrelax_s = 0\nsides = "alternating"'
    files = {
        "digit-runs": "[[blocks]]\n"
        + "".join(step.format(id="a/b", dose=f'duration_s = "{"1" * 31}x"') for _ in range(3000)),
        "huge-dose": "[[blocks]]\nrounds = 20\n"
        + step.format(id="a/b", dose=big)
        + step.format(id="a/c", dose=big),
        "every-repeat-at-its-largest": "".join(
            "[[blocks]]\nrounds = 20\n" + step.format(id="a/b", dose=big) * 50 for _ in range(100)
        ),
        "many-unknown-keys": "".join(f"k{i} = 1\n" for i in range(60_000)),
        "long-key": f'"{"k" * 900_000}" = 1\n',
        "spaces-after-a-bracket": 'description = """\n[a' + " " * 1_000_000 + 'x\n"""\nsetz = 1\n',
        "line-separators": 'description = """\n'
        + "\u2028" * 300_000
        + '\n"""\n[[blocks]]\n[[blocks.steps]]\nexercise = "a/b"\nsetz = 1\n',
        "controls-and-bidi": 'title = "\u202eevil\u2066\\u001b[31m\\u0007"\n'
        'author = "\\u0000"\n[[blocks]]\ntitle = "\u2028\u2029\\u0085"\n',
        "deep-arrays": "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
        "deep-tables": "a" + ".a" * 200_000 + " = 1\n",
        "deep-header": "[a" + ".a" * 400_000 + "]\n",
        "deep-inline-key": "x = {a" + ".a" * 400_000 + " = 1}\n",
        "dotted-digits-spaced": "1.1" + " . 1.1" * 150_000 + " = 1\n",
        "four-dot-keys": "".join(
            f"k{i}" + "".join(f".p{j}" for j in range(4)) + " = 1\n" for i in range(40_000)
        ),
        "many-blocks": "[[blocks]]\n" * 80_000,
        "huge-number": "[[blocks]]\nrounds = " + "9" * 4000 + "\n",
        "huge-text": 'title = "' + "x" * 1_000_000 + '"\n',
        "missing-plugins": "[[blocks]]\n"
        + "".join(step.format(id="gone/x", dose="duration_s = 1") for _ in range(5000)),
        "many-valid-steps": "[defaults]\ntransition_s = 0\n"
        + "".join(
            "[[blocks]]\n" + step.format(id="a/b", dose="duration_s = 1") * 50 for _ in range(100)
        ),
    }
    for name, text in files.items():
        assert len(text.encode()) <= 1024 * 1024, name
    return files


HOSTILE = _hostile_files()
MEMORY_CAP = 1 << 30  # address space for each run: a regression fails, not the machine

# Runs the command as its own child and reports that child's resource use.
# A child of the test process itself would count the test process's memory
# too (the peak resident size carries over through fork and exec).
MEASURE = r"""
import json, os, resource, sys, time
cap, report, out, err, *args = sys.argv[1:]
started = time.monotonic()
pid = os.fork()
if pid == 0:
    resource.setrlimit(resource.RLIMIT_AS, (int(cap), int(cap)))
    os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
    os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
    os.execv(args[0], args)
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    if time.monotonic() - started > 30:
        os.kill(pid, 9)
        done, status, usage = os.wait4(pid, 0)
        break
    time.sleep(0.005)
scale = 1 if sys.platform == "darwin" else 1024
with open(report, "w") as handle:
    json.dump(
        {
            "code": os.waitstatus_to_exitcode(status),
            "wall": time.monotonic() - started,
            "cpu": usage.ru_utime + usage.ru_stime,
            "memory": usage.ru_maxrss * scale,
        },
        handle,
    )
"""


def _run_measured(args: list[str], env: dict, folder) -> tuple[int, str, float, float, int]:
    """Run `args`: exit code, stderr, wall seconds, CPU seconds, peak memory in bytes."""
    import json
    import subprocess
    import sys

    report, out, err = folder / "report.json", folder / "stdout.txt", folder / "stderr.txt"
    command = [sys.executable, "-c", MEASURE, str(MEMORY_CAP), str(report), str(out), str(err)]
    subprocess.run([*command, *args], env=env, check=True, timeout=60)
    result = json.loads(report.read_text(encoding="utf-8"))
    stderr = err.read_text(encoding="utf-8", errors="replace")
    return result["code"], stderr, result["wall"], result["cpu"], result["memory"]


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4 to measure a child")
@pytest.mark.parametrize("command", ["validate", "show"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_glute_on_hostile_files_is_quick_small_and_clean(name, command, tmp_path, glute_env):
    path = tmp_path / f"{name}.toml"
    path.write_text(HOSTILE[name], encoding="utf-8")
    code, stderr, wall, cpu, memory = _run_measured(
        [*glute_command(), command, str(path)], glute_env, tmp_path
    )
    assert code in (0, 1), stderr[-2000:]
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[-2000:]
    assert len(stderr.splitlines()) <= MAX_PROBLEMS + 1
    # CPU time is what the command costs; the wall-clock time also counts
    # waiting for the CPU on a loaded machine, so it only guards against a hang.
    assert cpu < 2.0, f"{cpu:.2f} s of CPU ({wall:.2f} s in all)"
    assert wall < 30, f"{wall:.2f} s"
    assert memory < 200 * 1024 * 1024, f"{memory / 2**20:.0f} MiB"
