"""`glute show`: the plan of a session as plain text.

Every piece of text from the file or a plugin goes through `visible`."""

from __future__ import annotations

from composer.catalog.manager import Catalog
from composer.format.size import SessionTooLarge, session_size, step_size
from composer.model import Session, format_seconds
from composer.safetext import visible


def render_plan(session: Session, catalog: Catalog) -> str:
    """The plan; raises `SessionTooLarge` for a session beyond the bounds.

    Times are worked out from the doses (`composer.format.size`), the same sums
    the timer's timeline would give."""
    size = session_size(session, catalog.get)
    if size.too_large:
        raise SessionTooLarge(size)
    transition = session.transition_s()
    lines = [visible(session.title) or "(untitled session)"]
    if session.author:
        lines[0] += f" — by {visible(session.author)}"
    if session.description:
        lines.append(visible(session.description, multiline=True))
    if session.tags:
        lines.append("Tags: " + ", ".join(visible(tag) for tag in session.tags))
    if session.requires:
        lines.append("Requires: " + ", ".join(visible(item) for item in session.requires))
    step_index = 0
    for block_number, block in enumerate(session.blocks, start=1):
        lines.append("")
        title = visible(block.title) or f"Block {block_number}"
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
            name = visible(step.display_name(exercise))
            missing = "" if exercise else "  [plugin missing]"
            resolved = step.resolve(exercise, session.defaults)
            dose = resolved.describe()
            seconds = step_size(resolved, transition).seconds
            lines.append(f"   {step_index + 1:>3}  {name}{missing}")
            lines.append(f"        {dose}  ({format_seconds(seconds)})")
            if step.note:
                note = visible(step.note, multiline=True).replace("\n", "\n              ")
                lines.append(f"        Note: {note}")
            step_index += 1
    lines.append("")
    total = format_seconds(size.seconds)
    if size.estimated:
        lines.append(f"Total: about {total} (self-paced reps estimated at 3 s each)")
    else:
        lines.append(f"Total: {total}, get-ready, rests and side switches included")
    return "\n".join(lines)
