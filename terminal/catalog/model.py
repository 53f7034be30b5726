"""The catalog's entries as immutable values: departments, themes, items, categories, regions.

Built by :mod:`terminal.catalog.loader` from a validated document; the
:class:`terminal.catalog.catalog.Catalog` holds them and answers look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from terminal.forms import AdminLevel, LocalizedText


class ProcessingMode(StrEnum):
    """How many trips to the hall an item takes."""

    ZERO_VISIT = "zero_visit"  # 零跑腿: done entirely here or online
    ONE_VISIT = "one_visit"  # 跑一次: at most one visit to a window
    COUNTER = "counter"  # 窗口办理: handled at the window

    @property
    def label(self) -> LocalizedText:
        """The mode's name as screens and receipts print it."""
        return _MODE_LABELS[self]


_MODE_LABELS = {
    ProcessingMode.ZERO_VISIT: LocalizedText("零跑腿", "Zero visits"),
    ProcessingMode.ONE_VISIT: LocalizedText("跑一次", "One visit"),
    ProcessingMode.COUNTER: LocalizedText("窗口办理", "At the counter"),
}


class MaterialKind(StrEnum):
    """Whether the original, a copy, or both are needed."""

    ORIGINAL = "original"
    COPY = "copy"
    ORIGINAL_AND_COPY = "original_and_copy"

    @property
    def label(self) -> LocalizedText:
        """原件 / 复印件 / 原件及复印件."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    MaterialKind.ORIGINAL: LocalizedText("原件", "Original"),
    MaterialKind.COPY: LocalizedText("复印件", "Copy"),
    MaterialKind.ORIGINAL_AND_COPY: LocalizedText("原件及复印件", "Original and copy"),
}


class ApplicantType(StrEnum):
    """Who may apply: a natural person (自然人) or a legal person (法人)."""

    PERSON = "person"
    LEGAL_PERSON = "legal_person"


@dataclass(frozen=True, slots=True)
class Department:
    """A department that handles items or appeals, at one administrative level."""

    code: str  # e.g. "530102-RSJ"
    names: LocalizedText
    level: AdminLevel
    region_code: str  # the region it serves
    phone: str | None = None
    address: LocalizedText | None = None


@dataclass(frozen=True, slots=True)
class Theme:
    """A life-event theme (我要看病, 我要办社保 …) grouping items on the home screen."""

    code: str
    names: LocalizedText
    icon: str  # an icon name from resources/icons
    order: int
    item_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Material:
    """One document an applicant brings or photographs."""

    names: LocalizedText
    kind: MaterialKind
    count: int  # how many (copies, sheets)
    required: bool
    notes: LocalizedText | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """A government service item (政务服务事项) with its service guide (办事指南)."""

    code: str
    names: LocalizedText
    department_code: str
    level: AdminLevel
    mode: ProcessingMode
    legal_days: int  # 法定办结时限, working days (0: on the spot)
    promised_days: int  # 承诺办结时限, working days
    fee: LocalizedText | None  # None: free of charge (免费)
    applicant_types: tuple[ApplicantType, ...]
    eligibility: LocalizedText  # who may apply
    materials: tuple[Material, ...]
    completable_at_terminal: bool
    needs_appointment: bool
    keywords: tuple[str, ...]
    form_id: str | None
    basis: LocalizedText | None = None  # legal basis (设定依据)
    notes: LocalizedText | None = None  # reminders (温馨提示)

    @property
    def is_free(self) -> bool:
        """Whether the item costs nothing (免费)."""
        return self.fee is None


@dataclass(frozen=True, slots=True)
class AppealCategory:
    """A node of the appeal category tree, e.g. ``urban.road``."""

    code: str
    names: LocalizedText
    department_code: str  # the receiving department
    keywords: tuple[str, ...]
    parent_code: str | None
    child_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Region:
    """A node of the region tree (province → prefecture → county → township → village)."""

    code: str  # 6, 9 or 12 digits
    names: LocalizedText
    level: AdminLevel
    parent_code: str | None
    child_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlatformKey:
    """A public key of the platform that submissions are sealed to (newest first)."""

    kid: str
    alg: str
    public_key: str
