"""The check-in at the end of a run: one keystroke per answer, Esc skips.

1. Where was the work felt? ``g`` glutes, ``h`` hamstrings, ``l`` lower back,
   ``q`` quads, ``f`` hip flexors (several allowed, a key again takes it
   back), ``n`` nowhere; Enter goes on.
2. Effort, 0 to 10: a digit, or ``x`` for 10.
3. Pain, 0 to 10: a digit, or ``x`` for 10.
4. Optional, step by step: ``e`` easy, ``r`` right, ``h`` hard, Space to
   pass a step, Enter to finish.

Backspace goes back a question. Esc ends the check-in, keeping what was
answered (nothing is stored when nothing was answered).

Keys pressed in the first `GRACE_S` seconds are ignored: they were meant
for the timer (``n`` next, ``r`` restart), not for this.
"""

from __future__ import annotations

import time

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from composer.safetext import visible
from composer.store.history import CheckIn, StepOutcome

__all__ = ["AREA_KEYS", "CheckInScreen"]

# key -> where the work was felt (as stored in the history)
AREA_KEYS = {
    "g": "glutes",
    "h": "hamstrings",
    "l": "lower back",
    "q": "quads",
    "f": "hip flexors",
}
NOWHERE = "nowhere"
RATING_KEYS = {"e": "easy", "r": "right", "h": "hard"}
TEN_KEY = "x"

FELT, EFFORT, PAIN, RATINGS, DONE = range(5)
GRACE_S = 0.8


