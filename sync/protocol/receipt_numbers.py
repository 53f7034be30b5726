"""Receipt numbers, sync-protocol.md §7: ``TTTT-YYMMDD-NNNN-C``. No I/O here.

TTTT is the terminal code, YYMMDD the local date, NNNN a per-terminal, per-day
sequence (more digits after 9999) and C the ISO 7064 MOD 11-2 check character
over all the digits before it.
"""

from __future__ import annotations

import base64
import re
from datetime import datetime

from sync.protocol.sealing_names import MAC_HMAC_SHA256, MAC_HMAC_SM3
from sync.protocol.signing import mac_digest

RECEIPT_NO_PATTERN = r"^[0-9]{4}-[0-9]{6}-[0-9]{4,8}-[0-9X]$"
_RECEIPT_RE = re.compile(RECEIPT_NO_PATTERN)
#: The terminal code of the embedded demo (TTTT of its receipts). A real central
#: never enrols a terminal with it, so a demo receipt can never look like a real one.
DEMO_TERMINAL_CODE = "0000"


def mod11_2(digits: str) -> str:
    """ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') over ASCII digits."""
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError("mod11_2 needs a non-empty string of ASCII digits")
    total = 0
    for ch in digits:
        total = (total * 2 + int(ch)) % 11
    value = (12 - (total * 2) % 11) % 11
    return "X" if value == 10 else str(value)


def receipt_no_problem(value: str) -> str | None:
    """Why ``value`` is not a well-formed receipt number, or None when it is.

    Reasons: ``format`` or ``check_character``.
    """
    if not isinstance(value, str) or not _RECEIPT_RE.fullmatch(value):
        return "format"
    body, check = value[:-2], value[-1]
    if mod11_2(body.replace("-", "")) != check:
        return "check_character"
    return None


def make_receipt_no(terminal_code: str, yymmdd: str, sequence: int) -> str:
    """Build a receipt number with its check character (used by tests and tools)."""
    body = f"{terminal_code}-{yymmdd}-{sequence:04d}"
    return f"{body}-{mod11_2(body.replace('-', ''))}"


#: How many bytes of each MAC a QR carries; base32 of 10 bytes is 16 characters, of 15
#: bytes 24, so the ``sig``'s length names its MAC and no extra parameter is needed.
RECEIPT_SIG_BYTES = {MAC_HMAC_SHA256: 10, MAC_HMAC_SM3: 15}
MAC_OF_SIG_CHARS = {len(bytes(n)) * 8 // 5: mac for mac, n in RECEIPT_SIG_BYTES.items()}


def receipt_signature(
    secret: bytes, receipt_no: str, ts: int | str, mac: str = MAC_HMAC_SHA256
) -> str:
    """The QR's ``sig``: the first bytes of HMAC(secret, "receipt_no|ts") in base32, no
    padding — 10 bytes of HMAC-SHA256 (16 characters) or 15 of HMAC-SM3 (24)."""
    digest = mac_digest(mac, secret, f"{receipt_no}|{ts}".encode())[: RECEIPT_SIG_BYTES[mac]]
    return base64.b32encode(digest).decode("ascii").rstrip("=")


def receipt_sig_mac(sig: str) -> str | None:
    """The MAC a QR ``sig`` of this length is made with, or None."""
    return MAC_OF_SIG_CHARS.get(len(sig))


#: The query code (查询码) printed on every receipt: six digits, typed with the number.
QUERY_CODE_DIGITS = 6
QUERY_CODE_PATTERN = r"^[0-9]{6}$"
_QUERY_CODE_DOMAIN = b"query-code|"  # never the start of a QR message (those start with digits)


def issue_ts(created_at: datetime) -> int:
    """The receipt's issue second (the QR's ``ts``): its ``created_at`` as Unix time, floored."""
    return int(created_at.timestamp())


def query_code(secret: bytes, receipt_no: str, ts: int | str) -> str:
    """The receipt's query code: HMAC-SHA256(secret, "query-code|receipt_no|ts") as six
    decimal digits (its first eight bytes, big-endian, mod 10⁶).

    ``ts`` is the receipt's issue second, the same as the QR's (the Unix time of the
    submission's ``created_at``, floored). The terminal's secret alone does not give the
    code: the issue second is needed too, and only the receipt and central know it."""
    message = _QUERY_CODE_DOMAIN + f"{receipt_no}|{ts}".encode()
    mac = mac_digest(MAC_HMAC_SHA256, secret, message)  # whatever the suite (docs/sync.md)
    return f"{int.from_bytes(mac[:8], 'big') % 10**QUERY_CODE_DIGITS:0{QUERY_CODE_DIGITS}d}"


def receipt_url(
    public_base: str, receipt_no: str, ts: int, secret: bytes, mac: str = MAC_HMAC_SHA256
) -> str:
    """The URL a receipt's QR code holds (§7)."""
    sig = receipt_signature(secret, receipt_no, ts, mac)
    return f"{public_base.rstrip('/')}/r/{receipt_no}?ts={ts}&sig={sig}"
