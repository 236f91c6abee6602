"""Typing in the library filter with 10,000 exercises, in tmux.

Writes 100 single-file plugins of 100 exercises each into a temporary
GLUTE_COMPOSER_HOME, starts `glute` in tmux, and times each keystroke until
the library shows the new count. The same is done for a bare Textual app
(one Input echoed into one Static) as the baseline. Also compares memory.

    python benchmarks/filter.py

Both apps run side by side and each key goes to the bare app then to
`glute`, so both see the same machine load. Only keys that change the
list are counted. Targets: keystroke-to-list-updated median at most 50 ms
and p95 at most 80 ms; RSS under 2x the bare app.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from _common import Figures, compile_bytecode, report
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


def press(terminal: Terminal, key: str, text: str) -> float:
    """Send one key; seconds until `text` shows."""
    start = time.perf_counter()
    terminal.send("-l", key) if key != "BSpace" else terminal.send("BSpace")
    terminal.wait_for(lambda screen: text in screen, timeout=5)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2, help="times to type and erase the query")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("filter: tmux is not installed")
        return 2
    compile_bytecode()
    home, names = make_home()
    env = base_env(home) | {"GLUTE_COMPOSER_LOAD_PLUGINS": ",".join(names)}
    os.environ.update(env)
    from composer.catalog.manager import load_catalog

    catalog = load_catalog()
    total = len(catalog.exercises)
    keys = list(QUERY) + ["BSpace"] * len(QUERY)
    typed = [QUERY[: i + 1] for i in range(len(QUERY))]
    typed += [QUERY[: len(QUERY) - i - 1] for i in range(len(QUERY))]
    counts = [len(catalog.search(q)) if q.strip() else total for q in typed]
    # The composer shows counts without thousands separators.
    expected = [
        f"Library · {n} of {total}" if q.strip() else f"Library · {total}"
        for q, n in zip(typed, counts, strict=True)
    ]
    # Only the keys that change the list count: a key that leaves the same
    # rows on screen (a space, a repeated count) would flatter the median.
    changes = [i == 0 or counts[i] != counts[i - 1] for i in range(len(keys))]

    composer = Terminal(glute(), env)
    bare = Terminal(bare_app(home), env)
    glute_times, bare_times = [], []
    try:
        composer.wait_for(lambda s: f"Library · {total}" in s and "f1 Keys" in s, timeout=60)
        bare.wait_for(lambda s: "READY" in s)
        for _ in range(max(args.rounds, 1)):
            for key, query, text, counted in zip(keys, typed, expected, changes, strict=True):
                echo = press(bare, key, f"ECHO[{query}]")
                took = press(composer, key, text)
                if counted:
                    bare_times.append(echo)
                    glute_times.append(took)
        glute_rss = composer.rss_kib()
        bare_rss = bare.rss_kib()
    finally:
        composer.close()
        bare.close()

    print(f"catalog: {total:,} exercises from {len(names)} plugins")
    figures = Figures("glute: keystroke to list updated", glute_times, bare_times)
    ok = report(figures, limit=0.050)
    p95_ok = figures.p95 <= 0.080
    print(f"  p95 {figures.p95 * 1000:.1f} ms (target <= 80 ms)  {'ok' if p95_ok else 'MISSED'}")
    ratio = glute_rss / bare_rss
    mem_ok = ratio < 2
    print(
        f"{'glute: memory (RSS)':<42} {glute_rss / 1024:9.1f} MiB  baseline {bare_rss / 1024:9.1f}"
        f" MiB  ratio {ratio:5.2f}x  (target < 2x)  {'ok' if mem_ok else 'MISSED'}"
    )
    return 0 if ok and p95_ok and mem_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
