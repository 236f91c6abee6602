"""The catalog's own fast scan of entry points finds what importlib.metadata finds."""

from __future__ import annotations

import importlib.metadata
import sys

from composer.catalog import manager as plugins
from composer.catalog.manager import ENTRY_POINT_GROUP, normalize_name


def _scanned() -> set[tuple[str, str, str | None]]:
    return {
        (candidate.name, candidate.origin.removeprefix("entry point "), candidate.distribution)
        for candidate in plugins._entry_point_candidates()
    }


def _metadata() -> set[tuple[str, str, str | None]]:
    return {
        (
            point.name,
            point.value.split("[", 1)[0].strip(),
            normalize_name(point.dist.name) if point.dist else None,
        )
        for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    }


def test_the_fast_scan_finds_the_same_entry_points_as_importlib_metadata():
    scanned = _scanned()
    assert scanned == _metadata()
    # The installed project itself: its first-party packs are among them.
    assert ("activation", "glute_activation", plugins.FIRST_PARTY_DISTRIBUTION) in scanned


def test_a_distribution_added_to_the_path_is_seen_by_both(tmp_path, monkeypatch):
    info = tmp_path / "glute_composer_parity-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: glute-composer-parity\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nparity = parity:main\n\n"
        f"[{ENTRY_POINT_GROUP}]\nparity = glute_parity.plugin [extra]\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    expected = ("parity", "glute_parity.plugin", "glute-composer-parity")
    assert expected in _scanned()
    assert expected in _metadata()
    assert _scanned() == _metadata()
