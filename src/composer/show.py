"""`glute show`: the plan of a session as plain text."""

from __future__ import annotations

from .model import Session, format_seconds
from .plugins import Catalog
from .size import SessionTooLarge, session_size, step_size


def render_plan(session: Session, catalog: Catalog) -> str:
    """The plan; raises `SessionTooLarge` for a session beyond the bounds.

    Times are worked out from the doses (`composer.size`), the same sums
    the timer's timeline would give."""
    size = session_size(session, catalog.get)
    if size.too_large:
        raise SessionTooLarge(size)
    transition = session.transition_s()
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
            name = exercise.name if exercise else (step.name or step.exercise)
            missing = "" if exercise else "  [plugin missing]"
            resolved = step.resolve(exercise, session.defaults)
            dose = resolved.describe()
            seconds = step_size(resolved, transition).seconds
            lines.append(f"   {step_index + 1:>3}  {name}{missing}")
            lines.append(f"        {dose}  ({format_seconds(seconds)})")
            if step.note:
                lines.append(f"        Note: {step.note}")
            step_index += 1
    lines.append("")
    total = format_seconds(size.seconds)
    if size.estimated:
        lines.append(f"Total: about {total} (self-paced reps estimated at 3 s each)")
    else:
        lines.append(f"Total: {total}, get-ready, rests and side switches included")
    return "\n".join(lines)
