"""Asks whether to continue an interrupted run or start over."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from composer.model import format_seconds
from composer.run.resume import RunState
from composer.safetext import visible

__all__ = ["ResumeOffer", "describe_age"]


def describe_age(state: RunState, now: datetime | None = None) -> str:
    minutes = int(state.age(now).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min ago"


class ResumeOffer(ModalScreen[str]):
    """Dismissed with "resume" or "restart"."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", id="resume.resume"),
        Binding("s", "choose('restart')", "Start over", id="resume.restart"),
        Binding("escape", "choose('restart')", "Start over", show=False, id="resume.escape"),
    ]

    def __init__(self, state: RunState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        state = self.state
        done = format_seconds(round(state.run.done_s))
        with Vertical(classes="dialog", id="resume-dialog"):
            yield Static(Content("Resume the interrupted run?"), classes="dialog-heading")
            yield Static(
                Content.from_markup(
                    "[b]$title[/b] stopped $age, $done in, at:\n  $where",
                    title=visible(state.title or "Untitled session"),
                    age=describe_age(state),
                    done=str(done),
                    where=visible(state.where),
                )
            )
            yield Static(
                Content("Starting over keeps the interrupted run in the history."),
                classes="hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", variant="primary", id="resume")
                yield Button("Start over (s)", id="restart")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "restart")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
