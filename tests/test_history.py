"""The history database: writing and reading, migrations, the old JSON
lines, two writers at once, and a damaged file."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from composer.store import paths
from composer.store.history import (
    SCHEMA_VERSION,
    CheckIn,
    HistoryError,
    Run,
    StepOutcome,
    minutes_per_week,
    open_history,
    parse_jsonl,
    session_counts,
    week_start,
    week_streak,
)

T0 = datetime(2025, 5, 5, 7, 30, tzinfo=UTC)  # a Monday


def a_run(key: str = "k1", started: datetime = T0, **fields) -> Run:
    values = dict(
        key=key,
        started=started,
        ended=started + timedelta(minutes=12),
        file="/home/sam/wake-up.toml",
        title="Wake-up",
        session_hash="ab" * 32,
        planned_s=660.0,
        done_s=600.0,
        paused_s=30.0,
        steps=3,
        completed=2,
        partly=1,
        skipped=0,
        finished=True,
    )
    values.update(fields)
    return Run(**values)


def outcomes() -> list[StepOutcome]:
    return [
        StepOutcome(0, "activation/clamshell", "Clamshell", "completed", 200.0, 190.0),
        StepOutcome(1, "stability/glute-bridge", "Glute bridge", "partly", 300.0, 150.0),
        StepOutcome(2, "activation/clamshell", "Clamshell", "completed", 160.0, 160.0),
    ]


def test_a_run_its_steps_and_check_in_come_back(home):
    with open_history() as history:
        run_id = history.record_run(a_run(), outcomes())
        history.record_checkin(
            run_id,
            CheckIn(felt=["glutes", "quads"], effort=6, pain=2, ratings={1: "hard", 2: "easy"}),
        )
    assert paths.history_file() == home / "data" / "history.sqlite3"
    with open_history() as history:
        [run] = history.runs()
        assert run.id == run_id and run.title == "Wake-up"
        assert run.file == "/home/sam/wake-up.toml"
        assert run.started == T0 and run.ended == T0 + timedelta(minutes=12)
        assert (run.completed, run.partly, run.skipped, run.finished) == (2, 1, 0, True)
        assert run.minutes == 10
        assert run.checkin.felt == ["glutes", "quads"]
        assert (run.checkin.effort, run.checkin.pain) == (6, 2)
        assert run.checkin.ratings == {1: "hard", 2: "easy"}
        clam = history.step_outcomes("activation/clamshell", limit=10)
        assert [s.step_index for s in clam] == [2, 0]  # newest first
        assert clam[0].rating == "easy" and clam[0].pain == 2 and clam[1].rating is None
        assert clam[0].started == T0 and clam[0].run_id == run_id
        [checkin] = history.checkins()
        assert checkin.run_id == run_id and checkin.felt == ["glutes", "quads"]
        assert [s.outcome for s in history.run_steps(run_id)] == [
            "completed",
            "partly",
            "completed",
        ]
        assert history.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_same_run_recorded_again_stays_one_record_and_keeps_ratings():
    with open_history() as history:
        first = history.record_run(a_run(finished=False, done_s=100), outcomes()[:2])
        history.record_checkin(first, CheckIn(ratings={0: "right"}))
        second = history.record_run(a_run(done_s=600), outcomes())
        assert first == second
        [run] = history.runs()
        assert run.finished and run.done_s == 600
        [step] = [s for s in history.run_steps(first) if s.step_index == 0]
        assert step.rating == "right"
        assert len(history.run_steps(first)) == 3


def test_runs_since_and_newest_first():
    with open_history() as history:
        for day in range(5):
            history.record_run(a_run(f"k{day}", T0 + timedelta(days=day)))
        runs = history.runs(since=T0 + timedelta(days=2))
        assert [r.key for r in runs] == ["k4", "k3", "k2"]
        assert len(history.step_outcomes("activation/clamshell", limit=3)) == 0
        assert len(history.checkins(since=T0)) == 0


def test_step_outcomes_limit_and_order_across_runs():
    with open_history() as history:
        for day in range(4):
            history.record_run(a_run(f"k{day}", T0 + timedelta(days=day)), outcomes()[:1])
        found = history.step_outcomes("activation/clamshell", limit=2)
        assert [s.started for s in found] == [T0 + timedelta(days=3), T0 + timedelta(days=2)]


def test_check_in_values_are_checked():
    with open_history() as history:
        run_id = history.record_run(a_run())
        with pytest.raises(ValueError):
            history.record_checkin(run_id, CheckIn(effort=11))
        with pytest.raises(ValueError):
            history.record_checkin(run_id, CheckIn(ratings={0: "meh"}))
        history.record_checkin(run_id, CheckIn(effort=10, pain=0))
        assert history.runs()[0].checkin.effort == 10


# -- migrations ---------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, started TEXT NOT NULL, ended TEXT,
    file TEXT, title TEXT NOT NULL DEFAULT '', session_hash TEXT, planned_s REAL,
    done_s REAL NOT NULL DEFAULT 0, paused_s REAL NOT NULL DEFAULT 0,
    steps INTEGER NOT NULL DEFAULT 0, completed INTEGER NOT NULL DEFAULT 0,
    partly INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0);
CREATE INDEX runs_by_start ON runs (started);
CREATE TABLE step_outcomes (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL, exercise TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'partly', 'skipped')),
    planned_s REAL, done_s REAL NOT NULL DEFAULT 0, PRIMARY KEY (run_id, step_index));
CREATE INDEX step_outcomes_by_exercise ON step_outcomes (exercise);
INSERT INTO runs (id, key, started, file, title, done_s, steps, completed, finished)
    VALUES (7, 'old', '2025-04-01T06:00:00Z', '/s/a.toml', 'Old run', 900, 2, 2, 1);
INSERT INTO step_outcomes VALUES (7, 0, 'a/bridge', 'Bridge', 'completed', 300, 310);
PRAGMA user_version = 1;
"""


