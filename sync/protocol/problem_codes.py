"""The ``code`` member of every problem and of every per-item batch error. No I/O.

Terminals branch on these strings; titles and details are for people.
"""

from __future__ import annotations

from typing import Final

# Signing (401 / 403)
CLOCK_SKEW: Final = "clock-skew"
REPLAYED_NONCE: Final = "replayed-nonce"
BAD_SIGNATURE: Final = "bad-signature"
TERMINAL_REVOKED: Final = "terminal-revoked"

# Enrolment
ENROLLMENT_CODE_UNKNOWN: Final = "enrollment-code-unknown"  # 404
ENROLLMENT_CODE_USED: Final = "enrollment-code-used"  # 409
ENROLLMENT_CODE_EXPIRED: Final = "enrollment-code-expired"  # 410
TERMINAL_CODE_IN_USE: Final = "terminal-code-in-use"  # 409: another active terminal has it
TERMINAL_CODE_RESERVED: Final = "terminal-code-reserved"  # 422: 0000 is the demo's

# Request shape and size
INVALID_REQUEST: Final = "invalid-request"  # 400: not JSON, or not the schema
PAYLOAD_TOO_LARGE: Final = "payload-too-large"  # 413
TOO_MANY_SUBMISSIONS: Final = "too-many-submissions"  # 413
UNSUPPORTED_ENCODING: Final = "unsupported-encoding"  # 415
DIGEST_MISMATCH: Final = "digest-mismatch"  # 422, attachments

# Lookups and routing
NOT_FOUND: Final = "not-found"  # 404 unknown route
METHOD_NOT_ALLOWED: Final = "method-not-allowed"  # 405
CASE_NOT_FOUND: Final = "case-not-found"  # 404
ATTACHMENT_NOT_FOUND: Final = "attachment-not-found"  # 404 (HEAD has no body)
RECEIPT_NOT_VERIFIED: Final = "receipt-not-verified"  # 404 public receipt page
LOOKUP_NOT_MATCHED: Final = "lookup-not-matched"  # 404: no such receipt, or a wrong proof
LOOKUP_LOCKED: Final = "lookup-locked"  # 429: too many wrong proofs (terminal or receipt)
NOT_MODIFIED: Final = "not-modified"  # never sent as a body; 304 has none

# Load and failures
RATE_LIMITED: Final = "rate-limited"  # 429
INTERNAL_ERROR: Final = "internal-error"  # 500
HTTP_ERROR: Final = "http-error"  # any other status without a better code

# Per-item batch errors (outcome "rejected" / "missing-attachments")
ID_CONFLICT: Final = "id-conflict"
RECEIPT_CONFLICT: Final = "receipt-conflict"
IMPLAUSIBLE_DATE: Final = "implausible-date"  # created_at far off central's clock
RECEIPT_NOT_ISSUER: Final = "receipt-not-issuer"  # TTTT is not the signing terminal's code
RECEIPT_DATE_IMPLAUSIBLE: Final = "receipt-date-implausible"  # after tomorrow, before enrolment
INVALID_PAYLOAD: Final = "invalid-payload"
UNDECRYPTABLE: Final = "undecryptable"
ATTACHMENT_SIZE_MISMATCH: Final = "attachment-size-mismatch"
MISSING_ATTACHMENTS: Final = "missing-attachments"
