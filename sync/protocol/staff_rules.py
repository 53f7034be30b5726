"""Staff accounts' rules, once for both sides: what a staff id, display name, role
and PIN may be, and the PIN hash format central provisions and the terminal checks
(sync-protocol.md, staff accounts). No I/O here (a salt's randomness aside).

A PIN is 6–8 ASCII digits and not trivial (one digit repeated, a run up or down
such as 123456 or 876543, also wrapping past 9, or a short block repeated such as
121212 or 123123). A PIN never leaves this module except as a hash; it is never
stored, logged, or repeated in an error message.

Hash format, one ASCII string, so the parameters travel with the hash and can be
raised later::

    scrypt$<n>$<r>$<p>$<salt, base64>$<derived key, base64>

standard base64 with padding, a random salt of at least 16 bytes and a 32-byte
derived key. New hashes use ``DEFAULT_PARAMS`` (n=2**16, r=8, p=1: about 190 ms
of CPU and 64 MiB per guess on the reference machine, four times n=2**14;
bench/bench_pin_kdf.py measures it). The minimum accepted stays n=2**14, r=8, p=1,
so hashes made before still verify; weaker or malformed hashes are refused, and so
are parameters above the bounds a terminal can afford.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import itertools
import re
from dataclasses import dataclass
from secrets import token_bytes
from typing import Final

CLERK: Final = "clerk"
TECHNICIAN: Final = "technician"
ROLES: Final = (CLERK, TECHNICIAN)

STAFF_ID_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
RESERVED_IDS: Final = frozenset({"system", "unknown"})  # the terminal's own audit actors
_NAME_RE = re.compile(r"[^\x00-\x1f\x7f]{1,64}")
# Shaped like a resident ID number or a mainland mobile number: a staff id is written
# to the audit trail and to logs, so it must not look like personal data.
_ID_NUMBER_RE = re.compile(
    r"(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx](?![0-9])"
)
_PHONE_RE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")

PIN_RE: Final = re.compile(r"[0-9]{6,8}")
SCHEME: Final = "scrypt"
SALT_LEN: Final = 16
DK_LEN: Final = 32
MIN_N, MIN_R, MIN_P = 2**14, 8, 1
MAX_N, MAX_R, MAX_P = 2**20, 32, 4  # bounds a provisioned hash cannot exceed (memory, time)


class StaffRuleError(ValueError):
    """A staff id, name, role, PIN or change either side refuses; ``reason`` is a
    stable code (the terminal's screens and central's command line branch on it)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class PinRejected(StaffRuleError):
    """A new PIN that breaks the rules."""


class PinHashError(ValueError):
    """A stored or provisioned hash that is malformed or weaker than the minimum."""


@dataclass(frozen=True)
class ScryptParams:
    n: int = MIN_N
    r: int = MIN_R
    p: int = MIN_P

    def weaker_than(self, other: ScryptParams) -> bool:
        return self.n < other.n or self.r < other.r or self.p < other.p

    def within_bounds(self) -> bool:
        """At least the minimum, at most the maximum, and n a power of two."""
        n, r, p = self.n, self.r, self.p
        power_of_two = n > 0 and not n & (n - 1)
        return power_of_two and MIN_N <= n <= MAX_N and MIN_R <= r <= MAX_R and MIN_P <= p <= MAX_P


DEFAULT_N: Final = 2**16  # ≥ 100 ms per guess (docs/staff-and-audit.md, PINs)
DEFAULT_PARAMS: Final = ScryptParams(n=DEFAULT_N)


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


def is_staff_id(staff_id: str) -> bool:
    """True when ``check_staff_id`` accepts it."""
    try:
        check_staff_id(staff_id)
    except StaffRuleError:
        return False
    return True


def check_display_name(name: str) -> str:
    """The name without surrounding blanks, or StaffRuleError (1–64 printable characters)."""
    name = name.strip()
    if not _NAME_RE.fullmatch(name):
        raise StaffRuleError("bad_name", "a display name is 1 to 64 printable characters")
    return name


def check_role(role: str) -> str:
    """The role, or StaffRuleError unless it is one of ROLES."""
    if role not in ROLES:
        raise StaffRuleError("bad_role", f"role must be one of {', '.join(ROLES)}")
    return role


def check_pin_rules(pin: str) -> None:
    """PinRejected unless ``pin`` is an acceptable new PIN (see the module's rules)."""
    if not PIN_RE.fullmatch(pin):
        raise PinRejected("format", "a PIN is 6 to 8 digits")
    digits = [int(c) for c in pin]
    steps = {(b - a) % 10 for a, b in itertools.pairwise(digits)}
    if steps == {0}:
        raise PinRejected("same_digit", "a PIN may not repeat one digit")
    if steps in ({1}, {9}):
        raise PinRejected("sequence", "a PIN may not be a run of digits up or down")
    for period in (2, 3, 4):
        if len(pin) > period and all(pin[i] == pin[i % period] for i in range(len(pin))):
            raise PinRejected("repeating", "a PIN may not repeat a short block of digits")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(pin: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=256 * params.r * params.n * params.p + (1 << 20),
        dklen=DK_LEN,
    )


def hash_pin(pin: str, params: ScryptParams = DEFAULT_PARAMS) -> str:
    """The stored form of ``pin`` with a fresh random salt. The rules are not checked
    (a new PIN goes through ``hash_new_pin``); ValueError for parameters out of bounds,
    so no hash is made that ``parse_hash`` would refuse."""
    if not params.within_bounds():
        raise ValueError("scrypt parameters outside the bounds a terminal accepts")
    salt = token_bytes(SALT_LEN)
    dk = _derive(pin, salt, params)
    return f"{SCHEME}${params.n}${params.r}${params.p}${_b64(salt)}${_b64(dk)}"


def hash_new_pin(pin: str, params: ScryptParams = DEFAULT_PARAMS) -> str:
    """``hash_pin`` after ``check_pin_rules``: a trivial PIN is never hashed."""
    check_pin_rules(pin)
    return hash_pin(pin, params)


@dataclass(frozen=True)
class ParsedHash:
    params: ScryptParams
    salt: bytes
    dk: bytes


def parse_hash(stored: str) -> ParsedHash:
    """Split and check a stored hash; PinHashError when it is unusable."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise PinHashError("not a scrypt PIN hash")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        dk = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error) as exc:
        raise PinHashError("malformed PIN hash") from exc
    params = ScryptParams(n, r, p)
    if not params.within_bounds():
        raise PinHashError(f"scrypt parameters out of bounds (n={n}, r={r}, p={p})")
    if len(salt) < SALT_LEN or len(dk) != DK_LEN:
        raise PinHashError("salt too short or derived key of the wrong length")
    return ParsedHash(params, salt, dk)


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored``; the comparison is constant-time."""
    parsed = parse_hash(stored)
    if not pin.isascii():
        pin = "\x00"  # still derive, so the time spent does not depend on the input
    candidate = _derive(pin, parsed.salt, parsed.params)
    return hmac.compare_digest(candidate, parsed.dk)


def needs_rehash(stored: str, params: ScryptParams = DEFAULT_PARAMS) -> bool:
    """True when the stored hash uses weaker parameters than ``params``."""
    return parse_hash(stored).params.weaker_than(params)
