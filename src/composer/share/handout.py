"""`glute export`: a session as a handout to print or send.

One HTML page that stands alone (inline CSS with a print stylesheet, no
scripts, no links to anything outside it), or the same as Markdown. Every
piece of text comes from a session file or a plugin, so all of it is made
visible (`safetext.visible`), then escaped for HTML or Markdown: a name such
as ``<script>`` is shown as text and never changes the page's structure.

No Textual here: the command draws no screen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from composer.model import Exercise, ResolvedDose, Session, Sides, format_seconds
from composer.run.timeline import compile_timeline
from composer.safetext import visible

__all__ = [
    "DISCLAIMER",
    "FORMATS",
    "Handout",
    "build_handout",
    "dose_in_words",
    "render",
    "render_html",
    "render_markdown",
    "write_handout",
]

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}

DISCLAIMER = (
    "This handout is not medical advice. Move within a comfortable range, and stop "
    "any exercise that causes sharp pain. If pain persists, or you are recovering "
    "from an injury, see a health professional first."
)

MISSING = (
    "Details of this exercise are not available: the plugin that provides it is not "
    "installed where this handout was made."
)

_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")


@dataclass
class HandoutStep:
    number: int
    name: str
    dose: str
    seconds: float
    note: str = ""
    summary: str = ""
    instructions: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    missing: bool = False
    # Whether the dose alone says how long the step takes (one timed bout).
    timed_once: bool = False
    # Whether the block repeats: the time is then that of one round.
    per_round: bool = False


@dataclass
class HandoutBlock:
    number: int
    title: str
    rounds: str
    steps: list[HandoutStep] = field(default_factory=list)


@dataclass
class Handout:
    """What a handout says, in plain (already visible, not yet escaped) text."""

    title: str
    author: str
    description: str
    total: str
    equipment: list[str]
    blocks: list[HandoutBlock]


def dose_in_words(dose: ResolvedDose) -> str:
    """A dose as a sentence a person reads on paper, e.g. ``3 sets of 15
    reps, hold each 3 s, alternate sides, rest 30 s between sets``."""
    if dose.reps is not None:
        work = f"{dose.reps} rep{'s' if dose.reps != 1 else ''}"
    else:
        work = format_seconds(dose.duration_s or 0)
    parts = [f"{dose.sets} sets of {work}" if dose.sets > 1 else work]
    if dose.reps is not None:
        if dose.hold_s is not None:
            parts.append(f"hold each {format_seconds(dose.hold_s)}")
        elif dose.rep_s is not None:
            parts.append(f"{format_seconds(dose.rep_s)} a rep")
        else:
            parts.append("at your own pace")
    if dose.sides is Sides.EACH:
        parts.append("each side")
    elif dose.sides is Sides.ALTERNATING:
        parts.append("alternate sides")
    if dose.sets > 1 and dose.rest_s:
        parts.append(f"rest {format_seconds(dose.rest_s)} between sets")
    return ", ".join(parts)


def _rounds(rounds: int, rest_s: float) -> str:
    if rounds <= 1:
        return ""
    text = f"{rounds} rounds"
    if rest_s:
        text += f", rest {format_seconds(rest_s)} between rounds"
    return text


def _one(text: str) -> str:
    return visible(text).strip()


def _many(text: str) -> str:
    return visible(text, multiline=True).replace("\r\n", "\n").strip()


def build_handout(session: Session, lookup: Callable[[str], Exercise | None]) -> Handout:
    """Gather what the handout says: the session with each step's resolved
    dose and its exercise's instructions, cues, cautions and evidence."""
    timeline = compile_timeline(session, lookup)
    total = _minutes(timeline.total)
    blocks = []
    equipment: list[str] = []
    index = 0
    for block_number, block in enumerate(session.blocks, start=1):
        out = HandoutBlock(
            number=block_number,
            title=_one(block.title) or f"Block {block_number}",
            rounds=_rounds(block.rounds, block.rest_s),
        )
        for step in block.steps:
            exercise = lookup(step.exercise)
            dose = step.resolve(exercise, session.defaults)
            item = HandoutStep(
                number=index + 1,
                name=_one(step.display_name(exercise)),
                dose=dose_in_words(dose),
                seconds=timeline.step_total(index) / max(1, block.rounds),
                note=_many(step.note or ""),
                missing=exercise is None,
                timed_once=dose.reps is None and dose.sets == 1 and dose.sides is not Sides.EACH,
                per_round=block.rounds > 1,
            )
            if exercise is not None:
                item.summary = _many(exercise.summary)
                item.instructions = [
                    _NUMBERED.sub("", _many(line)) for line in exercise.instructions if line.strip()
                ]
                item.cues = [_one(cue) for cue in exercise.cues if cue.strip()]
                item.cautions = [_many(c) for c in exercise.cautions if c.strip()]
                item.evidence = [_many(e.describe()) for e in exercise.evidence]
                item.equipment = [_one(e) for e in exercise.equipment if e.strip()]
                equipment += item.equipment
            out.steps.append(item)
            index += 1
        blocks.append(out)
    return Handout(
        title=_one(session.title) or "Untitled session",
        author=_one(session.author),
        description=_many(session.description),
        total=total,
        equipment=_needed(equipment),
        blocks=blocks,
    )


