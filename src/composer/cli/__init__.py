"""The `glute` command line: every command that draws no TUI, and the launch of the one that does."""
