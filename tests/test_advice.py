"""Advice: each protocol rule on a small golden session, advice learned
from a seeded history, the shipped templates, the edits that follow advice,
and `glute advise` itself."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from composer.catalog.manager import load_catalog
from composer.cli.main import main
from composer.edit.undo import Position, apply_advice
from composer.format.reader import load_session, parse_session
from composer.format.writer import dumps_session
from composer.habit import advice as advice_module
from composer.habit.advice import Advice, Edit, Location, advise
from composer.model import Block, Dose, Session, Step

from .conftest import DATA, ROOT

GOLDEN = DATA / "advice"
GOLDEN_FILES = sorted(GOLDEN.glob("*.toml"))
TEMPLATE_FILES = sorted((ROOT / "templates").glob("*.toml"))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(plugins_dir=Path("/nonexistent"), only="")


def kinds(found: list[Advice]) -> list[tuple[str, str]]:
    return [(a.kind, a.where) for a in found]


# -- the protocol rules, on golden sessions ------------------------------------------------


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_golden_session(path, monkeypatch, capsys):
    """`glute advise` prints exactly the lines in the .expected file; to
    see a change, run `glute advise NAME.toml` in tests/data/advice."""
    monkeypatch.chdir(GOLDEN)
    assert main(["advise", path.name]) == 0
    out = capsys.readouterr().out
    assert out == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_each_rule_has_a_golden_session_that_shows_it(catalog):
    shown = set()
    for path in GOLDEN_FILES:
        shown |= {a.kind for a in advise(load_session(path), catalog)}
    assert shown == {
        "phase-order",
        "activate-first",
        "short-hold",
        "long-hold",
        "sides",
        "cool-down",
        "level-jump",
    }


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_applying_each_edit_settles_its_advice(path, catalog):
    """Apply one advice's edit to a fresh copy: that advice is gone, and
    no new advice of the same kind appears at that place."""
    session = load_session(path)
    for item in advise(session, catalog):
        if item.edit is None:
            continue
        changed = copy.deepcopy(session)
        apply_advice(changed, item.edit, catalog.get)
        after = advise(changed, catalog)
        assert item not in after
        if item.edit.action in ("set", "replace"):
            assert (item.kind, item.where) not in kinds(after), after


def test_phase_order_names_the_step_and_moves_it_back(catalog):
    session = load_session(GOLDEN / "phase-order.toml")
    found = [a for a in advise(session, catalog) if a.kind == "phase-order"]
    roll = found[0]
    assert roll.location == Location(0, 1)
    assert roll.edit.action == "move" and roll.edit.before == Location(0, 0)
    at = apply_advice(session, roll.edit, catalog.get)
    assert at == Position(0, 0)
    assert [s.exercise for s in session.blocks[0].steps][:2] == [
        "rolling/glute-ball-roll",
        "activation/clamshell",
    ]


def test_a_step_moves_back_across_blocks(catalog):
    session = Session(
        blocks=[
            Block(title="A", steps=[Step(exercise="activation/clamshell")]),
            Block(
                title="B",
                steps=[
                    Step(exercise="rolling/glute-ball-roll"),
                    Step(exercise="stability/glute-bridge"),
                ],
            ),
            Block(title="C", steps=[Step(exercise="cooldown/childs-pose")]),
        ]
    )
    (found,) = advise(session, catalog)
    assert (found.kind, found.where) == ("phase-order", "blocks[2].steps[1]")
    assert apply_advice(session, found.edit, catalog.get) == Position(0, 0)
    assert [[s.exercise for s in b.steps] for b in session.blocks] == [
        ["rolling/glute-ball-roll", "activation/clamshell"],
        ["stability/glute-bridge"],
        ["cooldown/childs-pose"],
    ]
    assert advise(session, catalog) == []


def test_a_level_jump_gets_the_missing_rung(catalog):
    session = load_session(GOLDEN / "level-jump.toml")
    (found,) = advise(session, catalog)
    assert found.edit.action == "insert" and found.edit.at == Location(1, 1)
    assert found.edit.exercise == "stability/single-leg-bridge"
    apply_advice(session, found.edit, catalog.get)
    assert [s.exercise for s in session.blocks[1].steps] == [
        "stability/glute-bridge",
        "stability/single-leg-bridge",
        "stability/ball-bridge",
    ]
    assert advise(session, catalog) == []


def test_the_cool_down_part_may_hold_any_phase(catalog):
    """After the last work step: stretches, a walk, a roll, in any order."""
    session = Session(
        blocks=[
            Block(
                title="A",
                steps=[
                    Step(exercise="activation/glute-squeeze"),
                    Step(exercise="stretch/quad-stretch"),
                    Step(exercise="mobility/wall-slides"),
                    Step(exercise="rolling/buttock-kneading"),
                ],
            )
        ]
    )
    assert advise(session, catalog) == []


def test_a_session_without_work_has_no_order(catalog):
    session = Session(
        blocks=[
            Block(
                steps=[
                    Step(exercise="cooldown/childs-pose"),
                    Step(exercise="stretch/groin-stretch"),
                    Step(exercise="rolling/glute-ball-roll"),
                ]
            )
        ]
    )
    assert advise(session, catalog) == []


def test_a_long_hold_with_no_work_after_it_is_fine(catalog):
    session = Session(
        blocks=[
            Block(steps=[Step(exercise="stretch/constructive-rest", dose=Dose(duration_s=900))])
        ]
    )
    assert advise(session, catalog) == []


def test_steps_of_a_missing_plugin_silence_rules_that_need_their_phase(catalog):
    """An unknown step before the bridge might be the activation, and one
    after the squat might be the stretch: no advice claims otherwise."""
    session = Session(
        blocks=[
            Block(
                steps=[
                    Step(exercise="yoga/mystery", name="Mystery"),
                    Step(exercise="stability/glute-bridge"),
                    Step(exercise="integration/bodyweight-squat"),
                    Step(exercise="yoga/other", name="Other"),
                ]
            )
        ]
    )
    assert advise(session, catalog) == []


def test_block_advice_is_named_by_its_title_or_its_number(catalog):
    session = load_session(GOLDEN / "cool-down.toml")
    (found,) = advise(session, catalog)
    assert found.where == 'block "Build"'
    session.blocks[1].title = ""
    (found,) = advise(session, catalog)
    assert found.where == "blocks[2]"


def test_advice_is_linear_in_the_number_of_steps(catalog):
    """Ten times the steps takes about ten times as long, not a hundred."""
    base = load_session(GOLDEN / "sides.toml")
    base.blocks += load_session(GOLDEN / "phase-order.toml").blocks

    def timed(copies: int) -> float:
        session = Session(blocks=[copy.deepcopy(b) for _ in range(copies) for b in base.blocks])
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            advise(session, catalog)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = timed(20), timed(200)
    assert large < small * 30, (small, large)
    assert large < 0.5


# -- the shipped templates ------------------------------------------------------------------


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=[p.stem for p in TEMPLATE_FILES])
def test_templates_get_no_protocol_advice(path, catalog):
    found = [a for a in advise(load_session(path), catalog) if a.origin == "protocol"]
    assert found == [], "\n".join(a.line(path.name) for a in found)


def test_templates_served_by_the_plugin_get_no_protocol_advice(catalog):
    for name, template in catalog.templates().items():
        session = parse_session(template.text(), template.filename)
        found = [a for a in advise(session, catalog) if a.origin == "protocol"]
        assert found == [], (name, [a.line(name) for a in found])


# -- advice from the history ------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    exercise_id: str
    rating: str | None = None
    pain: int | None = None
    felt: list[str] = field(default_factory=list)
    outcome: str = "completed"


class FakeHistory:
    """The history's read interface over a list of outcomes, newest first."""

    def __init__(self, *outcomes: Outcome) -> None:
        self.outcomes = list(outcomes)
        self.asked: list[tuple[str, int]] = []

    def step_outcomes(self, exercise_id: str, limit: int) -> list[Outcome]:
        self.asked.append((exercise_id, limit))
        return [o for o in self.outcomes if o.exercise_id == exercise_id][:limit]


