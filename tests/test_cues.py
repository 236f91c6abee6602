"""Cues: voice, sounds, the bell, notifications and the composer_cue hook,
driven by the engine on a fake clock, with fake programs on PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from composer import Cue, CueKind, IntervalKind, hookimpl
from composer.catalog.manager import Catalog
from composer.model import Block, Dose, Session, SessionDefaults, Step
from composer.run.cues import (
    CueDispatcher,
    CueSettings,
    notification_sequences,
    speech_command,
    spoken_dose,
)
from composer.run.engine import Engine
from composer.run.timeline import compile_timeline
from composer.store.config import Config, load_config, save_config

from .conftest import FakeClock

FAKE = """#!/bin/sh
# Appends one line to the log: the program's name, its arguments and <stdin>.
{{
  printf '%s' "$(basename "$0")"
  for arg in "$@"; do printf ' %s' "$arg"; done
  if [ "$1" = "--stdin" ]; then printf ' <%s>' "$(cat)"; fi
  printf '\\n'
}} >> "{log}"
"""


@pytest.fixture
def fake_bin(tmp_path, monkeypatch):
    """espeak-ng and paplay that only write what they were given to a log,
    first on PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "programs.log"
    for name in ("espeak-ng", "paplay"):
        path = folder / name
        path.write_text(FAKE.format(log=log))
        path.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv("TMUX", raising=False)
    return SimpleNamespace(folder=folder, log=log)


def logged(fake_bin) -> list[str]:
    if not fake_bin.log.exists():
        return []
    return fake_bin.log.read_text().splitlines()


def short_session() -> Session:
    step = Step(
        exercise="gone/squeeze",
        name="Squeeze",
        dose=Dose(sets=2, reps=1, hold_s=4, sides="each", rest_s=4, switch_s=4),
    )
    return Session(
        title="Short", defaults=SessionDefaults(transition_s=4), blocks=[Block(steps=[step])]
    )


def run_session(dispatcher: CueDispatcher | None, *, step: float = 0.25, settle: bool = True):
    """Run the short session to its end on a fake clock, a tick every
    `step` seconds, as the run screen does. Returns the engine and the
    longest time one dispatch took (wall clock)."""
    clock = FakeClock()
    engine = Engine(compile_timeline(short_session()), clock)
    slowest = 0.0

    def send(events):
        nonlocal slowest
        if dispatcher is None:
            return
        began = time.perf_counter()
        dispatcher.dispatch(events, engine)
        slowest = max(slowest, time.perf_counter() - began)
        if settle:
            assert dispatcher.wait(10)

    send(engine.start())
    for _ in range(10_000):
        if engine.finished:
            break
        clock.now += step
        send(engine.tick())
    return engine, slowest


COUNT = ["3", "2", "1"]
SPOKEN = [
    "Get ready. Squeeze. 2 sets of 1 reps, hold 4 seconds, each side, rest 4 seconds.",
    *COUNT,
    "left, hold",
    *COUNT,
    "switch sides",
    *COUNT,
    "right, hold",
    *COUNT,
    "rest",
    *COUNT,
    "last set, left, hold",
    *COUNT,
    "switch sides",
    *COUNT,
    "right, hold",
    *COUNT,
    "done",
]


def test_voice_says_each_cue_in_order_through_the_speech_program(fake_bin):
    dispatcher = CueDispatcher(CueSettings(sound=False, voice=True))
    engine, _ = run_session(dispatcher)
    lines = logged(fake_bin)
    assert all(line.startswith("espeak-ng --stdin <") for line in lines), lines
    assert [line.removeprefix("espeak-ng --stdin <")[:-1] for line in lines] == SPOKEN
    # The clock did not move: the session ends exactly on its total.
    assert engine.summary().elapsed == engine.timeline.total
    assert dispatcher.reports() == []
    dispatcher.close()


