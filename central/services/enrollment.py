"""One-time enrolment codes and terminal enrolment (§1 Enrolment).

Codes look like ``8HQ2-K7RM`` (no 0/O/1/I/L), are kept only as a keyed HMAC
(central/services/enrollment_codes.py), are valid for 24 h by default and can be
used once.
"""

from __future__ import annotations

import base64
import logging
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import update

from central.keys import KeyRing
from central.problems import ProblemError
from central.secretbox import SecretBox
from central.services.enrollment_codes import CodeHasher
from central.services.terminal_codes import claim_terminal_code, receipt_sequences
from central.store.engine import Store
from central.store.models import EnrollmentCode, Terminal
from sync.protocol import problem_codes as codes
from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from sync.protocol.schemas import EnrollRequest, EnrollResponse

log = logging.getLogger(__name__)
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_TTL_S = 24 * 3600
SECRET_BYTES = 32


def issue_code(
    store: Store, now: datetime, ttl_s: float = CODE_TTL_S, *, hasher: CodeHasher
) -> str:
    """Create a one-time enrolment code and return it (shown once, never stored)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    with store.transaction() as session:
        session.add(
            EnrollmentCode(
                code_hash=hasher.digest(raw),
                created_at=now,
                expires_at=now + timedelta(seconds=ttl_s),
            )
        )
    return f"{raw[:4]}-{raw[4:]}"


def check_terminal_code(keyring: KeyRing, terminal_code: str) -> None:
    """The demo's code 0000 only for the embedded demo central (whose current key is a
    demo key): a real platform never holds a terminal a demo receipt could name."""
    current = keyring.all()
    is_demo = bool(current) and current[0].demo
    if terminal_code == DEMO_TERMINAL_CODE and not is_demo:
        raise ProblemError(
            422,
            codes.TERMINAL_CODE_RESERVED,
            "Terminal code reserved",
            f"{DEMO_TERMINAL_CODE} is the embedded demo's code; set terminal.code to another",
        )


def enroll(
    store: Store,
    secretbox: SecretBox,
    keyring: KeyRing,
    now: datetime,
    request: EnrollRequest,
    *,
    hasher: CodeHasher,
) -> EnrollResponse:
    """Consume the code and register the terminal; problems for unknown/used/expired codes
    and for a terminal code another active kiosk holds (terminal_codes.py)."""
    check_terminal_code(keyring, request.terminal_code)
    code_hash = hasher.digest(request.enrollment_code)
    terminal_id = str(uuid.uuid4())
    secret = secrets.token_bytes(SECRET_BYTES)
    with store.transaction() as session:
        row = session.get(EnrollmentCode, code_hash)
        if row is None:
            raise ProblemError(404, codes.ENROLLMENT_CODE_UNKNOWN, "Unknown enrolment code")
        if row.used_at is not None:
            raise ProblemError(409, codes.ENROLLMENT_CODE_USED, "Enrolment code already used")
        if row.expires_at <= now:
            raise ProblemError(410, codes.ENROLLMENT_CODE_EXPIRED, "Enrolment code expired")
        claim_terminal_code(session, request, now)  # 409 when another kiosk has the code
        sequences = receipt_sequences(session, request.terminal_code)
        session.add(
            Terminal(
                id=terminal_id,
                code=request.terminal_code,
                site_branch_code=request.site.branch_code,
                site_name=request.site.name,
                hardware_id=request.hardware_id,
                secret_sealed=secretbox.seal(terminal_id, secret),
                app_version=request.app_version,
                enrolled_at=now,
                revoked=False,
                change_seq=0,
            )
        )
        session.flush()
        claimed = session.execute(
            update(EnrollmentCode)
            .where(EnrollmentCode.code_hash == code_hash, EnrollmentCode.used_at.is_(None))
            .values(used_at=now, terminal_id=terminal_id)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise ProblemError(409, codes.ENROLLMENT_CODE_USED, "Enrolment code already used")
    log.info("terminal %s enrolled with code %s", terminal_id, request.terminal_code)
    keyring.refresh()  # a key added by `keys new` a moment ago is announced at once
    return EnrollResponse(
        terminal_id=terminal_id,
        terminal_code=request.terminal_code,
        secret=base64.b64encode(secret).decode(),
        server_time=now,
        platform_keys=keyring.published(),
        receipt_sequences=sequences,
    )
