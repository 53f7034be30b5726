"""One terminal's sync with one central: the parts wired together, and one cycle.

A cycle is: drain the outbox → pull case changes → pull the catalog → pull
the staff accounts → heartbeat. The staff step never fails the cycle: its
errors are recorded in the report (``staff.error``) and the heartbeat still
goes. ``probe`` is a real request (``GET /healthz``): any HTTP answer
means central is reachable through the configured TLS and pins; link state
is never trusted. The worker (sync/worker.py) runs cycles on a schedule;
``mashangban sync --once`` runs one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sync.backoff import MAX_RETRY_AFTER_S, Backoff
from sync.case_changes import CaseChangePuller, ChangesReport
from sync.catalog_pull import CATALOG_DIRNAME, CatalogPuller, CatalogReport
from sync.client import Credentials, SyncClient
from sync.drainer import DrainReport, OutboxDrainer
from sync.enrolment import app_version
from sync.errors import ENROLLED_RESTART, SyncError, TransportError
from sync.heartbeat import DeviceStates, HeartbeatReport, HeartbeatSender
from sync.http_session import TransportSettings
from sync.kv import LAST_SYNC_AT, write_kv
from sync.protocol.schemas import ReceiptLookupRequest
from sync.protocol.sealing_names import MAC_HMAC_SHA256
from sync.protocol.times import rfc3339
from sync.receipt_lookup import lookup_receipt
from sync.server_clock import ServerClock
from sync.staff_pull import StaffPuller, StaffReport
from sync.timing import Timing
from terminal.audit.key import AuditKeyMissing
from terminal.audit.trail import AuditTrail
from terminal.catalog import Catalog, CatalogStore
from terminal.config.schema import SyncSection
from terminal.identity import load_platform_keys
from terminal.runtime import TerminalCore
from terminal.staff.accounts import LockoutPolicy
from terminal.staff.directory import StaffDirectory

log = logging.getLogger(__name__)
PROBE_PATH = "/healthz"
STAFF_UNAVAILABLE = "audit-key-missing"  # no directory: staff changes fail closed


def transport_settings(section: SyncSection, *, embedded: bool = False) -> TransportSettings:
    """The transport part of ``config.sync``; ``embedded``: the server is the embedded
    demo central, which is plain http:// on loopback whatever the setting says."""
    return TransportSettings(
        timeout_s=section.timeout_s,
        ca_file=section.ca_file,
        pin_sha256=tuple(section.pin_sha256),
        allow_http_loopback=section.allow_http_loopback or embedded,
    )


def uses_embedded_central(core: TerminalCore) -> bool:
    """True when no real server is configured or enrolled with: the terminal syncs with
    the embedded demo central (mashangban/embedded_central.py)."""
    if core.config.sync.server_url:
        return False
    identity = core.identity
    return identity is None or identity.demo or not identity.server_url


def backoff_settings(section: SyncSection) -> Backoff:
    """The retry schedule of ``config.sync``."""
    return Backoff(section.backoff_base_s, section.backoff_cap_s, section.start_jitter_s)


@dataclass
class CycleReport:
    """What one full cycle did."""

    drain: DrainReport
    changes: ChangesReport
    catalog: CatalogReport
    heartbeat: HeartbeatReport | None = None
    finished_at: str = field(default="")
    staff: StaffReport = field(default_factory=StaffReport)


