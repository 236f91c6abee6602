"""Sharing a session: installing the plugins a file requires, and handouts for people. No Textual."""
