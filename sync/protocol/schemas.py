"""Wire schemas of the Terminal Sync Protocol (sync-protocol.md), as pydantic models.

Both the terminal's sync client and the reference central import these. No I/O.
Times are RFC 3339 in UTC: parsed values must carry an offset and are converted to
UTC; they serialise as sync/protocol/times.py writes every time (to the second, ``Z``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Final, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    model_validator,
)

from sync.protocol.receipt_numbers import (
    QUERY_CODE_PATTERN,
    RECEIPT_NO_PATTERN,
    receipt_no_problem,
)
from sync.protocol.times import rfc3339

API_PREFIX: Final = "/api/v1"
MAX_BATCH_ITEMS: Final = 100
MAX_BATCH_BYTES: Final = 2 * 1024 * 1024  # uncompressed
MAX_ATTACHMENT_BYTES: Final = 20 * 1024 * 1024
MAX_ATTACHMENTS_PER_SUBMISSION: Final = 50
DEFAULT_CHANGES_LIMIT: Final = 500
MAX_CHANGES_LIMIT: Final = 1000
SHORT_TEXT_CHARS: Final = 64  # codes, versions, phone numbers


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("time must carry a UTC offset (RFC 3339)")
    try:
        converted = value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("time out of range") from exc
    if not 2000 <= converted.year <= 2199:
        raise ValueError("time out of range")
    return converted


def _receipt_no(value: str) -> str:
    problem = receipt_no_problem(value)
    if problem is not None:
        raise ValueError(f"receipt number: {problem}")
    return value


UtcDateTime = Annotated[
    datetime, AfterValidator(_utc), PlainSerializer(rfc3339, return_type=str, when_used="json")
]
ShortText = Annotated[str, StringConstraints(max_length=SHORT_TEXT_CHARS)]
Label = Annotated[str, StringConstraints(max_length=200)]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Kid = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
ReceiptNo = Annotated[
    str, StringConstraints(pattern=RECEIPT_NO_PATTERN), AfterValidator(_receipt_no)
]
TerminalCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]

SubmissionKind = Literal["appeal", "application", "rating"]
CaseStatus = Literal[
    "received", "accepted", "in_progress", "needs_info", "resolved", "closed", "rejected"
]
Outcome = Literal["accepted", "duplicate", "missing-attachments", "rejected"]
DeviceState = Literal["ok", "paper_out", "offline", "absent"]

OUTCOME_ACCEPTED: Final = "accepted"
OUTCOME_DUPLICATE: Final = "duplicate"
OUTCOME_MISSING_ATTACHMENTS: Final = "missing-attachments"
OUTCOME_REJECTED: Final = "rejected"

CASE_STATUSES: Final[tuple[str, ...]] = (
    "received", "accepted", "in_progress", "needs_info", "resolved", "closed", "rejected",
)  # fmt: skip

STATUS_TEXT: Final[dict[str, dict[str, str]]] = {
    "received": {"zh_CN": "已接收", "en": "Received"},
    "accepted": {"zh_CN": "已受理", "en": "Accepted"},
    "in_progress": {"zh_CN": "办理中", "en": "In progress"},
    "needs_info": {"zh_CN": "待补充材料", "en": "Needs more information"},
    "resolved": {"zh_CN": "已办结", "en": "Resolved"},
    "closed": {"zh_CN": "已关闭", "en": "Closed"},
    "rejected": {"zh_CN": "不予受理", "en": "Rejected"},
}


class WireModel(BaseModel):
    """Base of every wire model: unknown members are ignored (forward compatible)."""

    model_config = ConfigDict(extra="ignore")


# --- §1 identity -------------------------------------------------------------------


class Site(WireModel):
    branch_code: ShortText
    name: Label


class PlatformKey(WireModel):
    kid: Kid
    alg: ShortText  # names the whole suite (sealing_names); the two below announce it
    public_key: Annotated[str, StringConstraints(max_length=200)]  # base64, raw key
    # "standard" or "sm", and the MAC a terminal sealing to this key signs with. An older
    # central sends neither; a terminal derives both from ``alg`` either way.
    suite: ShortText = "standard"
    mac: ShortText = "HMAC-SHA256"


class EnrollRequest(WireModel):
    enrollment_code: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    terminal_code: TerminalCode
    site: Site
    app_version: ShortText
    hardware_id: Label


class ReceiptSequenceMark(WireModel):
    """The highest receipt sequence central holds for the terminal code on one day."""

    day: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]  # YYMMDD of the receipts
    last: Annotated[int, Field(ge=1, le=99_999_999)]  # 4..8 digits (RECEIPT_NO_PATTERN)


MAX_RECEIPT_SEQUENCE_DAYS: Final = 40_000  # every day of YYMMDD's century, and then some


class EnrollResponse(WireModel):
    terminal_id: str
    terminal_code: str
    secret: str  # base64 of 32 bytes
    server_time: UtcDateTime
    platform_keys: list[PlatformKey]
    # Receipt numbers central already holds under this terminal code (older terminals
    # without it read []): a terminal with a fresh store continues above them.
    receipt_sequences: Annotated[
        list[ReceiptSequenceMark], Field(max_length=MAX_RECEIPT_SEQUENCE_DAYS)
    ] = []


# --- §2 submissions ----------------------------------------------------------------


class SealedEnvelope(WireModel):
    alg: ShortText
    kid: Kid
    enc: Annotated[str, StringConstraints(max_length=200)]
    ct: Annotated[str, StringConstraints(max_length=MAX_BATCH_BYTES)]


class AttachmentRef(WireModel):
    sha256: Sha256Hex
    size: Annotated[int, Field(ge=0, le=MAX_ATTACHMENT_BYTES)]


class BatchItem(WireModel):
    submission_id: UUID
    receipt_no: ReceiptNo
    kind: SubmissionKind
    created_at: UtcDateTime
    channel: ShortText = "kiosk"
    staff_id: ShortText | None = None
    catalog_version: ShortText
    code: ShortText | None = None
    sealed: SealedEnvelope
    attachments: Annotated[list[AttachmentRef], Field(max_length=MAX_ATTACHMENTS_PER_SUBMISSION)]


class BatchRequest(WireModel):
    submissions: Annotated[list[BatchItem], Field(min_length=1, max_length=MAX_BATCH_ITEMS)]


class ItemError(WireModel):
    code: str
    detail: str | None = None
    missing: list[str] | None = None  # sha256 of absent attachments


class BatchResult(WireModel):
    submission_id: str
    outcome: Outcome
    case_id: str | None = None
    status: CaseStatus | None = None
    error: ItemError | None = None


class BatchResponse(WireModel):
    results: list[BatchResult]


# --- §3 case status ----------------------------------------------------------------


class StatusText(WireModel):
    zh_CN: str
    en: str


class CaseChange(WireModel):
    cursor: int
    case_id: str
    submission_id: str
    receipt_no: str
    status: CaseStatus
    status_text: StatusText
    department: str | None = None
    updated_at: UtcDateTime


class CaseChangesResponse(WireModel):
    changes: list[CaseChange]
    next_cursor: int


class StatusHistoryEntry(WireModel):
    status: CaseStatus
    status_text: StatusText
    at: UtcDateTime


class QrProof(WireModel):
    """The ``ts`` and ``sig`` of the receipt's QR URL (§7), as scanned."""

    ts: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,12}$")]
    sig: Annotated[str, StringConstraints(pattern=r"^[A-Z2-7]{16}$")]


