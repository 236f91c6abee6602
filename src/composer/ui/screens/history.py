"""The history: past runs, minutes per week, runs per session, and a past
session run again with Enter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from composer.safetext import visible
from composer.store.history import Run, minutes_per_week, session_counts, week_streak
from composer.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from composer.ui.app import GluteApp

__all__ = ["HistoryScreen", "week_chart"]

WEEKS = 12
CHART_ROWS = 6
COLUMN = 5  # characters per week in the chart
_LEVELS = " ▁▂▃▄▅▆▇█"


def week_chart(
    runs: list[Run], today: date | None = None, weeks: int = WEEKS, rows: int = CHART_ROWS
) -> Content:
    """Minutes per week as a column a week, oldest on the left: the minutes
    above each column, the Monday's day under it and the month where it
    changes; this week in another colour."""
    totals = minutes_per_week(runs, weeks, today)
    largest = max((minutes for _monday, minutes in totals), default=0.0)
    eighths = [
        0 if largest <= 0 or minutes <= 0 else max(1, round(minutes / largest * rows * 8))
        for _monday, minutes in totals
    ]
    lines = [
        Content.styled(
            "".join(f"{round(m):^{COLUMN}}" if m > 0 else " " * COLUMN for _d, m in totals),
            "$text-muted",
        )
    ]
    last = len(totals) - 1
    for row in range(rows - 1, -1, -1):
        cells: list[tuple[str, str]] = []
        for week, height in enumerate(eighths):
            fill = height - row * 8
            block = "█" if fill >= 8 else _LEVELS[max(0, fill)]
            style = "$accent" if week == last else "$success"
            cells.append((" " + block * (COLUMN - 2) + " ", style))
        lines.append(Content.assemble(*cells))
    days = "".join(f"{monday.day:^{COLUMN}}" for monday, _m in totals)
    months, shown = "", None
    for monday, _m in totals:
        name = monday.strftime("%b")
        months += f"{name if name != shown else '':^{COLUMN}}"
        shown = name
    lines.append(Content(days))
    lines.append(Content.styled(months, "$text-muted"))
    return Content("\n").join(lines)


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    if 0 < minutes < 1:
        return "<1 min"
    if minutes >= 120:
        return f"{int(minutes // 60)} h {round(minutes % 60):02d} min"
    return f"{round(minutes)} min"


def _number(value: int | None, blank_zero: bool = False) -> Text:
    shown = "" if value is None or (blank_zero and value == 0) else str(value)
    return Text(shown, justify="right")


def _short(text: str, width: int) -> str:
    text = visible(text)
    return text if len(text) <= width else text[: width - 1] + "…"


class HistoryScreen(Screen[None]):
    """Every run, newest first. Enter runs the highlighted run's session again."""

    if TYPE_CHECKING:  # this screen runs in a GluteApp, with its attributes
        app: GluteApp

    CSS_PATH = "history.tcss"
    AUTO_FOCUS = "#runs"
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="history.close"),
        Binding("enter", "rerun", "Run again", id="history.rerun"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[Run] = []
        self._sub_title = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-totals", markup=False)
        yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-selected", markup=False)
        with Horizontal(id="history-bottom"):
            with Vertical(id="history-weeks"):
                yield Static(Content("Minutes per week"), classes="history-heading")
                yield Static(id="history-chart")
            with Vertical(id="history-by-session"):
                yield Static(Content("Runs per session"), classes="history-heading")
                yield Static(id="history-sessions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._sub_title = self.app.sub_title
        self.app.sub_title = "History"
        table = self.query_one("#runs", DataTable)
        table.add_columns(
            "Date", "Session", "Min", "Done", "Partly", "Skipped", "Effort", "Pain", "Felt"
        )
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.runs = self.app.read_runs()
        table = self.query_one("#runs", DataTable)
        row = table.cursor_row
        table.clear()
        for run in self.runs:
            checkin = run.checkin
            done = Text(f"{run.completed}/{run.steps}")
            if not run.finished:
                done.append(" stopped", style="italic")
            table.add_row(
                Text(run.started.astimezone().strftime("%d %b %Y")),
                Text(_short(run.title or "(untitled)", 28)),
                Text(str(round(run.done_s / 60)), justify="right"),
                done,
                _number(run.partly, blank_zero=True),
                _number(run.skipped, blank_zero=True),
                _number(checkin.effort if checkin else None),
                _number(checkin.pain if checkin else None),
                Text(visible(", ".join(checkin.felt)) if checkin else ""),
            )
        if self.runs:
            table.move_cursor(row=min(max(row, 0), len(self.runs) - 1))
        self._show_totals()
        self.query_one("#history-chart", Static).update(week_chart(self.runs))
        self._show_sessions()
        if not self.runs:
            self.query_one("#history-selected", Static).update(
                Content("No runs yet. Run a session (Ctrl+R in the composer) and it shows here.")
            )

    def _show_totals(self) -> None:
        runs = self.runs
        finished = sum(1 for run in runs if run.finished)
        total = sum(run.done_s for run in runs)
        parts = [
            f"{len(runs)} run{'s' * (len(runs) != 1)} ({finished} finished)",
            f"{_minutes(total)} in all",
        ]
        if self.app.config.streaks:
            streak = week_streak(runs)
            parts.append(f"week streak: {streak} week{'s' * (streak != 1)}")
        self.query_one("#history-totals", Static).update(Content(" · ".join(parts)))

    def _show_sessions(self) -> None:
        lines = [
            Content.assemble(
                (f"{count.runs:>3}× ", "bold"),
                _short(count.title or "(untitled)", 32),
                (f"  {_minutes(count.minutes * 60)}", "$text-muted"),
            )
            for count in session_counts(self.runs)[:8]
        ]
        self.query_one("#history-sessions", Static).update(
            Content("\n").join(lines) if lines else Content("-")
        )

    # -- the highlighted run ---------------------------------------------------

    def _highlighted(self) -> Run | None:
        table = self.query_one("#runs", DataTable)
        if not self.runs or not 0 <= table.cursor_row < len(self.runs):
            return None
        return self.runs[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        run = self._highlighted()
        if run is None:
            return
        file = visible(run.file) if run.file else "no file (an unsaved session)"
        missing = run.file is not None and not Path(run.file).is_file()
        when = run.started.astimezone().strftime("%a %d %b %Y %H:%M")
        how = f"{_minutes(run.done_s)}, {run.completed} of {run.steps} steps done"
        if run.partly:
            how += f", {run.partly} partly"
        if run.skipped:
            how += f", {run.skipped} skipped"
        if not run.finished:
            how += ", stopped before the end"
        checkin = visible(run.checkin.describe()) if run.checkin else "no check-in"
        detail = Content.assemble(
            (when, "bold"),
            f" · {how} · {checkin}\n",
            file,
            (" (no longer there)", "$text-error") if missing else "",
            " · Enter runs it again" if run.file and not missing else "",
        )
        self.query_one("#history-selected", Static).update(detail)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_rerun()

    def action_rerun(self) -> None:
        run = self._highlighted()
        if run is None:
            return
        if not run.file:
            self.notify("That run has no session file.", severity="warning")
            return
        self.app.run_file(Path(run.file))

    def action_close(self) -> None:
        self.app.sub_title = self._sub_title
        self.dismiss()
