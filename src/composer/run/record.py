"""Recording a run: one function that the plain-text runner uses to leave
the same record as the run screen (which goes through the app's open
history): the run in the SQLite history, and its place for ``--resume``.
Where the history lives is `composer.store.history`'s business alone."""

from __future__ import annotations

from composer.run.engine import Engine
from composer.run.resume import RunLog

__all__ = ["record_run"]


def record_run(log: RunLog, engine: Engine) -> list[str]:
    """Add the run to the history (or update its record) and save its place.

    Returns lines for the user: a damaged history set aside, or why the run
    could not be kept. The run itself is never stopped by a failure here.
    """
    from composer.store.history import HistoryError, open_history

    lines: list[str] = []
    if engine.started:
        try:
            with open_history() as history:
                log.save(engine, history)
                lines += history.notices + history.problems
        except (HistoryError, OSError) as error:
            lines.append(f"could not write the history: {error}")
    try:
        log.checkpoint(engine)
    except OSError as error:
        lines.append(f"could not save the place in the run: {error}")
    return lines
