"""Session files, format 1: write.

A saved file is self-contained (every step spells out its resolved dose and
name, `requires` names the third-party plugins used), laid out as people
write it by hand, and written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from composer.format.durations import plain_seconds
from composer.format.spec import keys
from composer.model import SCHEMA_VERSION, ResolvedDose, Session, Step
from composer.store.files import atomic_write_text

if TYPE_CHECKING:
    from composer.catalog.manager import Catalog

DEFAULT_KEYS = keys("defaults")


class _Lookups:
    """What the writer asks of a catalog: an exercise by full id and a plugin
    by name. A plain mapping of ids to names (the old way) gives names only."""

    def __init__(self, catalog: Any):
        self.catalog = None if isinstance(catalog, Mapping) else catalog
        self.names: Mapping[str, str] = catalog if isinstance(catalog, Mapping) else {}

    def exercise(self, full_id: str) -> Any:
        return self.catalog.get(full_id) if self.catalog is not None else None

    def plugin(self, name: str) -> Any:
        return self.catalog.plugin(name) if self.catalog is not None else None


def session_to_dict(
    session: Session, catalog: Catalog | Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The TOML document of a session, self-contained: each step whose
    exercise `catalog` knows is written with its whole resolved dose and its
    name (the user's own label, else the catalog's), and `requires` names the
    distribution of every third-party plugin used, with a ``>=`` floor at the
    installed version. A step whose plugin is missing is written back as it
    was read. (A mapping of exercise ids to names is still accepted: then
    only the names are filled in.)"""
    lookups = _Lookups(catalog)
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for key in ("title", "description", "author"):
        if getattr(session, key):
            doc[key] = getattr(session, key)
    if session.tags:
        doc["tags"] = list(session.tags)
    requires = list(session.requires)
    if lookups.catalog is not None:
        from composer.format.requirements import merge_requires, used_distributions

        requires = merge_requires(
            requires, used_distributions(session, lookups.exercise, lookups.plugin)
        )
    if requires:
        doc["requires"] = requires
    defaults = {
        key: plain_seconds(getattr(session.defaults, key))
        for key in DEFAULT_KEYS
        if getattr(session.defaults, key) is not None
    }
    if defaults:
        doc["defaults"] = defaults
    blocks = []
    for block in session.blocks:
        table: dict[str, Any] = {}
        if block.title:
            table["title"] = block.title
        if block.rounds != 1:
            table["rounds"] = block.rounds
        if block.rest_s:
            table["rest_s"] = plain_seconds(block.rest_s)
        table["steps"] = [_step_to_dict(step, session, lookups) for step in block.steps]
        blocks.append(table)
    if blocks:
        doc["blocks"] = blocks
    return doc


def _step_to_dict(step: Step, session: Session, lookups: _Lookups) -> dict[str, Any]:
    out: dict[str, Any] = {"exercise": step.exercise}
    exercise = lookups.exercise(step.exercise)
    if exercise is not None:
        out["name"] = step.display_name(exercise)
        out.update(_whole_dose(step.resolve(exercise, session.defaults)))
    else:
        name = lookups.names.get(step.exercise) if step.own_name is not True else None
        if name or step.name:
            out["name"] = name or step.name
        for key, value in step.dose.as_dict().items():
            out[key] = plain_seconds(value) if key.endswith("_s") else value
    if step.note:
        out["note"] = step.note
    return out


def _whole_dose(dose: ResolvedDose) -> dict[str, Any]:
    """Every field of a resolved dose that the timer reads, in file order."""
    out: dict[str, Any] = {"sets": dose.sets}
    if dose.reps is not None:
        out["reps"] = dose.reps
        if dose.hold_s is not None:
            out["hold_s"] = plain_seconds(dose.hold_s)
            out["relax_s"] = plain_seconds(dose.relax_s)
        elif dose.rep_s is not None:
            out["rep_s"] = plain_seconds(dose.rep_s)
    else:
        out["duration_s"] = plain_seconds(dose.duration_s or 0)
    out["sides"] = dose.sides.value
    out["rest_s"] = plain_seconds(dose.rest_s)
    out["switch_s"] = plain_seconds(dose.switch_s)
    return out


def dumps_session(session: Session, catalog: Catalog | Mapping[str, str] | None = None) -> str:
    """The file text of a session (see `session_to_dict`), laid out as people
    write it by hand: ``[defaults]``, then ``[[blocks]]`` each followed by
    its ``[[blocks.steps]]``."""
    doc = session_to_dict(session, catalog)
    out = list(session.leading_comments)
    if out:
        out.append("")
    blocks = doc.pop("blocks", [])
    defaults = doc.pop("defaults", None)
    out += _key_lines(doc)
    if defaults:
        out += ["", "[defaults]", *_key_lines(defaults)]
    for block in blocks:
        steps = block.pop("steps", [])
        out += ["", "[[blocks]]", *_key_lines(block)]
        for step in steps:
            out += ["", "[[blocks.steps]]", *_key_lines(step)]
    return "\n".join(out) + "\n"


def _key_lines(table: dict[str, Any]) -> list[str]:
    import tomli_w

    return tomli_w.dumps(table).splitlines()


def save_session(
    session: Session,
    path: str | os.PathLike[str],
    catalog: Catalog | Mapping[str, str] | None = None,
) -> None:
    """Write `session` to `path` atomically and self-contained (see
    `session_to_dict`): the old file stays whole until the new one is
    completely on disk (see `composer.store.files`). Raises `WriteError`
    (``FILE: cannot write: reason``)."""
    atomic_write_text(path, dumps_session(session, catalog))
