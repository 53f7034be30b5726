"""Staff PINs: the rules a new PIN must meet, and how a PIN is hashed and checked.

A PIN is 6–8 ASCII digits and not trivial (one digit repeated, a run up or down
such as 123456 or 876543, or a short block repeated such as 121212 or 123123).

Hash format, one ASCII string, so the parameters travel with the hash and can
be raised later (central provisions accounts in this same format)::

    scrypt$<n>$<r>$<p>$<salt, base64>$<derived key, base64>

with standard base64 (padding kept), a random salt of at least 16 bytes and a
32-byte derived key. The minimum accepted is n=2**14, r=8, p=1; weaker or
malformed hashes are refused. A PIN never leaves this module except as a hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import itertools
import re
import secrets
from dataclasses import dataclass
from functools import cache

PIN_RE = re.compile(r"[0-9]{6,8}")
SCHEME = "scrypt"
SALT_LEN = 16
DK_LEN = 32
MIN_N, MIN_R, MIN_P = 2**14, 8, 1
MAX_N, MAX_R, MAX_P = 2**20, 32, 4  # bounds a provisioned hash cannot exceed (memory, time)


class PinRejected(ValueError):
    """A new PIN that breaks the rules; `reason` is a stable code for the screens."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class PinHashError(ValueError):
    """A stored or provisioned hash that is malformed or weaker than the minimum."""


@dataclass(frozen=True)
class ScryptParams:
    n: int = MIN_N
    r: int = MIN_R
    p: int = MIN_P

    def weaker_than(self, other: ScryptParams) -> bool:
        return self.n < other.n or self.r < other.r or self.p < other.p


DEFAULT_PARAMS = ScryptParams()


def check_pin_rules(pin: str) -> None:
    """Raise PinRejected unless `pin` is an acceptable new PIN."""
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
    maxmem = 256 * params.r * params.n * params.p + (1 << 20)
    return hashlib.scrypt(
        pin.encode("ascii"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=maxmem,
        dklen=DK_LEN,
    )


def hash_pin(pin: str, params: ScryptParams = DEFAULT_PARAMS) -> str:
    """The stored form of `pin` with a fresh random salt (does not check the rules)."""
    salt = secrets.token_bytes(SALT_LEN)
    dk = _derive(pin, salt, params)
    return f"{SCHEME}${params.n}${params.r}${params.p}${_b64(salt)}${_b64(dk)}"


@dataclass(frozen=True)
class ParsedHash:
    params: ScryptParams
    salt: bytes
    dk: bytes


def parse_hash(stored: str) -> ParsedHash:
    """Split and check a stored hash; raise PinHashError when it is unusable."""
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
    if n & (n - 1) or not (MIN_N <= n <= MAX_N and MIN_R <= r <= MAX_R and MIN_P <= p <= MAX_P):
        raise PinHashError(f"scrypt parameters out of bounds (n={n}, r={r}, p={p})")
    if len(salt) < SALT_LEN or len(dk) != DK_LEN:
        raise PinHashError("salt too short or derived key of the wrong length")
    return ParsedHash(params, salt, dk)


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored`; the comparison is constant-time."""
    parsed = parse_hash(stored)
    if not pin.isascii():
        pin = "\x00"  # still derive, so the time spent does not depend on the input
    candidate = _derive(pin, parsed.salt, parsed.params)
    return hmac.compare_digest(candidate, parsed.dk)


def needs_rehash(stored: str, params: ScryptParams = DEFAULT_PARAMS) -> bool:
    """True when the stored hash uses weaker parameters than `params`."""
    return parse_hash(stored).params.weaker_than(params)


@cache
def dummy_hash() -> str:
    """A hash of a random PIN nobody knows, made once per process.

    Unknown staff ids are checked against it so that the time an attempt takes
    does not tell whether the id exists.
    """
    return hash_pin(secrets.token_hex(8))
