"""The document: the session being edited, the file it belongs to, and what
that file held when it was read or last saved.

The app owns one; the composer changes it only through these methods, so the
session, its path, the file's fingerprint (to notice changes made on disk by
someone else) and the saved text (to tell whether there are unsaved changes)
always agree. No Textual.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from composer.format.writer import dumps_session
from composer.model import Session
from composer.safetext import visible
from composer.store.filestate import FileState, read_state, written_state

if TYPE_CHECKING:
    from composer.catalog.manager import Catalog

NEW_NAME = "new session"


class Document:
    def __init__(
        self,
        session: Session | None = None,
        path: Path | None = None,
        file_state: FileState | None = None,
    ):
        self.session = session if session is not None else Session(title=path.stem if path else "")
        self.path = path
        if path is not None and file_state is None:
            file_state = read_state(path)[0]
        self.file_state = file_state
        self._saved_text: str | None = None
        # Files whose comments the user agreed to drop (asked once per file).
        self.comments_ok: set[str] = set()

    @property
    def name(self) -> str:
        """The file's name, safe to show, or "new session"."""
        return visible(self.path.name) if self.path is not None else NEW_NAME

    def text(self, catalog: Catalog | None) -> str:
        """The file text the session would be saved as now."""
        return dumps_session(self.session, catalog)

    def modified(self, catalog: Catalog | None) -> bool:
        """Whether saving now would write other text than was read or last
        saved. A document never marked saved is modified."""
        return self.text(catalog) != self._saved_text

    def mark_saved(self, catalog: Catalog | None) -> None:
        """Take the session as it is now as the saved one."""
        self._saved_text = self.text(catalog)

    def replace(
        self,
        session: Session,
        path: Path | None,
        catalog: Catalog | None,
        state: FileState | None = None,
    ) -> None:
        """Make `session` (read from `path`, or new when None) the document.
        `state` is the fingerprint of `path` taken before it was read (taken
        now when not given)."""
        self.session = session
        self.path = path
        if path is not None and state is None:
            state = read_state(path)[0]
        self.file_state = state
        self.comments_ok = set()
        self.mark_saved(catalog)

    def saved(self, path: Path, text: str) -> None:
        """`text` was written to `path`: that is now the document's file."""
        self.path = path
        self.file_state = written_state(path, text.encode("utf-8"))
        self._saved_text = text

    def is_file(self, path: Path) -> bool:
        """Whether `path` names the document's own file."""
        return self.path is not None and os.path.abspath(self.path) == os.path.abspath(path)
