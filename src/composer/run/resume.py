"""What a run leaves behind: its place, saved as it goes, and its record.

While a session runs, where it is (interval, time left in it, time spent,
pauses, step outcomes so far) is saved at each interval change and on quit,
atomically, in one state file per session file (named by a hash of the
file's absolute path) under ``resume/`` in the data folder. After a quit, a
crash, a closed terminal or ``kill -9``, ``glute run --resume FILE``
continues at the interval that was running; ``glute run FILE`` offers to
when the run was interrupted in the last 12 hours. A state whose session
file has changed since (its canonical text hashes differently) cannot be
continued. A run continued is still one record in the history.

No UI imports.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from composer.model import Session
from composer.run.engine import Engine
from composer.run.timeline import Timeline
from composer.store import paths
from composer.store.history import History, HistoryError, Run, StepOutcome, open_history

__all__ = [
    "OFFER_WITHIN",
    "ResumePlan",
    "RunLog",
    "RunState",
    "clear_state",
    "load_state",
    "plan_resume",
    "session_hash",
    "state_path",
]

STATE_VERSION = 1
OFFER_WITHIN = timedelta(hours=12)
STATE_MAX_BYTES = 4 * 1024 * 1024


def _utc_now() -> datetime:
    return datetime.now(UTC)


def session_hash(session: Session) -> str:
    """SHA-256 of the session's canonical text: its TOML document as sorted
    JSON, so comments and layout do not count, every field that the timer
    reads does."""
    from composer.format.writer import session_to_dict

    text = json.dumps(session_to_dict(session), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def absolute(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(os.fspath(path))


def state_path(file: str | os.PathLike[str]) -> Path:
    digest = hashlib.sha256(absolute(file).encode("utf-8", "surrogateescape")).hexdigest()
    return paths.resume_directory() / f"{digest[:32]}.json"


# -- the state file ------------------------------------------------------------


@dataclass
class RunState:
    """An interrupted run: enough to continue it, or to record it as it was."""

    file: str
    session_hash: str
    key: str
    title: str
    started: datetime
    saved: datetime
    where: str  # the interval that was running, in words
    engine: dict[str, Any]  # `Engine.snapshot()`
    run: Run  # the history record as it stood
    outcomes: list[StepOutcome] = field(default_factory=list)

    def age(self, now: datetime | None = None) -> timedelta:
        return (now or _utc_now()) - self.saved

    def to_json(self) -> str:
        run = self.run
        return json.dumps(
            {
                "version": STATE_VERSION,
                "file": self.file,
                "session_hash": self.session_hash,
                "key": self.key,
                "title": self.title,
                "started": self.started.isoformat(),
                "saved": self.saved.isoformat(),
                "where": self.where,
                "engine": self.engine,
                "run": {
                    "ended": run.ended.isoformat() if run.ended else None,
                    "planned_s": run.planned_s,
                    "done_s": run.done_s,
                    "paused_s": run.paused_s,
                    "steps": run.steps,
                    "completed": run.completed,
                    "partly": run.partly,
                    "skipped": run.skipped,
                    "finished": run.finished,
                },
                "outcomes": [
                    [o.step_index, o.exercise_id, o.name, o.outcome, o.planned_s, o.done_s]
                    for o in self.outcomes
                ],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> RunState:
        """Raises ValueError (or KeyError/TypeError) on anything unexpected."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError("not a run state of this version")
        started = _aware(datetime.fromisoformat(data["started"]))
        saved = _aware(datetime.fromisoformat(data["saved"]))
        engine = data["engine"]
        if not isinstance(engine, dict) or not isinstance(engine.get("index"), int):
            raise ValueError("no interval index")
        run_data = data["run"]
        ended = run_data.get("ended")
        run = Run(
            key=str(data["key"]),
            started=started,
            ended=_aware(datetime.fromisoformat(ended)) if ended else None,
            file=str(data["file"]),
            title=str(data["title"]),
            session_hash=str(data["session_hash"]),
            planned_s=_float(run_data.get("planned_s")),
            done_s=_float(run_data.get("done_s")) or 0.0,
            paused_s=_float(run_data.get("paused_s")) or 0.0,
            steps=int(run_data.get("steps", 0)),
            completed=int(run_data.get("completed", 0)),
            partly=int(run_data.get("partly", 0)),
            skipped=int(run_data.get("skipped", 0)),
            finished=run_data.get("finished") is True,
        )
        outcomes = [
            StepOutcome(
                step_index=int(index),
                exercise_id=str(exercise),
                name=str(name),
                outcome=str(outcome),
                planned_s=_float(planned),
                done_s=_float(done) or 0.0,
            )
            for index, exercise, name, outcome, planned, done in data.get("outcomes", [])
        ]
        return cls(
            file=run.file or "",
            session_hash=run.session_hash or "",
            key=run.key,
            title=run.title,
            started=started,
            saved=saved,
            where=str(data.get("where", "")),
            engine=engine,
            run=run,
            outcomes=outcomes,
        )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return float(value)


def save_state(state: RunState) -> None:
    """Write `state` atomically (temporary file, fsync, rename)."""
    from composer.store.files import atomic_write_text

    target = state_path(state.file)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, state.to_json())


