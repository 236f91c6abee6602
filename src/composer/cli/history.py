"""`glute history [--json] [--since DATE]`: past runs, newest first.

No Textual import: this is read at a shell prompt and must start fast.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, date, datetime, time, timedelta

from composer.errors import UsageError
from composer.safetext import visible
from composer.store.history import HistoryError, Run, StepRow, open_history, week_streak

__all__ = ["parse_since", "render_runs", "run"]

TITLE_WIDTH = 32
_RELATIVE = re.compile(r"(\d{1,4})([dw])")


def parse_since(text: str, today: date | None = None) -> datetime:
    """``2025-05-01`` (local midnight), ``2025-05-01T07:00``, or ``7d`` /
    ``2w`` (that many days or weeks before today)."""
    text = text.strip()
    relative = _RELATIVE.fullmatch(text)
    if relative:
        count, unit = int(relative.group(1)), relative.group(2)
        days = count * (7 if unit == "w" else 1)
        start = (today or date.today()) - timedelta(days=days)
        return datetime.combine(start, time()).astimezone()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time()).astimezone()
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--since: {visible(text)!r} is not a date (YYYY-MM-DD, or 7d, 2w)"
        ) from None
    return moment if moment.tzinfo else moment.astimezone()


def run(args) -> int:
    since = parse_since(args.since) if args.since else None
    try:
        history = open_history()
    except HistoryError as error:
        print(f"glute: {error}", file=sys.stderr)
        return 1
    with history:
        for line in [*history.notices, *history.problems]:
            print(visible(line), file=sys.stderr)
        try:
            runs = history.runs(since=since)
            if args.json:
                steps = history.step_rows(run.id for run in runs if run.id is not None)
                records = [_as_json(run, steps.get(run.id or 0, [])) for run in runs]
        except HistoryError as error:
            print(f"glute: {error}", file=sys.stderr)
            return 1
    if args.json:
        # One run a line: readable, and quick (the indenting encoder is slow).
        lines = ",\n".join(f"  {json.dumps(record)}" for record in records)
        print(f"[\n{lines}\n]" if records else "[]")
        return 0
    if not runs:
        print("No runs yet." if since is None else "No runs since then.", file=sys.stderr)
        return 0
    print(render_runs(runs, streaks=_streaks_on()))
    return 0


def _streaks_on() -> bool:
    from composer.store.config import load_config

    return load_config().streaks


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return "<1 min" if 0 < minutes < 1 else f"{round(minutes)} min"


def _title(run: Run) -> str:
    title = visible(run.title or "(untitled)")
    if len(title) > TITLE_WIDTH:
        title = title[: TITLE_WIDTH - 1] + "…"
    return title


def _steps(run: Run) -> str:
    steps = f"{run.completed} done"
    if run.partly:
        steps += f", {run.partly} partly"
    if run.skipped:
        steps += f", {run.skipped} skipped"
    if not run.finished:
        steps += " (stopped)"
    return steps


def render_runs(runs: list[Run], *, streaks: bool = False, today: date | None = None) -> str:
    """The runs as a table, one line each, with totals below."""
    rows = [
        (
            run.started.astimezone().strftime("%Y-%m-%d %H:%M"),
            _title(run),
            _minutes(run.done_s),
            _steps(run),
            visible(run.checkin.describe()) if run.checkin else "-",
        )
        for run in runs
    ]
    title_width = max([len("Session"), *(len(row[1]) for row in rows)])
    steps_width = max([len("Steps"), *(len(row[3]) for row in rows)])
    lines = [
        f"{'Date':<16}  {'Session':<{title_width}}  {'Time':>7}  {'Steps':<{steps_width}}  Check-in"
    ]
    for when, title, minutes, steps, checkin in rows:
        lines.append(
            f"{when:<16}  {title:<{title_width}}  {minutes:>7}  {steps:<{steps_width}}  {checkin}"
        )
    total = sum(run.done_s for run in runs)
    finished = sum(1 for run in runs if run.finished)
    count = f"{len(runs)} run{'s' * (len(runs) != 1)}"
    lines.append("")
    lines.append(f"{count} ({finished} finished), {_minutes(total)} in all")
    if streaks:
        streak = week_streak(runs, today)
        lines.append(f"Week streak: {streak} week{'s' * (streak != 1)} with a finished run")
    return "\n".join(lines)


def _stamp(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def _as_json(run: Run, steps: list[StepRow]) -> dict:
    checkin = run.checkin
    return {
        "id": run.id,
        "started": _stamp(run.started),
        "ended": _stamp(run.ended),
        "file": run.file,
        "title": run.title,
        "session_hash": run.session_hash,
        "planned_s": run.planned_s,
        "done_s": run.done_s,
        "paused_s": run.paused_s,
        "minutes": round(run.minutes, 1),
        "steps": run.steps,
        "completed": run.completed,
        "partly": run.partly,
        "skipped": run.skipped,
        "finished": run.finished,
        "checkin": None
        if checkin is None
        else {"felt": checkin.felt, "effort": checkin.effort, "pain": checkin.pain},
        "step_outcomes": [
            {
                "step": step.step_index,
                "exercise": step.exercise_id,
                "name": step.name,
                "outcome": step.outcome,
                "planned_s": step.planned_s,
                "done_s": step.done_s,
                "rating": step.rating,
            }
            for step in steps
        ],
    }