def test_a_version_1_database_is_migrated_and_keeps_its_runs():
    path = paths.history_file()
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.close()
    with open_history() as history:
        assert history.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        [run] = history.runs()
        assert (run.id, run.title, run.done_s, run.checkin) == (7, "Old run", 900, None)
        history.record_checkin(7, CheckIn(felt=["glutes"], effort=5, ratings={0: "easy"}))
        [step] = history.step_outcomes("a/bridge", limit=5)
        assert step.rating == "easy" and step.done_s == 310
    with open_history() as history:  # opening again changes nothing
        assert history.runs()[0].checkin.felt == ["glutes"]


def test_an_empty_file_is_version_0_and_gets_the_whole_schema():
    path = paths.history_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    with open_history() as history:
        assert history.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert history.problems == []


def test_a_database_from_a_newer_version_is_refused_not_changed():
    path = paths.history_file()
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(HistoryError, match="newer"):
        open_history()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 99


# -- the old history.jsonl ------------------------------------------------------------

OLD_LINES = [
    {
        "started": "2025-03-01T07:00:00+00:00",
        "title": "Desk break",
        "file": "desk.toml",
        "finished": True,
        "elapsed_s": 300.0,
        "paused_s": 12.0,
        "steps": 3,
        "completed": 3,
        "skipped": 0,
    },
    {
        "started": "2025-03-02T07:00:00+00:00",
        "title": "Wake-up",
        "file": None,
        "finished": False,
        "elapsed_s": 120.5,
        "paused_s": 0,
        "steps": 5,
        "completed": 1,
        "skipped": 1,
    },
    {"started": "2025-03-03T07:00:00+00:00", "title": "Glued", "elapsed_s": 60, "finished": True},
]


def legacy_text() -> str:
    first, second, third = (json.dumps(record) for record in OLD_LINES)
    # One record a line, two glued together, and a last line cut short.
    return f"{first}\n{second}{third}\n" + '{"started": "2025-03-04T07:00:0'


def test_parse_jsonl_tolerates_glued_records_and_a_truncated_line():
    records, damaged = parse_jsonl(legacy_text())
    assert [r["title"] for r in records] == ["Desk break", "Wake-up", "Glued"]
    assert damaged == 1
    records, damaged = parse_jsonl('garbage\n{"a": 1}\n[1]\n\n')
    assert records == [{"a": 1}] and damaged == 2