def load_state(file: str | os.PathLike[str]) -> RunState | None:
    """The saved state of `file`'s interrupted run; None when there is none
    or it cannot be read (a damaged state is as good as none)."""
    target = state_path(file)
    try:
        if target.stat().st_size > STATE_MAX_BYTES:
            return None
        state = RunState.from_json(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if state.file != absolute(file):
        return None  # a hash collision, or a file moved by hand
    return state


def clear_state(file: str | os.PathLike[str]) -> None:
    try:
        state_path(file).unlink()
    except FileNotFoundError:
        pass


# -- one run -------------------------------------------------------------------------


class RunLog:
    """The records of one run of `session`: its resume state while it goes
    (only for a session that has a file) and its history record."""

    def __init__(
        self,
        session: Session,
        timeline: Timeline,
        path: str | os.PathLike[str] | None,
        *,
        state: RunState | None = None,
        wall: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.session = session
        self.timeline = timeline
        self.file = absolute(path) if path is not None else None
        self.wall = wall
        self.hash = session_hash(session)
        self.key = state.key if state else uuid.uuid4().hex
        self.started = state.started if state else wall()
        self.run_id: int | None = None

    def record(self, engine: Engine) -> tuple[Run, list[StepOutcome]]:
        """The history record of the run as it stands."""
        summary = engine.summary()
        run = Run(
            key=self.key,
            started=self.started,
            ended=self.wall(),
            file=self.file,
            title=self.session.title,
            session_hash=self.hash,
            planned_s=self.timeline.total,
            done_s=round(summary.elapsed, 1),
            paused_s=round(summary.paused, 1),
            steps=summary.steps,
            completed=summary.completed,
            partly=summary.partly,
            skipped=summary.skipped,
            finished=summary.finished,
        )
        outcomes = [
            StepOutcome(
                step_index=result.step,
                exercise_id=result.exercise,
                name=result.name,
                outcome=result.outcome,
                planned_s=round(result.planned, 1),
                done_s=round(result.done, 1),
            )
            for result in engine.step_results()
        ]
        return run, outcomes

    def state(self, engine: Engine) -> RunState | None:
        if self.file is None:
            return None
        run, outcomes = self.record(engine)
        where = engine.interval.headline()
        if engine.interval.block_title:
            where = f"{where} ({engine.interval.block_title})"
        return RunState(
            file=self.file,
            session_hash=self.hash,
            key=self.key,
            title=self.session.title,
            started=self.started,
            saved=self.wall(),
            where=where,
            engine=engine.snapshot(),
            run=run,
            outcomes=outcomes,
        )

    def checkpoint(self, engine: Engine) -> None:
        """Save where the run is (raises OSError). A finished run leaves no
        state behind."""
        if self.file is None:
            return
        if engine.finished:
            clear_state(self.file)
            return
        state = self.state(engine)
        if state is not None:
            save_state(state)

    def save(self, engine: Engine, history: History) -> int:
        """Add the run to the history (or update it: one record per run)."""
        run, outcomes = self.record(engine)
        self.run_id = history.record_run(run, outcomes)
        return self.run_id


def keep_in_history(state: RunState, history: History | None = None) -> tuple[bool, list[str]]:
    """Add an interrupted run that will not be continued to the history, as
    it was when last saved. Returns whether it was kept, and lines for the
    user (a damaged history set aside, a failure)."""
    lines: list[str] = []
    try:
        if history is None:
            with open_history() as opened:
                lines += opened.notices + opened.problems
                opened.record_run(state.run, state.outcomes)
        else:
            history.record_run(state.run, state.outcomes)
    except (HistoryError, ValueError) as error:
        lines.append(f"could not keep the interrupted run in the history: {error}")
        return False, lines
    return True, lines


# -- deciding at start ------------------------------------------------------------------


@dataclass
class ResumePlan:
    """How `glute run FILE` starts: from `state` (continue it), asking first
    when `offer` is set, or from the beginning; `notices` are for the user."""

    state: RunState | None = None
    offer: bool = False
    notices: list[str] = field(default_factory=list)


def plan_resume(
    path: str | os.PathLike[str],
    session: Session,
    *,
    asked: bool,
    now: datetime | None = None,
) -> ResumePlan:
    """`asked`: the user said ``--resume``. A run interrupted in the last
    `OFFER_WITHIN` is offered; an older one, or one of a file changed since,
    is added to the history as it was and forgotten."""
    plan = ResumePlan()
    state = load_state(path)
    name = os.fspath(path)
    if state is None:
        if asked:
            plan.notices.append(
                f"{name}: no interrupted run to resume; starting from the beginning"
            )
        return plan
    if state.session_hash != session_hash(session):
        plan.notices.append(
            f"{name}: changed since the run was interrupted, so it cannot be resumed; "
            "starting from the beginning"
        )
        _forget(state, path, plan)
        return plan
    if asked:
        plan.state = state
    elif state.age(now) <= OFFER_WITHIN:
        plan.state, plan.offer = state, True
    else:
        _forget(state, path, plan)
    return plan


def _forget(state: RunState, path: str | os.PathLike[str], plan: ResumePlan) -> None:
    kept, lines = keep_in_history(state)
    plan.notices += lines
    if kept:
        clear_state(path)  # else the state stays: the run is not lost
