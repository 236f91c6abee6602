"""`glute run --plain`: golden output on a fake clock, Enter for done and for
go, Ctrl+C, and the command itself (automatic without a terminal)."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.cues import CueDispatcher, CueSettings
from composer.run.plain import PlainRunner
from composer.run.timeline import compile_timeline
from composer.store.history import open_history

from .conftest import glute_command
from .test_cues import fake_bin, logged  # noqa: F401  (a fixture)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Typing:
    """Lines typed at given times of the fake clock; waiting moves the clock."""

    def __init__(self, clock: Clock, script: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.script = list(script)

    def __call__(self, timeout: float) -> str | None:
        if self.script and self.script[0][0] <= self.clock.now + timeout:
            at, line = self.script.pop(0)
            self.clock.now = max(self.clock.now, at)
            if line == "^C":
                raise KeyboardInterrupt
            return line
        self.clock.now += timeout
        return None


def session() -> Session:
    return Session(
        title="Plain\x1b[31m test",
        defaults=SessionDefaults(transition_s=4),
        blocks=[
            Block(
                title="Warm",
                steps=[
                    Step(
                        exercise="gone/plank",
                        name="Side plank",
                        dose=Dose(duration_s=5, sides="each", switch_s=3),
                    ),
                    Step(exercise="gone/squat", name="Squat", dose=Dose(reps=8)),
                ],
            )
        ],
    )


def run(script, **options) -> tuple[str, PlainRunner]:
    clock = Clock()
    out = io.StringIO()
    sess = session()
    runner = PlainRunner(
        sess,
        compile_timeline(sess),
        out=out,
        wait_input=Typing(clock, script),
        clock=clock,
        **options,
    )
    assert runner.run() == 0
    return out.getvalue(), runner


GOLDEN = """\
Plain\\x1b[31m test · about 45 s
Type a command and press Enter: (Enter) done or go · n next · b back · p pause · s skip step · q stop
== Warm ==
0:04 GET READY Side plank · 5 s · each side · start LEFT
3…
2…
1…
0:05 WORK Side plank · LEFT
3…
2…
1…
0:03 SWITCH SIDES · RIGHT next
0:05 WORK Side plank · RIGHT
3…
2…
1…
0:04 GET READY Squat · 8 reps · self-paced
3…
2…
1…
WORK Squat · 8 reps · press Enter when done
DONE
Time spent: 31 s
Steps completed: 2 of 2
Steps skipped: 0
"""


def test_plain_golden_output_and_enter_for_self_paced_work():
    # The squat starts at 100 + 4 + 5 + 3 + 5 + 4 = 121; Enter 10 s later.
    text, runner = run([(131.0, "")])
    assert text == GOLDEN
    assert runner.engine.summary().elapsed == 31.0
    with open_history() as history:
        (record,) = history.runs()
    assert (record.finished, record.completed) == (True, 2)


def test_plain_wait_holds_each_get_ready_until_enter():
    text, runner = run([(160.0, ""), (200.0, ""), (250.0, "")], wait=True)
    lines = text.splitlines()
    assert lines[3:5] == [
        "0:04 GET READY Side plank · 5 s · each side · start LEFT",
        "Waiting: press Enter when you are in position.",
    ]
    assert lines[5:8] == ["3…", "2…", "1…"]
    summary = runner.engine.summary()
    # Released at 160, the plank ends at 160 + 4 + 5 + 3 + 5 = 177, where the
    # squat's get-ready waits until 200; its reps run from 204 to 250.
    assert summary.elapsed == 4 + 5 + 3 + 5 + 4 + 46 and summary.finished
    assert summary.paused == (160 - 100) + (200 - 177)


def test_plain_ctrl_c_stops_with_the_same_record_as_the_run_screen():
    text, runner = run([(107.0, "^C")])
    assert text.endswith("Stopped.\nTime spent: 7 s\nSteps completed: 0 of 2\nSteps skipped: 0\n")
    with open_history() as history:
        (record,) = history.runs()
    assert (record.finished, record.done_s, record.steps) == (False, 7.0, 2)
    assert record.title == runner.session.title


def test_plain_commands_next_pause_and_help():
    text, runner = run([(101.0, "n"), (102.0, "p"), (150.0, "p"), (151.0, "what"), (151.5, "q")])
    assert "0:05 WORK Side plank · LEFT" in text
    assert "Paused: press Enter to go on." in text and "Going on." in text
    assert text.count("Type a command") == 2
    assert runner.engine.summary().paused == 48.0


def test_plain_voice_speaks_through_the_same_dispatcher(fake_bin):  # noqa: F811
    class Settled(CueDispatcher):
        """Lets each utterance end before the fake clock moves on (a new one
        would cut it)."""

        def dispatch(self, events, engine):
            cues = super().dispatch(events, engine)
            assert self.wait(10)
            return cues

    run([(131.0, "")], cues=Settled(CueSettings(sound=False, voice=True)))
    spoken = [line.removeprefix("espeak-ng --stdin <")[:-1] for line in logged(fake_bin)]
    assert spoken[0] == "Get ready. Side plank. 5 seconds, each side."
    assert spoken[-2:] == ["8 reps", "done"]


def test_glute_run_is_plain_when_stdout_is_not_a_terminal(tmp_path, glute_env):
    path = tmp_path / "s.toml"
    path.write_text(
        'schema_version = 1\ntitle = "Quick"\n[defaults]\ntransition_s = 0\n'
        '[[blocks]]\n[[blocks.steps]]\nexercise = "gone/x"\nname = "Squat"\nreps = 2\n'
    )
    code = (
        "import sys\nfrom composer.cli.main import main\ncode = main(sys.argv[1:])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "run", str(path)],
        input="\n",
        capture_output=True,
        text=True,
        env=glute_env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "WORK Squat · 2 reps · press Enter when done\nDONE\n" in out.stdout
    assert out.stderr.strip().endswith("CLEAN")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_plain_notifications_in_a_terminal_are_wrapped_for_tmux(tmp_path, glute_env):
    from .pty_terminal import PseudoTerminal

    path = tmp_path / "s.toml"
    path.write_text(
        'schema_version = 1\ntitle = "Quick"\n[defaults]\ntransition_s = 0\n'
        '[[blocks]]\n[[blocks.steps]]\nexercise = "gone/x"\nname = "Squat"\nreps = 2\n'
    )
    env = {**glute_env, "TMUX": "/tmp/tmux-0/default,1,0", "TERM": "xterm-256color"}
    command = [*glute_command(), "run", "--plain", "--notify", str(path)]
    with PseudoTerminal(command, env) as term:
        term.wait_for_text("press Enter when done")
        term.send(b"\r")
        assert term.finish() == 0
        out = term.output
    assert b"\x1bPtmux;\x1b\x1b]9;Glute Composer: WORK: Squat \xc2\xb7 2 reps\x07\x1b\\" in out
    assert b"\x1bPtmux;\x1b\x1b]777;notify;Glute Composer;Session complete\x07\x1b\\" in out
