"""Sync as the screens see it: a typed `SyncLink`, always present.

In kiosk use it is `ui.late_sync.LateSync`, which stands in for the sync bridge
until sync has started and forwards it afterwards. With no sync at all (tests, the
screenshots, a terminal run without it) it is `OfflineSync`: never online, ``kick``
does nothing. Either way screens call it directly, with no checks for its absence.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from sync.protocol.schemas import ReceiptLookupRequest


class SyncLink(Protocol):
    """Sync's state and the two things screens ask of it."""

    @property
    def online_changed(self) -> SignalInstance:
        """(bool) central became reachable or unreachable."""
        ...

    @property
    def syncing_changed(self) -> SignalInstance:
        """(bool) a cycle started or ended."""
        ...

    @property
    def queue_depth_changed(self) -> SignalInstance:
        """(int) submissions waiting to be sent."""
        ...

    @property
    def last_sync_changed(self) -> SignalInstance:
        """(str) RFC 3339 UTC time of the last complete cycle."""
        ...

    @property
    def error_changed(self) -> SignalInstance:
        """(str) the last problem code, "" when the last cycle went well."""
        ...

    @property
    def available(self) -> bool:
        """False when this terminal runs without sync: nothing will be sent from here."""
        ...

    @property
    def online(self) -> bool | None:
        """Central reachable at the last probe; None while sync is still starting."""
        ...

    @property
    def last_sync_at(self) -> str:
        """RFC 3339 UTC time of the last complete cycle, "" before one."""
        ...

    @property
    def error(self) -> str:
        """The last sync problem code, "" when none."""
        ...

    def kick(self) -> None:
        """Sync now rather than at the next poll (e.g. a submission was just confirmed)."""
        ...

    def lookup_receipt(self, request: ReceiptLookupRequest) -> dict[str, Any]:
        """Central's answer for a receipt number and the citizen's proof:
        ``{"outcome": "found", "case": {...}}``, ``{"outcome": "lookup-not-matched"}`` or
        ``{"outcome": "lookup-locked", "retry_after_s": N}`` (sync/receipt_lookup.py).

        Blocks on the network (call it on the io lane); raises when central cannot be
        asked (``ConnectionError`` while offline or starting)."""
        ...


class OfflineSync(QObject):
    """The `SyncLink` of a terminal without sync: never online, never sends."""

    online_changed = Signal(bool)
    syncing_changed = Signal(bool)
    queue_depth_changed = Signal(int)
    last_sync_changed = Signal(str)
    error_changed = Signal(str)

    @property
    def available(self) -> bool:
        return False

    @property
    def online(self) -> bool:
        return False

    @property
    def last_sync_at(self) -> str:
        return ""

    @property
    def error(self) -> str:
        return ""

    def kick(self) -> None:
        """Nothing to do: submissions stay queued on this terminal."""

    def lookup_receipt(self, request: ReceiptLookupRequest) -> dict[str, Any]:
        """Never answers: there is no central to ask (screens ask only while online)."""
        raise ConnectionError("this terminal runs without sync")
