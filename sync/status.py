"""What the sync worker tells the screens: one immutable snapshot per change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncStatus:
    """The worker's view of things; the Qt bridge turns changes into signals."""

    online: bool = False
    syncing: bool = False
    queue_depth: int = 0  # pending + uploading
    rejected: int = 0
    last_sync_at: str = ""  # RFC 3339 UTC of the last complete cycle, "" before one
    error: str = ""  # a problem code, "" when the last cycle went well
    min_app_version: str = ""
    version: int = 0  # grows with every change; a late, older snapshot is ignored
