"""A service item's form, as the catalog defines it: pages of typed fields.

These are immutable descriptions; :mod:`terminal.forms.definition` builds and checks
them from the catalog's JSON, and :class:`terminal.forms.session.FormSession` fills
one in for a citizen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from terminal.forms.regions import AdminLevel
from terminal.forms.text import LocalizedText


class FieldType(StrEnum):
    """Every kind of field a form may hold."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    REGION = "region"
    ID_NUMBER = "id_number"  # GB 11643 resident ID number
    MOBILE = "mobile"
    USCC = "uscc"  # GB 32100 unified social credit code
    ATTACHMENT = "attachment"  # photos or scans of a material


CHOICE_TYPES = frozenset({FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE})
TEXT_TYPES = frozenset({FieldType.TEXT, FieldType.LONG_TEXT})


class Capture(StrEnum):
    """Which device takes an attachment's pages."""

    CAMERA = "camera"
    SCANNER = "scanner"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice field: the stored value and what the citizen reads."""

    value: str
    label: LocalizedText


@dataclass(frozen=True, slots=True)
class TextPattern:
    """A regular expression a text value must match in full, with the message when not."""

    regex: str
    message: LocalizedText
    compiled: re.Pattern[str] = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class DateBound:
    """A date limit: a fixed date, or today shifted by a number of days."""

    fixed: date | None = None
    days_from_today: int = 0

    def resolve(self, today: date) -> date:
        """The limit as a date, on the given day."""
        return self.fixed if self.fixed is not None else today + timedelta(self.days_from_today)


@dataclass(frozen=True, slots=True)
class Relevance:
    """Show a field only when another field's value matches.

    Exactly one of: ``equals`` a choice value, any of ``one_of``, or ``filled``.
    For a multi-choice controller, ``equals`` means "among the chosen".
    """

    field: str
    equals: str | None = None
    one_of: tuple[str, ...] | None = None
    filled: bool = False


@dataclass(frozen=True, slots=True)
class FieldDefinition:
    """One field: its type, label, help, constraints and relevance."""

    key: str
    type: FieldType
    label: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    min_value: float | None = None  # number
    max_value: float | None = None
    integer: bool = False
    decimals: int | None = None
    unit: LocalizedText | None = None
    min_date: DateBound | None = None  # date
    max_date: DateBound | None = None
    min_length: int | None = None  # text, long_text
    max_length: int | None = None
    pattern: TextPattern | None = None
    choices: tuple[Choice, ...] = ()  # single_choice, multi_choice
    min_count: int | None = None  # multi_choice, attachment
    max_count: int | None = None
    region_level: AdminLevel | None = None  # region
    capture: Capture = Capture.ANY  # attachment
    photo_of: str = "document"  # attachment: "document" (pages) or "person" (a portrait)
    media_types: tuple[str, ...] = ()
    messages: Mapping[str, LocalizedText] = field(default_factory=dict)
    relevant_when: Relevance | None = None

    def choice(self, value: str) -> Choice | None:
        """The choice with this value, or None."""
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True, slots=True)
class PageDefinition:
    """One screen of a form: one to three fields, by key."""

    title: LocalizedText | None
    field_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FormDefinition:
    """A whole form: identity, version (sent as ``form_version``) and pages of fields."""

    id: str
    version: str
    title: LocalizedText
    pages: tuple[PageDefinition, ...]
    fields: Mapping[str, FieldDefinition]  # by key, in page order

    def field(self, key: str) -> FieldDefinition:
        """The field with this key (KeyError when the form has none)."""
        return self.fields[key]
