"""Key bindings from ``[keys]`` in config.toml.

Every binding of the app has an id (``run.next``, ``composer.save``…);
``[keys]`` maps ids to the keys that should press them, which Textual's
keymap puts in place of the built-in keys. Unknown ids and keys that no
keyboard sends are reported in one line and left out: never fatal.
"""

from __future__ import annotations

import importlib

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, _character_to_key

__all__ = ["binding_ids", "check_keymap", "key_label"]

_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMES = {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")}
_NAMES |= {_character_to_key(chr(code)) for code in range(33, 127)}
_NAMES.add("space")


def binding_ids() -> dict[str, Binding]:
    """Every binding with an id in the app's screens and widgets, by id.

    Every module of the `composer.ui` package and of its subpackages is
    imported first, so the screens and dialogs that load only when opened
    are counted too.
    """
    package = __package__ or "composer.ui"
    import pkgutil  # here: the composer's first frame needs only key_label

    for module in pkgutil.walk_packages(
        importlib.import_module(package).__path__, prefix=f"{package}."
    ):
        importlib.import_module(module.name)
    found: dict[str, Binding] = {}
    seen: set[type] = set()
    pending: list[type] = [DOMNode]
    sub: type
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub in seen:
                continue
            seen.add(sub)
            pending.append(sub)
            if not sub.__module__.startswith("composer."):
                continue
            for binding in sub.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    found.setdefault(binding.id, binding)
    return found


def _key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can bind, or None."""
    if not key:
        return "an empty key"
    *modifiers, name = key.split("+") if len(key) > 1 else [key]
    for modifier in modifiers:
        if modifier not in _MODIFIERS:
            return f"{modifier!r} is not a modifier ({', '.join(_MODIFIERS)})"
    if not name:
        return f"{key!r} has no key after its modifier"
    if len(name) == 1 and name.isprintable():
        return None
    if name in _NAMES:
        return None
    return f"{name!r} is not a key name"


def _normal(key: str) -> str:
    """Key names as Textual spells them: ``PageDown`` → ``pagedown``,
    ``Ctrl+Z`` → ``ctrl+z``; a single character keeps its case."""
    key = key.strip()
    return key if len(key) == 1 else key.lower()


def check_keymap(keys: dict[str, str], where: str) -> tuple[dict[str, str], str | None]:
    """The keymap to give Textual, and one line naming every problem (or None)."""
    known = binding_ids()
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in keys.items():
        if binding_id not in known:
            import difflib

            near = difflib.get_close_matches(binding_id, list(known), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            problems.append(f"unknown binding id {binding_id!r}{hint}")
            continue
        wanted = [_normal(part) for part in value.split(",") if part.strip()]
        good = []
        for key in wanted:
            problem = _key_problem(key)
            if problem:
                problems.append(f"{binding_id}: {problem}")
            else:
                good.append(key)
        if good:
            keymap[binding_id] = ",".join(good)
    line = f"{where}: keys: {'; '.join(problems)}; ignored" if problems else None
    return keymap, line


def key_label(app: object, binding_id: str, default: str) -> str:
    """How to name the key of `binding_id` in a message ("Ctrl+Z to
    undo"): `default`, unless `[keys]` gave it other keys."""
    keys = getattr(app, "keymap_from_config", {}).get(binding_id)
    if not keys:
        return default
    first = keys.split(",")[0]
    if len(first) == 1:
        return first
    return "+".join(part[:1].upper() + part[1:] for part in first.split("+"))
