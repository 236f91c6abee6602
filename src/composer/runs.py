"""Recording a run in the history: one function that the run screen and the
plain-text runner both call, so a run stopped either way leaves the same
record. Where the history lives is this module's business alone."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from . import paths
from .engine import Summary
from .model import Session

__all__ = ["record_run", "run_record"]


def run_record(
    session: Session, file: Path | None, summary: Summary, started: datetime | None
) -> dict:
    """What the history keeps about one run, finished or not."""
    return {
        "started": started.isoformat() if started else None,
        "title": session.title,
        "file": str(file) if file else None,
        "finished": summary.finished,
        "elapsed_s": round(summary.elapsed, 1),
        "paused_s": round(summary.paused, 1),
        "steps": summary.steps,
        "completed": summary.completed,
        "skipped": summary.skipped,
    }


def record_run(
    session: Session, file: Path | None, summary: Summary, started: datetime | None
) -> str | None:
    """Add the run to the history; returns None, or a one-line reason it
    could not be written (the run itself is never stopped by that)."""
    record = run_record(session, file, summary, started)
    try:
        history = paths.history_file()
        history.parent.mkdir(parents=True, exist_ok=True)
        with history.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as error:
        return f"Could not write the history: {error}"
    return None
