"""The one field spec: every rule is derived from it, and the docs follow it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import jsonschema
import pytest

from composer.catalog import checks as plugin_checks
from composer.edit import fields as form_fields
from composer.errors import SessionError
from composer.format import reader as sessionfile
from composer.format import schema, spec
from composer.model import DOSE_FIELDS, Sides

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
VALID = sorted((DATA / "valid").glob("*.toml")) + sorted((ROOT / "templates").glob("*.toml"))
# Invalid golden files whose faults JSON Schema can say: bounds, types,
# lengths, unknown keys, the version, reps with a duration, duration text.
SCHEMA_INVALID = (
    "bounds",
    "duration-grammar",
    "long-text",
    "newer-version",
    "reps-and-duration",
    "types",
    "unknown-keys",
)


def _validator() -> jsonschema.Draft202012Validator:
    document = schema.session_schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def test_the_readme_field_table_is_the_spec():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- fields: begin[^>]*-->\n(.*?)<!-- fields: end -->", readme, re.S)
    assert found, "README.md has no generated field table"
    assert found.group(1) == spec.markdown_table(), (
        "README.md's field table is out of date: paste the output of 'python -m composer.format.spec'"
    )


def test_every_field_has_a_row_and_a_description():
    table = spec.markdown_table()
    for field in spec.FIELDS:
        assert field.description.endswith("."), field
        assert f"`{field.name}`" in table
        assert field.where in spec.WHERE


def test_the_reader_takes_its_keys_and_bounds_from_the_spec():
    assert sessionfile.STEP_KEYS == ("exercise", "name", *DOSE_FIELDS, "note")
    assert sessionfile.TOP_KEYS == spec.keys("session")
    assert sessionfile.DEFAULT_KEYS == spec.keys("defaults")
    assert sessionfile.BLOCK_KEYS == spec.keys("block")
    assert sessionfile.INT_BOUNDS is spec.INT_BOUNDS
    assert sessionfile.SECONDS_BOUNDS is spec.SECONDS_BOUNDS
    assert sessionfile.TEXT_LIMITS is spec.TEXT_LIMITS
    assert sessionfile._CONTROL is spec.CONTROL
    assert sessionfile._EXERCISE_ID is spec.EXERCISE_ID


def test_forms_and_plugin_checks_use_the_same_rules():
    assert form_fields._CONTROL is spec.CONTROL
    assert form_fields.INT_BOUNDS is spec.INT_BOUNDS
    assert form_fields.SECONDS_BOUNDS is spec.SECONDS_BOUNDS
    assert plugin_checks._CONTROL is spec.CONTROL
    assert set(plugin_checks._INT_DOSE) | set(plugin_checks._SECONDS_DOSE) == {
        name for name in DOSE_FIELDS if name != "sides"
    }


def test_a_bound_in_the_spec_is_a_bound_everywhere():
    low, high = spec.INT_BOUNDS["sets"]
    with pytest.raises(ValueError, match=f"from {low} to {high}"):
        form_fields.whole_number(str(high + 1), "sets")
    text = f'schema_version = 1\n[[blocks]]\n[[blocks.steps]]\nexercise = "a/b"\nsets = {high}\n'
    assert sessionfile.parse_session(text, "s.toml").blocks[0].steps[0].dose.sets == high
    with pytest.raises(SessionError, match=f"between {low} and {high}"):
        sessionfile.parse_session(text.replace(f"= {high}", f"= {high + 1}"), "s.toml")
    assert not list(_validator().iter_errors(tomllib.loads(text)))
    assert list(_validator().iter_errors(tomllib.loads(text.replace(f"= {high}", f"= {high + 1}"))))


def test_choices_are_the_model_s():
    assert spec.CHOICES["sides"] == tuple(side.value for side in Sides)


def test_glute_schema_is_a_valid_json_schema_derived_from_the_spec():
    document = _validator().schema
    step = document["properties"]["blocks"]["items"]["properties"]["steps"]["items"]
    assert tuple(step["properties"]) == spec.keys("step")
    assert step["properties"]["sets"]["maximum"] == spec.INT_BOUNDS["sets"][1]
    assert tuple(document["properties"]) == spec.keys("session")


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_valid_file_and_template_passes_the_schema(path):
    errors = list(_validator().iter_errors(tomllib.loads(path.read_text(encoding="utf-8"))))
    assert errors == []


@pytest.mark.parametrize("name", SCHEMA_INVALID)
def test_invalid_files_fail_the_schema_for_what_it_can_say(name):
    document = tomllib.loads((DATA / "invalid" / f"{name}.toml").read_text(encoding="utf-8"))
    assert list(_validator().iter_errors(document)), f"{name}.toml passes the schema"
