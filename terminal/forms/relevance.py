"""Relevance: a field shown only when an earlier field has a given value.

``relevant_when`` names one controlling field and one condition: ``equals`` a choice
value, ``in`` a list of choice values, or ``filled: true`` (any value at all). A field
whose controller is hidden is hidden too, so relevance chains work as expected.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from terminal.forms.model import CHOICE_TYPES, FieldDefinition, Relevance


def parse_relevance(raw: Any) -> Relevance:
    """Read a ``relevant_when`` object (ValueError with the reason when malformed)."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("field"), str):
        raise ValueError("needs a 'field' naming another field")
    conditions = [name for name in ("equals", "in", "filled") if name in raw]
    if len(conditions) != 1 or set(raw) - {"field", "equals", "in", "filled"}:
        raise ValueError("needs exactly one of 'equals', 'in' or 'filled'")
    field = raw["field"]
    if "equals" in raw:
        if not isinstance(raw["equals"], str):
            raise ValueError("'equals' must be a choice value (a string)")
        return Relevance(field, equals=raw["equals"])
    if "in" in raw:
        values = raw["in"]
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) for v in values)
        ):
            raise ValueError("'in' must be a non-empty list of choice values")
        return Relevance(field, one_of=tuple(values))
    if raw["filled"] is not True:
        raise ValueError("'filled' can only be true")
    return Relevance(field, filled=True)


def check_relevance(fields: Mapping[str, FieldDefinition]) -> tuple[str, str] | None:
    """The first relevance problem as (field key, reason), or None when all is well.

    Problems: a controller that does not exist, a cycle (A on B on … on A, including a
    field on itself), a controller that comes later in the form, a condition on values
    that a non-choice controller cannot have, and values that are not among its choices.
    """
    for key, definition in fields.items():
        rule = definition.relevant_when
        if rule is not None and rule.field not in fields:
            return key, f"relevant_when names missing field '{rule.field}'"
    for key in fields:
        cycle = _cycle_from(key, fields)
        if cycle:
            return key, "relevance cycle: " + " → ".join(cycle)
    position = {key: index for index, key in enumerate(fields)}
    for key, definition in fields.items():
        rule = definition.relevant_when
        if rule is None:
            continue
        controller = fields[rule.field]
        if position[rule.field] > position[key]:
            return key, f"relevant_when names '{rule.field}', which comes later in the form"
        values = (rule.equals,) if rule.equals is not None else rule.one_of or ()
        if values and controller.type not in CHOICE_TYPES:
            return key, f"'equals'/'in' need a choice field, '{rule.field}' is {controller.type}"
        unknown = [v for v in values if controller.choice(v) is None]
        if unknown:
            return key, f"relevant_when values {unknown} are not choices of '{rule.field}'"
    return None


def _cycle_from(start: str, fields: Mapping[str, FieldDefinition]) -> list[str]:
    path = [start]
    rule = fields[start].relevant_when
    while rule is not None and rule.field in fields:
        if rule.field in path:
            return [*path[path.index(rule.field) :], rule.field]
        path.append(rule.field)
        rule = fields[rule.field].relevant_when
    return []


def is_met(rule: Relevance, value: object) -> bool:
    """Whether a controller's (normalised) value meets the condition; None is no value."""
    if value is None:
        return False
    if rule.filled:
        return True
    chosen = set(value) if isinstance(value, tuple | list) else {value}
    wanted = {rule.equals} if rule.equals is not None else set(rule.one_of or ())
    return bool(chosen & wanted)
