"""Heartbeats (sync-protocol.md §5): how this terminal is, for central's dashboard.

Queue counts come from the store; device states are passed in by the caller
as a callable (e.g. ``Peripherals.states``; it runs on the worker thread, so it
may block briefly; ``{}`` when nothing is known);
free disk space of the data directory; the last complete sync; after trouble, the
store's health (salvage counts, held-back submissions: terminal/store/health.py);
citizens' calls for staff not yet sent (`help_calls`: time and screen, taken from the
audit records that hold them; a waiting call makes the next cycle beat at once).
The answer's
``server_time`` keeps the clock offset fresh.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast, get_args

from sync.client import SyncClient
from sync.heartbeat_audit import audit_head_state
from sync.kv import LAST_SYNC_AT, read_kv
from sync.protocol.schemas import (
    MAX_AUDIT_PER_HEARTBEAT,
    MAX_HELP_CALLS_PER_HEARTBEAT,
    AuditEntry,
    DeviceState,
    HeartbeatRequest,
    HeartbeatResponse,
    HelpCall,
    QueueState,
    StoreHealthState,
)
from sync.protocol.times import parse_rfc3339
from terminal.audit.actions import HELP_CALL
from terminal.audit.trail import AuditTrail
from terminal.devices.state import DeviceState as TerminalDeviceState
from terminal.store.health import StoreHealth, store_health
from terminal.store.startup import OpenStore
from terminal.submissions.queue import queue_stats

log = logging.getLogger(__name__)
DeviceStates = Callable[[], Mapping[str, str | TerminalDeviceState]]


def known_device_states(
    devices: Mapping[str, str | TerminalDeviceState],
) -> dict[str, DeviceState]:
    """The devices whose state the protocol knows (ok, paper_out, offline, absent).

    Values may be plain strings or ``terminal.devices.state.DeviceState`` (whose
    technician-readable reason is not sent).
    """
    allowed = set(get_args(DeviceState))
    out: dict[str, DeviceState] = {}
    for name, state in devices.items():
        value = str(state.status.value) if isinstance(state, TerminalDeviceState) else state
        if value in allowed:
            out[name] = cast(DeviceState, value)
    return out


def health_state(health: StoreHealth) -> StoreHealthState | None:
    """The heartbeat's ``store_health``: None when the store has nothing to report."""
    if not health.anything:
        return None
    return StoreHealthState(
        damaged_at=_parse_time(health.damaged_at),
        salvaged_rows=health.salvaged,
        lost_rows=health.lost,
        submissions_salvaged=health.submissions_salvaged,
        submissions_lost=health.submissions_lost,
        salvage_failed=health.salvage_failed,
        enrolment_lost=health.enrolment_lost,
        held_back=len(health.held_back),
    )


def _parse_time(value: str | None) -> datetime | None:
    return parse_rfc3339(value) if value else None


def help_calls(records: list[dict[str, Any]]) -> list[HelpCall]:
    """The help calls among unsent audit records (the newest when there are too many)."""
    calls = [
        HelpCall(seq=r["seq"], at=parse_rfc3339(r["at"]), screen=str(r["detail"].get("screen")))
        for r in records
        if r["action"] == HELP_CALL and isinstance(r.get("detail"), dict)
    ]
    return calls[-MAX_HELP_CALLS_PER_HEARTBEAT:]


@dataclass
class HeartbeatReport:
    min_app_version: str
    server_time: datetime


class HeartbeatSender:
    """Builds and sends one heartbeat."""

    def __init__(
        self,
        client: SyncClient,
        store: OpenStore,
        app_version: str,
        devices: DeviceStates | None = None,
        audit: AuditTrail | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self._app_version = app_version
        self._devices = devices or (lambda: {})
        self._audit = audit

    def urgent(self) -> bool:
        """A citizen's call for staff waits to be sent: beat now, not at the interval."""
        if self._audit is None:
            return False
        try:
            return self._audit.unsent_count(HELP_CALL) > 0
        except Exception:  # a store in trouble: the interval's beat reports it
            log.warning("could not look for waiting help calls", exc_info=True)
            return False

    def build(self) -> HeartbeatRequest:
        """The heartbeat as it would be sent now."""
        stats = queue_stats(self._store)
        unsent = self._audit.unsent(MAX_AUDIT_PER_HEARTBEAT) if self._audit is not None else []
        return HeartbeatRequest(
            app_version=self._app_version,
            queue=QueueState(
                pending=stats.by_state.get("pending", 0) + stats.by_state.get("uploading", 0),
                oldest_pending_at=_parse_time(stats.oldest_pending_at),
                rejected=stats.by_state.get("rejected", 0),
            ),
            devices=known_device_states(self._devices()),
            disk_free_bytes=shutil.disk_usage(self._store.paths.root).free,
            last_sync_at=_parse_time(read_kv(self._store, LAST_SYNC_AT)),
            audit=[AuditEntry.model_validate(r) for r in unsent],
            store_health=health_state(store_health(self._store)),
            help_calls=help_calls(unsent),
            audit_head=audit_head_state(self._audit) if self._audit is not None else None,
        )

    def send(self) -> HeartbeatReport:
        """POST the heartbeat; learn central's time from the answer."""
        answer = self._client.call(
            "POST", "/terminals/heartbeat", HeartbeatResponse, payload=self.build()
        )
        self._client.clock.learn(answer.server_time)
        if self._audit is not None and answer.audit_stored_up_to is not None:
            self._audit.mark_sent(answer.audit_stored_up_to)  # central holds them now
        return HeartbeatReport(answer.min_app_version, answer.server_time)
