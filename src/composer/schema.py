"""The JSON Schema of session format 1, for editors (``#:schema`` lines)."""

from __future__ import annotations

from typing import Any

from .model import SCHEMA_VERSION, Sides
from .sessionfile import INT_BOUNDS, MAX_BLOCKS, SECONDS_BOUNDS, TEXT_LIMITS

_DURATION_TEXT = r"^\s*(\d+(\.\d+)?\s*(h|min|m|sec|s)?\s*)+$"


def _seconds(name: str, description: str) -> dict[str, Any]:
    low, high = SECONDS_BOUNDS[name]
    return {
        "description": description + ' Seconds, or text such as "90s", "1m30s".',
        "anyOf": [
            {"type": "number", "minimum": low, "maximum": high},
            {"type": "string", "pattern": _DURATION_TEXT, "maxLength": 32},
        ],
    }


def _integer(name: str, description: str) -> dict[str, Any]:
    low, high = INT_BOUNDS[name]
    return {"type": "integer", "minimum": low, "maximum": high, "description": description}


def _text(kind: str, description: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": TEXT_LIMITS[kind][0], "description": description}


def session_schema() -> dict[str, Any]:
    step = {
        "type": "object",
        "additionalProperties": False,
        "required": ["exercise"],
        "not": {"required": ["reps", "duration_s"]},
        "properties": {
            "exercise": {
                "type": "string",
                "pattern": r"^[a-z0-9][a-z0-9_-]{0,63}/[a-z0-9][a-z0-9-]{0,63}$",
                "description": 'Full exercise id: "<plugin>/<exercise id>".',
            },
            "name": _text(
                "name", "The exercise's name, written on save; shown if the plugin is missing."
            ),
            "sets": _integer("sets", "Number of sets."),
            "reps": _integer("reps", "Reps per set (per side for 'each' and 'alternating')."),
            "duration_s": _seconds("duration_s", "Length of timed work per set and side."),
            "hold_s": _seconds("hold_s", "How long each rep is held."),
            "rep_s": _seconds("rep_s", "Tempo: how long one rep without a hold takes."),
            "relax_s": _seconds("relax_s", "Pause between held reps."),
            "sides": {
                "enum": [s.value for s in Sides],
                "description": "both, each, or alternating.",
            },
            "rest_s": _seconds("rest_s", "Rest between sets."),
            "switch_s": _seconds("switch_s", "Time to switch sides."),
            "note": _text("note", "A note for whoever runs the session."),
        },
    }
    block = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "title": _text("title", "Block title."),
            "rounds": _integer("rounds", "Repeat the block's steps this many times."),
            "rest_s": _seconds("rest_s", "Rest between rounds."),
            "steps": {"type": "array", "items": step},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://glute-composer.invalid/schema/session-1.json",
        "title": "Glute Composer session (format 1)",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "title": _text("title", "Session title."),
            "description": _text("description", "What the session is for."),
            "author": _text("author", "Who wrote it."),
            "tags": {"type": "array", "maxItems": 32, "items": _text("tag", "A tag.")},
            "requires": {
                "type": "array",
                "maxItems": 32,
                "items": _text(
                    "requires", "A plugin distribution, e.g. 'glute-composer-yoga>=1.2'."
                ),
            },
            "defaults": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "rest_s": _seconds("rest_s", "Rest between sets."),
                    "switch_s": _seconds("switch_s", "Time to switch sides."),
                    "transition_s": _seconds("transition_s", "Get-ready time before each step."),
                    "relax_s": _seconds("relax_s", "Pause between held reps."),
                },
            },
            "blocks": {"type": "array", "maxItems": MAX_BLOCKS, "items": block},
        },
    }
