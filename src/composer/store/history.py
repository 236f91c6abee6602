"""The history of runs and check-ins, in an SQLite database.

`history.sqlite3` in the data folder, through the standard library's
`sqlite3`: WAL journal, one transaction per write and a busy timeout, so two
`glute` processes can write at once. The schema is versioned with
``PRAGMA user_version``; `MIGRATIONS` brings an older file up to date, one
ordered function per version. The ``history.jsonl`` of earlier versions is
imported once and renamed, never deleted. A damaged database is moved aside
(``history.sqlite3.corrupt-<timestamp>``), reported in one line, and a new
one started: the history never stops a run and is never silently discarded.

Reading::

    with open_history() as history:
        for run in history.runs(since=datetime(2025, 1, 1)):
            ...

No UI imports: the timer, `glute history` and the advice all read this.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from composer.store import paths

__all__ = [
    "FEELINGS",
    "RATINGS",
    "CheckIn",
    "History",
    "HistoryError",
    "Run",
    "SessionCount",
    "StepOutcome",
    "StepRow",
    "minutes_per_week",
    "open_history",
    "session_counts",
    "week_start",
    "week_streak",
]

# Where the work was felt, as stored; the check-in's keys are their initials.
FEELINGS = ("glutes", "hamstrings", "lower back", "quads", "hip flexors", "nowhere")
RATINGS = ("easy", "right", "hard")
OUTCOMES = ("completed", "partly", "skipped")
SCALE_MAX = 10  # effort and pain are 0..10

BUSY_TIMEOUT_S = 15.0
_T = TypeVar("_T")


class HistoryError(Exception):
    """The history could not be read or written (one line, for the user)."""


# -- what is stored ------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    """How a run felt: where the work was felt, effort and pain from 0 to
    10 (None when not answered), and easy/right/hard per step index."""

    felt: list[str] = field(default_factory=list)
    effort: int | None = None
    pain: int | None = None
    ratings: dict[int, str] = field(default_factory=dict)
    run_id: int | None = None
    at: datetime | None = None

    @property
    def empty(self) -> bool:
        return not self.felt and self.effort is None and self.pain is None and not self.ratings

    def describe(self) -> str:
        """One short line, e.g. ``felt glutes, quads · effort 6 · pain 0``."""
        parts = []
        if self.felt:
            parts.append("felt " + ", ".join(self.felt))
        if self.effort is not None:
            parts.append(f"effort {self.effort}")
        if self.pain is not None:
            parts.append(f"pain {self.pain}")
        if self.ratings:
            counts = {r: sum(1 for v in self.ratings.values() if v == r) for r in RATINGS}
            parts.append(" ".join(f"{n} {r}" for r, n in counts.items() if n))
        return " · ".join(parts)


@dataclass(frozen=True)
class Run:
    """One run of a session, finished or not. Times are aware (UTC)."""

    started: datetime
    key: str
    ended: datetime | None = None
    file: str | None = None  # absolute path of the session file
    title: str = ""
    session_hash: str | None = None  # SHA-256 of the session's canonical text
    planned_s: float | None = None
    done_s: float = 0.0  # time spent, pauses excluded
    paused_s: float = 0.0
    steps: int = 0
    completed: int = 0
    partly: int = 0
    skipped: int = 0
    finished: bool = False
    id: int | None = None
    checkin: CheckIn | None = None

    @property
    def minutes(self) -> float:
        return self.done_s / 60


class StepRow(NamedTuple):
    """A step outcome's own fields, as `History.step_rows` reads them."""

    step_index: int
    exercise_id: str
    name: str
    outcome: str
    planned_s: float
    done_s: float
    rating: str | None


