"""Display masks for names, phones and ID numbers on receipts and review screens.

kiosk-ux.md: personal data is masked on every screen that is not editing it
and on every receipt (``张*``, ``138****5678``, ``5301**********123X``).

These functions never raise and never hand back a value in clear: input too
short to keep its visible parts while hiding something is masked entirely.
"""

from __future__ import annotations

_MASK = "*"
# Full-width forms an input method may produce, as their ASCII equivalents.
_FULL_WIDTH = str.maketrans(
    {**{chr(ord("０") + i): str(i) for i in range(10)}, "＋": "+", "ｘ": "X", "Ｘ": "X", "x": "X"}
)
_PHONE_SEPARATORS = str.maketrans("", "", "-()（）－")

_PHONE_HEAD, _PHONE_TAIL = 3, 4
# Below 11 characters, showing 3 + 4 would leave too little hidden (an
# 8-digit landline would show 7 of its 8 digits), so we hide everything.
_PHONE_MIN_PARTIAL = 11

_ID_HEAD, _ID_TAIL = 4, 4
# 15 is the length of the old first-generation ID number; anything shorter
# (a passport number, a typo) is hidden entirely.
_ID_MIN_PARTIAL = 15


def _clean(value: object) -> str:
    """The value as text without blanks; anything that is not text counts as empty."""
    if not isinstance(value, str):
        return ""
    return "".join(value.split())


def mask_name(name: str | None) -> str:
    """The first character followed by one ``*`` per other character.

    ``张三`` → ``张*``, ``欧阳娜娜`` → ``欧***``, ``John Smith`` → ``J*********``.
    A one-character name becomes ``*``; empty or blank input gives ``""``.
    """
    if not isinstance(name, str):
        return ""
    # Runs of blanks inside a Latin name count as one character.
    text = " ".join(name.split())
    if len(text) <= 1:
        return _MASK * len(text)
    return text[0] + _MASK * (len(text) - 1)


def _national_mobile(digits: str) -> str:
    # A mainland mobile written with its country code shows as the bare
    # 11 digits, so the visible head is the carrier prefix, not "+86".
    for prefix in ("+86", "0086", "86"):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and len(rest) == 11 and rest[0] == "1":
            return rest
    return digits


def mask_phone(phone: str | None) -> str:
    """The first 3 and last 4 characters with ``*`` between: ``138****5678``.

    Spaces, hyphens and a +86 country code are dropped first. Input shorter
    than 11 characters is masked entirely; empty input gives ``""``.
    """
    text = _national_mobile(_clean(phone).translate(_FULL_WIDTH).translate(_PHONE_SEPARATORS))
    if len(text) < _PHONE_MIN_PARTIAL:
        return _MASK * len(text)
    hidden = len(text) - _PHONE_HEAD - _PHONE_TAIL
    return text[:_PHONE_HEAD] + _MASK * hidden + text[-_PHONE_TAIL:]


def mask_id_number(id_number: str | None) -> str:
    """The first 4 and last 4 characters with ``*`` between: ``5301**********123X``.

    Blanks are dropped and a lowercase x is upper-cased. Input shorter than
    15 characters is masked entirely; empty input gives ``""``.
    """
    text = _clean(id_number).translate(_FULL_WIDTH)
    if len(text) < _ID_MIN_PARTIAL:
        return _MASK * len(text)
    hidden = len(text) - _ID_HEAD - _ID_TAIL
    return text[:_ID_HEAD] + _MASK * hidden + text[-_ID_TAIL:]


def masked_contact(name: str | None, phone: str | None) -> str | None:
    """Masked name and phone joined by a space, e.g. ``张* 138****5678``.

    Either part may be missing; None when both are (an anonymous appeal).
    """
    parts = [part for part in (mask_name(name), mask_phone(phone)) if part]
    return " ".join(parts) if parts else None