def _runs(exercise: str, *ratings: str | None, **extra) -> list[Outcome]:
    return [Outcome(exercise, rating=r, **extra) for r in ratings]


def _ladder(*steps: str) -> Session:
    """A protocol-clean session around the given work steps."""
    return Session(
        blocks=[
            Block(title="Work", steps=[Step(exercise=s) for s in steps]),
            Block(title="Cool down", steps=[Step(exercise="cooldown/childs-pose")]),
        ]
    )


def _history_advice(session, catalog, history) -> list[Advice]:
    return [a for a in advise(session, catalog, history) if a.origin == "history"]


def test_easy_three_of_four_moves_up_the_progression(catalog):
    session = _ladder("activation/prone-glute-squeeze")
    history = FakeHistory(*_runs("activation/prone-glute-squeeze", "easy", "right", "easy", "easy"))
    (found,) = _history_advice(session, catalog, history)
    assert found.kind == "harder" and found.where == "blocks[1].steps[1]"
    harder = catalog.harder(catalog.get("activation/prone-glute-squeeze"))[0]
    assert found.edit.action == "replace" and found.edit.exercise == harder.full_id
    assert "3 of its last 4 runs" in found.message
    assert history.asked == [("activation/prone-glute-squeeze", 4), ("cooldown/childs-pose", 4)]
    apply_advice(session, found.edit, catalog.get)
    assert session.blocks[0].steps[0].exercise == harder.full_id