def test_sounds_per_event_with_files_and_the_bell_for_the_rest(fake_bin, tmp_path):
    start, done = tmp_path / "start.wav", tmp_path / "done.wav"
    start.write_bytes(b"RIFF")
    done.write_bytes(b"RIFF")
    rings: list[str] = []
    dispatcher = CueDispatcher(
        CueSettings(sounds={"start": start, "done": done}),
        bell=lambda: rings.append("bell"),
    )
    run_session(dispatcher)
    played = [line.split()[-1] for line in logged(fake_bin)]
    # get ready, hold, hold, hold, hold: five starts; then done.
    assert played == [str(start)] * 5 + [str(done)]
    # The bell: 3 ticks before each of the 8 ends, 2 switches and 1 rest.
    assert len(rings) == 8 * 3 + 3
    dispatcher.close()


def test_sound_off_silences_bell_and_files(fake_bin, tmp_path):
    start = tmp_path / "start.wav"
    start.write_bytes(b"RIFF")
    rings: list[str] = []
    dispatcher = CueDispatcher(
        CueSettings(sound=False, sounds={"start": start}), bell=lambda: rings.append("bell")
    )
    run_session(dispatcher)
    assert rings == [] and logged(fake_bin) == []


def test_no_speech_program_is_reported_once(tmp_path):
    dispatcher = CueDispatcher(CueSettings(voice=True), which=lambda name: None)
    run_session(dispatcher)
    reports = dispatcher.reports()
    assert len(reports) == 1 and "no speech program" in reports[0]
    assert dispatcher.reports() == []


def test_text_from_files_cannot_become_an_option():
    job = speech_command("-w /tmp/x.wav Bridge", which=lambda name: f"/usr/bin/{name}")
    assert job.argv == ("/usr/bin/espeak-ng", "--stdin") and job.stdin == "-w /tmp/x.wav Bridge"

    def spd_only(name):
        return "/usr/bin/spd-say" if name == "spd-say" else None

    job = speech_command("-i 100 hi", which=spd_only)
    assert job.argv == ("/usr/bin/spd-say", "--", "-i 100 hi")

    def say_only(name):
        return "/usr/bin/say" if name == "say" else None

    job = speech_command("-o out hi", which=say_only, platform="darwin")
    assert job.argv == ("/usr/bin/say",) and job.stdin == "-o out hi"
    job = speech_command(
        "hi", which=lambda n: "C:/ps.exe" if n == "powershell" else None, platform="win32"
    )
    assert "System.Speech" in job.argv[-1] and job.stdin == "hi"


def test_spoken_text_is_made_visible_and_short(fake_bin):
    dispatcher = CueDispatcher(CueSettings(sound=False, voice=True))
    dispatcher.say("Bridge\x1b[31m\n-rf " + "x" * 500)
    assert dispatcher.wait(10)
    (line,) = logged(fake_bin)
    assert "\x1b" not in line and "\\x1b[31m\\n-rf" in line
    assert len(line) < 260


def test_spoken_dose_reads_as_words():
    assert spoken_dose("3 × 15 reps · hold 3 s · alternating sides · rest 30 s") == (
        "3 sets of 15 reps, hold 3 seconds, alternating sides, rest 30 seconds"
    )
    assert spoken_dose("1 min · each side") == "1 minutes, each side"
    assert spoken_dose("10 reps · 2 s/rep") == "10 reps, 2 seconds per rep"


# -- notifications -------------------------------------------------------------


def test_notification_sequences_osc_9_and_777():
    text = notification_sequences("Glute Composer", "Rest before set 2/3")
    assert text == (
        "\x1b]9;Glute Composer: Rest before set 2/3\x07"
        "\x1b]777;notify;Glute Composer;Rest before set 2/3\x07"
    )


def test_notification_sequences_wrapped_for_tmux():
    text = notification_sequences("Glute Composer", "Done", tmux=True)
    assert text == (
        "\x1bPtmux;\x1b\x1b]9;Glute Composer: Done\x07\x1b\\"
        "\x1bPtmux;\x1b\x1b]777;notify;Glute Composer;Done\x07\x1b\\"
    )


