"""A compositor that repaints only the widgets under the changed regions.

Textual repaints a partial update by rendering every widget that overlaps
the rectangle around *all* the changed regions. On the timer the big clock
and the time left change together once a second, one in the middle of the
screen and one on the bottom row, so that rectangle takes in nearly every
widget on the screen. This compositor renders only the widgets that overlap
one of the changed regions themselves: the lines written to the terminal
are the same, as those are the only widgets that can show in them.

It relies on two internals of Textual's `Compositor`
(`render_partial_update` and `_get_renders`); `span_compositor()` falls
back to the plain compositor when they are not there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

__all__ = ["SpanCompositor", "span_compositor"]


class SpanCompositor(Compositor):
    """Renders, for a partial update, only the widgets under a changed region."""

    _changed: list[Region] | None = None

    def render_partial_update(self) -> Any:
        self._changed = list(self._dirty_regions)
        try:
            return super().render_partial_update()
        finally:
            self._changed = None

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        changed = self._changed
        if crop is None or not changed or len(changed) == 1:
            yield from super()._get_renders(crop)
            return
        # As Textual's, but a widget is rendered only when what shows of it
        # overlaps a changed region (not the rectangle around them all).
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            if shown and any(shown.overlaps(dirty) for dirty in changed):
                lines = widget.render_lines(shown.translate((-region.x, -region.y)))
                yield region, clip, lines


def span_compositor() -> Compositor:
    """A `SpanCompositor`, or Textual's own if its internals have changed."""
    ok = all(
        callable(getattr(Compositor, name, None))
        for name in ("render_partial_update", "_get_renders", "_render_chops")
    )
    return SpanCompositor() if ok else Compositor()
