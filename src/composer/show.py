"""`glute show`: the plan of a session as plain text."""

from __future__ import annotations

from .model import Session, format_seconds
from .plugins import Catalog
from .timeline import compile_timeline


def render_plan(session: Session, catalog: Catalog) -> str:
    timeline = compile_timeline(session, catalog.get)
    lines = [session.title or "(untitled session)"]
    if session.author:
        lines[0] += f" — by {session.author}"
    if session.description:
        lines.append(session.description)
    if session.tags:
        lines.append("Tags: " + ", ".join(session.tags))
    if session.requires:
        lines.append("Requires: " + ", ".join(session.requires))
    step_index = 0
    for block_number, block in enumerate(session.blocks, start=1):
        lines.append("")
        title = block.title or f"Block {block_number}"
        rounds = f" × {block.rounds} rounds" if block.rounds > 1 else ""
        rest = (
            f", {format_seconds(block.rest_s)} rest between"
            if block.rounds > 1 and block.rest_s
            else ""
        )
        lines.append(f"{block_number}. {title}{rounds}{rest}")
        if not block.steps:
            lines.append("   (no steps)")
        for step in block.steps:
            exercise = catalog.get(step.exercise)
            name = step.display_name(exercise)
            missing = "" if exercise else "  [plugin missing]"
            dose = step.resolve(exercise, session.defaults).describe()
            seconds = timeline.step_total(step_index) / max(1, block.rounds)
            lines.append(f"   {step_index + 1:>3}  {name}{missing}")
            lines.append(f"        {dose}  ({format_seconds(seconds)})")
            if step.note:
                lines.append(f"        Note: {step.note}")
            step_index += 1
    lines.append("")
    total = format_seconds(timeline.total)
    if timeline.estimated:
        lines.append(f"Total: about {total} (self-paced reps estimated at 3 s each)")
    else:
        lines.append(f"Total: {total}, get-ready, rests and side switches included")
    return "\n".join(lines)