def test_easy_only_counts_the_last_four_runs(catalog):
    session = _ladder("activation/prone-glute-squeeze")
    history = FakeHistory(
        *_runs("activation/prone-glute-squeeze", "easy", "right", "right", "easy", "easy", "easy")
    )
    assert _history_advice(session, catalog, history) == []


def test_easy_at_the_top_of_a_chain_holds_longer(catalog):
    top = catalog.chain(catalog.get("stability/glute-bridge"))[-1]
    assert not catalog.harder(top) and top.dose.hold_s is not None
    session = _ladder("activation/glute-squeeze", top.full_id)
    history = FakeHistory(*_runs(top.full_id, "easy", "easy", "easy"))
    (found,) = _history_advice(session, catalog, history)
    assert found.kind == "harder"
    longer = top.dose.hold_s + max(2, round(top.dose.hold_s / 2))
    assert found.edit.action == "set" and dict(found.edit.changes) == {"hold_s": longer}
    apply_advice(session, found.edit, catalog.get)
    assert session.blocks[0].steps[1].dose.hold_s == longer


def test_easy_timed_work_holds_longer_and_self_paced_work_gets_more_reps(catalog):
    session = _ladder("activation/glute-squeeze", "stability/side-plank")
    session.blocks[0].steps.append(Step(exercise="integration/step-up"))
    history = FakeHistory(
        *_runs("stability/side-plank", "easy", "easy", "easy"),
        *_runs("integration/step-up", "easy", "easy", "easy", "hard"),
    )
    found = {
        a.edit.expected: dict(a.edit.changes) for a in _history_advice(session, catalog, history)
    }
    assert found == {
        "stability/side-plank": {"duration_s": 35.0},
        "integration/step-up": {"reps": 12},
    }


def test_hard_last_time_steps_back(catalog):
    session = _ladder("activation/glute-squeeze", "stability/single-leg-bridge")
    history = FakeHistory(*_runs("stability/single-leg-bridge", "hard", "easy", "easy", "easy"))
    (found,) = _history_advice(session, catalog, history)
    assert found.kind == "easier"
    assert found.edit.exercise == "stability/marching-bridge"
    assert "rated hard last time" in found.message


def test_pain_after_work_steps_back_and_says_stop_on_sharp_pain(catalog):
    session = _ladder("activation/glute-squeeze", "stability/single-leg-bridge")
    history = FakeHistory(Outcome("stability/single-leg-bridge", rating="right", pain=5))
    (found,) = _history_advice(session, catalog, history)
    assert found.kind == "easier" and found.edit.exercise == "stability/marching-bridge"
    assert "pain of 5/10" in found.message and "stop on sharp pain" in found.message


def test_pain_below_four_or_on_a_stretch_is_no_advice(catalog):
    session = _ladder("activation/glute-squeeze", "stability/single-leg-bridge")
    session.blocks[0].steps.insert(0, Step(exercise="stretch/hip-flexor-knee-lifted"))
    history = FakeHistory(
        Outcome("stability/single-leg-bridge", pain=3),
        Outcome("stretch/hip-flexor-knee-lifted", pain=7),
    )
    assert _history_advice(session, catalog, history) == []


