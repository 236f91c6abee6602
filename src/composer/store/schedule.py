"""The reminder schedule: the ``[reminders]`` table of ``config.toml``,
read and checked (`parse_schedule`) and written back (`Schedule.as_table`).
When a session is due is worked out in `composer.habit.reminders`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from composer.safetext import visible

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
KEYS = ("days", "times", "every_minutes", "from", "until")
DEFAULT_FROM = time(9, 0)
DEFAULT_UNTIL = time(17, 30)
EVERY_BOUNDS = (5, 720)
MAX_TIMES = 96


# -- the schedule -----------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """When sessions are due: on `days` (0 = Monday), at `times`, and every
    `every_minutes` from `start` until `until`."""

    days: frozenset[int] = frozenset(range(7))
    times: tuple[time, ...] = ()
    every_minutes: int | None = None
    start: time = DEFAULT_FROM
    until: time = DEFAULT_UNTIL

    def slots(self, day: date) -> list[time]:
        """The reminder times of `day`, in order."""
        if day.weekday() not in self.days:
            return []
        found = set(self.times)
        if self.every_minutes:
            minute = self.start.hour * 60 + self.start.minute
            last = self.until.hour * 60 + self.until.minute
            while minute <= last:
                found.add(time(minute // 60, minute % 60))
                minute += self.every_minutes
        return sorted(found)

    def describe(self) -> str:
        if self.days == frozenset(range(7)):
            days = "every day"
        else:
            days = ", ".join(DAYS[d] for d in sorted(self.days))
        parts = []
        if self.times:
            parts.append("at " + ", ".join(clock_text(t) for t in self.times))
        if self.every_minutes:
            parts.append(
                f"every {self.every_minutes} min from {clock_text(self.start)} until {clock_text(self.until)}"
            )
        return f"{days}, {' and '.join(parts)}"

    def as_table(self) -> dict[str, Any]:
        """The ``[reminders]`` table that reads back as this schedule."""
        table: dict[str, Any] = {}
        if self.days != frozenset(range(7)):
            table["days"] = [DAYS[d] for d in sorted(self.days)]
        if self.times:
            table["times"] = [clock_text(t) for t in self.times]
        if self.every_minutes:
            table["every_minutes"] = self.every_minutes
            table["from"] = clock_text(self.start)
            table["until"] = clock_text(self.until)
        return table


def clock_text(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _parse_clock(value: Any) -> time | None:
    """``"08:30"`` (or a TOML local time) → a time; None if it is not one."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if not isinstance(value, str) or len(value) > 5:
        return None
    hours, sep, minutes = value.partition(":")
    if (
        not sep
        or not (1 <= len(hours) <= 2 and hours.isascii() and hours.isdigit())
        or not (len(minutes) == 2 and minutes.isascii() and minutes.isdigit())
    ):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def parse_schedule(table: Any, where: str) -> tuple[Schedule | None, list[str]]:
    """Read the ``[reminders]`` table. `where` prefixes each problem
    (``config.toml: reminders``). A table with problems gives no schedule."""
    problems: list[str] = []
    if not isinstance(table, dict):
        return None, [f"{where}: must be a table such as [reminders]"]
    for key in table:
        if key not in KEYS:
            problems.append(f"{where}.{visible(key)}: unknown setting (known: {', '.join(KEYS)})")
    values: dict[str, Any] = {}
    if "days" in table:
        days = table["days"]
        wanted = set()
        if not isinstance(days, list) or not days:
            problems.append(f'{where}.days: must be a list such as ["mon", "tue"]')
        else:
            for day in days:
                name = day.strip().lower()[:3] if isinstance(day, str) else None
                if name not in DAYS or (isinstance(day, str) and len(day.strip()) > 9):
                    problems.append(
                        f"{where}.days: {visible(repr(day))} is not a day ({', '.join(DAYS)})"
                    )
                else:
                    wanted.add(DAYS.index(name))
            values["days"] = frozenset(wanted)
    if "times" in table:
        times = table["times"]
        if not isinstance(times, list) or len(times) > MAX_TIMES:
            problems.append(f'{where}.times: must be a list such as ["08:30", "13:00"]')
        else:
            parsed = []
            for value in times:
                moment = _parse_clock(value)
                if moment is None:
                    problems.append(
                        f"{where}.times: {visible(repr(value))} is not a time of day (HH:MM)"
                    )
                else:
                    parsed.append(moment)
            values["times"] = tuple(sorted(set(parsed)))
    if "every_minutes" in table:
        every = table["every_minutes"]
        low, high = EVERY_BOUNDS
        if isinstance(every, bool) or not isinstance(every, int) or not low <= every <= high:
            problems.append(f"{where}.every_minutes: must be a whole number from {low} to {high}")
        else:
            values["every_minutes"] = every
    for key, field in (("from", "start"), ("until", "until")):
        if key in table:
            moment = _parse_clock(table[key])
            if moment is None:
                problems.append(f"{where}.{key}: must be a time of day (HH:MM)")
            else:
                values[field] = moment
    if ("start" in values or "until" in values) and "every_minutes" not in table:
        problems.append(f"{where}: 'from' and 'until' go with every_minutes")
    if not table.get("times") and "every_minutes" not in table and not problems:
        problems.append(f"{where}: set times = [...] or every_minutes = N")
    if problems:
        return None, problems
    schedule = Schedule(**values)
    if schedule.every_minutes and schedule.start >= schedule.until:
        return None, [f"{where}: 'from' must come before 'until'"]
    return schedule, []