class ReceiptLookupRequest(WireModel):
    """``POST /cases/lookup``: a receipt number and the citizen's proof of holding the
    receipt, either its query code (查询码) or its QR's signature (exactly one)."""

    receipt_no: ReceiptNo
    query_code: Annotated[str, StringConstraints(pattern=QUERY_CODE_PATTERN)] | None = None
    qr: QrProof | None = None

    @model_validator(mode="after")
    def _one_proof(self) -> ReceiptLookupRequest:
        if (self.query_code is None) == (self.qr is None):
            raise ValueError("give exactly one proof: query_code or qr")
        return self


class ReceiptLookupResponse(WireModel):
    """What a citizen at any kiosk may see of their case: its status, the department's
    public name and times. Nothing about the person, the kind or the case's ids."""

    receipt_no: str
    status: CaseStatus
    status_text: StatusText
    department: str | None = None
    created_at: UtcDateTime
    updated_at: UtcDateTime
    history: list[StatusHistoryEntry]


# --- §4 catalog ----------------------------------------------------------------------


class CatalogDocument(WireModel):
    """The catalog as served; the inner shape of each section belongs to the catalog."""

    model_config = ConfigDict(extra="allow")
    version: str
    themes: Any
    items: Any
    forms: Any
    appeal_categories: Any
    regions: Any
    platform_keys: list[PlatformKey] = []