def test_notification_text_cannot_end_the_sequence():
    text = notification_sequences("T;x", "a\x07b\x1b]9;evil\x1b\\")
    # Only our own two sequences: two escapes to open, two bells to close.
    assert text.count("\x1b") == 2 and text.count("\x07") == 2
    assert "a\\x07b\\x1b]9;evil" in text
    assert "\x1b]777;notify;T,x;" in text


def test_notifications_go_to_the_terminal_on_changes_not_every_rep():
    written: list[str] = []
    dispatcher = CueDispatcher(
        CueSettings(sound=False, notify=True), terminal=written.append, environ={}
    )
    run_session(dispatcher)
    bodies = [seq.split("\x1b]9;Glute Composer: ", 1)[1].split("\x07")[0] for seq in written]
    assert bodies == [
        "Get ready: Squeeze",
        "HOLD: Squeeze · set 1/2 · LEFT · rep 1/1",
        "Switch to the RIGHT side",
        "HOLD: Squeeze · set 1/2 · RIGHT · rep 1/1",
        "Rest before set 2/2",
        "HOLD: Squeeze · set 2/2 · LEFT · rep 1/1",
        "Switch to the RIGHT side",
        "HOLD: Squeeze · set 2/2 · RIGHT · rep 1/1",
        "Session complete",
    ]


def test_notifications_without_a_terminal_use_notify_send(tmp_path, monkeypatch):
    log = tmp_path / "notify.log"
    program = tmp_path / "notify-send"
    program.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{log}"\necho >> "{log}"\n')
    program.chmod(0o755)
    dispatcher = CueDispatcher(
        CueSettings(sound=False, notify=True),
        which=lambda name: str(program) if name == "notify-send" else None,
    )
    run_session(dispatcher)
    lines = log.read_text().splitlines()
    assert lines[0] == "--app-name|Glute Composer|--|Glute Composer|Get ready: Squeeze|"
    assert lines[-1].endswith("|Session complete|") and len(lines) == 9


# -- the composer_cue hook --------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.cues: list[Cue] = []

    @hookimpl
    def composer_cue(self, event):
        self.cues.append(event)


def catalog_with(**plugins) -> Catalog:
    catalog = Catalog()
    for name, plugin in plugins.items():
        info = catalog.register_module(name, plugin)
        assert info.ok and not info.warnings, info.status
    return catalog


def test_composer_cue_gets_every_event_as_a_frozen_cue():
    recorder = Recorder()
    catalog = catalog_with(recorder=recorder)
    dispatcher = CueDispatcher(CueSettings(sound=False), catalog=catalog)
    run_session(dispatcher)
    cues = recorder.cues
    assert cues[0] == Cue(
        kind=CueKind.START,
        interval=IntervalKind.GET_READY,
        exercise="gone/squeeze",
        name="Squeeze",
        side="left",
        set=1,
        sets=2,
        rep=0,
        reps=1,
        seconds_left=4.0,
    )
    assert [c.seconds_left for c in cues[1:4]] == [3.0, 2.0, 1.0]
    assert all(c.kind == "countdown" for c in cues[1:4])
    assert (cues[4].kind, cues[4].interval, cues[4].side, cues[4].rep) == (
        "start",
        "hold",
        "left",
        1,
    )
    assert [c.kind for c in cues[-2:]] == ["start", "finished"]
    assert cues[-1].interval == "done"
    with pytest.raises(AttributeError):
        cues[0].name = "x"  # frozen


