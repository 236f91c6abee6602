"""What is kept on disk: atomic files, file state, paths, config and the history database. No Textual."""
