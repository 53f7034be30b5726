"""Signed receipt URLs for the receipt's QR code (sync-protocol.md §7).

``{public_base}/r/{receipt_no}?ts={unix}&sig={sig}`` where ``sig`` is the
first 10 bytes of HMAC-SHA256(secret, ``receipt_no|ts``) in base32 without
padding (16 characters), or in the 国密 suite the first 15 bytes of HMAC-SM3
(24 characters): the length names the MAC. The central platform verifies any of
them; a terminal verifies only its own, because only its own secret is on the
machine.
"""

from __future__ import annotations

import base64
import hmac
from urllib.parse import SplitResult, urlsplit

from sync.protocol.receipt_numbers import RECEIPT_SIG_BYTES, receipt_sig_mac
from sync.protocol.sealing_names import MAC_HMAC_SHA256
from sync.protocol.signing import mac_digest
from terminal.receipts.number import ReceiptNumber, ReceiptNumberError, parse_receipt_number

_BASE32_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
# Twelve digits reach the year 33658; anything longer is not a timestamp we made.
_MAX_TS_DIGITS = 12


class ReceiptQrError(ValueError):
    """A scanned receipt URL that cannot be accepted.

    ``reason`` is ``malformed``, ``bad_receipt``, ``other_terminal`` (valid in
    shape but issued elsewhere: look it up online) or ``bad_signature``.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _signature(secret: bytes, receipt_no: str, ts: int, mac: str) -> bytes:
    message = f"{receipt_no}|{ts}".encode("ascii")
    return mac_digest(mac, secret, message)[: RECEIPT_SIG_BYTES[mac]]


def _split_base(public_base: str) -> SplitResult:
    """The public base as parts, without a trailing slash; ValueError if it is no site URL."""
    base = urlsplit(public_base.strip().rstrip("/"))
    if base.scheme.lower() not in {"http", "https"} or not base.netloc:
        raise ValueError(f"public base must be an http(s) URL, got {public_base!r}")
    if base.query or base.fragment:
        raise ValueError(f"public base must have no query or fragment, got {public_base!r}")
    return base


def _check_secret(secret: bytes) -> None:
    # An empty key would make every signature forgeable by anyone.
    if not isinstance(secret, bytes | bytearray) or not secret:
        raise ValueError("the receipt signing secret must be non-empty bytes")


def receipt_url(
    public_base: str, receipt_no: str, secret: bytes, ts: int, mac: str = MAC_HMAC_SHA256
) -> str:
    """The signed URL printed as the receipt's QR code.

    ``receipt_no`` must be a receipt number in canonical form and ``ts`` the
    Unix time of issue; a trailing slash on ``public_base`` is ignored. ``mac`` is
    the suite's (HMAC-SHA256 or HMAC-SM3).
    Raises ValueError on any bad argument.
    """
    base = _split_base(public_base)
    _check_secret(secret)
    try:
        canonical = parse_receipt_number(receipt_no).format()
    except ReceiptNumberError as exc:
        raise ValueError(f"not a valid receipt number ({exc.reason}): {receipt_no!r}") from None
    if canonical != receipt_no:
        raise ValueError(f"receipt number must be in canonical form {canonical!r}")
    if isinstance(ts, bool) or not isinstance(ts, int) or ts < 0:
        raise ValueError(f"ts must be a non-negative int, got {ts!r}")
    if len(str(ts)) > _MAX_TS_DIGITS:
        raise ValueError(f"ts out of range: {ts}")
    if mac not in RECEIPT_SIG_BYTES:
        raise ValueError(f"unknown MAC {mac!r}")
    sig = base64.b32encode(_signature(secret, receipt_no, ts, mac)).decode("ascii")
    return f"{base.geturl()}/r/{receipt_no}?ts={ts}&sig={sig}"


def _query_pairs(query: str) -> dict[str, str]:
    """``ts`` and ``sig`` from the query, each exactly once and nothing else."""
    pairs: dict[str, str] = {}
    for part in query.split("&"):
        key, sep, value = part.partition("=")
        if not sep or key not in {"ts", "sig"} or key in pairs:
            raise ReceiptQrError("malformed")
        pairs[key] = value
    if len(pairs) != 2:
        raise ReceiptQrError("malformed")
    return pairs


def _parse_ts(text: str) -> int:
    # Only the exact decimal form we print: no sign, no leading zeros, no
    # Unicode digits, so one receipt and time have exactly one valid URL.
    if not text or not text.isascii() or not text.isdigit() or len(text) > _MAX_TS_DIGITS:
        raise ReceiptQrError("malformed")
    if len(text) > 1 and text[0] == "0":
        raise ReceiptQrError("malformed")
    return int(text)


def _decode_sig(text: str) -> tuple[str, bytes]:
    # Only the unpadded uppercase alphabet: 16 (24) such characters always decode
    # to exactly 10 (15) bytes, so each signature has a single spelling.
    mac = receipt_sig_mac(text)
    if mac is None or not set(text) <= _BASE32_ALPHABET:
        raise ReceiptQrError("malformed")
    return mac, base64.b32decode(text)


def _receipt_segment(url: SplitResult, base: SplitResult) -> str:
    """The receipt number part of the path, if the URL is on our public site."""
    # Scheme and host are case-insensitive; the path is not.
    if url.scheme.lower() != base.scheme.lower() or url.netloc.lower() != base.netloc.lower():
        raise ReceiptQrError("malformed")
    prefix = f"{base.path}/r/"
    if not url.path.startswith(prefix) or url.fragment:
        raise ReceiptQrError("malformed")
    segment = url.path[len(prefix) :]
    if not segment or "/" in segment:
        raise ReceiptQrError("malformed")
    return segment


def verify_receipt_url(
    url: str, *, public_base: str, secret: bytes, terminal_code: str
) -> ReceiptNumber:
    """The receipt number of a scanned receipt URL this terminal signed.

    Leading and trailing whitespace (a scanner's CR/LF) is ignored. Raises
    ReceiptQrError: ``malformed`` (not a receipt URL on ``public_base``),
    ``bad_receipt`` (the number does not parse, check or is not canonical),
    ``other_terminal`` (another terminal's receipt, whose signature only the
    platform can verify) or ``bad_signature``. Raises ValueError for a bad
    ``public_base``, ``secret`` or ``terminal_code``.
    """
    base = _split_base(public_base)
    _check_secret(secret)
    if not (len(terminal_code) == 4 and terminal_code.isascii() and terminal_code.isdigit()):
        raise ValueError(f"terminal code must be 4 ASCII digits, got {terminal_code!r}")
    if not isinstance(url, str):
        raise ReceiptQrError("malformed")
    text = url.strip()
    if not text or not text.isascii() or any(ch.isspace() for ch in text):
        raise ReceiptQrError("malformed")
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced "[" in the host
        raise ReceiptQrError("malformed") from None
    segment = _receipt_segment(parts, base)
    query = _query_pairs(parts.query)
    ts = _parse_ts(query["ts"])
    mac, given = _decode_sig(query["sig"])
    try:
        number = parse_receipt_number(segment)
    except ReceiptNumberError:
        raise ReceiptQrError("bad_receipt") from None
    # We sign only the canonical form, so anything else was not made by us.
    if number.format() != segment:
        raise ReceiptQrError("bad_receipt")
    if number.terminal_code != terminal_code:
        raise ReceiptQrError("other_terminal")
    if not hmac.compare_digest(_signature(secret, segment, ts, mac), given):
        raise ReceiptQrError("bad_signature")
    return number
