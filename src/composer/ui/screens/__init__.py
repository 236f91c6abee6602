"""Full screens: the composer, the timer and the history."""
