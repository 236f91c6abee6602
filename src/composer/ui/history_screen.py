"""The history: past runs, minutes per week, runs per session, and a past
session run again with Enter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ..history import Run, minutes_per_week, session_counts, week_streak
from ..safetext import visible

__all__ = ["HistoryScreen", "week_chart"]

WEEKS = 12
BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"


def _bar(value: float, largest: float, width: int = BAR_WIDTH) -> str:
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def week_chart(runs: list[Run], today: date | None = None, weeks: int = WEEKS) -> Content:
    """Minutes per week, one bar a week, oldest at the top."""
    totals = minutes_per_week(runs, weeks, today)
    largest = max((minutes for _monday, minutes in totals), default=0.0)
    lines = []
    for monday, minutes in totals:
        bar = _bar(minutes, largest)
        lines.append(
            Content.assemble(
                (monday.strftime("%d %b"), "$text-muted"),
                " ",
                (f"{bar:<{BAR_WIDTH}}", "$text-success"),
                f" {round(minutes):>4}",
            )
        )
    return Content("\n").join(lines)


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    if 0 < minutes < 1:
        return "<1 min"
    if minutes >= 120:
        return f"{int(minutes // 60)} h {round(minutes % 60):02d}"
    return f"{round(minutes)} min"


def _steps(run: Run) -> Text:
    text = Text(f"{run.completed}/{run.steps}")
    if run.partly:
        text.append(f" ~{run.partly}", style="yellow")
    if run.skipped:
        text.append(f" -{run.skipped}", style="red")
    if not run.finished:
        text.append(" stopped", style="italic")
    return text


class HistoryScreen(Screen[None]):
    """Every run, newest first. Enter runs the highlighted run's session again."""

    CSS_PATH = "history_screen.tcss"
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
        with Horizontal(id="history-main"):
            with Vertical(id="history-runs"):
                yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
                yield Static(id="history-selected", markup=False)
            with VerticalScroll(id="history-side", can_focus=False):
                yield Static(Content("Minutes per week"), classes="history-heading")
                yield Static(id="history-chart")
                yield Static(Content("Sessions"), classes="history-heading")
                yield Static(id="history-sessions")
        yield Footer()

    def on_mount(self) -> None:
        self._sub_title = self.app.sub_title
        self.app.sub_title = "History"
        table = self.query_one("#runs", DataTable)
        table.add_columns("Date", "Session", "Time", "Steps", "Check-in")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.runs = self.app.read_runs()
        table = self.query_one("#runs", DataTable)
        table.clear()
        for run in self.runs:
            checkin = run.checkin.describe() if run.checkin else ""
            table.add_row(
                Text(run.started.astimezone().strftime("%a %d %b %Y %H:%M")),
                Text(visible(run.title or "(untitled)"), overflow="ellipsis", no_wrap=True),
                Text(_minutes(run.done_s), justify="right"),
                _steps(run),
                Text(visible(checkin)),
            )
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
        lines = []
        for count in session_counts(self.runs)[:20]:
            name = visible(count.title or "(untitled)")
            if len(name) > 28:
                name = name[:27] + "…"
            lines.append(
                Content.assemble(
                    (f"{count.runs:>3}× ", "bold"),
                    name,
                    (f"  {_minutes(count.minutes * 60)}", "$text-muted"),
                )
            )
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
        detail = Content.assemble(
            ("File: ", "bold"),
            file,
            (" (no longer there)", "$text-error") if missing else "",
            "\n",
            ("Enter", "bold"),
            " runs it again" if run.file and not missing else " cannot run it again",
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