def test_hard_with_nothing_easier_lightens_the_dose(catalog):
    session = _ladder("activation/prone-glute-squeeze")
    history = FakeHistory(Outcome("activation/prone-glute-squeeze", rating="hard"))
    (found,) = _history_advice(session, catalog, history)
    assert found.edit.action == "set" and dict(found.edit.changes) == {"sets": 2}


def test_bridge_felt_in_the_lower_back_without_activation_gets_a_squeeze_first(catalog):
    session = _ladder("stability/glute-bridge")
    history = FakeHistory(Outcome("stability/glute-bridge", felt=["lower back", "quads"]))
    found = _history_advice(session, catalog, history)
    assert [a.kind for a in found] == ["felt"]
    assert found[0].edit.action == "insert"
    assert found[0].edit.exercise == "activation/glute-squeeze"
    assert "lower back" in found[0].message
    apply_advice(session, found[0].edit, catalog.get)
    assert [s.exercise for s in session.blocks[0].steps] == [
        "activation/glute-squeeze",
        "stability/glute-bridge",
    ]


def test_bridge_felt_in_the_hamstrings_after_activation_steps_back(catalog):
    session = _ladder("activation/clamshell", "stability/marching-bridge")
    history = FakeHistory(Outcome("stability/marching-bridge", rating="hard", felt=["hamstrings"]))
    found = _history_advice(session, catalog, history)
    assert [a.kind for a in found] == ["felt"]  # one history advice per step
    assert found[0].edit.action == "replace"
    assert found[0].edit.exercise == "stability/glute-bridge"


def test_felt_in_the_glutes_is_what_we_want(catalog):
    session = _ladder("activation/clamshell", "stability/glute-bridge")
    history = FakeHistory(Outcome("stability/glute-bridge", felt=["glutes"]))
    assert _history_advice(session, catalog, history) == []


def test_a_history_that_fails_is_reported_once_and_left_alone(catalog):
    class Broken:
        calls = 0

        def step_outcomes(self, exercise_id, limit):
            Broken.calls += 1
            raise RuntimeError("database disk image is malformed")

    reports = []
    history = advice_module.SafeHistory(Broken(), reports.append)
    session = _ladder("activation/clamshell", "stability/glute-bridge")
    assert _history_advice(session, catalog, history) == []
    assert Broken.calls == 1
    assert reports == ["warning: history not read: database disk image is malformed"]


def test_the_history_is_asked_once_per_exercise(catalog):
    fake = FakeHistory()
    history = advice_module.SafeHistory(fake)
    session = _ladder("activation/clamshell", "stability/glute-bridge")
    advise(session, catalog, history)
    advise(session, catalog, history)
    assert len(fake.asked) == 3


# -- edits ----------------------------------------------------------------------------------------


def test_a_stale_edit_is_refused(catalog):
    session = _ladder("activation/clamshell")
    edit = Edit(
        "replace", Location(0, 0), exercise="activation/fire-hydrant", expected="stability/plank"
    )
    with pytest.raises(ValueError, match="changed"):
        apply_advice(session, edit, catalog.get)
    with pytest.raises(ValueError, match="changed"):
        apply_advice(session, Edit("set", Location(5, 0), changes=(("sets", 2),)), catalog.get)
    with pytest.raises(ValueError, match="not installed"):
        apply_advice(session, Edit("insert", Location(0, 0), exercise="nope/nothing"), catalog.get)


def test_insert_into_a_new_block(catalog):
    session = load_session(GOLDEN / "cool-down.toml")
    (found,) = advise(session, catalog)
    at = apply_advice(session, found.edit, catalog.get)
    assert at == Position(2, 0)
    assert session.blocks[2].title == "Cool down"
    assert session.blocks[2].steps == [Step(exercise="cooldown/childs-pose", name="Child's pose")]
    assert advise(session, catalog) == []


def test_set_keeps_the_rest_of_the_dose(catalog):
    session = load_session(GOLDEN / "long-hold.toml")
    found = advise(session, catalog)
    quad = next(a for a in found if a.where == "blocks[1].steps[2]")
    assert dict(quad.edit.changes) == {"sets": 1}
    apply_advice(session, quad.edit, catalog.get)
    step = session.blocks[0].steps[1]
    assert step.dose == Dose(sets=1, duration_s=30)
    hip = next(a for a in found if a.where == "blocks[1].steps[1]")
    assert dict(hip.edit.changes) == {"duration_s": 30.0}
    apply_advice(session, hip.edit, catalog.get)
    assert session.blocks[0].steps[0].dose == Dose(duration_s=30)
    assert "duration_s = 30" in dumps_session(session)


