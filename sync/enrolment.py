"""Enrolment (sync-protocol.md §1): a one-time code buys this terminal its identity.

``POST /terminals/enroll`` is the one unsigned call. Central's answer (terminal
id, secret, platform keys, server time) is stored: the secret wrapped by the
local key, the platform keys replacing any earlier ones (the demo key of the
embedded default included), so new submissions are sealed to the new platform.
The secret is never printed or logged. The receipt sequences central already holds
under the terminal code lift the local counter, so a fresh store continues above them.
A real enrolment also removes everything of the demo (terminal/demo.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import platform
import sqlite3
import uuid
from importlib import metadata

from sync.client import SyncClient
from sync.errors import BadResponse
from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from sync.protocol.schemas import EnrollRequest, EnrollResponse, Site
from terminal.crypto.sealing import PlatformKey, SealingError
from terminal.demo import purge_audited, write_mark
from terminal.identity import Identity, save_identity, save_platform_keys
from terminal.receipts.high_water import raise_floor
from terminal.runtime import TerminalCore, make_confirmer

log = logging.getLogger(__name__)


def app_version() -> str:
    """The installed terminal's version (``0.0.0`` when run from a bare checkout)."""
    try:
        return metadata.version("mashangban")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def hardware_id() -> str:
    """An opaque, stable id of this machine: a hash, never the raw MAC or host name."""
    raw = f"{uuid.getnode():012x}|{platform.node()}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def enroll(
    core: TerminalCore,
    client: SyncClient,
    code: str,
    *,
    server_url: str,
    demo: bool = False,
    actor: str = "system",
) -> Identity:
    """Enrol with ``code`` and store the identity; also sets ``core.identity`` and
    ``core.confirmer``.

    ``server_url`` is what is remembered as the terminal's server ("" for the
    embedded default, whose port changes every run). The demo enrols as terminal
    0000 (DEMO_TERMINAL_CODE); a real enrolment writes the data directory's
    enrolment mark and purges the demo (terminal/demo.py; audited by ``actor``).
    """
    terminal = core.config.terminal
    request = EnrollRequest(
        enrollment_code=code.strip(),
        terminal_code=DEMO_TERMINAL_CODE if demo else terminal.code,
        site=Site(branch_code=terminal.branch_code, name=terminal.branch_name),
        app_version=app_version(),
        hardware_id=hardware_id(),
    )
    answer = client.call("POST", "/terminals/enroll", EnrollResponse, payload=request,
                         expect=(201,), signed=False)  # fmt: skip
    try:
        secret = base64.b64decode(answer.secret, validate=True)
        keys = usable_keys([k.model_dump() for k in answer.platform_keys])
    except (binascii.Error, ValueError) as exc:
        raise BadResponse(f"enrolment answer unusable: {type(exc).__name__}") from exc
    if len(secret) < 16 or not keys:
        raise BadResponse("enrolment answer without a usable secret or platform key")
    client.clock.learn(answer.server_time)
    identity = Identity(
        terminal_id=answer.terminal_id,
        terminal_code=answer.terminal_code,
        secret=secret,
        server_url=server_url,
        demo=demo,
    )
    save_identity(core.store, core.local_key, identity)
    replace_platform_keys(core, keys)
    continue_receipt_numbers(core, {m.day: m.last for m in answer.receipt_sequences})
    core.identity = identity
    core.confirmer = make_confirmer(core)  # seal to the new keys from the next confirm on
    if not demo:  # never the demo again here: remember it, then remove the demo's data
        write_mark(core.paths, identity)
        purge_audited(core, actor)
    log.info("enrolled as terminal %s (code %s)", identity.terminal_id, identity.terminal_code)
    return identity


def usable_keys(published: list[dict[str, str]]) -> list[PlatformKey]:
    """The published keys this terminal can seal to, in central's order (newest first).
    A key of a suite it cannot use (SM without libcrypto's SM2, a later suite) is left
    out with a log line: the terminal seals to the newest key it can use, and central
    keeps every key it announces able to open."""
    keys = []
    for data in published:
        try:
            keys.append(PlatformKey.from_json(data))
        except SealingError as exc:
            log.warning("platform key skipped: %s", exc)
    return keys


def continue_receipt_numbers(core: TerminalCore, held: dict[str, int]) -> None:
    """Lift the receipt counter (store and high-water file) above the numbers central
    already holds under this terminal code, so a fresh store never repeats one."""
    if held:
        core.store.writer.run(lambda conn: raise_floor(conn, core.paths.root, held))
        log.info("receipt numbers continue above central's record for %d day(s)", len(held))


def replace_platform_keys(core: TerminalCore, keys: list[PlatformKey]) -> None:
    """Make ``keys`` (newest first) the only known platform keys."""
    save_platform_keys(core.store, keys)
    kids = [k.kid for k in keys]
    marks = ",".join("?" * len(kids))

    def drop_others(conn: sqlite3.Connection) -> None:
        conn.execute(f"DELETE FROM platform_keys WHERE kid NOT IN ({marks})", kids)

    core.store.writer.run(drop_others)
