"""One terminal's sync with one central: the parts wired together, and one cycle.

A cycle is: drain the outbox → pull case changes → pull the catalog →
heartbeat. ``probe`` is a real request (``GET /healthz``): any HTTP answer
means central is reachable through the configured TLS and pins; link state
is never trusted. The worker (sync/worker.py) runs cycles on a schedule;
``mashangban sync --once`` runs one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sync.backoff import Backoff
from sync.case_changes import CaseChangePuller, ChangesReport
from sync.catalog_pull import CATALOG_DIRNAME, CatalogPuller, CatalogReport
from sync.client import Credentials, SyncClient
from sync.drainer import DrainReport, OutboxDrainer
from sync.enrolment import app_version
from sync.errors import SyncError, TransportError
from sync.heartbeat import DeviceStates, HeartbeatReport, HeartbeatSender
from sync.http_session import TransportSettings
from sync.kv import LAST_SYNC_AT, write_kv
from sync.protocol.schemas import CaseStatusResponse, rfc3339
from sync.receipt_lookup import lookup_receipt
from sync.server_clock import ServerClock
from sync.timing import Timing
from terminal.audit.key import AuditKeyMissing
from terminal.audit.trail import AuditTrail
from terminal.catalog import Catalog, CatalogStore
from terminal.config import SyncSection
from terminal.runtime import TerminalCore

log = logging.getLogger(__name__)
PROBE_PATH = "/healthz"


def transport_settings(section: SyncSection) -> TransportSettings:
    """The transport part of ``config.sync``."""
    return TransportSettings(
        timeout_s=section.timeout_s,
        ca_file=section.ca_file,
        pin_sha256=tuple(section.pin_sha256),
        allow_http_loopback=section.allow_http_loopback,
    )


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
    ) -> None:
        """``catalogs`` should be the same CatalogStore the screens load from (one
        instance per terminal); by default ``<data_dir>/catalog``. ``on_catalog`` is
        called on the worker thread with each newly installed catalog."""
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
        self.heartbeat = HeartbeatSender(
            self.client, store, app_version(), devices, audit=_audit_trail(core)
        )

    def _new_client(self, server_url: str) -> SyncClient:
        return SyncClient(
            server_url,
            transport_settings(self.core.config.sync),
            credentials=None,
            clock=self.clock,
            backoff=self.backoff,
            timing=self.timing,
        )

    def refresh_credentials(self) -> None:
        """Sign with the core's current identity (after an enrolment)."""
        identity = self.core.identity
        credentials = Credentials(identity.terminal_id, identity.secret) if identity else None
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
        """Drain, pull changes, pull the catalog, heartbeat; raises SyncError on failure."""
        drain = self.drainer.drain()
        changes = self.changes.pull()
        catalog = self.catalog.pull()
        finished = rfc3339(datetime.fromtimestamp(self.clock.now(), UTC).replace(microsecond=0))
        write_kv(self.core.store, LAST_SYNC_AT, finished)
        beat = self.heartbeat.send() if heartbeat else None
        return CycleReport(drain, changes, catalog, beat, finished)

    def lookup(self, receipt_no: str) -> CaseStatusResponse | None:
        """Central's status of any receipt (SyncError when unreachable). Thread-safe with
        respect to a running cycle; call it off the GUI thread."""
        return lookup_receipt(self.lookup_client, receipt_no)


def _audit_trail(core: TerminalCore) -> AuditTrail | None:
    """The terminal's audit trail, whose unsent records ride along with heartbeats."""
    try:
        return AuditTrail.for_core(core)
    except AuditKeyMissing as exc:  # doctor reports it; heartbeats go on without records
        log.error("audit records cannot be sent: %s", exc)
        return None
