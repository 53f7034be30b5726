"""What the citizen has entered so far, in memory only, and the draft made from it.

One `AppealState` lives as long as the wizard; going back and forth between
steps reads and writes it, so nothing is lost by going back. The payload
follows sync-protocol.md §2 ``appeal``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from terminal.checkdigits import normalize_id_number
from terminal.masking import mask_id_number, mask_name, mask_phone, masked_contact
from terminal.submissions.draft import AttachmentDraft, Draft
from ui.catalog_view import CatalogView

CONSENT_VERSION = "2026-11"
IDENTITY_MODES = ("card", "typed", "anonymous")


@dataclass
class AppealState:
    """Everything one citizen's appeal holds before confirm; ``clear`` forgets it."""

    category: str = ""
    description: str = ""
    photos: list[bytes] = field(default_factory=list)
    voice_note: bytes | None = None
    region_code: str = ""
    address: str = ""
    identity_mode: str = ""
    name: str = ""
    id_number: str = ""
    phone: str = ""
    wants_reply: bool = True
    consent: bool = False

    def __repr__(self) -> str:  # never print what the citizen entered
        return f"AppealState(category={self.category!r}, photos={len(self.photos)})"

    @property
    def anonymous(self) -> bool:
        return self.identity_mode == "anonymous"

    def has_entries(self) -> bool:
        return bool(
            self.category
            or self.description
            or self.photos
            or self.voice_note
            or self.region_code
            or self.address
            or self.name
            or self.id_number
            or self.phone
        )

    def clear(self) -> None:
        """Forget everything (the session ended)."""
        fresh = AppealState()
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(fresh, name))

    def masked_id(self) -> str:
        return mask_id_number(self.id_number)

    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def masked_name(self) -> str:
        return mask_name(self.name)

    def attachments(self) -> tuple[AttachmentDraft, ...]:
        photos = [
            AttachmentDraft(data, "image/jpeg", f"photo-{i}.jpg")
            for i, data in enumerate(self.photos, start=1)
        ]
        voice = (
            [AttachmentDraft(self.voice_note, "audio/wav", "voice-note.wav")]
            if self.voice_note
            else []
        )
        return (*photos, *voice)

    def payload(self) -> dict[str, object]:
        """The sealed payload (sync-protocol.md §2 appeal); attachments are added on confirm."""
        contact = None
        if not self.anonymous:
            contact = {
                "name": self.name.strip(),
                "id_number": normalize_id_number(self.id_number) or None,
                "phone": self.phone.strip(),
            }
        return {
            "category": self.category,
            "description": self.description.strip(),
            "location": {"region_code": self.region_code, "address": self.address.strip()},
            "anonymous": self.anonymous,
            "contact": contact,
            "wants_reply": bool(self.wants_reply and not self.anonymous),
            "consent_version": CONSENT_VERSION,
        }

    def to_draft(self, catalog: CatalogView, locale: str) -> Draft:
        """The draft that `TerminalCore.confirm` seals and stores."""
        node = catalog.category(self.category)
        subject = node.name.get(locale) if node else self.category
        return Draft(
            kind="appeal",
            code=self.category,
            payload=self.payload(),
            catalog_version=catalog.version,
            attachments=self.attachments(),
            subject_label=subject,
            masked_contact=None
            if self.anonymous
            else masked_contact(self.name.strip(), self.phone.strip()),
        )
