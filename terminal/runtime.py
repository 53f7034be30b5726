"""Starting the terminal's core, in one visible order.

config → logging → store (check, migrate, recover) → identity and keys →
confirm. The UI and sync are wired on top of this by the application's
composition root (mashangban/), never from here.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from terminal.config import Config
from terminal.crypto.local_key import LocalKey
from terminal.crypto.sealing import Sealer
from terminal.identity import Identity, ensure_demo_identity, load_identity, load_platform_keys
from terminal.logging_setup import setup_logging
from terminal.paths import DataPaths
from terminal.receipts.builder import build_receipt
from terminal.receipts.model import Receipt
from terminal.store.integrity import check_in_background
from terminal.store.startup import OpenStore, open_store
from terminal.submissions.confirm import AttachmentLimits, Confirmed, Confirmer
from terminal.submissions.draft import Draft
from terminal.submissions.errors import ConfirmError
from terminal.submissions.lifecycle import recover_interrupted_uploads
from terminal.submissions.retention import purge_expired, sweep_attachment_files

log = logging.getLogger(__name__)


@dataclass
class TerminalCore:
    """Everything the screens' operations and the command line need from the core."""

    config: Config
    paths: DataPaths
    store: OpenStore
    local_key: LocalKey
    identity: Identity | None
    confirmer: Confirmer | None
    notes: list[str] = field(default_factory=list)

    @property
    def terminal_code(self) -> str:
        return self.identity.terminal_code if self.identity else self.config.terminal.code

    def confirm(self, draft: Draft) -> Confirmed:
        if self.confirmer is None:
            raise ConfirmError("not_ready", "terminal not enrolled: no platform key")
        return self.confirmer.confirm(draft)

    def close(self) -> None:
        self.store.close()


def start_core(
    config: Config, *, configure_logging: bool = True, audit_config: bool = False
) -> TerminalCore:
    """Open the store and identity for this configuration. ``audit_config``: the kiosk
    itself is starting, so a change of its settings is recorded (config_changes.py)."""
    os.umask(0o077)  # everything the terminal writes is for its own user only
    paths = DataPaths(config.data_dir)
    paths.ensure()
    if configure_logging:
        setup_logging(
            paths.logs_dir, config.logging.level, config.logging.max_bytes, config.logging.backups
        )
    for warning in config.warnings:
        log.warning("configuration: %s", warning)
    store = open_store(paths, backups_kept=config.store.backups_kept)
    recovered = store.writer.run(recover_interrupted_uploads)
    if recovered:
        log.warning("%d uploads were interrupted; they will be sent again", recovered)
    sweep_attachment_files(store)
    check_in_background(store)  # sealed payloads and files still match their digests
    purged = purge_expired(store, config.store.retention_days)
    local_key = LocalKey.load_or_create(paths.local_key_file)
    if config.sync.server_url:
        identity = load_identity(store, local_key)
    else:
        identity = ensure_demo_identity(
            store, local_key, paths.demo_central_dir, config.terminal.code
        )
    keys = load_platform_keys(store)
    confirmer = None
    if identity is not None and keys:
        confirmer = Confirmer(
            store,
            Sealer(keys[0]),
            identity.terminal_code,
            ZoneInfo(config.terminal.timezone),
            AttachmentLimits(
                max_bytes=config.store.max_attachment_mb * 1024 * 1024,
                max_count=config.store.max_attachments,
            ),
        )
    core = TerminalCore(config, paths, store, local_key, identity, confirmer)
    if purged:
        _audit_purge(core, purged)
    if audit_config:
        _audit_config_changes(core)
    log.info("core started: store %s, terminal %s", paths.store_file, core.terminal_code)
    return core


def _audit_purge(core: TerminalCore, count: int) -> None:
    """Retention's erasures are in the audit trail (a count, never what was erased)."""
    from terminal.audit import actions
    from terminal.audit.key import AuditKeyMissing
    from terminal.audit.trail import AuditTrail

    try:
        AuditTrail.for_core(core).record(actions.SYSTEM, actions.PURGE, "ok", {"count": count})
    except AuditKeyMissing as exc:
        log.error("retention purge not audited: %s", exc)


def _audit_config_changes(core: TerminalCore) -> None:
    """A technician's change to the settings is in the audit trail (key names only)."""
    from terminal.audit.config_changes import audit_config_changes
    from terminal.audit.key import AuditKeyMissing

    try:
        audit_config_changes(core)
    except AuditKeyMissing as exc:
        log.error("configuration change not audited: %s", exc)


def receipt_for(
    core: TerminalCore, receipt_no: str, *, online: bool, locale: str = "zh_CN"
) -> Receipt:
    """The printable receipt of a stored submission (after confirm, or for a reprint)."""
    from sqlalchemy import select  # the ORM is not on the path to the first paint

    from terminal.store.models import Submission

    with core.store.reader.connect() as conn:
        row = conn.execute(
            select(Submission.kind, Submission.created_at, Submission.display_json).where(
                Submission.receipt_no == receipt_no
            )
        ).one()
    if core.identity is None:
        raise ConfirmError("not_ready", "no identity to sign the receipt QR")
    issued = datetime.fromisoformat(row.created_at.replace("Z", "+00:00"))
    return build_receipt(
        receipt_no=receipt_no,
        kind=row.kind,
        issued_at=issued.astimezone(ZoneInfo(core.config.terminal.timezone)),
        display_json=row.display_json,
        hall_name=core.config.terminal.branch_name,
        public_base=core.config.receipt.public_base,
        secret=core.identity.secret,
        queued_offline=not online,
        locale=locale,
    )
