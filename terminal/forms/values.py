"""From what a citizen entered to a field's value, what is wrong with it, and its JSON.

Input arrives as the screens hold it (strings from the keypad, dates from a picker,
attachment references from the camera); :func:`read_value` turns it into the field's
canonical value, :func:`value_issues` lists the constraints it breaks, and
:func:`value_to_json` gives the form the submission payload carries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from terminal.checkdigits import (
    id_number_problem,
    mobile_problem,
    normalize_id_number,
    uscc_problem,
)
from terminal.forms.model import FieldDefinition, FieldType
from terminal.forms.regions import RegionResolver

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """A captured page or photo, by reference: the sealed file is stored elsewhere."""

    sha256: str
    media_type: str
    name: str

    def to_json(self) -> dict[str, str]:
        """The reference as the payload lists it (sync-protocol §2)."""
        return {"sha256": self.sha256, "media_type": self.media_type, "name": self.name}


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem code with the values its message needs, before it is put into words."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


class Unreadable(ValueError):
    """The input cannot be a value of the field's type; carries the problem code."""


def read_value(definition: FieldDefinition, raw: object) -> Any:
    """The canonical value for an input, or None when the input is empty.

    Raises Unreadable(code) when the input cannot be a value of this type at all.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    kind = definition.type
    if kind in (FieldType.TEXT, FieldType.LONG_TEXT):
        if not isinstance(raw, str):
            raise Unreadable("invalid_value")
        text = raw.strip()
        return " ".join(text.split()) if kind is FieldType.TEXT else text
    if kind is FieldType.NUMBER:
        return _read_number(raw)
    if kind is FieldType.DATE:
        return _read_date(raw)
    if kind is FieldType.MULTI_CHOICE:
        if isinstance(raw, str) or not isinstance(raw, Sequence | set | frozenset):
            raise Unreadable("unknown_choice")
        if not all(isinstance(v, str) for v in raw):
            raise Unreadable("unknown_choice")
        chosen = set(raw)
        if not chosen:
            return None
        order = [c.value for c in definition.choices]
        return tuple(v for v in order if v in chosen) + tuple(sorted(chosen - set(order)))
    if kind is FieldType.ATTACHMENT:
        return _read_attachments(raw)
    if not isinstance(raw, str):
        raise Unreadable("unknown_choice" if kind is FieldType.SINGLE_CHOICE else "invalid_value")
    text = unicodedata.normalize("NFKC", raw).strip()
    if kind is FieldType.ID_NUMBER:
        return normalize_id_number(text)
    if kind is FieldType.MOBILE:
        return _mobile_digits(text)
    if kind is FieldType.USCC:
        return text.replace(" ", "").upper()
    return text  # single_choice value, region code


def value_issues(
    definition: FieldDefinition, value: Any, regions: RegionResolver | None, today: date
) -> list[Issue]:
    """Every constraint a (non-empty, readable) value breaks, in the order checked."""
    kind = definition.type
    if kind in (FieldType.TEXT, FieldType.LONG_TEXT):
        return _text_issues(definition, value)
    if kind is FieldType.NUMBER:
        return _number_issues(definition, value)
    if kind is FieldType.DATE:
        low = definition.min_date.resolve(today) if definition.min_date else None
        high = definition.max_date.resolve(today) if definition.max_date else None
        return _range_issues(value, low, high, str)
    if kind is FieldType.SINGLE_CHOICE:
        return [] if definition.choice(value) else [Issue("unknown_choice")]
    if kind is FieldType.MULTI_CHOICE:
        if any(definition.choice(v) is None for v in value):
            return [Issue("unknown_choice")]
        return _count_issues(definition, len(value))
    if kind is FieldType.REGION:
        return _region_issues(definition, value, regions)
    if kind is FieldType.ATTACHMENT:
        if any(not _SHA256.fullmatch(ref.sha256) for ref in value):
            return [Issue("invalid_value")]
        if any(ref.media_type not in definition.media_types for ref in value):
            return [Issue("media_type")]
        return _count_issues(definition, len(value))
    checker = {
        FieldType.ID_NUMBER: lambda v: id_number_problem(v, today),
        FieldType.MOBILE: mobile_problem,
        FieldType.USCC: uscc_problem,
    }[kind]
    reason = checker(value)
    return [Issue(f"{kind}.{reason}")] if reason else []


def value_to_json(definition: FieldDefinition, value: Any) -> object:
    """The JSON form of a valid value, as the ``fields`` of an application carry it."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if definition.type is FieldType.ATTACHMENT:
        return [ref.to_json() for ref in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def _read_number(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise Unreadable("not_a_number")
    if isinstance(raw, int | float | Decimal):
        text = str(raw)
    elif isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip().replace(",", "")
    else:
        raise Unreadable("not_a_number")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise Unreadable("not_a_number") from None
    if not number.is_finite():
        raise Unreadable("not_a_number")
    return number


def _read_date(raw: object) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise Unreadable("invalid_date")
    try:
        return date.fromisoformat(unicodedata.normalize("NFKC", raw).strip())
    except ValueError:
        raise Unreadable("invalid_date") from None


def _read_attachments(raw: object) -> tuple[AttachmentRef, ...] | None:
    if isinstance(raw, AttachmentRef):
        raw = [raw]
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        raise Unreadable("invalid_value")
    refs = []
    for entry in raw:
        if isinstance(entry, Mapping):
            try:
                entry = AttachmentRef(entry["sha256"], entry["media_type"], entry.get("name", ""))
            except KeyError:
                raise Unreadable("invalid_value") from None
        if not isinstance(entry, AttachmentRef) or not all(
            isinstance(part, str) for part in (entry.sha256, entry.media_type, entry.name)
        ):
            raise Unreadable("invalid_value")
        refs.append(entry)
    return tuple(refs) or None


def _mobile_digits(text: str) -> str:
    number = text.replace(" ", "").replace("-", "")
    if number.startswith("+86"):
        return number[3:]
    if len(number) == 13 and number.startswith("86"):
        return number[2:]
    return number


def _text_issues(definition: FieldDefinition, text: str) -> list[Issue]:
    issues = []
    if definition.min_length is not None and len(text) < definition.min_length:
        issues.append(Issue("min_length", {"min": definition.min_length}))
    if definition.max_length is not None and len(text) > definition.max_length:
        issues.append(Issue("max_length", {"max": definition.max_length}))
    if definition.pattern is not None and not definition.pattern.compiled.fullmatch(text):
        issues.append(Issue("pattern"))
    return issues


def _number_issues(definition: FieldDefinition, number: Decimal) -> list[Issue]:
    if definition.integer and number != number.to_integral_value():
        return [Issue("not_integer")]
    exponent = number.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if definition.decimals is not None and places > definition.decimals:
        return [Issue("decimals", {"max": definition.decimals})]
    low, high = definition.min_value, definition.max_value
    return _range_issues(
        number,
        None if low is None else Decimal(str(low)),
        None if high is None else Decimal(str(high)),
        lambda d: format(d.normalize(), "f"),
    )


def _range_issues(value: Any, low: Any, high: Any, show: Any) -> list[Issue]:
    if low is not None and value < low:
        return [Issue("min", {"min": show(low)})]
    if high is not None and value > high:
        return [Issue("max", {"max": show(high)})]
    return []


def _count_issues(definition: FieldDefinition, count: int) -> list[Issue]:
    if definition.min_count is not None and count < definition.min_count:
        return [Issue("min_count", {"min": definition.min_count})]
    if definition.max_count is not None and count > definition.max_count:
        return [Issue("max_count", {"max": definition.max_count})]
    return []


def _region_issues(
    definition: FieldDefinition, code: str, regions: RegionResolver | None
) -> list[Issue]:
    if regions is None:
        raise RuntimeError("a form with a region field needs the catalog's regions")
    level = regions.region_level(code)
    if level is None:
        return [Issue("region_unknown")]
    wanted = definition.region_level
    if wanted is not None and level.depth < wanted.depth and regions.region_has_children(code):
        return [Issue("region_level", {"min": wanted.label})]
    return []
