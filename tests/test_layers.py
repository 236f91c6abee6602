"""The TUI uses the core through its public names only."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "src" / "composer" / "ui"


def _core_module(node: ast.ImportFrom, path: Path) -> str | None:
    """The core module an import in composer.ui names, or None for the UI's own."""
    if node.level == 0:
        module = node.module or ""
        if module.startswith("composer.") and not module.startswith("composer.ui"):
            return module
        return None
    package = ["composer", *path.relative_to(UI.parent).parent.parts]
    base = package[: len(package) - (node.level - 1)]
    module = ".".join([*base, *([node.module] if node.module else [])])
    return None if module == "composer.ui" or module.startswith("composer.ui.") else module


def private_imports() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = _core_module(node, path)
                if module is None:
                    continue
                for alias in node.names:
                    if alias.name.startswith("_"):
                        found.append(f"{path.name}:{node.lineno}: {module}.{alias.name}")
    return found


def test_the_ui_imports_no_private_names_from_the_core():
    assert private_imports() == []


def test_the_scan_sees_relative_and_absolute_private_imports(tmp_path, monkeypatch):
    # The check itself can fail: a UI module that reaches into the core is found.
    fake = tmp_path / "composer" / "ui"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text(
        "from ..format.reader import _CONTROL\n"
        "from composer.catalog.manager import _private, public\n"
        "from .widgets import _own  # the UI's own private names are fine\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["UI"]), "UI", fake)
    assert private_imports() == [
        "bad.py:1: composer.format.reader._CONTROL",
        "bad.py:2: composer.catalog.manager._private",
    ]