class CheckInScreen(ModalScreen[CheckIn | None]):
    """Asks how the run went; dismissed with a `CheckIn`, or None when
    nothing was answered."""

    CSS_PATH = "dialogs.tcss"
    CSS = """
    #checkin-dialog {
        width: 96;
    }
    #checkin-hint {
        margin-top: 1;
    }
    """
    BINDINGS = [Binding("escape", "skip", "Skip", id="checkin.skip")]
    # Seconds during which keys are ignored (tests set 0).
    grace_s: float = GRACE_S

    def __init__(self, steps: list[StepOutcome], title: str = "") -> None:
        super().__init__()
        # Only steps with some work done can be rated.
        self.steps = [step for step in steps if step.outcome != "skipped"]
        self.session_title = title
        self.question = FELT
        self.felt: list[str] = []
        self.effort: int | None = None
        self.pain: int | None = None
        self.ratings: dict[int, str] = {}
        self.step_cursor = 0
        self._shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="checkin-dialog"):
            heading = "How did it go?"
            if self.session_title:
                heading = f"How did it go? {visible(self.session_title)}"
            yield Static(Content(heading), classes="dialog-heading")
            yield Static(id="checkin-body")
            yield Static(
                Content("One key per answer · Backspace: back · Esc: skip the rest"),
                classes="hint",
                id="checkin-hint",
            )

    def on_mount(self) -> None:
        self._shown_at = time.monotonic()
        self._show()

    # -- answers -----------------------------------------------------------

    def checkin(self) -> CheckIn | None:
        answer = CheckIn(
            felt=list(self.felt), effort=self.effort, pain=self.pain, ratings=dict(self.ratings)
        )
        return None if answer.empty else answer

    def _next(self) -> None:
        self.question += 1
        if self.question == RATINGS and not self.steps:
            self.question = DONE
        if self.question == DONE:
            self.dismiss(self.checkin())
            return
        self._show()

    def _back(self) -> None:
        if self.question == RATINGS and self.step_cursor > 0:
            self.step_cursor -= 1
        elif self.question > FELT:
            self.question -= 1
        self._show()

    def on_key(self, event: events.Key) -> None:
        key = event.key
        if key == "escape":
            return  # the binding
        event.stop()
        event.prevent_default()
        if time.monotonic() - self._shown_at < self.grace_s:
            return
        if key == "backspace":
            self._back()
        elif self.question == FELT:
            self._felt_key(key)
        elif self.question in (EFFORT, PAIN):
            self._scale_key(key)
        elif self.question == RATINGS:
            self._rating_key(key)

    def _felt_key(self, key: str) -> None:
        if key in AREA_KEYS:
            area = AREA_KEYS[key]
            if NOWHERE in self.felt:
                self.felt.remove(NOWHERE)
            if area in self.felt:
                self.felt.remove(area)
            else:
                self.felt.append(area)
            self._show()
        elif key == "n":
            self.felt = [NOWHERE]
            self._next()
        elif key == "enter":
            self._next()

    def _scale_key(self, key: str) -> None:
        if key.isdigit() and len(key) == 1:
            value: int | None = int(key)
        elif key == TEN_KEY:
            value = 10
        elif key == "enter":
            value = None  # not answered
        else:
            return
        if self.question == EFFORT:
            self.effort = value
        else:
            self.pain = value
        self._next()

    def _rating_key(self, key: str) -> None:
        step = self.steps[self.step_cursor]
        if key in RATING_KEYS:
            self.ratings[step.step_index] = RATING_KEYS[key]
        elif key in ("space", "right"):
            pass
        elif key == "enter":
            self.dismiss(self.checkin())
            return
        else:
            return
        self.step_cursor += 1
        if self.step_cursor >= len(self.steps):
            self.dismiss(self.checkin())
        else:
            self._show()

    def action_skip(self) -> None:
        self.dismiss(self.checkin())

    # -- drawing ---------------------------------------------------------------

    def _line(self, number: int, label: str, answer: str, keys: list[tuple[str, str]]) -> Content:
        current = number == self.question
        marker = "▶ " if current else "  "
        parts: list[str | tuple[str, str]] = [
            (marker + label, "bold" if current else ""),
            "  ",
            (answer, "bold $text-success") if answer else ("", ""),
        ]
        if current:
            parts.append("\n    ")
            gap = ""
            for key, what in keys:
                if key == "\n":  # the rest on a line of its own
                    parts.append("\n    ")
                    gap = ""
                    continue
                parts += [gap, (key, "bold $text-accent"), (f" {what}", "$text-muted")]
                gap = "  "
        return Content.assemble(*parts)

    def _show(self) -> None:
        scale = [("0–9", "that number"), ("x", "ten"), ("Enter", "no answer")]
        lines = [
            self._line(
                FELT,
                "Where did you feel it?",
                ", ".join(self.felt),
                [*AREA_KEYS.items(), ("\n", ""), ("n", NOWHERE), ("Enter", "go on")],
            ),
            self._line(
                EFFORT,
                "Effort, 0 (none) to 10 (all-out)",
                "" if self.effort is None else str(self.effort),
                scale,
            ),
            self._line(
                PAIN,
                "Pain, 0 (none) to 10 (worst)",
                "" if self.pain is None else str(self.pain),
                scale,
            ),
        ]
        if self.steps:
            rated = sum(1 for step in self.steps if step.step_index in self.ratings)
            lines.append(
                self._line(
                    RATINGS,
                    "Each step, if you like",
                    f"{rated} of {len(self.steps)} rated" if rated else "",
                    [
                        ("e", "easy"),
                        ("r", "about right"),
                        ("h", "hard"),
                        ("Space", "pass"),
                        ("Enter", "finish"),
                    ],
                )
            )
            if self.question == RATINGS:
                for position, step in enumerate(self.steps):
                    mark = "→" if position == self.step_cursor else " "
                    rating = self.ratings.get(step.step_index, "")
                    lines.append(
                        Content.assemble(
                            f"      {mark} ",
                            (visible(step.name or step.exercise_id), "bold")
                            if position == self.step_cursor
                            else visible(step.name or step.exercise_id),
                            "  ",
                            (rating, "$text-success"),
                        )
                    )
        self.query_one("#checkin-body", Static).update(Content("\n").join(lines))
