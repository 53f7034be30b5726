"""Staff accounts as central makes them: the terminal's rules and PIN hash format.

central may not import terminal/ (import contract), so the rules of
``terminal/staff/pins.py`` and ``terminal/staff/accounts.py`` are restated here;
tests/central/test_central_staff_rules.py checks that both sides agree (the
terminal's ``parse_hash`` and ``verify_pin`` accept what ``hash_pin`` makes, and
the PIN, id and name rules refuse the same inputs).

Hash format (one ASCII string, the parameters travel with it)::

    scrypt$<n>$<r>$<p>$<salt, base64>$<derived key, base64>

standard base64 with padding, a random 16-byte salt, a 32-byte key, and at
least n=2**14, r=8, p=1 (the terminal refuses anything weaker). A PIN never
leaves this module except as such a hash; it is never stored or logged.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import secrets
from dataclasses import dataclass
from typing import Final

CLERK: Final = "clerk"
TECHNICIAN: Final = "technician"
ROLES: Final = (CLERK, TECHNICIAN)

PIN_RE: Final = re.compile(r"[0-9]{6,8}")
SCHEME: Final = "scrypt"
SALT_LEN: Final = 16
DK_LEN: Final = 32
MIN_N, MIN_R, MIN_P = 2**14, 8, 1

STAFF_ID_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
RESERVED_IDS: Final = frozenset({"system", "unknown"})  # audit actors on the terminal
_NAME_RE = re.compile(r"[^\x00-\x1f\x7f]{1,64}")
# Shaped like a resident ID number or a mainland mobile number (terminal/logging_setup.py).
_ID_NUMBER_RE = re.compile(
    r"(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx](?![0-9])"
)
_PHONE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


class StaffRuleError(ValueError):
    """A staff id, name, role or PIN central refuses; ``reason`` is a stable code
    (the same codes as the terminal's)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ScryptParams:
    n: int = MIN_N
    r: int = MIN_R
    p: int = MIN_P


DEFAULT_PARAMS: Final = ScryptParams()


def check_staff_id(staff_id: str) -> str:
    """The id, or StaffRuleError: 1–32 of ``A-Z a-z 0-9 _ -`` starting with a letter or
    digit, not ``system``/``unknown``, nothing shaped like a phone or ID number."""
    if (
        not STAFF_ID_RE.fullmatch(staff_id)
        or staff_id.lower() in RESERVED_IDS
        or _ID_NUMBER_RE.search(staff_id)
        or _PHONE_RE.search(staff_id)
    ):
        raise StaffRuleError("bad_id", "a staff id is 1 to 32 letters, digits, '_' or '-'")
    return staff_id


def check_display_name(name: str) -> str:
    """The name without surrounding blanks, or StaffRuleError (1–64 printable characters)."""
    name = name.strip()
    if not _NAME_RE.fullmatch(name):
        raise StaffRuleError("bad_name", "a display name is 1 to 64 printable characters")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise StaffRuleError("bad_role", f"role must be one of {', '.join(ROLES)}")
    return role


def check_pin_rules(pin: str) -> None:
    """StaffRuleError unless ``pin`` is 6–8 digits and not trivial: one digit repeated,
    a run up or down (also wrapping past 9), or a short block repeated."""
    if not PIN_RE.fullmatch(pin):
        raise StaffRuleError("format", "a PIN is 6 to 8 digits")
    digits = [int(c) for c in pin]
    steps = {(b - a) % 10 for a, b in itertools.pairwise(digits)}
    if steps == {0}:
        raise StaffRuleError("same_digit", "a PIN may not repeat one digit")
    if steps in ({1}, {9}):
        raise StaffRuleError("sequence", "a PIN may not be a run of digits up or down")
    for period in (2, 3, 4):
        if len(pin) > period and all(pin[i] == pin[i % period] for i in range(len(pin))):
            raise StaffRuleError("repeating", "a PIN may not repeat a short block of digits")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_pin(pin: str, params: ScryptParams = DEFAULT_PARAMS) -> str:
    """The terminal's stored form of ``pin`` with a fresh random salt (rules checked
    first, so a trivial PIN is never hashed)."""
    check_pin_rules(pin)
    if params.n < MIN_N or params.r < MIN_R or params.p < MIN_P or params.n & (params.n - 1):
        raise ValueError("scrypt parameters below the terminal's minimum")
    salt = secrets.token_bytes(SALT_LEN)
    dk = hashlib.scrypt(
        pin.encode("ascii"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=256 * params.r * params.n * params.p + (1 << 20),
        dklen=DK_LEN,
    )
    return f"{SCHEME}${params.n}${params.r}${params.p}${_b64(salt)}${_b64(dk)}"
