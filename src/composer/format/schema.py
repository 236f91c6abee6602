"""The JSON Schema of session format 1, for editors (``#:schema`` lines),
derived from the field spec (`composer.format.spec`)."""

from __future__ import annotations

from typing import Any

from composer.format.spec import (
    CHOICES,
    DURATION_TEXT_PATTERN,
    EXCLUSIVE_STEP_KEYS,
    EXERCISE_ID_PATTERN,
    MAX_DURATION_TEXT,
    SCHEMA_VERSION,
    Field,
    fields,
)


def _property(field: Field, nested: dict[str, Any]) -> dict[str, Any]:
    if field.type == "version":
        return {"const": SCHEMA_VERSION}
    if field.type == "text":
        return {"type": "string", "maxLength": field.length, "description": field.description}
    if field.type == "integer":
        return {
            "type": "integer",
            "minimum": field.low,
            "maximum": field.high,
            "description": field.description,
        }
    if field.type == "seconds":
        return {
            "description": field.description + ' Seconds, or text such as "90s", "1m30s".',
            "anyOf": [
                {"type": "number", "minimum": field.low, "maximum": field.high},
                {
                    "type": "string",
                    "pattern": DURATION_TEXT_PATTERN,
                    "maxLength": MAX_DURATION_TEXT,
                },
            ],
        }
    if field.type == "choice":
        return {"enum": list(CHOICES[field.name]), "description": field.description}
    if field.type == "exercise":
        return {
            "type": "string",
            "pattern": f"^{EXERCISE_ID_PATTERN}$",
            "description": field.description,
        }
    if field.type == "text list":
        item = {"type": "string", "maxLength": field.length, "description": field.item_description}
        return {"type": "array", "maxItems": field.items, "items": item}
    if field.type == "tables":
        array: dict[str, Any] = {"type": "array"}
        if field.items is not None:
            array["maxItems"] = field.items
        array["items"] = nested[field.name]
        return array
    return nested[field.name]  # a table


def _table(where: str, nested: dict[str, Any] | None = None) -> dict[str, Any]:
    nested = nested or {}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {field.name: _property(field, nested) for field in fields(where)},
    }


def session_schema() -> dict[str, Any]:
    step = _table("step")
    required = [field.name for field in fields("step") if field.required]
    step = {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "not": {"required": list(EXCLUSIVE_STEP_KEYS)},
        "properties": step["properties"],
    }
    block = _table("block", {"steps": step})
    top = _table("session", {"defaults": _table("defaults"), "blocks": block})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://glute-composer.invalid/schema/session-1.json",
        "title": "Glute Composer session (format 1)",
        **top,
    }
