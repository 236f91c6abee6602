"""The history and resume costs: `glute history` on 1,000 runs against
`glute --version` sampled in the same loop (target: within 3x), one run recorded with its check-in
(target < 20 ms), and the place of a run saved with fsync at an interval
change (target < 20 ms).

    python benchmarks/history.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from _common import MIN_SAMPLES, compile_bytecode, interleaved, report, sampled

RUNS_IN_HISTORY = 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    glute = shutil.which("glute", path=str(Path(sys.executable).parent)) or shutil.which("glute")
    if glute is None:
        print("glute is not installed in this environment", file=sys.stderr)
        return 2
    compile_bytecode()
    home = tempfile.mkdtemp()
    os.environ["GLUTE_COMPOSER_HOME"] = home

    from composer.model import Block, Dose, Session, Step
    from composer.run.engine import Engine
    from composer.run.resume import RunLog
    from composer.run.timeline import compile_timeline
    from composer.store.history import CheckIn, Run, StepOutcome, open_history

    now = datetime.now().astimezone()
    steps = [StepOutcome(i, f"a/e{i}", f"Exercise {i}", "completed", 100.0, 98.0) for i in range(6)]
    count = [0]

    def record() -> None:
        count[0] += 1
        run = Run(
            key=f"run-{count[0]}",
            started=now - timedelta(hours=3 * count[0]),
            title="Desk-worker wake-up",
            file="/home/sam/wake-up.toml",
            done_s=600,
            steps=6,
            completed=6,
            finished=True,
        )
        run_id = history.record_run(run, steps)
        history.record_checkin(run_id, CheckIn(felt=["glutes"], effort=5, pain=0))

    with open_history() as history:
        recording = sampled("record a run and its check-in", record, RUNS_IN_HISTORY)

    session = Session(
        title="Long",
        blocks=[
            Block(
                steps=[
                    Step(exercise=f"a/e{i}", name="E", dose=Dose(sets=3, reps=15, hold_s=3))
                    for i in range(20)
                ]
            )
        ],
    )
    timeline = compile_timeline(session)
    engine = Engine(timeline)
    engine.start()
    for _ in range(len(timeline.intervals) // 2):
        engine.skip()
    log = RunLog(session, timeline, Path(home) / "long.toml")
    checkpoint = sampled(
        f"save the place ({len(timeline.intervals)} intervals)", lambda: log.checkpoint(engine), 100
    )

    def call(*command: str) -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    runs = max(args.runs, MIN_SAMPLES)

    def version() -> None:
        call(glute, "--version")

    listing = interleaved(
        f"glute history ({RUNS_IN_HISTORY} runs)", lambda: call(glute, "history"), version, runs
    )
    as_json = interleaved(
        f"glute history --json ({RUNS_IN_HISTORY} runs)",
        lambda: call(glute, "history", "--json"),
        version,
        runs,
    )
    ok = report(listing, target=3.0)
    ok &= report(as_json, target=3.0)
    ok &= report(recording, limit=0.020)
    ok &= report(checkpoint, limit=0.020)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