@dataclass(frozen=True)
class StepOutcome:
    """What became of one step in one run; `rating` and `pain` come from
    the run's check-in."""

    step_index: int
    exercise_id: str
    name: str
    outcome: str  # "completed", "partly" or "skipped"
    planned_s: float | None = None
    done_s: float = 0.0
    run_id: int | None = None
    started: datetime | None = None
    rating: str | None = None  # "easy", "right", "hard"
    pain: int | None = None
    felt: tuple[str, ...] = ()  # where the run's work was felt (its check-in)


# -- the schema ------------------------------------------------------------------


def _v1_runs_and_steps(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            started TEXT NOT NULL,
            ended TEXT,
            file TEXT,
            title TEXT NOT NULL DEFAULT '',
            session_hash TEXT,
            planned_s REAL,
            done_s REAL NOT NULL DEFAULT 0,
            paused_s REAL NOT NULL DEFAULT 0,
            steps INTEGER NOT NULL DEFAULT 0,
            completed INTEGER NOT NULL DEFAULT 0,
            partly INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            finished INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX runs_by_start ON runs (started)")
    db.execute(
        """CREATE TABLE step_outcomes (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            step_index INTEGER NOT NULL,
            exercise TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'partly', 'skipped')),
            planned_s REAL,
            done_s REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, step_index)
        )"""
    )
    db.execute("CREATE INDEX step_outcomes_by_exercise ON step_outcomes (exercise)")


def _v2_checkins(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE checkins (
            run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            felt TEXT NOT NULL DEFAULT '',
            effort INTEGER CHECK (effort BETWEEN 0 AND 10),
            pain INTEGER CHECK (pain BETWEEN 0 AND 10)
        )"""
    )
    db.execute(
        "ALTER TABLE step_outcomes ADD COLUMN rating TEXT"
        " CHECK (rating IN ('easy', 'right', 'hard'))"
    )


# MIGRATIONS[n] takes a database from version n to n + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_runs_and_steps, _v2_checkins]
SCHEMA_VERSION = len(MIGRATIONS)


# -- times -------------------------------------------------------------------------


def _stamp(moment: datetime) -> str:
    """Stored times: UTC, to the second, one fixed width (they sort as text)."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_stamp(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# -- the database ------------------------------------------------------------------


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    if isinstance(error, sqlite3.OperationalError) and "malformed" not in str(error):
        return False
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    message = str(error).lower()
    return "not a database" in message or "malformed" in message


class History:
    """The history database. Open it with `open_history`.

    `problems` holds one line for each thing the user should know about
    (a damaged database moved aside, damaged lines of the old JSON file);
    `notices` one line for things done once (the old file imported).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.notices: list[str] = []
        self._db: sqlite3.Connection | None = None
        self._guard(self._open)
        self._import_legacy()

    # -- opening, damage --------------------------------------------------------

    def _open(self) -> None:
        self.close()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(f"{self.path}: cannot write: {error.strerror or error}") from error
        try:
            db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise HistoryError(f"{self.path}: cannot open: {error}") from error
        self._db = db
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        self._wal(db)
        self._migrate(db)

    def _wal(self, db: sqlite3.Connection) -> None:
        # Changing the journal mode takes a lock that the busy handler may not
        # wait for; retry while another process holds it.
        for attempt in range(200):
            try:
                db.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == 199:
                    raise
                time.sleep(0.05)

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"{self.path}: written by a newer Glute Composer (schema {version}); upgrade"
            )
        if version == SCHEMA_VERSION:
            return
        with self._transaction():
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another may have done it
            for number in range(version, SCHEMA_VERSION):
                MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _guard(self, operation: Callable[[], _T]) -> _T:
        """Run `operation`; if the database turns out to be damaged, move it
        aside, start a new one and run it again."""
        try:
            return operation()
        except sqlite3.DatabaseError as error:
            if not _is_damage(error):
                raise HistoryError(f"{self.path}: {error}") from error
            self._set_aside(error)
        try:
            self._open()
            return operation()
        except sqlite3.Error as error:
            raise HistoryError(f"{self.path}: {error}") from error

    def _set_aside(self, error: Exception) -> None:
        self.close()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{number}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            pass
        except OSError as move_error:
            raise HistoryError(
                f"{self.path}: damaged ({error}) and cannot be moved aside: {move_error}"
            ) from move_error
        # A journal left beside it belongs to the damaged file, not the new one.
        for suffix in ("-wal", "-shm", "-journal"):
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                try:
                    os.replace(extra, aside.with_name(aside.name + suffix))
                except OSError:
                    pass
        self.problems.append(
            f"{self.path}: damaged ({error}); kept as {aside.name}, a new history was started"
        )

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise HistoryError(f"{self.path}: the history is closed")
        return self._db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _read(self, query: Callable[[sqlite3.Connection], _T]) -> _T:
        return self._guard(lambda: query(self.db))

    def _write(self, change: Callable[[sqlite3.Connection], _T]) -> _T:
        def run() -> _T:
            with self._transaction() as db:
                return change(db)

        return self._guard(run)

    # -- the old JSON lines file ------------------------------------------------

    def _import_legacy(self) -> None:
        legacy = self.path.with_name("history.jsonl")
        if not legacy.is_file():
            return

        def read_and_insert(db: sqlite3.Connection) -> tuple[int, int]:
            try:
                text = legacy.read_text(encoding="utf-8", errors="replace")
            except FileNotFoundError:  # another process imported it just now
                return 0, 0
            records, damaged = parse_jsonl(text)
            added = 0
            for record in records:
                run = _legacy_run(record)
                if run is None:
                    damaged += 1
                elif _insert_run(db, run, (), replace=False) is not None:
                    added += 1
            return added, damaged

        try:
            added, damaged = self._write(read_and_insert)
        except (HistoryError, OSError) as error:
            self.problems.append(f"{legacy}: not imported: {error}")
            return
        target = _free_name(legacy.with_name(legacy.name + ".imported"))
        try:
            os.replace(legacy, target)
        except FileNotFoundError:
            return
        except OSError as error:
            self.problems.append(f"{legacy}: imported but cannot be renamed: {error}")
            return
        runs = f"{added} run{'s' * (added != 1)}"
        self.notices.append(f"{legacy}: {runs} moved into {self.path.name}; kept as {target.name}")
        if damaged:
            lines = f"{damaged} damaged record{'s' * (damaged != 1)}"
            self.problems.append(f"{legacy}: {lines} skipped (still in {target.name})")

    # -- writing ------------------------------------------------------------------

    def record_run(self, run: Run, outcomes: Iterable[StepOutcome] = ()) -> int:
        """Add `run`, or update the run with the same `key` (a resumed run
        stays one record); returns its id. Step ratings already given are kept."""
        outcomes = list(outcomes)
        for outcome in outcomes:
            if outcome.outcome not in OUTCOMES:
                raise ValueError(f"unknown step outcome {outcome.outcome!r}")

        def change(db: sqlite3.Connection) -> int:
            run_id = _insert_run(db, run, outcomes, replace=True)
            assert run_id is not None
            return run_id

        return self._write(change)

    def record_checkin(self, run_id: int, checkin: CheckIn) -> None:
        """Store (or replace) the check-in of run `run_id`."""
        felt = [f for f in checkin.felt if f in FEELINGS]
        for value in (checkin.effort, checkin.pain):
            if value is not None and not 0 <= value <= SCALE_MAX:
                raise ValueError(f"effort and pain go from 0 to {SCALE_MAX}, got {value}")
        for rating in checkin.ratings.values():
            if rating not in RATINGS:
                raise ValueError(f"unknown rating {rating!r}")
        at = _stamp(checkin.at or datetime.now(UTC))

        def change(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR REPLACE INTO checkins (run_id, at, felt, effort, pain)"
                " VALUES (?, ?, ?, ?, ?)",
                (run_id, at, ",".join(felt), checkin.effort, checkin.pain),
            )
            for step, rating in checkin.ratings.items():
                db.execute(
                    "UPDATE step_outcomes SET rating = ? WHERE run_id = ? AND step_index = ?",
                    (rating, run_id, step),
                )

        self._write(change)

    # -- reading ------------------------------------------------------------------

    def runs(self, since: datetime | None = None) -> list[Run]:
        """Runs started at or after `since` (a naive time is local), newest first."""
        where, args = ("WHERE r.started >= ?", (_stamp(since),)) if since else ("", ())

        def query(db: sqlite3.Connection) -> list[Run]:
            rows = db.execute(
                f"""SELECT r.*, c.at AS c_at, c.felt AS c_felt, c.effort AS c_effort,
                           c.pain AS c_pain, c.run_id AS c_run
                    FROM runs r LEFT JOIN checkins c ON c.run_id = r.id
                    {where} ORDER BY r.started DESC, r.id DESC""",
                args,
            ).fetchall()
            names = [d[0] for d in db.execute("SELECT * FROM runs LIMIT 0").description]
            ratings = _ratings(db, [row[0] for row in rows if row[-1] is not None])
            return [_run_from_row(row, names, ratings) for row in rows]

        return self._read(query)

    def run(self, run_id: int) -> Run | None:
        found = [run for run in self.runs() if run.id == run_id]
        return found[0] if found else None

    def run_steps(self, run_id: int) -> list[StepOutcome]:
        """The step outcomes of one run, in session order."""
        return self._read(
            lambda db: [
                _outcome_from_row(row)
                for row in db.execute(
                    f"{_OUTCOME_SELECT} WHERE s.run_id = ? ORDER BY s.step_index", (run_id,)
                )
            ]
        )

    def steps_of(self, run_ids: Iterable[int]) -> dict[int, list[StepOutcome]]:
        """The step outcomes of many runs at once, each in session order."""
        wanted = list(run_ids)

        def query(db: sqlite3.Connection) -> dict[int, list[StepOutcome]]:
            found: dict[int, list[StepOutcome]] = {run_id: [] for run_id in wanted}
            for chunk, marks in _in_chunks(wanted):
                # What every step of a run shares (its start, its check-in)
                # is read and parsed once per run, not once per step.
                shared = {
                    run_id: (_parse_stamp(started), pain, _felt(felt))
                    for run_id, started, pain, felt in db.execute(
                        "SELECT r.id, r.started, c.pain, c.felt FROM runs r"
                        f" LEFT JOIN checkins c ON c.run_id = r.id WHERE r.id IN ({marks})",
                        chunk,
                    )
                }
                for row in db.execute(
                    "SELECT step_index, exercise, name, outcome, planned_s, done_s, run_id,"
                    f" rating FROM step_outcomes WHERE run_id IN ({marks})"
                    " ORDER BY run_id, step_index",
                    chunk,
                ):
                    found[row[6]].append(_outcome(row, *shared[row[6]]))
            return found

        return self._read(query)

    def step_rows(self, run_ids: Iterable[int]) -> dict[int, list[StepRow]]:
        """What `steps_of` gives, as plain rows of the step's own fields
        (index, exercise, name, outcome, planned and done seconds, rating):
        for listing many runs' steps without an object for each."""
        wanted = list(run_ids)

        def query(db: sqlite3.Connection) -> dict[int, list[StepRow]]:
            found: dict[int, list[StepRow]] = {run_id: [] for run_id in wanted}
            for chunk, marks in _in_chunks(wanted):
                make = StepRow._make
                for row in db.execute(
                    "SELECT step_index, exercise, name, outcome, planned_s,"
                    " COALESCE(done_s, 0.0), rating, run_id FROM step_outcomes"
                    f" WHERE run_id IN ({marks}) ORDER BY run_id, step_index",
                    chunk,
                ):
                    found[row[7]].append(make(row[:7]))
            return found

        return self._read(query)

    def step_outcomes(self, exercise_id: str, limit: int = 20) -> list[StepOutcome]:
        """The last `limit` outcomes of steps using `exercise_id`
        (``namespace/id``), newest first."""
        return self._read(
            lambda db: [
                _outcome_from_row(row)
                for row in db.execute(
                    f"""{_OUTCOME_SELECT} WHERE s.exercise = ?
                        ORDER BY r.started DESC, r.id DESC, s.step_index DESC LIMIT ?""",
                    (exercise_id, max(0, limit)),
                )
            ]
        )

    def checkins(self, since: datetime | None = None, limit: int | None = None) -> list[CheckIn]:
        """Check-ins of runs started at or after `since`, newest first."""
        where, tail = "", ""
        args: list[str | int] = []
        if since is not None:
            where = "WHERE r.started >= ?"
            args.append(_stamp(since))
        if limit is not None:
            tail = "LIMIT ?"
            args.append(max(0, limit))

        def query(db: sqlite3.Connection) -> list[CheckIn]:
            rows = db.execute(
                f"""SELECT c.run_id, c.at, c.felt, c.effort, c.pain
                    FROM checkins c JOIN runs r ON r.id = c.run_id
                    {where} ORDER BY r.started DESC, r.id DESC {tail}""",
                args,
            ).fetchall()
            ratings = _ratings(db, [row[0] for row in rows])
            return [
                _checkin(run_id, at, felt, effort, pain, ratings.get(run_id, {}))
                for run_id, at, felt, effort, pain in rows
            ]

        return self._read(query)


_OUTCOME_SELECT = """SELECT s.step_index, s.exercise, s.name, s.outcome, s.planned_s,
        s.done_s, s.run_id, r.started, s.rating, c.pain, c.felt
    FROM step_outcomes s JOIN runs r ON r.id = s.run_id
    LEFT JOIN checkins c ON c.run_id = s.run_id"""


def _outcome_from_row(row: tuple) -> StepOutcome:
    index, exercise, name, outcome, planned, done, run_id, started, rating, pain, felt = row
    own = (index, exercise, name, outcome, planned, done, run_id, rating)
    return _outcome(own, _parse_stamp(started), pain, _felt(felt))


def _outcome(
    row: tuple, started: datetime | None, pain: int | None, felt: tuple[str, ...]
) -> StepOutcome:
    """A step outcome from the step's own columns (index, exercise, name,
    outcome, planned, done, run id, rating) and what its run shares."""
    index, exercise, name, outcome, planned, done, run_id, rating = row
    return StepOutcome(
        step_index=index,
        exercise_id=exercise,
        name=name,
        outcome=outcome,
        planned_s=planned,
        done_s=done or 0.0,
        run_id=run_id,
        started=started,
        rating=rating,
        pain=pain,
        felt=felt,
    )


def _felt(text: str | None) -> tuple[str, ...]:
    return tuple(f for f in (text or "").split(",") if f)


def _in_chunks(ids: list[int]) -> Iterator[tuple[list[int], str]]:
    """`ids` 500 at a time, each chunk with its placeholders for ``IN (…)``
    (SQLite limits the parameters of one statement)."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        yield chunk, ",".join("?" * len(chunk))


def _ratings(db: sqlite3.Connection, run_ids: list[int]) -> dict[int, dict[int, str]]:
    found: dict[int, dict[int, str]] = {}
    if not run_ids:
        return found
    for chunk, marks in _in_chunks(run_ids):
        for run_id, step, rating in db.execute(
            f"SELECT run_id, step_index, rating FROM step_outcomes"
            f" WHERE rating IS NOT NULL AND run_id IN ({marks})",
            chunk,
        ):
            found.setdefault(run_id, {})[step] = rating
    return found


def _checkin(run_id, at, felt, effort, pain, ratings) -> CheckIn:
    return CheckIn(
        felt=[f for f in (felt or "").split(",") if f],
        effort=effort,
        pain=pain,
        ratings=dict(ratings),
        run_id=run_id,
        at=_parse_stamp(at),
    )


def _run_from_row(row: tuple, names: list[str], ratings: dict[int, dict[int, str]]) -> Run:
    values = dict(zip(names, row[: len(names)], strict=True))
    c_at, c_felt, c_effort, c_pain, c_run = row[len(names) :]
    checkin = None
    if c_run is not None:
        checkin = _checkin(c_run, c_at, c_felt, c_effort, c_pain, ratings.get(c_run, {}))
    started = _parse_stamp(values["started"]) or datetime.fromtimestamp(0, UTC)
    return Run(
        id=values["id"],
        key=values["key"],
        started=started,
        ended=_parse_stamp(values["ended"]),
        file=values["file"],
        title=values["title"] or "",
        session_hash=values["session_hash"],
        planned_s=values["planned_s"],
        done_s=values["done_s"] or 0.0,
        paused_s=values["paused_s"] or 0.0,
        steps=values["steps"] or 0,
        completed=values["completed"] or 0,
        partly=values["partly"] or 0,
        skipped=values["skipped"] or 0,
        finished=bool(values["finished"]),
        checkin=checkin,
    )


def _insert_run(
    db: sqlite3.Connection, run: Run, outcomes: Iterable[StepOutcome], *, replace: bool
) -> int | None:
    values = (
        run.key,
        _stamp(run.started),
        _stamp(run.ended) if run.ended else None,
        run.file,
        run.title,
        run.session_hash,
        run.planned_s,
        run.done_s,
        run.paused_s,
        run.steps,
        run.completed,
        run.partly,
        run.skipped,
        int(run.finished),
    )
    columns = (
        "key, started, ended, file, title, session_hash, planned_s, done_s, paused_s,"
        " steps, completed, partly, skipped, finished"
    )
    marks = ", ".join("?" * len(values))
    if not replace:
        found = db.execute(
            f"INSERT OR IGNORE INTO runs ({columns}) VALUES ({marks}) RETURNING id", values
        ).fetchone()
        return found[0] if found else None
    run_id = db.execute(
        f"""INSERT INTO runs ({columns}) VALUES ({marks})
            ON CONFLICT (key) DO UPDATE SET ended = excluded.ended, file = excluded.file,
                title = excluded.title, session_hash = excluded.session_hash,
                planned_s = excluded.planned_s, done_s = excluded.done_s,
                paused_s = excluded.paused_s, steps = excluded.steps,
                completed = excluded.completed, partly = excluded.partly,
                skipped = excluded.skipped, finished = excluded.finished
            RETURNING id""",
        values,
    ).fetchone()[0]
    indexes = []
    for outcome in outcomes:
        indexes.append(outcome.step_index)
        db.execute(
            """INSERT INTO step_outcomes
                   (run_id, step_index, exercise, name, outcome, planned_s, done_s)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (run_id, step_index) DO UPDATE SET exercise = excluded.exercise,
                   name = excluded.name, outcome = excluded.outcome,
                   planned_s = excluded.planned_s, done_s = excluded.done_s""",
            (
                run_id,
                outcome.step_index,
                outcome.exercise_id,
                outcome.name,
                outcome.outcome,
                outcome.planned_s,
                outcome.done_s,
            ),
        )
    marks = ",".join("?" * len(indexes))
    db.execute(
        f"DELETE FROM step_outcomes WHERE run_id = ? AND step_index NOT IN ({marks})",
        (run_id, *indexes),
    )
    return run_id


def open_history(path: Path | None = None) -> History:
    """Open (creating, migrating or importing as needed) the history at
    `path`, by default ``history.sqlite3`` in the data folder. Raises
    `HistoryError` only when no history can be opened at all (an unwritable
    folder); damage is repaired and reported in `History.problems`."""
    return History(path or paths.history_file())


def _free_name(path: Path) -> Path:
    if not path.exists():
        return path
    number = 2
    while path.with_name(f"{path.name}.{number}").exists():
        number += 1
    return path.with_name(f"{path.name}.{number}")


# -- the old JSON lines -------------------------------------------------------------------

_SPACE = re.compile(r"\s*")


def parse_jsonl(text: str) -> tuple[list[dict[str, Any]], int]:
    """The JSON objects in `text`, one a line or glued together, and how many
    damaged pieces (a truncated last line, garbage) were skipped."""
    decoder = json.JSONDecoder()
    records: list[dict[str, Any]] = []
    damaged = 0
    position, end = 0, len(text)
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if position >= end:
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            damaged += 1
            following = text.find("{", position + 1)
            position = end if following < 0 else following
            continue
        if isinstance(value, dict):
            records.append(value)
        else:
            damaged += 1
    return records, damaged


def _legacy_run(record: dict[str, Any]) -> Run | None:
    started = (
        _parse_stamp(record.get("started")) if isinstance(record.get("started"), str) else None
    )
    if started is None:
        return None

    def number(key: str) -> float:
        value = record.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            return 0.0
        return float(min(max(value, 0), 10**7))

    def count(key: str) -> int:
        return int(number(key))

    elapsed, paused = number("elapsed_s"), number("paused_s")
    title = record.get("title")
    file = record.get("file")
    key = hashlib.sha256(
        json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()
    return Run(
        key=f"jsonl:{key[:32]}",
        started=started,
        ended=started + timedelta(seconds=elapsed + paused),
        file=file if isinstance(file, str) else None,
        title=title if isinstance(title, str) else "",
        done_s=elapsed,
        paused_s=paused,
        steps=count("steps"),
        completed=count("completed"),
        skipped=count("skipped"),
        finished=record.get("finished") is True,
    )


# -- summaries for the history screen and `glute history` ----------------------------------


def week_start(moment: datetime | date) -> date:
    """The Monday (local time) of the week `moment` falls in."""
    if isinstance(moment, datetime):
        moment = moment.astimezone().date() if moment.tzinfo else moment.date()
    return moment - timedelta(days=moment.weekday())


def minutes_per_week(
    runs: Iterable[Run], weeks: int = 12, today: date | None = None
) -> list[tuple[date, float]]:
    """Minutes spent (pauses excluded) in each of the last `weeks` weeks,
    oldest first, as (Monday, minutes)."""
    this_week = week_start(today or date.today())
    starts = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    totals = dict.fromkeys(starts, 0.0)
    for run in runs:
        monday = week_start(run.started)
        if monday in totals:
            totals[monday] += run.minutes
    return [(monday, totals[monday]) for monday in starts]


def week_streak(runs: Iterable[Run], today: date | None = None) -> int:
    """Weeks in a row with at least one finished run, up to this week (a
    week not over yet does not break the streak)."""
    weeks = {week_start(run.started) for run in runs if run.finished}
    week = week_start(today or date.today())
    if week not in weeks:
        week -= timedelta(weeks=1)
    streak = 0
    while week in weeks:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


@dataclass(frozen=True)
class SessionCount:
    title: str
    file: str | None
    runs: int
    finished: int
    minutes: float
    last: datetime


def session_counts(runs: Iterable[Run]) -> list[SessionCount]:
    """Runs per session (by file, else by title), most runs first."""
    groups: dict[tuple[str | None, str], list[Run]] = {}
    for run in runs:
        groups.setdefault((run.file, run.title if run.file is None else ""), []).append(run)
    counts = []
    for (file, _title), members in groups.items():
        newest = max(members, key=lambda r: r.started)
        counts.append(
            SessionCount(
                title=newest.title,
                file=file,
                runs=len(members),
                finished=sum(1 for r in members if r.finished),
                minutes=sum(r.minutes for r in members),
                last=newest.started,
            )
        )
    counts.sort(key=lambda c: (-c.runs, -c.last.timestamp()))
    return counts
