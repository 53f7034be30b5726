"""What a seal holds: the plaintext payload of each submission kind (§2 Payloads).

The terminal builds these before sealing; central validates them after opening.
No I/O here. Personal data lives in these models: never log them.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from pydantic import Field, StringConstraints, model_validator

from sync.protocol.schemas import ReceiptNo, Sha256Hex, ShortText, WireModel

LINE_CHARS: Final = 500  # names, titles, addresses
LONG_TEXT_CHARS: Final = 20_000  # descriptions, comments
LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT_CHARS)]
Line = Annotated[str, StringConstraints(max_length=LINE_CHARS)]


class NamedWithoutContact(ValueError):
    """A named (not anonymous) appeal without a contact: something left to fill in."""


class PayloadAttachment(WireModel):
    sha256: Sha256Hex
    media_type: ShortText
    name: Line


class Contact(WireModel):
    name: Line
    id_number: ShortText | None = None
    phone: ShortText | None = None


class Location(WireModel):
    region_code: ShortText
    address: Line = ""
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lng: Annotated[float, Field(ge=-180, le=180)] | None = None


class AppealPayload(WireModel):
    category: ShortText
    description: LongText
    title: Line | None = None
    location: Location | None = None
    anonymous: bool
    contact: Contact | None = None
    wants_reply: bool
    consent_version: ShortText
    attachments: list[PayloadAttachment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _contact_matches_anonymity(self) -> AppealPayload:
        if self.anonymous and self.contact is not None:
            raise ValueError("an anonymous appeal carries no contact")
        if not self.anonymous and self.contact is None:
            raise NamedWithoutContact("a named appeal needs a contact")
        return self


class Appointment(WireModel):
    date: ShortText
    slot: ShortText
    hall_code: ShortText


class ApplicationPayload(WireModel):
    item_code: ShortText
    form_version: ShortText
    fields: dict[str, Any]
    applicant: Contact  # who the application is for
    agent: Contact | None = None  # 亲友代办: who filed it for them, when not themselves
    appointment: Appointment | None = None
    attachments: list[PayloadAttachment] = Field(default_factory=list)


class RatingPayload(WireModel):
    target_receipt_no: ReceiptNo
    score: Annotated[int, Field(ge=1, le=5)]
    reasons: list[ShortText] = Field(default_factory=list)
    comment: LongText = ""
    attachments: list[PayloadAttachment] = Field(default_factory=list)


PayloadModel = AppealPayload | ApplicationPayload | RatingPayload
PAYLOAD_MODELS: dict[str, type[PayloadModel]] = {
    "appeal": AppealPayload,
    "application": ApplicationPayload,
    "rating": RatingPayload,
}
