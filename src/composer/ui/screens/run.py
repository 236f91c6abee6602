"""The timer screen: runs a session, big enough to read from across the room.

The screen owns no timing logic. `Engine` (pure, on a monotonic clock) says
where the session is; a refresh timer calls `engine.tick()` four times a
second and the screen updates only the widgets whose text changed. Bell,
sounds, voice, notifications and plugin cues all go through one
`CueDispatcher`, the same one the plain-text runner uses.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.events import Mount
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Button, Digits, Label, ProgressBar, Static

from composer.catalog.manager import Catalog
from composer.model import Session, format_clock, format_seconds
from composer.run.cues import CueDispatcher, CueSettings
from composer.run.engine import Engine, Event, Finished, IntervalStarted
from composer.run.resume import RunLog, RunState
from composer.run.timeline import (
    Interval,
    Kind,
    banner,
    compile_timeline,
    cue_line,
    describe_next,
    time_left,
)
from composer.safetext import visible
from composer.ui.widgets.big_clock import BigClock
from composer.ui.widgets.big_word import Banner, BigWord
from composer.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from composer.ui.app import GluteApp

__all__ = ["ConfirmQuit", "RunScreen"]

# The longest wait between two ticks. Ticks are otherwise timed to the
# moment the shown second changes (see `RunScreen._next_tick_s`).
REFRESH_S = 1.0
# A tick lands this long after the second boundary, so the boundary is
# surely past when it runs.
_TICK_MARGIN_S = 0.004
# Seconds a tick may land after the boundary (and the margin) and still be
# followed by ticks exactly a second apart; later, the timer is aligned again.
_STEADY_LATE_S = 0.025
PROGRESS_STEPS = 100  # whole percents, as the label shows: the bar moves every 1 %

# CSS class of the kind banner for each kind of interval.
_KIND_CLASS = {
    Kind.GET_READY: "ready",
    Kind.WORK: "work",
    Kind.HOLD: "work",
    Kind.RELAX: "relax",
    Kind.REST: "rest",
    Kind.ROUND_REST: "rest",
    Kind.SWITCH: "switch",
    Kind.DONE: "done",
}


class ConfirmQuit(ModalScreen[bool]):
    """Asks before a running session is stopped."""

    # Here rather than in the timer's file: read when the question is first asked.
    DEFAULT_CSS = """
    ConfirmQuit {
        align: center middle;
    }
    #confirm {
        width: 48;
        height: auto;
        padding: 1 2;
        border: thick $error;
        background: $surface;
    }
    #confirm-question {
        text-style: bold;
    }
    #confirm-detail {
        color: $text-muted;
        margin-bottom: 1;
    }
    #confirm-buttons {
        height: auto;
    }
    #confirm-buttons Button {
        margin-right: 2;
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Stop", id="run.confirm.yes"),
        Binding("n,escape", "answer(False)", "Keep going", id="run.confirm.no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label("Stop this session?", id="confirm-question")
            yield Label("The time so far is kept in your history.", id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button("Stop (y)", variant="error", id="yes")
                yield Button("Keep going (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class SessionProgress(ProgressBar):
    """A progress bar that redraws only when its progress is set.

    `ProgressBar` refreshes itself every second for its ETA, which this
    screen does not show; skipping that keeps the timer's CPU use low.
    """

    # The event is needed to stop ProgressBar's own handler: a different
    # signature from ProgressBar.on_mount, which Textual allows.
    def on_mount(self, event: Mount) -> None:  # type: ignore[override]
        event.prevent_default()
        self.update()


class RunSummary(Vertical):
    """What was done, shown in place of the timer when the session ends."""

    DEFAULT_CSS = """
    RunSummary {
        height: 1fr;
        align: center middle;
    }
    #summary-box {
        width: 44;
        height: auto;
        padding: 1 3;
        border: round $success;
    }
    #summary-title {
        text-style: bold;
        color: $success;
        margin-bottom: 1;
    }
    #summary-hint {
        margin-top: 1;
        color: $text-muted;
    }
    """

    def __init__(self) -> None:
        self.text = Static(id="summary-text", markup=False)
        box = Vertical(
            Static("Session complete", id="summary-title"),
            self.text,
            Static("Press Enter or q to close.", id="summary-hint"),
            id="summary-box",
        )
        super().__init__(box, id="summary")


class RunScreen(Screen[None]):
    """Runs `session`: dismissed when the user quits or closes the summary."""

    if TYPE_CHECKING:  # this screen runs in a GluteApp, with its attributes
        app: GluteApp

    CSS_PATH = "run.tcss"

    # The clock the engine reads when none is given (tests replace it).
    default_clock: Callable[[], float] = staticmethod(time.monotonic)

    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="run.pause"),
        Binding("n,right", "next", "Next", id="run.next"),
        Binding("p,left", "back", "Back", id="run.back"),
        Binding("plus,equals_sign", "add_time", "10 s", id="run.add_time"),
        Binding("r", "restart", "Restart", id="run.restart"),
        Binding("s", "skip_step", "Skip step", id="run.skip_step"),
        Binding("enter", "done", "Done", id="run.done"),
        Binding("q", "quit", "Quit", id="run.quit"),
    ]

    def __init__(
        self,
        session: Session,
        catalog: Catalog,
        sound: bool = True,
        *,
        clock: Callable[[], float] | None = None,
        refresh_s: float = REFRESH_S,
        path: Path | None = None,
        resume: RunState | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.session = session
        self.sound = sound
        self.catalog = catalog
        self.cues: CueDispatcher | None = None
        self.timeline = compile_timeline(session, catalog.get)
        self.engine = Engine(self.timeline, clock or self.default_clock)
        self._estimated = self.timeline.estimated  # self-paced reps: "about"
        self._refresh_s = refresh_s
        self._shown: dict[str, Any] = {}  # what each widget shows now
        self._asking = False  # the stop question is on screen
        self._path = path
        self._resume = resume
        self.run_log: RunLog | None = None
        self._asked_checkin = False
        self._last_frame: tuple = ()
        self._widgets: dict[str, Any] = {}
        self._paused_for_dialog = False
        self._summary: RunSummary | None = None

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The big clock, which changes every second, is a child of the screen
        # with few siblings: Textual draws again every widget whose clip (its
        # container) overlaps what changed, so each sibling of the clock and
        # of its containers would be drawn again with it, each second.
        with Vertical(id="above"):
            with Horizontal(id="top"):
                yield Static(id="where", markup=False)
                yield Static(id="session-title", markup=False)
            with Vertical(id="head"):
                yield Banner(id="kind", markup=False)
                yield Static(id="name", markup=False)
        yield BigClock(id="clock")
        with Vertical(id="below"):
            with Vertical(id="detail"):
                yield Static(id="clock-note", markup=False)
                with Horizontal(id="counters"):
                    with Vertical(id="set-box", classes="counter"):
                        yield Static("SET", classes="counter-title")
                        yield Digits(id="set")
                        yield Static(id="set-of", classes="counter-of", markup=False)
                    with Vertical(id="side-box", classes="counter"):
                        yield Static("SIDE", classes="counter-title")
                        with Center():
                            yield BigWord(id="side")
                    with Vertical(id="rep-box", classes="counter"):
                        yield Static("REP", classes="counter-title")
                        yield Digits(id="rep")
                        yield Static(id="rep-of", classes="counter-of", markup=False)
                yield Static(id="cue", markup=False)
                yield Static(id="next", markup=False)
            with Horizontal(id="progress-row"):
                yield SessionProgress(
                    total=PROGRESS_STEPS, show_eta=False, show_percentage=True, id="progress"
                )
                yield Static(id="left", markup=False)
        # Docked, so the keys stay in view on a terminal too short for all.
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        title = visible(self.session.title) or "Untitled session"
        self.query_one("#session-title", Static).update(Content(title))
        config = getattr(self.app, "config", None)
        if config is not None:
            self.engine.wait = config.setting("wait")
        self.cues = CueDispatcher(
            CueSettings.from_config(config, sound=self.sound),
            bell=lambda: self.app.bell(),
            terminal=self._write_escape,
            catalog=self.catalog,
        )
        self._react(self._start())
        self._redraw()
        self._timer: Timer | None = None
        self._schedule()

    # -- dialogs ---------------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """A dialog opened over the timer (quit, unsaved changes, the command
        palette): the time stops while it is open."""
        if self.engine.started and not self.engine.paused and not self.engine.finished:
            self._paused_for_dialog = True
            self._command(self.engine.pause())

    def on_screen_resume(self) -> None:
        if self._paused_for_dialog:
            self._paused_for_dialog = False
            if self.engine.paused:
                self._command(self.engine.resume())

    # -- the clock -----------------------------------------------------------

    def _write_escape(self, sequence: str) -> None:
        write = getattr(self.app, "write_escape", None)
        if write is not None:
            write(sequence)

    def _next_tick_s(self) -> float:
        """Seconds until the shown second (or the interval) changes: one
        tick a second, on the boundary, instead of polling several times a
        second. Capped at `refresh_s` (paused, held, or a clock that does
        not move as time passes)."""
        engine = self.engine
        if engine.paused:
            return self._refresh_s
        remaining = engine.remaining()
        if remaining is not None:
            wait = remaining - math.floor(remaining)
        else:
            elapsed = engine.interval_elapsed()
            wait = 1.0 - (elapsed - math.floor(elapsed))
        if wait <= 0:
            wait = 1.0
        return min(wait, self._refresh_s) + _TICK_MARGIN_S

    def _schedule(self) -> None:
        """(Re)arm the timer: once for the next tick on the boundary, and
        from there, while the seconds keep coming on time, one timer that
        ticks every second (no new timer, task or message each second)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.engine.finished:
            return
        self._timer = self.set_timer(self._next_tick_s(), self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._tick()
        if self._on_the_second():
            self._timer = self.set_interval(1.0, self._on_second)
        else:
            self._schedule()

    def _on_second(self) -> None:
        self._tick()
        if not self._on_the_second():
            self._schedule()  # finished, or off the boundary: aligned again

    def _on_the_second(self) -> bool:
        """Whether the same timer may go on ticking every second: the tick
        that just ran was on a second boundary (at most `_STEADY_LATE_S`
        late) and the next is a second away, or the timer is paused (it
        looks in once a second; the key that resumes aligns it again)."""
        engine = self.engine
        if engine.finished or self._refresh_s < 1.0:
            return False
        if engine.paused:
            return True
        late = 1.0 - self._next_tick_s()
        return 0.0 <= late <= _STEADY_LATE_S

    def _tick(self) -> None:
        events = self.engine.tick()
        self._react(events)
        if self.cues is not None:
            for report in self.cues.reports():
                self.notify(report, title="Cues", severity="warning", markup=False)
        # Most ticks change nothing on screen: draw only when the shown second
        # or the interval moved (the progress bar follows on the same beat, so
        # the screen is composed at most once a second).
        frame = self._frame()
        if events or frame[:_PLACE] != self._last_frame[:_PLACE]:
            self._redraw()
        elif frame != self._last_frame:
            # Only the time moved: the clock, the cue, the bar, the time left.
            self._last_frame = frame
            self._redraw_time(self.engine.interval)

    def _frame(self) -> tuple:
        """What the screen shows depends on: the place (the first `_PLACE`
        items), then the second and the cue within the interval."""
        engine = self.engine
        remaining = engine.remaining()
        second = math.ceil(remaining) if remaining is not None else int(engine.interval_elapsed())
        cue = engine.interval.cue_index(engine.interval_elapsed())
        return (engine.index, engine.paused, engine.finished, engine.held, second, cue)

    def _react(self, events: list[Event]) -> None:
        """Cues for what happened (bell or sounds, voice, notifications,
        plugins), and the history at the end."""
        if not events:
            return
        if self.cues is not None:
            self.cues.dispatch(events, self.engine)
        self._keep(events)

    # -- drawing -------------------------------------------------------------

    def _put(self, key: str, value: Any, apply: Callable[[Any], object]) -> None:
        """Call `apply(value)` only when `value` differs from what is shown."""
        if self._shown.get(key, _UNSET) != value:
            self._shown[key] = value
            apply(value)

    def _widget(self, selector: str) -> Any:
        widget = self._widgets.get(selector)
        if widget is None:
            widget = self._widgets[selector] = self.query_one(selector)
        return widget

    def _show_text(self, selector: str, text: str, layout: bool = True) -> None:
        """Show `text` literally, through `visible` (names, cues and notes are
        plugin and file text); `layout=False` where the widget's size is fixed."""
        self._put(
            selector,
            text,
            lambda t: self._widget(selector).update(
                Content(visible(t, multiline=True)), layout=layout
            ),
        )

    def _show_classes(self, selector: str, classes: str) -> None:
        """Give the widget exactly `classes` (one style update, only on change)."""
        self._put(selector + " classes", classes, lambda v: self._widget(selector).set_classes(v))

    def _redraw(self) -> None:
        self._last_frame = self._frame()
        engine = self.engine
        interval = engine.interval
        finished = engine.finished
        self._put("finished", finished, self._show_summary)
        self._put("paused", engine.paused, lambda p: self.set_class(p, "-paused"))

        # Where we are.
        where = ""
        if interval.block_title:
            where = interval.block_title
            if interval.rounds > 1:
                where += f" · round {interval.round} of {interval.rounds}"
        self._show_text("#where", where, layout=False)

        # The kind banner (or PAUSED).
        if engine.held:
            band, kind_class = "GET READY · press space when you are ready", "ready"
        elif engine.paused:
            band, kind_class = "PAUSED · press space to go on", "paused"
        else:
            band, kind_class = banner(interval), _KIND_CLASS[interval.kind]
        self._show_text("#kind", band, layout=False)
        self._show_classes("#kind", kind_class)

        self._show_text("#name", _title(interval), layout=False)
        self._render_counters(interval)
        next_up = "" if finished else f"Next: {describe_next(engine.up_next())}"
        self._show_text("#next", next_up, layout=False)
        self._redraw_time(interval, moved=True)

    def _redraw_time(self, interval: Interval, moved: bool = False) -> None:
        """What changes as time passes within one interval. The bar and the
        time left at the bottom move together, when the minute left changes
        or the interval does (`moved`): a change there and one in the clock
        in the same second make Textual draw everything between them again."""
        engine = self.engine
        self._render_clock(interval)
        self._show_text("#cue", cue_line(interval, engine.interval_elapsed()), layout=False)
        left = "" if engine.finished else time_left(engine.session_remaining(), self._estimated)
        if moved or self._shown.get("#left") != left:
            progress = round(engine.progress() * PROGRESS_STEPS)
            self._put("progress", progress, lambda v: self._widget("#progress").update(progress=v))
            self._show_text("#left", left, layout=False)

    def _render_clock(self, interval: Interval) -> None:
        remaining = self.engine.remaining()
        if remaining is None:
            # Self-paced: the rep count is the big number; the user says when.
            count = str(interval.reps)
            each = " on each side" if interval.alternating else ""
            note = f"reps{each} · press Enter when done · {format_clock(self.engine.interval_elapsed())}"
        else:
            count = format_clock(remaining)
            note = ""
        self._put("clock", count, lambda v: self._widget("#clock").update(v))
        self._show_text("#clock-note", note, layout=False)
        last_three = remaining is not None and 0 < remaining <= 3 and not self.engine.paused
        self._put("last-three", last_three, lambda v: self._widget("#clock").set_class(v, "-last"))

    def _render_counters(self, interval: Interval) -> None:
        in_step = interval.step >= 0 and interval.kind is not Kind.DONE
        has_set = in_step and interval.sets > 0 and interval.set > 0
        self._put("set", str(interval.set) if has_set else "", self._set_digits)
        self._show_text("#set-of", f"of {interval.sets}" if has_set else "", layout=False)
        self._show_classes("#set-box", "counter" if has_set else "counter -empty")
        has_rep = in_step and interval.rep > 0
        rep = str(interval.rep) if has_rep else ""
        self._put("rep", rep, lambda v: self._widget("#rep").update(v))
        self._show_text("#rep-of", f"of {interval.reps}" if has_rep else "", layout=False)
        self._show_classes("#rep-box", "counter" if has_rep else "counter -empty")
        side = interval.side_label
        if interval.kind is Kind.SWITCH:
            side = (interval.side or "").upper()
        self._put("side", side, lambda v: self._widget("#side").update(v))
        side_classes = f"counter {interval.side or 'none'}" + ("" if side else " -empty")
        self._show_classes("#side-box", side_classes)

    def _set_digits(self, value: str) -> None:
        self._widget("#set").update(value)

    def _show_summary(self, finished: bool) -> None:
        # The timer's parts give way to the summary (run.tcss).
        self.set_class(finished, "-finished")
        if finished and self._summary is None:
            # Made at the end: nothing of it is needed before.
            self._summary = RunSummary()
            self.mount(self._summary, before="#below")
        if self._summary is not None:
            self._summary.display = finished
            if finished:
                self._summary.text.update(Content(self._summary_text()))
        self.refresh_bindings()

    def _summary_text(self) -> str:
        summary = self.engine.summary()
        lines = [
            f"Time spent: {format_seconds(round(summary.elapsed))}",
            f"Steps completed: {summary.completed} of {summary.steps}",
        ]
        if summary.partly:
            lines.append(f"Steps partly done: {summary.partly}")
        lines.append(f"Steps skipped: {summary.skipped}")
        if summary.paused >= 1:
            lines.append(f"Paused for: {format_seconds(round(summary.paused))}")
        return "\n".join(lines)

    # -- history and resume (kept by the app's core services) -------------------

    def _start(self) -> list[Event]:
        """Start the engine, or continue an interrupted run (paused, so the
        user can get back in place first)."""
        self.run_log = RunLog(self.session, self.timeline, self._path, state=self._resume)
        if self._resume is None:
            return self.engine.start()
        try:
            events = self.engine.restore(self._resume.engine)
        except (KeyError, TypeError, ValueError):
            self.notify("The saved place could not be read: starting from the beginning.")
            return self.engine.start()
        self.notify(
            f"Continuing at: {visible(self._resume.where)}. Press space to go on.",
            title="Resumed",
            markup=False,
        )
        return events + self.engine.pause()

    def on_unmount(self) -> None:
        """However the screen goes (the app quitting too), the run so far is
        in the history and its place saved."""
        if self.cues is not None:
            self.cues.close()
        record = getattr(self.app, "record_run", None)
        if self.run_log is not None and record is not None and self.engine.started:
            record(self.run_log, self.engine)
            self._checkpoint()

    def _keep(self, events: list[Event]) -> None:
        """Save the place at each interval change; record the run when it ends."""
        if any(isinstance(event, Finished) for event in events):
            self._end_run()
        elif any(isinstance(event, IntervalStarted) for event in events):
            self._checkpoint()

    def _checkpoint(self) -> None:
        checkpoint = getattr(self.app, "checkpoint_run", None)
        if self.run_log is not None and checkpoint is not None:
            checkpoint(self.run_log, self.engine)

    def _end_run(self, then: Callable[[], object] | None = None) -> None:
        """Record the run (finished or stopped), save its place, and ask how
        it went (once); then call `then`."""
        record = getattr(self.app, "record_run", None)
        run_id = None
        if self.run_log is not None and record is not None and self.engine.started:
            run_id = record(self.run_log, self.engine)
        self._checkpoint()
        results = self.run_log.record(self.engine)[1] if self.run_log is not None else []
        if run_id is None or self._asked_checkin or not results:
            if then is not None:
                then()
            return
        self._asked_checkin = True
        from composer.ui.dialogs.checkin import CheckInScreen

        def answered(checkin) -> None:
            if checkin is not None:
                self.app.record_checkin(run_id, checkin)
            if then is not None:
                then()

        self.app.push_screen(CheckInScreen(results, self.session.title), answered)

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.engine.finished and action not in ("quit", "done", "back"):
            return False  # hidden: nothing left to time
        return True

    def _command(self, events: list[Event]) -> None:
        self._react(events)
        self._redraw()
        self._schedule()  # a key moves the next second boundary

    def action_toggle_pause(self) -> None:
        self._command(self.engine.toggle_pause())

    def action_next(self) -> None:
        self._command(self.engine.skip())

    def action_back(self) -> None:
        self._command(self.engine.back())

    def action_add_time(self) -> None:
        self._command(self.engine.add_time(10))

    def action_restart(self) -> None:
        self._command(self.engine.restart_interval())

    def action_skip_step(self) -> None:
        self._command(self.engine.skip_step())

    def action_done(self) -> None:
        if self.engine.finished:
            self.dismiss()
        else:
            self._command(self.engine.done())

    def action_quit(self) -> None:
        self.confirm_stop()

    def confirm_stop(self, then: Callable[[], object] | None = None) -> None:
        """The one way out of a run (`q`, and every app-level quit): a
        finished run closes at once; a running one pauses and asks. Stopping
        writes the run to the history and closes the timer, then runs
        `then`; keeping going resumes the clock (unless it was paused)."""
        if self.engine.finished:
            self.dismiss()
            if then is not None:
                then()
            return
        if self._asking:
            return  # the question is already on screen
        self._asking = True
        was_paused = self.engine.paused
        self._command(self.engine.pause())

        def answered(stop: bool | None) -> None:
            self._asking = False
            if stop:

                def finish() -> None:
                    self.dismiss()
                    if then is not None:
                        then()

                self._end_run(then=finish)
            elif not was_paused:
                self._command(self.engine.resume())

        self.app.push_screen(ConfirmQuit(), callback=answered)


_UNSET = object()
# The items of `RunScreen._frame` that say where the session is.
_PLACE = 4


def _title(interval: Interval) -> str:
    if interval.kind is Kind.DONE:
        return ""
    if interval.kind in (Kind.REST, Kind.ROUND_REST) or interval.step < 0:
        return interval.name or "Breathe"
    dose = f"  ({interval.dose})" if interval.kind is Kind.GET_READY and interval.dose else ""
    return f"{interval.name}{dose}"
