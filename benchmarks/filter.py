"""Typing in the library filter with 10,000 exercises, in tmux.

Writes 100 single-file plugins of 100 exercises each into a temporary
GLUTE_COMPOSER_HOME, starts `glute` in tmux, and times each keystroke until
the library shows the new count. The same is done for a bare Textual app
(one Input echoed into one Static) as the baseline. Also compares memory.

    python benchmarks/filter.py

Targets: median keystroke-to-list-updated under 50 ms; RSS under 2x the
bare app.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _common import report_absolute
from _tmux import Terminal, bare_app, base_env, glute

PLUGIN = """
from composer import Dose, Exercise, hookimpl

PHASES = ["roll", "mobilize", "stretch", "activate", "stabilize", "integrate", "cooldown"]
WORDS = ["bridge", "clam", "hinge", "lunge", "squat", "plank", "kick", "walk", "reach", "raise"]


@hookimpl
def composer_exercises():
    return [
        Exercise(
            id=f"move-{{i}}",
            name=f"{{WORDS[i % 10].title()}} variation {number}-{{i}}",
            phase=PHASES[i % 7],
            summary=f"A generated {{WORDS[(i * 3) % 10]}} exercise for timing the filter.",
            targets=["gluteus medius" if i % 2 else "gluteus maximus"],
            equipment=["band"] if i % 3 else [],
            dose=Dose(sets=2, reps=10, hold_s=2),
            level=1 + i % 5,
        )
        for i in range(100)
    ]
"""

QUERY = "bridge 1-2"


def make_home() -> tuple[Path, list[str]]:
    home = Path(tempfile.mkdtemp(prefix="glute-filter-"))
    folder = home / "data" / "plugins"
    folder.mkdir(parents=True)
    names = []
    for number in range(100):
        (folder / f"bench_{number:02d}.py").write_text(PLUGIN.format(number=number))
        names.append(f"bench-{number:02d}")
    return home, names


def keystrokes(terminal: Terminal, expected: list[str]) -> list[float]:
    """Type QUERY then delete it; time each key until `expected[i]` shows."""
    keys = list(QUERY) + ["BSpace"] * len(QUERY)
    times = []
    for key, text in zip(keys, expected, strict=True):
        terminal.send("-l", key) if key != "BSpace" else terminal.send("BSpace")
        times.append(terminal.wait_for(lambda screen, text=text: text in screen, timeout=5))
    return times


def main() -> int:
    if shutil.which("tmux") is None:
        print("filter: tmux is not installed")
        return 2
    home, names = make_home()
    env = base_env(home) | {"GLUTE_COMPOSER_LOAD_PLUGINS": ",".join(names)}
    os.environ.update(env)
    from composer.plugins import load_catalog

    catalog = load_catalog()
    total = len(catalog.exercises)
    # The ranking alone, in this process: each prefix of the query, typed.
    catalog.search("")  # the search index is built once, at start
    ranking = []
    for end in range(1, len(QUERY) + 1):
        start = time.perf_counter()
        catalog.search(QUERY[:end])
        ranking.append(time.perf_counter() - start)
    typed = [QUERY[: i + 1] for i in range(len(QUERY))]
    typed += [QUERY[: len(QUERY) - i - 1] for i in range(len(QUERY))]
    expected = [
        f"Library · {len(catalog.search(q)):,} of {total}" if q.strip() else f"Library · {total}"
        for q in typed
    ]
    # The composer shows counts without thousands separators.
    expected = [e.replace(",", "") for e in expected]

    composer = Terminal(glute(), env)
    try:
        composer.wait_for(lambda s: f"Library · {total}" in s and "f1 Keys" in s, timeout=60)
        glute_times = keystrokes(composer, expected)
        glute_rss = composer.rss_kib()
    finally:
        composer.close()

    bare = Terminal(bare_app(home), env)
    try:
        bare.wait_for(lambda s: "READY" in s)
        bare_expected = [f"ECHO[{q}]" for q in typed]
        bare_times = keystrokes(bare, bare_expected)
        bare_rss = bare.rss_kib()
    finally:
        bare.close()

    print(f"catalog: {total:,} exercises from {len(names)} plugins")
    rank_ok = report_absolute("ranked search, worst keystroke", max(ranking), 0.050)
    value = statistics.median(glute_times)
    baseline = statistics.median(bare_times)
    ok = report_absolute("glute: keystroke to list updated", value, 0.050)
    print(f"  bare app echo {baseline * 1000:.1f} ms (ratio {value / baseline:.2f}x)")
    print(f"  worst keystroke {max(glute_times) * 1000:.1f} ms")
    ratio = glute_rss / bare_rss
    mem_ok = ratio < 2
    print(
        f"{'glute: memory (RSS)':<40} {glute_rss / 1024:9.1f} MiB  baseline {bare_rss / 1024:9.1f}"
        f" MiB  ratio {ratio:5.2f}x  (target < 2x)  {'ok' if mem_ok else 'HEAVY'}"
    )
    return 0 if ok and mem_ok and rank_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
