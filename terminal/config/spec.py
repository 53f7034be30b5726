"""What one configuration key is, and how a raw value becomes a checked one.

A section of the configuration is a frozen dataclass whose fields are made
with :func:`setting`; the field's annotation is the key's type and the
metadata carries its documentation and limits. :func:`keys_of` turns such a
class into :class:`KeySpec` records, which validation and the generated docs
both read, so the two cannot drift apart.
"""

from __future__ import annotations

import math
import re
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar, cast

Kind = Literal["str", "int", "float", "bool", "list"]
T = TypeVar("T")

_META = "mashangban.setting"
_KINDS: dict[object, Kind] = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    tuple[str, ...]: "list",
}
KIND_NAMES: dict[Kind, str] = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "list": "list of strings",
}


@dataclass(frozen=True)
class _Limits:
    doc: str
    choices: tuple[object, ...]
    minimum: float | None
    maximum: float | None
    pattern: str | None
    pattern_doc: str
    check: Callable[[Any], str | None] | None
    check_doc: str


def setting(
    default: T,
    doc: str,
    *,
    choices: Sequence[T] = (),
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: str | None = None,
    pattern_doc: str = "",
    check: Callable[[Any], str | None] | None = None,
    check_doc: str = "",
) -> T:
    """Declare one key of a section dataclass: its default, one-line doc and limits.

    ``pattern`` must match the whole string (each item, for a list) and is
    described to the operator by ``pattern_doc``; ``check`` returns a problem
    phrase such as ``"must be ..."`` or None, and is described by ``check_doc``.
    """
    limits = _Limits(doc, tuple(choices), minimum, maximum, pattern, pattern_doc, check, check_doc)
    # Typed as T so that mypy sees ``x: int = setting(30, ...)`` as a plain default.
    return cast(T, field(default=default, metadata={_META: limits}))


@dataclass(frozen=True)
class KeySpec:
    """One configuration key: where it lives, its type, default and limits."""

    section: str
    name: str
    kind: Kind
    default: Any
    doc: str
    choices: tuple[object, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    pattern_doc: str = ""
    check: Callable[[Any], str | None] | None = None
    check_doc: str = ""

    @property
    def dotted(self) -> str:
        """``section.key``, the name used in messages and overrides."""
        return f"{self.section}.{self.name}"

    @property
    def env_var(self) -> str:
        """The environment variable that sets this key."""
        return f"MASHANGBAN_{self.section.upper()}__{self.name.upper()}"


def keys_of(section: str, cls: type) -> tuple[KeySpec, ...]:
    """The keys declared with :func:`setting` on a section dataclass, in order."""
    hints = typing.get_type_hints(cls)
    specs = []
    for f in fields(cls):
        limits: _Limits = f.metadata[_META]
        specs.append(
            KeySpec(
                section=section,
                name=f.name,
                kind=_KINDS[hints[f.name]],
                default=f.default,
                doc=limits.doc,
                choices=limits.choices,
                minimum=limits.minimum,
                maximum=limits.maximum,
                pattern=limits.pattern,
                pattern_doc=limits.pattern_doc,
                check=limits.check,
                check_doc=limits.check_doc,
            )
        )
    return tuple(specs)


# TOML basic strings need quotes, backslashes and control characters escaped.
_TOML_ESCAPES = {code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F]}
_TOML_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\t"): "\\t"})


def format_value(value: object) -> str:
    """A value as it is written in TOML: ``"text"``, ``30``, ``10.0``, ``true``, ``[]``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.translate(_TOML_ESCAPES) + '"'

    if isinstance(value, tuple | list):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    return repr(value)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({format_value(value)})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"a string ({format_value(value)})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


class InvalidValue(ValueError):
    """A value that does not fit its key; the message is a phrase like ``must be ...``."""


def from_toml(spec: KeySpec, value: object) -> object:
    """Check a value read from the TOML file against the key's type and limits."""
    wrong = f"must be {_article(spec.kind)}, not {_describe(value)}"
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise InvalidValue(wrong)
    elif spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValue(wrong + _unquote_hint(value))
    elif spec.kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidValue(wrong + _unquote_hint(value))
        value = float(value)
    elif spec.kind == "str":
        if not isinstance(value, str):
            raise InvalidValue(wrong + ' (put it in "quotes")')
    elif not isinstance(value, list):
        raise InvalidValue(wrong)
    else:
        for index, item in enumerate(value, start=1):
            if not isinstance(item, str):
                raise InvalidValue(f"must be a list of strings; item {index} is {_describe(item)}")
        value = tuple(value)
    check_limits(spec, value)
    return value


def from_text(spec: KeySpec, text: str) -> object:
    """Parse a value given as text (environment variable, command line), then check it."""
    value: object
    stripped = text.strip()
    if spec.kind == "bool":
        lowered = stripped.lower()
        if lowered in ("1", "true", "yes"):
            value = True
        elif lowered in ("0", "false", "no"):
            value = False
        else:
            raise InvalidValue(f"must be one of 1/0/true/false/yes/no, not {format_value(text)}")
    elif spec.kind in ("int", "float"):
        try:
            value = int(stripped) if spec.kind == "int" else float(stripped)
        except ValueError:
            raise InvalidValue(f"must be {_article(spec.kind)}, not {format_value(text)}") from None
    elif spec.kind == "list":
        value = tuple(item.strip() for item in text.split(",") if item.strip())
    else:
        value = text
    check_limits(spec, value)
    return value


def check_limits(spec: KeySpec, value: Any) -> None:
    """Raise :class:`InvalidValue` when a well-typed value breaks the key's limits."""
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValue(f"must be a finite number, not {value!r}")
    if spec.choices and value not in spec.choices:
        allowed = ", ".join(format_value(choice) for choice in spec.choices)
        raise InvalidValue(f"must be one of {allowed}, not {format_value(value)}")
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None and not low <= value <= high:
        raise InvalidValue(f"must be between {_num(low)} and {_num(high)}, not {value!r}")
    if low is not None and value < low:
        raise InvalidValue(f"must be at least {_num(low)}, not {value!r}")
    if high is not None and value > high:
        raise InvalidValue(f"must be at most {_num(high)}, not {value!r}")
    if spec.pattern is not None:
        items = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(items, start=1):
            if not re.fullmatch(spec.pattern, item):
                which = f"item {index} " if isinstance(value, tuple) else ""
                raise InvalidValue(
                    f"{which}must be {spec.pattern_doc or spec.pattern}, not {format_value(item)}"
                )
    if spec.check is not None:
        problem = spec.check(value)
        if problem is not None:
            raise InvalidValue(problem)


def _article(kind: Kind) -> str:
    name = KIND_NAMES[kind]
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _num(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _unquote_hint(value: object) -> str:
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return ""
        return "; write it without quotes"
    return ""
