"""Discovery and validation of 100 plugins x 100 exercises, generated as
single-file plugins. Target: under 300 ms. The baseline, sampled in the
same loop, is importing the same modules without the plugin manager.

Then the same catalog read from a fresh catalog index (what the plain
commands do once the plugins have been loaded): under 300 ms, with 1,000
plugins too. The index is checked whole on reading, but each `Exercise` is
made when first asked for, so it is timed twice: as `glute validate` uses
it (ids looked up), and with every exercise made (as the composer's
library does).

    python benchmarks/catalog.py [--plugins N] [--exercises N] [--runs N]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

from _common import MIN_SAMPLES, interleaved, report

from composer.catalog.index import load_indexed_catalog
from composer.catalog.manager import load_catalog

TEMPLATE = """
from composer import Dose, Exercise, hookimpl

@hookimpl
def composer_exercises():
    return [
        Exercise(id=f"move-{{n}}", name=f"Move {{n}} of {name}", phase="activate",
                 summary="A generated exercise.", instructions=("Do it.",), cues=("Go",),
                 targets=("gluteus medius",), equipment=("band",),
                 dose=Dose(sets=2, reps=12, hold_s=2, sides="each"), level=1 + n % 5)
        for n in range({count})
    ]
"""


def write_plugins(folder: Path, plugins: int, exercises: int) -> list[str]:
    names = []
    for index in range(plugins):
        name = f"pack{index:03d}"
        (folder / f"{name}.py").write_text(TEMPLATE.format(name=name, count=exercises))
        names.append(name)
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plugins", type=int, default=100)
    parser.add_argument("--exercises", type=int, default=100)
    parser.add_argument("--runs", type=int, default=MIN_SAMPLES)
    args = parser.parse_args()
    runs = max(args.runs, MIN_SAMPLES)
    folder = Path(tempfile.mkdtemp())
    names = write_plugins(folder, args.plugins, args.exercises)
    sys.dont_write_bytecode = True
    expected = args.plugins * args.exercises

    def baseline() -> None:
        for name in names:
            spec = importlib.util.spec_from_file_location(f"baseline_{name}", folder / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.composer_exercises()

    def load() -> None:
        catalog = load_catalog(entry_points=False, plugins_dir=folder, only=",".join(names))
        assert len(catalog.exercises) == expected, (len(catalog.exercises), expected)
        assert not catalog.broken

    figures = interleaved(f"catalog of {args.plugins} x {args.exercises}", load, baseline, runs)
    ok = report(figures, limit=0.300)

    index = folder / "catalog-index.json"

    def load_indexed() -> None:
        catalog = load_indexed_catalog(
            entry_points=False, plugins_dir=folder, only=",".join(names), location=index
        )
        assert catalog.from_index
        assert len(catalog.exercises) == expected, (len(catalog.exercises), expected)
        assert not catalog.broken

    # Written by a first, full load.
    cold = load_indexed_catalog(
        entry_points=False, plugins_dir=folder, only=",".join(names), location=index
    )
    assert not cold.from_index and index.is_file()
    del cold
    name = f"catalog of {args.plugins} x {args.exercises}, index warm"
    ok &= report(interleaved(name, load_indexed, baseline, runs), limit=0.300)

    def load_indexed_every() -> None:
        catalog = load_indexed_catalog(
            entry_points=False, plugins_dir=folder, only=",".join(names), location=index
        )
        assert catalog.from_index
        every = list(catalog.exercises.values())  # each Exercise made, as the library does
        assert len(every) == expected, (len(every), expected)

    name = f"catalog of {args.plugins} x {args.exercises}, index warm, every exercise made"
    ok &= report(interleaved(name, load_indexed_every, baseline, runs), limit=0.300)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
