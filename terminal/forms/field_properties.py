"""Reading the typed properties of one field definition: limits, choices, patterns, texts.

Helpers of :mod:`terminal.forms.definition`; each takes ``fail``, which turns a reason
into the error that names the form and field.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from terminal.forms.messages import CODES_BY_TYPE, PLACEHOLDERS
from terminal.forms.model import CHOICE_TYPES, Capture, Choice, DateBound, FieldType, TextPattern
from terminal.forms.regions import AdminLevel
from terminal.forms.text import LocalizedText

DEFAULT_MAX_LENGTH = {FieldType.TEXT: 200, FieldType.LONG_TEXT: 2000}
DEFAULT_MAX_ATTACHMENTS = 5
DEFAULT_MEDIA_TYPES = ("image/jpeg", "image/png", "application/pdf")
_DATE_BOUND = re.compile(r"today(?:([+-])(\d{1,4}))?")

Fail = Callable[[str], Exception]


def type_specific_properties(
    kind: FieldType, raw: Mapping[str, Any], required: bool, fail: Fail
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if kind in DEFAULT_MAX_LENGTH:
        out["min_length"] = count(raw, "min_length", fail)
        out["max_length"] = count(raw, "max_length", fail) or DEFAULT_MAX_LENGTH[kind]
        ordered(out["min_length"], out["max_length"], "min_length", "max_length", fail)
        if "pattern" in raw:
            out["pattern"] = pattern(raw["pattern"], fail)
    elif kind is FieldType.NUMBER:
        out["min_value"], out["max_value"] = number(raw, "min", fail), number(raw, "max", fail)
        ordered(out["min_value"], out["max_value"], "min", "max", fail)
        out["integer"] = raw.get("integer", False) is True
        out["decimals"] = count(raw, "decimals", fail)
        out["unit"] = optional_text(raw, "unit", fail)
    elif kind is FieldType.DATE:
        out["min_date"], out["max_date"] = (
            date_bound(raw, "min", fail),
            date_bound(raw, "max", fail),
        )
        low, high = out["min_date"], out["max_date"]
        if low and high and (low.fixed is None) == (high.fixed is None):
            today = date(2000, 1, 1)
            ordered(low.resolve(today), high.resolve(today), "min", "max", fail)
    elif kind in CHOICE_TYPES:
        out["choices"] = choices(raw.get("choices"), fail)
    elif kind is FieldType.REGION:
        try:
            out["region_level"] = AdminLevel(str(raw.get("region_level")))
        except ValueError:
            raise fail("a region field needs region_level (province … village)") from None
    elif kind is FieldType.ATTACHMENT:
        try:
            out["capture"] = Capture(raw.get("capture", "any"))
        except ValueError:
            raise fail("capture must be camera, scanner or any") from None
        photo_of = raw.get("photo_of", "document")
        if photo_of not in ("document", "person"):
            raise fail("photo_of must be document or person")
        out["photo_of"] = photo_of
        media = raw.get("media_types", list(DEFAULT_MEDIA_TYPES))
        if not isinstance(media, list) or not media or not all(isinstance(m, str) for m in media):
            raise fail("media_types must be a non-empty list of strings")
        out["media_types"] = tuple(media)
    if kind in (FieldType.MULTI_CHOICE, FieldType.ATTACHMENT):
        low_count = count(raw, "min_count", fail)
        high_count = count(raw, "max_count", fail)
        if kind is FieldType.ATTACHMENT:
            low_count = low_count if low_count is not None else (1 if required else None)
            high_count = high_count or DEFAULT_MAX_ATTACHMENTS
        ordered(low_count, high_count, "min_count", "max_count", fail)
        if kind is FieldType.MULTI_CHOICE and high_count and high_count > len(out["choices"]):
            raise fail("max_count is more than the number of choices")
        out["min_count"], out["max_count"] = low_count, high_count
    return out


def required_text(raw: Any, name: str, fail: Fail) -> LocalizedText:
    text = optional_text(raw, name, fail)
    if text is None:
        raise fail(f"'{name}' is missing")
    return text


def optional_text(raw: Any, name: str, fail: Fail) -> LocalizedText | None:
    value = raw.get(name) if isinstance(raw, Mapping) else None
    if value is None:
        return None
    try:
        if isinstance(value, Mapping):
            return LocalizedText.from_json(value)
    except ValueError:
        pass
    raise fail(f"'{name}' needs zh_CN and en texts")


def count(raw: Mapping[str, Any], name: str, fail: Fail) -> int | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(f"'{name}' must be a whole number, 0 or more")
    return value


def number(raw: Mapping[str, Any], name: str, fail: Fail) -> float | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail(f"'{name}' must be a number")
    return value


def date_bound(raw: Mapping[str, Any], name: str, fail: Fail) -> DateBound | None:
    value = raw.get(name)
    if value is None:
        return None
    match = _DATE_BOUND.fullmatch(value) if isinstance(value, str) else None
    if match:
        days = int(match.group(2) or 0)
        return DateBound(days_from_today=-days if match.group(1) == "-" else days)
    try:
        return DateBound(fixed=date.fromisoformat(value))
    except (TypeError, ValueError):
        raise fail(f"'{name}' must be YYYY-MM-DD, today, today+N or today-N") from None


def ordered(low: Any, high: Any, low_name: str, high_name: str, fail: Fail) -> None:
    if low is not None and high is not None and low > high:
        raise fail(f"{low_name} is greater than {high_name}")


def pattern(raw: Any, fail: Fail) -> TextPattern:
    regex = raw.get("regex") if isinstance(raw, Mapping) else None
    message = raw.get("message") if isinstance(raw, Mapping) else None
    if not isinstance(regex, str) or not isinstance(message, Mapping):
        raise fail("a pattern needs 'regex' and a 'message' in zh_CN and en")
    try:
        compiled = re.compile(regex)
        text = LocalizedText.from_json(message)
    except (re.error, ValueError) as exc:
        raise fail(f"bad pattern: {exc}") from None
    return TextPattern(regex, text, compiled)


def choices(raw: Any, fail: Fail) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail("a choice field needs a non-empty list of choices")
    choices: list[Choice] = []
    for entry in raw:
        value = entry.get("value") if isinstance(entry, Mapping) else None
        if not isinstance(value, str) or not value:
            raise fail("every choice needs a non-empty string 'value'")
        if any(c.value == value for c in choices):
            raise fail(f"duplicate choice value {value!r}")
        label = entry.get("label")
        try:
            choices.append(Choice(value, LocalizedText.from_json(label)))
        except (AttributeError, ValueError):
            raise fail(f"choice {value!r} needs a label in zh_CN and en") from None
    return tuple(choices)


def message_overrides(kind: FieldType, raw: Any, fail: Fail) -> dict[str, LocalizedText]:
    if not isinstance(raw, Mapping):
        raise fail("'messages' must map problem codes to texts")
    out = {}
    for code, text in raw.items():
        if code not in CODES_BY_TYPE[kind]:
            raise fail(f"message for unknown problem code {code!r} on a {kind} field")
        try:
            out[code] = LocalizedText.from_json(text)
        except (AttributeError, ValueError):
            raise fail(f"message {code!r} needs zh_CN and en texts") from None
        for template in (out[code].zh_CN, out[code].en):
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            if names - PLACEHOLDERS:
                raise fail(f"message {code!r} uses unknown placeholders {sorted(names)}")
    return out
