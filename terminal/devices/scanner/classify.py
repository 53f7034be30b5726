"""What a scanned code is: our receipt, another terminal's, a bare number, or unknown.

Routes a receipt QR through `verify_receipt_url`. The scanned text may be
anything a citizen holds up (even an ID or payment code), so it is never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from terminal.receipts.number import ReceiptNumber, ReceiptNumberError, parse_receipt_number
from terminal.receipts.qr import ReceiptQrError, verify_receipt_url


class ScanKind(StrEnum):
    OWN_RECEIPT = "own_receipt"  # signed by this terminal: look it up locally
    OTHER_TERMINAL_RECEIPT = "other_terminal_receipt"  # only the platform can verify it
    RECEIPT_NUMBER = "receipt_number"  # a bare receipt number (typed form or a 1-D barcode)
    UNKNOWN = "unknown"  # anything else, including a receipt URL whose signature fails


@dataclass(frozen=True)
class ScanClassification:
    kind: ScanKind
    receipt: ReceiptNumber | None = None
    reason: str = ""  # for UNKNOWN: malformed, bad_receipt, bad_signature, not_a_receipt
    qr_ts: str = ""  # for a receipt QR: its ts and sig, the proof a lookup carries (§3)
    qr_sig: str = ""

    @property
    def needs_online_lookup(self) -> bool:
        """Whether only the central platform can say more about this receipt."""
        return self.kind is ScanKind.OTHER_TERMINAL_RECEIPT


def _qr_proof(url: str) -> dict[str, str]:
    """The ``ts`` and ``sig`` of a receipt URL that verify_receipt_url found well-formed."""
    pairs = dict(part.partition("=")[::2] for part in urlsplit(url).query.split("&"))
    return {"qr_ts": pairs.get("ts", ""), "qr_sig": pairs.get("sig", "")}


def classify_scan(
    text: str, *, public_base: str, secret: bytes, terminal_code: str
) -> ScanClassification:
    """Sort one scanned code; raises ValueError only for bad configuration arguments."""
    code = text.strip()
    try:
        number = verify_receipt_url(
            code, public_base=public_base, secret=secret, terminal_code=terminal_code
        )
    except ReceiptQrError as exc:
        reason = exc.reason
    else:
        return ScanClassification(ScanKind.OWN_RECEIPT, number, **_qr_proof(code))
    if reason == "other_terminal":
        segment = urlsplit(code).path.rsplit("/", 1)[-1]
        return ScanClassification(
            ScanKind.OTHER_TERMINAL_RECEIPT, parse_receipt_number(segment), **_qr_proof(code)
        )
    if reason == "malformed":
        try:
            return ScanClassification(ScanKind.RECEIPT_NUMBER, parse_receipt_number(code))
        except ReceiptNumberError:
            return ScanClassification(ScanKind.UNKNOWN, reason="not_a_receipt")
    return ScanClassification(ScanKind.UNKNOWN, reason=reason)