# -- the command ----------------------------------------------------------------------------------


def test_advise_json_carries_kind_place_and_edit(monkeypatch, capsys):
    monkeypatch.chdir(GOLDEN)
    assert main(["advise", "--json", "short-hold.toml"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {
        "file": "short-hold.toml",
        "kind": "short-hold",
        "origin": "protocol",
        "where": "blocks[1].steps[1]",
        "block": 1,
        "step": 1,
        "message": data[0]["message"],
        "source": "Bandy & Irion 1994",
        "edit": {
            "action": "set",
            "block": 1,
            "step": 1,
            "exercise": "stretch/supine-psoas-stretch",
            "set": {"duration_s": 30.0},
            "summary": "set the hold to 30 s at blocks[1].steps[1]",
        },
    }
    assert main(["advise", "--json", "clean.toml"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_advise_an_invalid_file_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[blocks]]\n[[blocks.steps]]\nexercise = "activation/clamshell"\nsetz = 2\n')
    assert main(["advise", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}: line 4, blocks[1].steps[1].setz: unknown key 'setz'")
    assert main(["advise", str(tmp_path / "missing.toml")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_advise_escapes_what_the_file_says(tmp_path, capsys):
    path = tmp_path / "evil.toml"
    path.write_text(
        '[[blocks]]\ntitle = "Build\\u202e"\n[[blocks.steps]]\nexercise = "activation/clamshell"\n'
        '[[blocks.steps]]\nexercise = "stability/glute-bridge"\n'
    )
    assert main(["advise", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out
    assert out.startswith(f'{path}: block "Build\\u202e": nothing is stretched after Glute bridge')


def test_advise_uses_the_history_when_there_is_one(monkeypatch, capsys):
    history = FakeHistory(*_runs("stability/glute-bridge", "easy", "easy", "easy"))
    monkeypatch.setattr(advice_module, "open_history", lambda report=None: history)
    monkeypatch.chdir(GOLDEN)
    assert main(["advise", "clean.toml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("clean.toml: blocks[2].steps[2]: Glute bridge was easy in 3 of its last")
    assert out.rstrip().endswith("(your last 3 runs: 3 rated easy)")


def test_without_a_history_file_advice_goes_on_alone(home):
    """No history yet (or no history module in this build): None, and no
    file is created by asking."""
    before = sorted(home.rglob("*"))
    assert advice_module.open_history() is None
    assert sorted(home.rglob("*")) == before


def test_advise_does_not_import_textual(glute_env):
    code = (
        "import sys\nfrom composer.cli.main import main\n"
        f"main(['advise', {str(GOLDEN / 'sides.toml')!r}])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=glute_env
    )
    assert out.stderr.strip().endswith("CLEAN"), out.stderr
    assert "sides.toml: blocks[2].steps[1]:" in out.stdout


def test_the_real_history_gives_the_felt_advice(catalog, home):
    """The advice reads the SQLite history itself: a bridge run whose
    check-in says it was felt in the lower back."""
    from datetime import UTC, datetime

    from composer.store.history import CheckIn, Run, StepOutcome, open_history

    started = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    run = Run(
        key="r1",
        started=started,
        ended=started,
        file="/tmp/ladder.toml",
        title="Ladder",
        session_hash="ab" * 32,
        planned_s=300.0,
        done_s=300.0,
        paused_s=0.0,
        steps=1,
        completed=1,
        partly=0,
        skipped=0,
        finished=True,
    )
    with open_history() as history:
        run_id = history.record_run(
            run, [StepOutcome(0, "stability/glute-bridge", "Glute bridge", "completed", 300.0)]
        )
        history.record_checkin(run_id, CheckIn(felt=["lower back"], effort=5, pain=1))
        [outcome] = history.step_outcomes("stability/glute-bridge", 4)
        assert outcome.felt == ("lower back",)
        found = _history_advice(_ladder("stability/glute-bridge"), catalog, history)
    assert [a.kind for a in found] == ["felt"]
