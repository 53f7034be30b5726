"""Starting the terminal's core, in one visible order.

config → owner lock → logging → store (check, migrate, recover) → identity and
keys → confirm. The UI and sync are wired on top of this by the application's
composition root (mashangban/), never from here. `start_core` is for processes
that write (they own the data directory, store/owner.py); `open_core_readonly`
is for the ones that only look (doctor, queue, audit verify|list).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sync.protocol.sealing_names import MAC_HMAC_SHA256
from sync.protocol.times import parse_rfc3339
from terminal.config import Config
from terminal.corrected_clock import corrected_clock
from terminal.crypto.local_key import LocalKey
from terminal.crypto.sealing import Sealer
from terminal.demo import (
    DEMO_TERMINAL_CODE,
    demo_allowed,
    demo_left,
    purge_audited,
    read_mark,
    write_mark,
)
from terminal.identity import Identity, ensure_demo_identity, load_identity, load_platform_keys
from terminal.logging_setup import setup_logging
from terminal.paths import DataPaths
from terminal.receipts.builder import build_receipt
from terminal.receipts.model import Receipt
from terminal.store.access import StoreUnavailable, is_damage, unavailable
from terminal.store.integrity import check_in_background
from terminal.store.owner import OwnerLock, claim
from terminal.store.startup import OpenStore, open_store
from terminal.submissions.catalog_codes import CatalogCodesSource
from terminal.submissions.confirm import AttachmentLimits, Confirmed, Confirmer
from terminal.submissions.draft import Draft
from terminal.submissions.errors import ConfirmError
from terminal.submissions.headroom import (
    Headroom,
    StorageFull,
    disk_full_cause,
    store_event_alert,
)
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
    owner: OwnerLock | None = None  # None: opened read-only, owns nothing

    @property
    def terminal_code(self) -> str:
        return self.identity.terminal_code if self.identity else self.config.terminal.code

    def confirm(self, draft: Draft) -> Confirmed:
        if self.confirmer is None:
            raise ConfirmError("not_ready", "terminal not enrolled: no platform key")
        return self.confirmer.confirm(draft)

    @property
    def read_only(self) -> bool:
        return self.owner is None

    def close(self) -> None:
        try:
            self.store.close()
        finally:
            if self.owner is not None:
                self.owner.release()


def owner_name() -> str:
    """What this process is, for the lock file: `mashangban <command>` (no arguments:
    they may hold an enrolment code)."""
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    return " ".join(["mashangban", *words[:1]]) if words else os.path.basename(sys.argv[0])


def start_core(
    config: Config,
    *,
    configure_logging: bool = True,
    audit_config: bool = False,
    owner: str = "",
) -> TerminalCore:
    """Take the data directory (DataDirBusy when another process has it), then open
    the store and identity for this configuration. ``audit_config``: the kiosk itself
    is starting, so a change of its settings is recorded (config_changes.py).
    ``owner`` names this process in the lock file. StoreUnavailable: the store cannot
    be used now for a reason that is not damage; nothing was moved."""
    os.umask(0o077)  # everything the terminal writes is for its own user only
    paths = DataPaths(config.data_dir)
    try:
        paths.ensure()
    except OSError as exc:
        cause = disk_full_cause(exc, paths.root)
        if cause is not None:  # a full disk is said plainly, never as a traceback
            raise StorageFull(paths.root, cause) from exc
        raise unavailable(exc, paths.store_file) from None
    lock = claim(paths.root, owner or owner_name())
    try:
        return _start_owned(config, paths, lock, configure_logging, audit_config)
    except BaseException as exc:
        lock.release()
        cause = disk_full_cause(exc, paths.root) if isinstance(exc, Exception) else None
        if cause is not None:
            raise StorageFull(paths.root, cause) from exc
        if isinstance(exc, OSError):  # a key file or folder it cannot write: move nothing
            raise unavailable(exc, paths.store_file) from None
        if isinstance(exc, sqlite3.DatabaseError) and not is_damage(exc):
            raise unavailable(exc, paths.store_file) from None  # e.g. "database is locked"
        raise


def _start_owned(
    config: Config,
    paths: DataPaths,
    lock: OwnerLock,
    configure_logging: bool,
    audit_config: bool,
) -> TerminalCore:
    if configure_logging:
        setup_logging(
            paths.logs_dir, config.logging.level, config.logging.max_bytes, config.logging.backups
        )
    for warning in config.warnings:
        log.warning("configuration: %s", warning)
    store = open_store(paths, backups_kept=config.store.backups_kept)
    try:
        return _start_on(config, paths, store, lock, audit_config=audit_config)
    except BaseException:
        store.close()
        raise


def _start_on(
    config: Config, paths: DataPaths, store: OpenStore, lock: OwnerLock, *, audit_config: bool
) -> TerminalCore:
    """The rest of the start, once the store is open: recovery, sweep, keys, confirm.
    Only the owner resets in-flight uploads and sweeps files: no other process can be
    uploading or confirming on this data directory while it holds the lock."""
    recovered = store.writer.run(recover_interrupted_uploads)
    if recovered:
        log.warning("%d uploads were interrupted; they will be sent again", recovered)
    sweep_attachment_files(store)
    check_in_background(store)  # sealed payloads and files still match their digests
    purged = purge_expired(store, config.store.retention_days)
    local_key = load_terminal_keys(config, paths)
    identity = choose_identity(config, paths, store, local_key)
    core = TerminalCore(config, paths, store, local_key, identity, None, owner=lock)
    core.confirmer = make_confirmer(core)
    if identity is not None and not identity.demo and demo_left(paths, store):
        purge_audited(core)  # e.g. enrolled from the diagnostics screen while the demo ran
    if purged:
        _audit_purge(core, purged)
    if audit_config:
        _audit_config_changes(core)
    log.info("core started: store %s, terminal %s", paths.store_file, core.terminal_code)
    return core


def load_terminal_keys(config: Config, paths: DataPaths) -> LocalKey:
    """The local key (made on first start); both it and the audit key are sealed to
    the TPM now if they are files and a TPM answers (store.key_protection = auto).
    A key sealed to a TPM that cannot give it back: StoreUnavailable("keys"), so the
    kiosk says so and waits, and no new key ever replaces it."""
    from terminal.audit.key import KEY_LEN, audit_key_path
    from terminal.crypto.key_protection import KeyProtection, KeyUnavailable, load_key

    protection = KeyProtection.of(config)
    try:
        local_key = LocalKey.load_or_create(paths.local_key_file, protection)
        audit_key = audit_key_path(paths.local_key_file)
        if audit_key.exists():
            load_key(audit_key, KEY_LEN, protection, create=True)
    except KeyUnavailable as exc:
        raise StoreUnavailable("keys", paths.store_file, str(exc)) from None
    return local_key


def choose_identity(
    config: Config, paths: DataPaths, store: OpenStore, local_key: LocalKey
) -> Identity | None:
    """A real enrolment if the store holds one; else the demo's, but only while the
    demo is allowed (no server configured, never really enrolled); else None: the
    terminal needs `mashangban enroll` (docs/store.md, "Demo is demo")."""
    stored = load_identity(store, local_key)
    if stored is not None and not stored.demo:
        if read_mark(paths) is None:  # enrolled before the mark existed, or a crash
            write_mark(paths, stored)
        return stored
    if demo_allowed(paths, config.sync.server_url):
        return ensure_demo_identity(store, local_key, paths.demo_central_dir, DEMO_TERMINAL_CODE)
    log.info("not enrolled: no demo here (a server is configured or it was enrolled once)")
    return None


def make_confirmer(core: TerminalCore) -> Confirmer | None:
    """Confirm for the core's identity and newest platform key (None: not enrolled).
    Receipt times use the clock offset sync measured (terminal/corrected_clock.py)."""
    keys = load_platform_keys(core.store)
    if core.identity is None or not keys:
        return None
    return Confirmer(
        core.store,
        Sealer(keys[0]),
        core.identity.terminal_code,
        ZoneInfo(core.config.terminal.timezone),
        AttachmentLimits(
            max_bytes=core.config.store.max_attachment_mb * 1024 * 1024,
            max_count=core.config.store.max_attachments,
        ),
        clock=corrected_clock(core.store),
        catalog_codes=CatalogCodesSource(core.paths.catalog_dir).for_version,
        headroom=Headroom(
            core.paths.root,
            core.config.store.min_free_disk_mb * 1024 * 1024,
            store_event_alert(core.store.writer.run),
        ),
    )


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
    issued = parse_rfc3339(row.created_at)
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
        demo=core.identity.demo,
        mac=_receipt_mac(core),
    )


def _receipt_mac(core: TerminalCore) -> str:
    """The MAC of the suite the terminal seals to now (a reprint of an older receipt
    is signed in it too; central verifies either)."""
    keys = load_platform_keys(core.store)
    return keys[0].mac if keys else MAC_HMAC_SHA256