# --- §5 heartbeat --------------------------------------------------------------------


class QueueState(WireModel):
    pending: Annotated[int, Field(ge=0, le=10**9)]
    oldest_pending_at: UtcDateTime | None = None
    rejected: Annotated[int, Field(ge=0, le=10**9)] = 0


class AuditEntry(WireModel):
    """One record of the terminal's MAC-chained audit trail (staff and technician
    actions; never personal data), sent with heartbeats so central keeps a copy."""

    seq: Annotated[int, Field(ge=1, le=2**63 - 1)]  # central keeps it in a BIGINT
    at: ShortText  # as recorded on the terminal (RFC 3339), part of the MAC
    actor: ShortText
    action: ShortText
    result: ShortText
    terminal_code: ShortText
    detail: Annotated[dict[str, Any], Field(max_length=16)]
    mac: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


MAX_AUDIT_PER_HEARTBEAT = 200

Count = Annotated[int, Field(ge=0, le=10**9)]


class StoreHealthState(WireModel):
    """The terminal's store after trouble (counts only, never content): the newest
    damaged store of the last 30 days and what its salvage kept and lost, a lost
    enrolment, and submissions held back because their sealed data is damaged."""

    damaged_at: UtcDateTime | None = None
    salvaged_rows: Count = 0
    lost_rows: Count = 0
    submissions_salvaged: Count = 0
    submissions_lost: Count = 0
    salvage_failed: bool = False
    enrolment_lost: bool = False
    held_back: Count = 0


SCREEN_NAME_PATTERN: Final = r"^[a-z][a-z0-9_.]{0,63}$"
MAX_HELP_CALLS_PER_HEARTBEAT: Final = 50


class HelpCall(WireModel):
    """A citizen tapped "Call staff": when, and on which screen (never who, never what
    they had entered). ``seq`` is the audit record that holds it on the terminal, so a
    resent heartbeat names the same call again and central keeps one."""

    seq: Annotated[int, Field(ge=1, le=2**63 - 1)]
    at: UtcDateTime
    screen: Annotated[str, StringConstraints(pattern=SCREEN_NAME_PATTERN)]


Mac = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class AuditHeadState(WireModel):
    """Where the terminal's audit chain stands (central compares it with what it holds,
    central/services/audit_watch.py): the newest record (``seq`` 0: none), and the
    record at the last sequence central acknowledged (``base``, None when not held)."""

    seq: Annotated[int, Field(ge=0, le=2**63 - 1)]
    mac: Mac
    base_seq: Annotated[int, Field(ge=0, le=2**63 - 1)] = 0
    base_mac: Mac | None = None


class HeartbeatRequest(WireModel):
    app_version: ShortText
    queue: QueueState
    devices: Annotated[dict[ShortText, DeviceState], Field(max_length=32)]
    disk_free_bytes: Annotated[int, Field(ge=0, le=2**62)] | None = None
    last_sync_at: UtcDateTime | None = None
    audit: Annotated[list[AuditEntry], Field(max_length=MAX_AUDIT_PER_HEARTBEAT)] = []
    store_health: StoreHealthState | None = None  # only when there is something to say
    help_calls: Annotated[list[HelpCall], Field(max_length=MAX_HELP_CALLS_PER_HEARTBEAT)] = []
    audit_head: AuditHeadState | None = None  # terminals before it send none


class HeartbeatResponse(WireModel):
    server_time: UtcDateTime
    min_app_version: str
    audit_stored_up_to: int | None = None  # every record up to this seq is held by central


# --- §6 errors -----------------------------------------------------------------------


class Problem(BaseModel):
    """RFC 9457 problem details with the protocol's ``code`` member."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    code: str


# --- §7 receipts ---------------------------------------------------------------------


class ReceiptVerification(WireModel):
    """What the public receipt page shows for a verified QR code."""

    receipt_no: str
    verified: bool
    issued_at: UtcDateTime
    kind: SubmissionKind
    status: CaseStatus
    status_text: StatusText
    department: str | None = None
    updated_at: UtcDateTime
