"""The daily habit: advice from history, reminders and the system scheduler. No Textual."""
