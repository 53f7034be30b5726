"""What an ID-card read gives: a validated card, or a failure with plain words.

An `IdCard` holds personal data and exists in memory only: its ``repr`` is
masked so that an accidental log line or traceback never carries a name or a
number, and it is never pickled or written anywhere by this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class CardFailureReason(StrEnum):
    """Why a read gave no card; screens choose their words from this."""

    NO_CARD = "no_card"
    UNREADABLE = "unreadable"
    EXPIRED = "expired"
    INVALID_NUMBER = "invalid_number"
    OFFLINE = "offline"
    TIMEOUT = "timeout"


# (Simplified Chinese, English): plain words with a way forward.
FAILURE_MESSAGES: dict[CardFailureReason, tuple[str, str]] = {
    CardFailureReason.NO_CARD: (
        "未检测到身份证，请将身份证平放在读卡区。",
        "No ID card found. Please lay the card flat on the reader.",
    ),
    CardFailureReason.UNREADABLE: (
        "身份证读取失败，请拿起后重新放置，或直接手动输入。",
        "The card could not be read. Lift it and place it again, or type the details instead.",
    ),
    CardFailureReason.EXPIRED: (
        "身份证已过期，请使用有效期内的身份证，或手动输入信息。",
        "This ID card has expired. Please use a valid card, or type the details instead.",
    ),
    CardFailureReason.INVALID_NUMBER: (
        "身份证信息校验未通过，请重新放置，或手动输入；如有疑问请联系工作人员。",
        "The card's details did not pass the check. Place it again or type the details; "
        "staff can help.",
    ),
    CardFailureReason.OFFLINE: (
        "读卡器暂时无法使用，请手动输入信息，或联系工作人员。",
        "The card reader is not available. Please type the details, or ask staff for help.",
    ),
    CardFailureReason.TIMEOUT: (
        "读卡器没有响应，请稍后再试，或手动输入信息。",
        "The card reader did not respond. Please try again, or type the details instead.",
    ),
}


@dataclass(frozen=True)
class CardReadFailure:
    """A read that gave no usable card.

    ``detail`` is for the technician's log: it never holds personal data.
    """

    reason: CardFailureReason
    detail: str = ""

    @property
    def message_zh(self) -> str:
        return FAILURE_MESSAGES[self.reason][0]

    @property
    def message_en(self) -> str:
        return FAILURE_MESSAGES[self.reason][1]

    @property
    def message(self) -> str:
        """Both languages, Chinese first, for a screen that shows one line of each."""
        return f"{self.message_zh}\n{self.message_en}"


@dataclass(frozen=True, repr=False)
class IdCard:
    """A resident ID card whose number, dates and validity have been checked."""

    name: str
    sex: str  # "male" | "female"
    ethnicity: str  # as printed, e.g. "汉"
    birth_date: date
    address: str
    id_number: str
    issuing_authority: str
    valid_from: date
    valid_until: date | None  # None: 长期 (valid for life)
    photo: bytes | None = field(default=None)  # JPEG, when the reader decodes it

    def age_on(self, day: date) -> int:
        """The holder's age in whole years on ``day``."""
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def sex_label(self) -> str:
        return "男" if self.sex == "male" else "女"

    @property
    def masked_id_number(self) -> str:
        """The number as screens show it outside editing: 5301**********123X."""
        return mask_id_number(self.id_number)

    def __repr__(self) -> str:
        return f"IdCard(id_number={self.masked_id_number!r}, <personal fields hidden>)"


CardReadResult = IdCard | CardReadFailure
"""What `IdCardReader.read` returns: ``isinstance(result, IdCard)`` on success."""


def mask_id_number(number: str) -> str:
    """Keep the first four and last four characters; star the rest."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
