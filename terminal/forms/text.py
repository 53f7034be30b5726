"""Text shown to citizens in both languages the kiosk ships: Simplified Chinese and English.

The catalog carries every name and message as ``{"zh_CN": ..., "en": ...}``; this is
its in-memory form, shared by the catalog model and the form engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class LocalizedText:
    """One piece of citizen-facing text in Chinese (the default) and English."""

    zh_CN: str
    en: str

    def get(self, locale: str) -> str:
        """The text for a locale such as ``zh_CN`` or ``en_US``; Chinese unless English."""
        return self.en if locale.lower().startswith("en") else self.zh_CN

    def format(self, **params: object) -> LocalizedText:
        """Both texts with ``{name}`` placeholders filled in."""
        return LocalizedText(self.zh_CN.format(**params), self.en.format(**params))

    def to_json(self) -> dict[str, str]:
        """The catalog's JSON shape."""
        return {"zh_CN": self.zh_CN, "en": self.en}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> LocalizedText:
        """Read ``{"zh_CN": ..., "en": ...}``; both must be non-empty strings."""
        zh, en = raw.get("zh_CN"), raw.get("en")
        if not isinstance(zh, str) or not isinstance(en, str) or not zh or not en:
            raise ValueError("text needs non-empty zh_CN and en strings")
        return cls(zh, en)
