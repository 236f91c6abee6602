"""`glute history`: the table, --json and --since."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from composer.cli.history import parse_since, render_runs
from composer.cli.main import main
from composer.store import paths
from composer.store.history import CheckIn, StepOutcome, open_history

from .test_history import a_run

NOW = datetime.now().astimezone()


@pytest.fixture
def seeded(home):
    with open_history() as history:
        first = history.record_run(
            a_run("a", NOW - timedelta(days=20), title="Desk break", done_s=300),
            [StepOutcome(0, "a/clam", "Clam", "completed", 100.0, 100.0)],
        )
        history.record_checkin(first, CheckIn(felt=["glutes"], effort=4, pain=0))
        history.record_run(
            a_run(
                "b",
                NOW - timedelta(days=1),
                title="Wake-up \x1b[31m",
                done_s=1500,
                finished=False,
                completed=3,
                partly=1,
                skipped=2,
            )
        )
    return home


def test_history_prints_one_line_per_run_newest_first(seeded, capsys):
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["Date", "Session", "Time", "Steps", "Check-in"]
    assert "Wake-up \\x1b[31m" in lines[1] and "\x1b" not in out  # escaped, never raw
    assert "25 min" in lines[1] and "3 done, 1 partly, 2 skipped (stopped)" in lines[1]
    assert lines[1].rstrip().endswith("-")
    assert "Desk break" in lines[2] and "5 min" in lines[2]
    assert lines[2].endswith("felt glutes · effort 4 · pain 0")
    assert (NOW - timedelta(days=20)).strftime("%Y-%m-%d") in lines[2]
    assert "2 runs (1 finished), 30 min in all" in out
    assert "streak" not in out


def test_history_json(seeded, capsys):
    assert main(["history", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in records] == ["Wake-up \x1b[31m", "Desk break"]
    desk = records[1]
    assert desk["checkin"] == {"felt": ["glutes"], "effort": 4, "pain": 0}
    assert desk["file"] == "/home/sam/wake-up.toml" and desk["finished"] is True
    assert desk["step_outcomes"][0]["exercise"] == "a/clam"
    assert desk["minutes"] == 5.0
    assert datetime.fromisoformat(desk["started"]).tzinfo is not None


def test_history_since(seeded, capsys):
    since = (NOW - timedelta(days=7)).strftime("%Y-%m-%d")
    assert main(["history", "--json", "--since", since]) == 0
    assert [r["title"] for r in json.loads(capsys.readouterr().out)] == ["Wake-up \x1b[31m"]
    assert main(["history", "--since", "2w"]) == 0
    assert "1 run (0 finished)" in capsys.readouterr().out
    assert main(["history", "--since", "2999-01-01"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "No runs since then." in captured.err


def test_history_since_must_be_a_date(seeded, capsys):
    assert main(["history", "--since", "last tuesday"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--since" in err and "not a date" in err


def test_parse_since_forms():
    assert parse_since("2025-05-01") == datetime(2025, 5, 1).astimezone()
    assert parse_since("2025-05-01T07:30") == datetime(2025, 5, 1, 7, 30).astimezone()
    assert parse_since("7d", today=datetime(2025, 5, 8).date()) == datetime(2025, 5, 1).astimezone()
    assert (
        parse_since("2w", today=datetime(2025, 5, 15).date()) == datetime(2025, 5, 1).astimezone()
    )


def test_no_runs_yet(home, capsys):
    assert main(["history"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "No runs yet." in captured.err
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_streak_shown_when_turned_on(seeded, capsys):
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text("streaks = true\n", encoding="utf-8")
    assert main(["history"]) == 0
    assert "Week streak: 0 weeks" in capsys.readouterr().out


def test_streak_counts_weeks_with_a_finished_run():
    runs = [a_run(str(n), NOW - timedelta(weeks=n)) for n in range(3)]
    assert "Week streak: 3 weeks" in render_runs(runs, streaks=True)


def test_a_damaged_history_is_reported_in_one_line_and_the_command_works(home, capsys):
    paths.history_file().parent.mkdir(parents=True)
    paths.history_file().write_bytes(b"\x00garbage" * 100)
    assert main(["history"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "damaged" in err[0] and "No runs yet." in err[1]


def test_the_old_jsonl_is_imported_on_first_use(home, capsys):
    legacy = paths.legacy_history_file()
    legacy.parent.mkdir(parents=True)
    legacy.write_text(
        '{"started": "2025-03-01T07:00:00+00:00", "title": "Old", "elapsed_s": 600, '
        '"finished": true}\n',
        encoding="utf-8",
    )
    assert main(["history", "--json"]) == 0
    captured = capsys.readouterr()
    assert [r["title"] for r in json.loads(captured.out)] == ["Old"]
    assert "1 run moved into history.sqlite3" in captured.err
