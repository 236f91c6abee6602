"""Running a session: the timeline, the timer engine, cues, plain mode, resume and run records. No Textual."""
