"""Textual's footer, composed again only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class KeyFooter(Footer):
    """A `Footer` that is composed again only when what it shows changes.

    Textual's footer composes all its keys again whenever the screen's
    bindings are refreshed: at each focus change, and when a screen mounts
    or resumes, even when the keys shown stay the same. Each time, every
    key is a new widget to mount, style and lay out. This one compares the
    keys it would show (key, description, enabled, tooltip) with those it
    shows, and leaves itself alone when they are the same.
    """

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(show_command_palette=show_command_palette)
        self._shown: tuple[object, ...] | None = None

    @staticmethod
    def _keys(screen: Screen) -> tuple[object, ...]:
        # Every active binding, shown or not (the command palette's key is
        # shown whatever its `show`): a change in any of them composes again.
        return tuple(
            (key, binding.action, binding.description, binding.show, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        )

    def compose(self) -> ComposeResult:
        # Textual's footer starts empty, and composes its keys once the
        # screen tells it of its bindings, often after the screen's first
        # frame: a second frame followed. This one has them from the start.
        self._bindings_ready = True
        self._shown = self._keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        shown = self._keys(screen)
        focused = screen.app.app_focus
        if focused and shown == self._shown:
            return
        # Textual's footer does not compose while the terminal is out of
        # focus: then nothing is taken as shown, and the next call composes.
        self._shown = shown if focused else None
        if focused and self.is_attached and screen is self.screen:
            # Textual's footer composes at the next frame; composed next,
            # the keys are in that frame already.
            self.call_next(self.recompose)