_OPTIONAL = re.compile(r"\s*\(optional\)\s*$", re.IGNORECASE)


def _needed(things: list[str]) -> list[str]:
    """Equipment once each, in order of first use; "band (optional)" is
    left out when another step needs the band anyway."""
    required = {_OPTIONAL.sub("", t).lower() for t in things if not _OPTIONAL.search(t)}
    out: list[str] = []
    seen: set[str] = set()
    for thing in things:
        key = _OPTIONAL.sub("", thing).lower()
        if key in required and _OPTIONAL.search(thing):
            continue
        if thing.lower() not in seen:
            seen.add(thing.lower())
            out.append(thing)
    return out


def _minutes(seconds: float) -> str:
    if seconds < 60:
        return format_seconds(round(seconds))
    return f"about {format_seconds(60 * round(seconds / 60))}"


# -- HTML -----------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; color: #1a1a1a; }
body {
  margin: 0 auto; padding: 2rem 1.5rem 3rem; max-width: 46rem;
  font: 16px/1.5 Georgia, "DejaVu Serif", "Times New Roman", serif;
}
h1, h2, h3, .facts, .dose, .label, footer {
  font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
}
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .4rem; }
.facts { margin: 0 0 1rem; color: #444; }
.facts span + span::before { content: " · "; }
.description { margin: 0 0 1rem; white-space: pre-line; }
.equipment { margin: 0 0 1.5rem; }
h2 {
  font-size: 1.3rem; margin: 2rem 0 .8rem; padding-bottom: .2rem;
  border-bottom: 2px solid #1a1a1a;
}
h2 .rounds { font-size: 1rem; font-weight: normal; color: #444; }
.step {
  border: 1px solid #bbb; border-radius: 6px; padding: .8rem 1rem;
  margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid;
}
h3 { font-size: 1.15rem; margin: 0 0 .3rem; }
h3 .number {
  display: inline-block; min-width: 1.8rem; height: 1.8rem; margin-right: .5rem;
  border: 2px solid #1a1a1a; border-radius: 50%; text-align: center;
  line-height: 1.45rem; font-size: .95rem;
}
.dose { margin: 0 0 .5rem; font-weight: bold; }
.dose .time { font-weight: normal; color: #444; }
.step p { margin: .3rem 0; }
.summary { font-style: italic; }
.note { white-space: pre-line; }
ol { margin: .4rem 0 .4rem 1.4rem; padding: 0; }
li { margin: .15rem 0; white-space: pre-line; }
.label { font-weight: bold; font-size: .9rem; }
.caution { border-left: 4px solid #b00; padding-left: .5rem; }
.evidence { font-size: .9rem; color: #444; }
.missing { color: #444; }
footer {
  margin-top: 2rem; padding-top: .6rem; border-top: 1px solid #1a1a1a;
  font-size: .9rem;
}
footer .made { color: #666; }
@page { size: A4; margin: 14mm 14mm; }
@media print {
  html, body { background: #fff; color: #000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.35; }
  h1 { font-size: 20pt; }
  h2 { font-size: 14pt; margin-top: 14pt; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 12pt; }
  .step { border-color: #888; padding: 6pt 9pt; margin-bottom: 8pt; }
  .step p { margin: 2pt 0; }
  .facts, h2 .rounds, .dose .time, .evidence, .missing, footer .made { color: #000; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render_html(handout: Handout) -> str:
    """The handout as one self-contained HTML page."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing on this page may load or run anything: no scripts, no
        # images, fonts or styles from elsewhere.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="generator" content="Glute Composer">',
        f"<title>{_e(handout.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(handout.title)}</h1>",
        '<p class="facts">'
        + "".join(f"<span>{_e(fact)}</span>" for fact in _facts(handout))
        + "</p>",
    ]
    if handout.description:
        out.append(f'<p class="description">{_e(handout.description)}</p>')
    if handout.equipment:
        out.append(
            '<p class="equipment"><span class="label">You need:</span> '
            f"{_e(', '.join(handout.equipment))}</p>"
        )
    out.append("</header>")
    out.append("<main>")
    for block in handout.blocks:
        out.append('<section class="block">')
        rounds = f' <span class="rounds">({_e(block.rounds)})</span>' if block.rounds else ""
        out.append(f"<h2>{block.number}. {_e(block.title)}{rounds}</h2>")
        if not block.steps:
            out.append('<p class="missing">No exercises in this block.</p>')
        for step in block.steps:
            out += _html_step(step)
        out.append("</section>")
    out.append("</main>")
    out += [
        "<footer>",
        f'<p class="disclaimer"><strong>Please note:</strong> {_e(DISCLAIMER)}</p>',
        '<p class="made">Made with Glute Composer.</p>',
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _facts(handout: Handout) -> list[str]:
    facts = []
    if handout.author:
        facts.append(f"By {handout.author}")
    facts.append(f"Total time: {handout.total}")
    steps = sum(len(block.steps) for block in handout.blocks)
    facts.append(f"{steps} exercise{'s' if steps != 1 else ''}")
    return facts


def _time(step: HandoutStep) -> str:
    """How long the step takes in all, unless its dose already says."""
    if step.timed_once:
        return ""
    return f"{_minutes(step.seconds)} {'a round' if step.per_round else 'in all'}"


def _html_time(step: HandoutStep) -> str:
    time = _time(step)
    return f' <span class="time">({_e(time)})</span>' if time else ""


def _html_step(step: HandoutStep) -> list[str]:
    out = [
        '<article class="step">',
        f'<h3><span class="number">{step.number}</span>{_e(step.name)}</h3>',
        f'<p class="dose">{_e(step.dose)}{_html_time(step)}</p>',
    ]
    if step.summary:
        out.append(f'<p class="summary">{_e(step.summary)}</p>')
    if step.instructions:
        out.append('<ol class="instructions">')
        out += [f"<li>{_e(line)}</li>" for line in step.instructions]
        out.append("</ol>")
    if step.cues:
        out.append(
            '<p class="cues"><span class="label">Cues:</span> '
            + " · ".join(_e(cue) for cue in step.cues)
            + "</p>"
        )
    if step.note:
        out.append(f'<p class="note"><span class="label">Note:</span> {_e(step.note)}</p>')
    for caution in step.cautions:
        out.append(f'<p class="caution"><span class="label">Caution:</span> {_e(caution)}</p>')
    for item in step.evidence:
        out.append(f'<p class="evidence"><span class="label">Evidence:</span> {_e(item)}</p>')
    if step.missing:
        out.append(f'<p class="missing">{_e(MISSING)}</p>')
    out.append("</article>")
    return out


# -- Markdown -------------------------------------------------------------------

# Characters that start or end inline structure anywhere in a line:
# emphasis, code, links, HTML and entities, tables, strikethrough, and the
# closing hashes a heading would drop.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# What makes a line a quote, list item, rule or setext underline.
_LINE_START = re.compile(r"^([>+=-])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _md_line(text: str) -> str:
    # Leading spaces would make an indented code block: they are dropped.
    text = _INLINE.sub(r"\\\1", text.lstrip())
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def _md(text: str) -> str:
    """Text escaped for Markdown: shown as written, never read as structure.
    Lines of a multi-line text end with a hard line break."""
    lines = [_md_line(line) for line in text.split("\n")]
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            out.append("")
            continue
        follows = index + 1 < len(lines) and lines[index + 1].strip()
        out.append(line.rstrip() + ("\\" if follows else ""))
    return "\n".join(out)


def render_markdown(handout: Handout) -> str:
    """The handout as Markdown (CommonMark)."""
    out = [f"# {_md(handout.title)}", "", " · ".join(_md(fact) for fact in _facts(handout))]
    if handout.description:
        out += ["", _md(handout.description)]
    if handout.equipment:
        out += ["", f"**You need:** {_md(', '.join(handout.equipment))}"]
    for block in handout.blocks:
        rounds = f" ({_md(block.rounds)})" if block.rounds else ""
        out += ["", f"## {block.number}. {_md(block.title)}{rounds}"]
        if not block.steps:
            out += ["", "*No exercises in this block.*"]
        for step in block.steps:
            out += _md_step(step)
    out += ["", "---", "", f"**Please note:** {_md(DISCLAIMER)}", "", "*Made with Glute Composer.*"]
    return "\n".join(out) + "\n"


def _md_step(step: HandoutStep) -> list[str]:
    out = [
        "",
        f"### {step.number}. {_md(step.name)}",
        "",
        f"**{_md(step.dose)}**" + (f" ({_md(_time(step))})" if _time(step) else ""),
    ]
    if step.summary:
        out += ["", f"*{_md(step.summary)}*"]
    if step.instructions:
        out.append("")
        out += [f"{number}. {_md(line)}" for number, line in enumerate(step.instructions, start=1)]
    if step.cues:
        out += ["", "**Cues:** " + " · ".join(_md(cue) for cue in step.cues)]
    if step.note:
        out += ["", f"**Note:** {_md(step.note)}"]
    for caution in step.cautions:
        out += ["", f"**Caution:** {_md(caution)}"]
    for item in step.evidence:
        out += ["", f"**Evidence:** {_md(item)}"]
    if step.missing:
        out += ["", f"*{_md(MISSING)}*"]
    return out


# -- files ------------------------------------------------------------------------


def render(session: Session, lookup: Callable[[str], Exercise | None], kind: str) -> str:
    """The handout of `session` as ``"html"`` or ``"markdown"`` text."""
    handout = build_handout(session, lookup)
    return render_html(handout) if kind == "html" else render_markdown(handout)


def format_for(path: Path) -> str | None:
    """``"html"`` or ``"markdown"`` by the suffix of `path`; None if neither."""
    return FORMATS.get(path.suffix.lower())


def write_handout(session: Session, lookup: Callable[[str], Exercise | None], path: Path) -> None:
    """Write the handout to `path` (its suffix picks the format) atomically.
    Raises ValueError for an unknown suffix, OSError when it cannot write."""
    from composer.store.files import atomic_write_text

    kind = format_for(path)
    if kind is None:
        raise ValueError(f"{path.name}: a handout is .html or .md")
    atomic_write_text(path, render(session, lookup, kind))
