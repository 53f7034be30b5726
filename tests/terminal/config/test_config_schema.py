"""The key table itself: consistent types, valid defaults, usable docs."""

from __future__ import annotations

import dataclasses
import tomllib
import typing

import pytest

from terminal.config import SECTION_KEYS, SECTION_TYPES, Config, KeySpec, all_keys
from terminal.config.rules import RULES
from terminal.config.spec import check_limits, format_value, from_text, from_toml

KEYS = all_keys()


def test_config_has_one_typed_attribute_per_section() -> None:
    hints = typing.get_type_hints(Config)
    sections = {name: hint for name, hint in hints.items() if hint in SECTION_TYPES.values()}
    assert sections == SECTION_TYPES


def test_table_has_every_key_of_the_issue() -> None:
    counts = {name: len(specs) for name, specs in SECTION_KEYS.items()}
    assert counts == {
        "terminal": 5,
        "store": 9,
        "sync": 12,
        "receipt": 2,
        "ui": 8,
        "printer": 8,
        "card_reader": 5,
        "scanner": 5,
        "camera": 5,
        "microphone": 3,
        "logging": 3,
        "staff": 3,
    }


@pytest.mark.parametrize("spec", KEYS, ids=lambda spec: spec.dotted)
def test_default_passes_its_own_limits(spec: KeySpec) -> None:
    check_limits(spec, spec.default)


@pytest.mark.parametrize("spec", KEYS, ids=lambda spec: spec.dotted)
def test_default_survives_toml_and_text(spec: KeySpec) -> None:
    # The docs show defaults with format_value; each must read back as the same value.
    parsed = tomllib.loads(f"v = {format_value(spec.default)}")["v"]
    assert from_toml(spec, parsed) == spec.default
    if spec.kind == "list":
        text = ",".join(spec.default)
    elif spec.kind == "bool":
        text = "true" if spec.default else "false"
    else:
        text = str(spec.default)
    assert from_text(spec, text) == spec.default


@pytest.mark.parametrize("spec", KEYS, ids=lambda spec: spec.dotted)
def test_doc_is_one_short_line(spec: KeySpec) -> None:
    assert spec.doc and "\n" not in spec.doc and spec.doc.endswith(".")
    assert len(spec.doc) <= 200


def test_environment_variable_names_are_unique_and_well_formed() -> None:
    names = [spec.env_var for spec in KEYS]
    assert len(set(names)) == len(names)
    assert "MASHANGBAN_SYNC__SERVER_URL" in names
    assert "MASHANGBAN_CARD_READER__PLUGIN" in names


def test_choices_have_the_type_of_the_key() -> None:
    python_types = {"str": str, "int": int, "float": float}
    for spec in KEYS:
        for choice in spec.choices:
            assert type(choice) is python_types[spec.kind], spec.dotted


def test_rules_name_real_keys_and_defaults_keep_them() -> None:
    dotted = {spec.dotted for spec in KEYS}
    values = {name: {s.name: s.default for s in specs} for name, specs in SECTION_KEYS.items()}
    for rule in RULES:
        assert set(rule.keys) <= dotted
        assert rule.problem(values) is None


@pytest.mark.parametrize("name", SECTION_TYPES)
def test_sections_build_from_defaults_and_are_frozen(name: str) -> None:
    section = SECTION_TYPES[name]()
    first = SECTION_KEYS[name][0]
    assert getattr(section, first.name) == first.default
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(section, first.name, first.default)