def test_the_old_jsonl_is_imported_once_then_renamed_never_deleted():
    legacy = paths.legacy_history_file()
    legacy.parent.mkdir(parents=True)
    legacy.write_text(legacy_text(), encoding="utf-8")
    with open_history() as history:
        runs = history.runs()
        assert [r.title for r in runs] == ["Glued", "Wake-up", "Desk break"]
        desk = runs[-1]
        assert desk.done_s == 300 and desk.paused_s == 12 and desk.finished
        assert desk.ended == desk.started + timedelta(seconds=312)
        assert desk.file == "desk.toml"  # as it was written; the old files kept it relative
        assert runs[1].finished is False and runs[1].file is None
        assert any("3 runs moved" in line for line in history.notices)
        assert any("1 damaged record" in line for line in history.problems)
    assert not legacy.exists()
    kept = legacy.with_name("history.jsonl.imported")
    assert kept.read_text(encoding="utf-8") == legacy_text()
    # The same lines again (an old version still writing) add nothing twice.
    legacy.write_text(legacy_text(), encoding="utf-8")
    with open_history() as history:
        assert len(history.runs()) == 3
        assert any("0 runs moved" in line for line in history.notices)
    assert legacy.with_name("history.jsonl.imported.2").exists()
    with open_history() as history:
        assert history.notices == [] and len(history.runs()) == 3


# -- two writers ------------------------------------------------------------------------

WRITES = 150


def _writer(home: str, name: str, ready, go) -> None:
    import os

    os.environ["GLUTE_COMPOSER_HOME"] = home
    ready.set()
    go.wait(30)
    with open_history() as history:
        for number in range(WRITES):
            run_id = history.record_run(a_run(f"{name}-{number}"), outcomes()[:2])
            if number % 10 == 0:
                history.record_checkin(run_id, CheckIn(effort=number % 11))


def test_two_processes_writing_at_once_lose_nothing(home):
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    readies = [context.Event() for _ in range(2)]
    workers = [
        context.Process(target=_writer, args=(str(home), name, ready, go))
        for name, ready in zip(("a", "b"), readies, strict=True)
    ]
    for worker in workers:
        worker.start()
    for ready in readies:
        assert ready.wait(60)
    go.set()  # both open a database that does not exist yet, and migrate it, at once
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with open_history() as history:
        keys = {run.key for run in history.runs()}
        assert keys == {f"{n}-{i}" for n in "ab" for i in range(WRITES)}
        assert len(history.checkins()) == 2 * (WRITES // 10)
        count = history.db.execute("SELECT count(*) FROM step_outcomes").fetchone()[0]
        assert count == 2 * WRITES * 2


# -- damage -------------------------------------------------------------------------------


def test_a_garbage_file_is_reported_moved_aside_and_a_new_history_started():
    path = paths.history_file()
    path.parent.mkdir(parents=True)
    garbage = bytes(range(256)) * 40
    path.write_bytes(garbage)
    path.with_name("history.sqlite3-wal").write_bytes(b"stale journal")
    with open_history() as history:
        assert len(history.problems) == 1
        line = history.problems[0]
        assert "\n" not in line and "damaged" in line and "history.sqlite3.corrupt-" in line
        assert history.runs() == []
        history.record_run(a_run())
        assert len(history.runs()) == 1
    [aside] = path.parent.glob("history.sqlite3.corrupt-*[0-9]")
    assert aside.read_bytes() == garbage  # never deleted
    # The old journal does not leak into the new database (SQLite drops an
    # invalid one itself; one left over is moved aside with the file).
    wal = path.with_name("history.sqlite3-wal")
    assert not wal.exists() or wal.read_bytes() != b"stale journal"
    with open_history() as history:
        assert history.problems == [] and len(history.runs()) == 1


def test_damage_found_while_reading_is_handled_the_same_way():
    with open_history() as history:
        for number in range(300):
            history.record_run(a_run(f"k{number}", title="x" * 200), outcomes())
        history.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = paths.history_file()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):  # every page but the first
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with open_history() as history:
        runs = history.runs()  # does not raise
        assert runs == []
        assert len(history.problems) == 1 and "damaged" in history.problems[0]
        history.record_run(a_run())
    assert len(list(path.parent.glob("history.sqlite3.corrupt-*"))) >= 1


