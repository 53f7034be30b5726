"""What a citizen hands in, while it is still only in memory.

A Draft never touches disk; `confirm` is the only way it reaches the store,
sealed. `display` holds only masked values, for the receipt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = frozenset({"appeal", "application", "rating"})
CHANNELS = frozenset({"kiosk", "assisted"})


@dataclass(frozen=True)
class AttachmentDraft:
    data: bytes
    media_type: str  # e.g. "image/jpeg", "audio/wav"
    name: str  # e.g. "photo-1.jpg"; no personal data in names

    def __repr__(self) -> str:
        return f"AttachmentDraft({self.media_type}, {len(self.data)} bytes)"


@dataclass(frozen=True)
class Draft:
    kind: str
    code: str  # appeal category, service item code, or "rating"
    payload: dict[
        str, Any
    ]  # the protocol payload (sync-protocol.md §2), attachments added on confirm
    catalog_version: str
    attachments: tuple[AttachmentDraft, ...] = ()
    subject_label: str = ""  # category or item name for the receipt
    masked_contact: str | None = None  # e.g. "张* 138****5678"
    channel: str = "kiosk"
    staff_id: str | None = None
    extra_display: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:  # never print the payload
        return f"Draft({self.kind}, {self.code}, {len(self.attachments)} attachments)"
