"""The detail pane: everything about one exercise, or about one step of the
session. Text from plugins and files is shown literally, never as markup,
and through `visible` (control and bidi characters escaped)."""

from __future__ import annotations

import re

from textual import events
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from composer.catalog.manager import Catalog
from composer.model import Block, Exercise, Session, SessionDefaults, Step
from composer.safetext import visible

_SEP = Content("\n")
_NO_DEFAULTS = SessionDefaults()
_NUMBERED = re.compile(r"^\s*\d+[.)]\s")


def _heading(text: str) -> Content:
    return Content.from_markup("\n[b $text-accent]$text[/]", text=text)


def _bullets(items: tuple[str, ...] | list[str]) -> list[Content]:
    return [Content.assemble("• ", visible(item, multiline=True)) for item in items]


def describe_exercise(exercise: Exercise, catalog: Catalog) -> Content:
    """Every fact about `exercise` as lines of content."""
    dose = Step(exercise=exercise.full_id).resolve(exercise, _NO_DEFAULTS).describe()
    lines: list[Content] = [
        Content.from_markup("[b]$name[/b]", name=visible(exercise.name)),
        Content.from_markup(
            "[dim]$id · $phase · level $level of 5[/dim]",
            id=visible(exercise.full_id),
            phase=exercise.phase.label,
            level=str(exercise.level),
        ),
    ]
    if exercise.summary:
        lines += [Content(""), Content(visible(exercise.summary))]
    lines += [Content(""), Content.from_markup("[b]Default dose:[/b] $dose", dose=dose)]
    if exercise.targets:
        targets = ", ".join(visible(target) for target in exercise.targets)
        lines.append(Content.from_markup("[b]Targets:[/b] $t", t=targets))
    equipment = ", ".join(visible(item) for item in exercise.equipment) or "none"
    lines.append(Content.from_markup("[b]Equipment:[/b] $e", e=equipment))
    if exercise.instructions:
        lines.append(_heading("How to do it"))
        for number, step in enumerate(exercise.instructions, start=1):
            # Some authors number their steps themselves.
            shown = visible(step, multiline=True)
            lines.append(Content(shown if _NUMBERED.match(step) else f"{number}. {shown}"))
    if exercise.cues:
        lines.append(_heading("Cues"))
        lines += _bullets(exercise.cues)
    if exercise.cautions:
        lines.append(_heading("Cautions"))
        lines += [
            Content.assemble(("⚠ ", "$text-warning"), visible(item, multiline=True))
            for item in exercise.cautions
        ]
    if exercise.evidence:
        lines.append(_heading("Evidence"))
        lines += _bullets([item.describe() for item in exercise.evidence])
    if exercise.source:
        source = visible(exercise.source, multiline=True)
        lines.append(Content.from_markup("[dim]Dose from: $s[/dim]", s=source))
    chain = catalog.chain(exercise)
    if len(chain) > 1:
        lines.append(_heading("Progression, easiest first"))
        for link in chain:
            if link.full_id == exercise.full_id:
                lines.append(
                    Content.from_markup("[b]▸ $name  (this one)[/b]", name=visible(link.name))
                )
            else:
                lines.append(
                    Content.assemble("  ", visible(link.name), (f"  L{link.level}", "dim"))
                )
    plugin = catalog.plugin(exercise.namespace)
    version = f" {visible(plugin.version)}" if plugin and plugin.version else ""
    lines.append(
        Content.from_markup(
            "\n[dim]Provided by the plugin $p$v[/dim]", p=visible(exercise.namespace), v=version
        )
    )
    return _SEP.join(lines)


def describe_step(session: Session, block: Block, step: Step, catalog: Catalog) -> Content:
    """A step of the session: its dose, note, then its exercise."""
    exercise = catalog.get(step.exercise)
    dose = step.resolve(exercise, session.defaults).describe()
    lines: list[Content] = []
    if exercise is None:
        plugin = step.exercise.split("/", 1)[0]
        lines += [
            Content.from_markup(
                "[b $text-warning]⚠ $name (plugin missing)[/]",
                name=visible(step.name or step.exercise),
            ),
            Content.from_markup(
                "No installed plugin provides $id (plugin $p). "
                "The step keeps its saved name and dose, and runs from them.",
                id=visible(step.exercise),
                p=visible(plugin),
            ),
        ]
    lines.append(Content.from_markup("[b]In this session:[/b] $dose", dose=dose))
    if block.title:
        lines.append(Content.from_markup("[dim]Block: $t[/dim]", t=visible(block.title)))
    if step.note:
        lines.append(Content.from_markup("[b]Note:[/b] $n", n=visible(step.note, multiline=True)))
    if exercise is not None:
        lines += [Content(""), describe_exercise(exercise, catalog)]
    return _SEP.join(lines)


def describe_block(block: Block, index: int) -> Content:
    title = visible(block.title) or f"Block {index + 1}"
    lines = [
        Content.from_markup("[b]$t[/b]", t=title),
        Content(f"{len(block.steps)} step{'s' if len(block.steps) != 1 else ''}"),
        Content(f"Rounds: {block.rounds}"),
    ]
    if block.rounds > 1:
        lines.append(Content(f"Rest between rounds: {block.rest_s:g} s"))
    lines.append(Content.from_markup("\n[dim]Enter: title, rounds and rest[/dim]"))
    return _SEP.join(lines)


class Detail(VerticalScroll):
    """A scrolling pane with one Static.

    It is a stop of the Tab ring so the keys can scroll it; while it has
    the focus its border says so, and letters typed into it start a new
    search in the library's filter instead of being lost.
    """

    def compose(self):
        yield Static(id="detail-text", markup=False)

    def on_focus(self) -> None:
        self.border_subtitle = Content("↑↓ scroll · type to filter")

    def on_blur(self) -> None:
        self.border_subtitle = None

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or not event.character or event.character == " ":
            return
        found = self.screen.query("#filter")
        if not found:
            return
        filter_box = found.first(Input)
        event.stop()
        # The filter selects its text when it takes the focus, so the key,
        # sent on after that, starts a new search.
        self.screen.set_focus(filter_box)
        filter_box.post_message(events.Key(event.key, event.character))

    def show(self, content: Content, title: str = "Details") -> None:
        self.query_one("#detail-text", Static).update(content)
        self.border_title = Content(title)
        self.scroll_home(animate=False)
