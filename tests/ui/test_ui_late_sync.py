"""The window is shown before sync exists; sync attaches later (mashangban/launch.py)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import _close, _window
from PySide6.QtCore import QObject, Signal

from sync.status import SyncStatus
from ui.late_sync import LateSync


class FakeBridge(QObject):
    online_changed = Signal(bool)
    syncing_changed = Signal(bool)
    queue_depth_changed = Signal(int)
    last_sync_changed = Signal(str)
    error_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.status = SyncStatus(online=True, last_sync_at="2026-11-27T02:00:00Z", version=3)
        self.kicks = 0
        self.detached = False

    def kick(self) -> None:
        self.kicks += 1

    def lookup_receipt(self, receipt_no: str) -> dict[str, Any] | None:
        return {"receipt_no": receipt_no}

    def detach(self) -> None:
        self.detached = True


def test_the_strip_says_connecting_until_sync_attaches(qtbot: Any, core: Any, devices: Any) -> None:
    late = LateSync()
    window = _window(core, devices, synchronous=True, sync=late)
    try:
        strip = window.strip
        assert "Connecting" in strip.network.text() and not window.ctx.online
        late.kick()  # nothing to kick yet: no error
        with pytest.raises(ConnectionError):
            late.lookup_receipt("0042-261127-0001-8")
        bridge = FakeBridge()
        late.attach(bridge)
        assert window.ctx.online and strip.network.text() == "● Online"
        assert "2026-11-27" in strip.last_sync.text()
        bridge.online_changed.emit(False)
        assert not window.ctx.online and "Offline" in strip.network.text()
        window.ctx.submitted()
        assert bridge.kicks == 1
        assert late.lookup_receipt("x") == {"receipt_no": "x"}
        late.detach()
        assert bridge.detached
    finally:
        _close(window)
