"""Editing a session: undoable edits and the form field checks. No Textual."""