class SyncService:
    """The sync parts for one core and one server URL."""

    def __init__(
        self,
        core: TerminalCore,
        server_url: str,
        *,
        timing: Timing | None = None,
        devices: DeviceStates | None = None,
        catalogs: CatalogStore | None = None,
        on_catalog: Callable[[Catalog], None] | None = None,
        staff: StaffDirectory | None = None,
    ) -> None:
        """``catalogs`` should be the same CatalogStore the screens load from (one
        instance per terminal); by default ``<data_dir>/catalog``. ``on_catalog`` is
        called on the worker thread with each newly installed catalog. ``staff`` is
        the directory central's accounts are provisioned into; by default one on the
        core's store and audit trail (none when the audit key is missing: staff
        changes fail closed then, and the staff step reports ``audit-key-missing``)."""
        section = core.config.sync
        self.core = core
        self.probe_error = ""
        self.timing = timing or Timing()
        self.clock = ServerClock(self.timing, core.store)
        self.backoff = backoff_settings(section)
        self.client = self._new_client(server_url)
        # Lookups run on a screen's worker thread while a cycle may be running: own session.
        self.lookup_client = self._new_client(server_url)
        self.refresh_credentials()
        # Built for the demo: once a real enrolment replaces it (the diagnostics screen),
        # nothing more goes to the demo central; the next start syncs with the platform.
        self.for_demo = core.identity is not None and core.identity.demo
        store = core.store
        self.drainer = OutboxDrainer(
            self.client,
            store,
            max_items=section.batch_max_items,
            max_bytes=section.batch_max_bytes,
        )
        self.changes = CaseChangePuller(self.client, store)
        self.catalogs = catalogs or CatalogStore(core.paths.root / CATALOG_DIRNAME)
        self.catalog = CatalogPuller(self.client, store, self.catalogs, on_catalog)
        audit = _audit_trail(core)
        self.heartbeat = HeartbeatSender(self.client, store, app_version(), devices, audit=audit)
        if staff is None and audit is not None:
            rules = core.config.staff
            lockout = LockoutPolicy(rules.lockout_failures, rules.lockout_minutes)
            staff = StaffDirectory(store, audit=audit, lockout=lockout)
        self.staff = StaffPuller(self.client, store, staff) if staff is not None else None

    def _new_client(self, server_url: str) -> SyncClient:
        return SyncClient(
            server_url,
            transport_settings(self.core.config.sync, embedded=uses_embedded_central(self.core)),
            credentials=None,
            clock=self.clock,
            backoff=self.backoff,
            timing=self.timing,
        )

    def refresh_credentials(self) -> None:
        """Sign with the core's current identity (after an enrolment), in the MAC of the
        platform key its confirmer seals to (the newest usable one, as make_confirmer)."""
        identity = self.core.identity
        keys = load_platform_keys(self.core.store) if identity else []
        mac = keys[0].mac if keys else MAC_HMAC_SHA256
        credentials = Credentials(identity.terminal_id, identity.secret, mac) if identity else None
        self.client.credentials = credentials
        self.lookup_client.credentials = credentials

    def close(self) -> None:
        self.client.close()
        self.lookup_client.close()

    def probe(self) -> bool:
        """True when central answers over HTTP at all (one try, no retries).

        When False, ``probe_error`` says why: ``offline`` (no connection, timeout)
        or a TLS code such as ``pin-mismatch`` that staff must see as such.
        """
        self.probe_error = ""
        try:
            self.client.request(
                "GET", PROBE_PATH, signed=False, under_api=False, expect=range(100, 600),
                attempts=1,
            )  # fmt: skip
        except SyncError as exc:
            log.info("central not reachable: %s", exc.code)
            self.probe_error = "offline" if isinstance(exc, TransportError) else exc.code
            return False
        return True

    def run_cycle(self, *, heartbeat: bool = True) -> CycleReport:
        """Drain, pull changes, the catalog and the staff accounts, heartbeat; raises
        SyncError on failure (except of the staff step, which only reports it)."""
        identity = self.core.identity
        if self.for_demo and (identity is None or not identity.demo):
            raise SyncError(ENROLLED_RESTART, "enrolled with a platform: restart to sync with it")
        drain = self.drainer.drain()
        changes = self.changes.pull()
        catalog = self.catalog.pull()
        staff = self.pull_staff()
        finished = rfc3339(datetime.fromtimestamp(self.clock.now(), UTC))
        write_kv(self.core.store, LAST_SYNC_AT, finished)
        beat = self.heartbeat.send() if heartbeat else None
        return CycleReport(drain, changes, catalog, beat, finished, staff)

    def pull_staff(self) -> StaffReport:
        """The staff step of a cycle; never raises a SyncError (it is in the report).

        After a failure that carried ``Retry-After`` it waits that long before the
        cycle goes on to the heartbeat, as the contract asks of any next request.
        """
        if self.staff is None:
            return StaffReport(error=STAFF_UNAVAILABLE)
        try:
            return self.staff.pull()
        except SyncError as exc:
            log.warning("staff accounts not pulled: %s", exc.code)
            retry_after = getattr(exc, "retry_after_s", None)
            if retry_after:  # still the floor for this terminal's next request (§6)
                self.timing.sleep(min(retry_after, MAX_RETRY_AFTER_S))
            return StaffReport(error=exc.code)

    def lookup(self, request: ReceiptLookupRequest) -> dict[str, Any]:
        """Central's answer for any receipt and its proof (sync/receipt_lookup.py; SyncError
        when unreachable). Thread-safe with respect to a running cycle; call it off the GUI
        thread."""
        return lookup_receipt(self.lookup_client, request)


def _audit_trail(core: TerminalCore) -> AuditTrail | None:
    """The terminal's audit trail, whose unsent records ride along with heartbeats."""
    try:
        return AuditTrail.for_core(core)
    except AuditKeyMissing as exc:  # doctor reports it; heartbeats go on without records
        log.error("audit records cannot be sent: %s", exc)
        return None
