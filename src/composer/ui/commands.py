"""The app's own commands in the command palette."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name shown, action of the composer screen, help line)
COMMANDS = [
    ("New session", "new", "Start an empty session"),
    ("New session from a template", "new_from_template", "Start from a ready session"),
    ("Open session file", "open", "Open a session file"),
    ("Save", "save", "Save the session"),
    ("Save as", "save_as", "Save the session under a new name"),
    ("Session details", "details", "Title, description, author, tags, default pauses"),
    ("Run session", "run", "Open the timer on this session"),
    ("Plugins", "plugins", "Every plugin with its version and status"),
    (
        "Install missing plugins",
        "install_plugins",
        "Install the plugin packages this session requires",
    ),
    ("Export handout…", "export_handout", "A page to print or send: .html or .md"),
    ("History", "history", "Past runs, minutes per week; run a past session again"),
    ("Add a block", "add_block", "Add an empty block after the highlighted one"),
    ("Undo", "undo", "Take back the last change to the session (Ctrl+Z)"),
    ("Redo", "redo", "Make the last undone change again (Ctrl+Y)"),
    ("Filter the library", "focus_filter", "Go to the filter box"),
    ("Hints", "toggle_hints", "Advice on order, holds and balance; Enter applies one"),
    ("Keys", "help", "Every key of the composer"),
]


class ComposerCommands(Provider):
    """Offers the composer's actions when the composer screen is showing."""

    def _target(self):
        from composer.ui.screens.composer import ComposerScreen

        screen = self.screen
        return screen if isinstance(screen, ComposerScreen) else None

    async def discover(self) -> Hits:
        target = self._target()
        if target is None:
            return
        for name, action, help_text in COMMANDS:
            yield DiscoveryHit(name, partial(target.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        target = self._target()
        if target is None:
            return
        matcher = self.matcher(query)
        for name, action, help_text in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(target.run_action, action),
                    help=help_text,
                )