def test_an_unwritable_folder_is_one_clear_error(home):
    paths.data_directory().parent.mkdir(parents=True, exist_ok=True)
    paths.data_directory().write_text("not a folder")
    with pytest.raises(HistoryError, match="cannot"):
        open_history()


# -- weeks and sessions ------------------------------------------------------------------


def test_minutes_per_week_and_streak():
    today = date(2025, 5, 7)  # a Wednesday
    runs = [
        a_run("a", datetime(2025, 5, 5, 12, tzinfo=UTC), done_s=600),
        a_run("b", datetime(2025, 5, 6, 12, tzinfo=UTC), done_s=300, finished=False),
        a_run("c", datetime(2025, 4, 29, 12, tzinfo=UTC), done_s=1200),
        a_run("d", datetime(2025, 4, 22, 12, tzinfo=UTC), done_s=60),
        a_run("e", datetime(2025, 4, 8, 12, tzinfo=UTC), done_s=60),
        a_run("f", datetime(2024, 1, 1, 12, tzinfo=UTC), done_s=60),  # too old to show
    ]
    weeks = minutes_per_week(runs, 12, today)
    assert len(weeks) == 12 and weeks[-1][0] == date(2025, 5, 5)
    assert weeks[-1][1] == 15 and weeks[-2][1] == 20 and weeks[-3][1] == 1
    assert sum(minutes for _w, minutes in weeks) == 15 + 20 + 1 + 1
    assert week_streak(runs, today) == 3
    # A week not over yet does not break the streak.
    assert week_streak(runs[2:], today) == 2
    assert week_streak(runs[4:], today) == 0
    assert week_start(datetime(2025, 5, 11, 12)) == date(2025, 5, 5)


def test_session_counts():
    runs = [
        a_run("a"),
        a_run("b", T0 + timedelta(days=1), finished=False),
        a_run("c", file="/s/other.toml", title="Other"),
        a_run("d", file=None, title="Unsaved"),
    ]
    counts = session_counts(runs)
    assert [(c.title, c.runs, c.finished) for c in counts] == [
        ("Wake-up", 2, 1),
        ("Other", 1, 1),
        ("Unsaved", 1, 1),
    ]


def test_steps_of_many_runs_at_once():
    with open_history() as history:
        first = history.record_run(a_run("a"), outcomes())
        second = history.record_run(a_run("b"), outcomes()[:1])
        empty = history.record_run(a_run("c"))
        history.record_checkin(
            first, CheckIn(felt=["glutes", "quads"], effort=6, pain=2, ratings={1: "hard"})
        )
        found = history.steps_of([first, second, empty])
        # The same outcomes, field for field, as the one-exercise query gives.
        by_exercise = [
            *history.step_outcomes("activation/clamshell"),
            *history.step_outcomes("stability/glute-bridge"),
        ]
    assert [s.step_index for s in found[first]] == [0, 1, 2]
    assert [s.name for s in found[second]] == ["Clamshell"] and found[empty] == []
    for outcome in [*found[first], *found[second]]:
        assert outcome in by_exercise
    assert found[first][1].rating == "hard" and found[first][1].pain == 2
    assert found[first][0].felt == ("glutes", "quads") and found[second][0].felt == ()
    assert found[first][0].started == T0


def test_step_rows_are_the_step_outcomes_own_fields():
    with open_history() as history:
        first = history.record_run(a_run("a"), outcomes())
        empty = history.record_run(a_run("b"))
        history.record_checkin(first, CheckIn(ratings={2: "easy"}))
        rows = history.step_rows([first, empty])
        full = history.steps_of([first, empty])
    assert rows[empty] == []
    assert rows[first] == [
        (o.step_index, o.exercise_id, o.name, o.outcome, o.planned_s, o.done_s, o.rating)
        for o in full[first]
    ]
    assert (
        rows[first][2].rating == "easy" and rows[first][1].exercise_id == "stability/glute-bridge"
    )