def test_composer_cue_slow_or_raising_plugin_never_delays_the_timer():
    """A plugin that sleeps 5 s and one that raises: the timer runs as
    without them, the error is reported once, a good plugin gets every cue."""
    released = threading.Event()

    class Sleeper:
        @hookimpl
        def composer_cue(self, event):
            released.wait(5)

    class Boom:
        @hookimpl
        def composer_cue(self, event):
            raise RuntimeError("the lamp is unplugged")

    class Quitter:
        @hookimpl
        def composer_cue(self, event):
            raise KeyboardInterrupt

    recorder = Recorder()
    catalog = catalog_with(sleeper=Sleeper(), boom=Boom(), quitter=Quitter(), recorder=recorder)
    dispatcher = CueDispatcher(CueSettings(sound=False), catalog=catalog)
    try:
        engine, slowest = run_session(dispatcher, settle=False)
        reference, _ = run_session(None)
        assert slowest < 0.2  # dispatch only queues
        assert engine.summary().elapsed == reference.summary().elapsed == engine.timeline.total
        end = time.monotonic() + 10
        while len(recorder.cues) < 34 and time.monotonic() < end:
            time.sleep(0.01)
        assert len(recorder.cues) == 34
        reports = dispatcher.reports()
        assert (
            reports.count("plugin 'boom': composer_cue raised RuntimeError: the lamp is unplugged")
            == 1
        )
        assert reports.count("plugin 'quitter': composer_cue raised KeyboardInterrupt") == 1
    finally:
        released.set()
        dispatcher.close()


def test_composer_cue_plugin_far_behind_drops_cues_and_is_reported_once():
    blocked = threading.Event()

    class Stuck:
        @hookimpl
        def composer_cue(self, event):
            blocked.wait(10)

    catalog = catalog_with(stuck=Stuck())
    dispatcher = CueDispatcher(CueSettings(sound=False), catalog=catalog)
    try:
        for _ in range(4):
            run_session(dispatcher, settle=False)  # 4 × 34 cues > the queue of 64
        reports = dispatcher.reports()
        assert reports == ["plugin 'stuck' is slow to take cues: some were dropped"]
    finally:
        blocked.set()
        dispatcher.close()


def test_composer_cue_only_plugin_is_not_warned_and_unhashable_plugins_work():
    got: list[Cue] = []
    plugin = SimpleNamespace(composer_cue=hookimpl(lambda event: got.append(event)))
    other = SimpleNamespace(composer_cue=hookimpl(lambda: None))  # takes no argument
    catalog = catalog_with(listener=plugin, other=other)
    dispatcher = CueDispatcher(CueSettings(sound=False), catalog=catalog)
    run_session(dispatcher)
    assert len(got) == 34 and dispatcher.reports() == []
    dispatcher.close()


# -- config ---------------------------------------------------------------------


def test_config_reads_voice_notify_wait_and_sounds(tmp_path):
    (tmp_path / "tick.wav").write_bytes(b"RIFF")
    path = tmp_path / "config.toml"
    path.write_text(
        'voice = true\nnotify = true\nwait = true\n[sounds]\ncountdown = "tick.wav"\n'
        'start = "missing.wav"\nboing = "x.wav"\n'
    )
    config = load_config(path)
    assert (config.voice, config.notify, config.wait, config.sound) == (True, True, True, True)
    assert config.sound_files == {"countdown": tmp_path / "tick.wav"}
    assert any("sounds.start: no file" in p for p in config.problems)
    assert any("sounds.boing: unknown event" in p for p in config.problems)
    settings = CueSettings.from_config(config)
    assert settings.voice and settings.notify and settings.sounds == config.sound_files


def test_command_line_switches_are_not_saved(tmp_path):
    path = tmp_path / "config.toml"
    config = Config()
    config.command_line["voice"] = True
    assert config.setting("voice") and CueSettings.from_config(config).voice
    save_config(config, path)
    assert load_config(path).voice is False


# -- the real speech program ----------------------------------------------------


@pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("sox") is None,
    reason="espeak-ng and sox are needed to hear real speech",
)
def test_espeak_ng_speaks_text_given_on_stdin(tmp_path):
    wav = tmp_path / "out.wav"
    job = speech_command("-v Glute bridge, left, hold")
    assert job is not None and Path(job.argv[0]).name == "espeak-ng"
    argv = [job.argv[0], "-w", str(wav), *job.argv[1:]]
    subprocess.run(argv, input=job.stdin, text=True, check=True, timeout=30)
    stat = subprocess.run(
        ["sox", str(wav), "-n", "stat"], capture_output=True, text=True, timeout=30
    ).stderr
    values = {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in stat.splitlines())
    }
    assert float(values["Length (seconds)"]) > 1.0, stat
    assert float(values["RMS     amplitude"]) > 0.01, stat
