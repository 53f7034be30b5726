"""The window is shown before sync exists; sync attaches later (mashangban/launch.py)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import _close, _window
from syncfake import FakeBridge

from sync.protocol.schemas import ReceiptLookupRequest
from ui.late_sync import LateSync

REQUEST = ReceiptLookupRequest(receipt_no="0042-261127-0001-8", query_code="123456")


def test_the_strip_says_connecting_until_sync_attaches(qtbot: Any, core: Any, devices: Any) -> None:
    late = LateSync()
    window = _window(core, devices, synchronous=True, sync=late)
    try:
        strip = window.strip
        assert "Connecting" in strip.network.text() and not window.ctx.session.online
        late.kick()  # nothing to kick yet: no error
        with pytest.raises(ConnectionError):
            late.lookup_receipt(REQUEST)
        bridge = FakeBridge()
        late.attach(bridge)
        assert window.ctx.session.online and strip.network.text() == "● Online"
        assert "2026-11-27" in strip.last_sync.text()
        bridge.online_changed.emit(False)
        assert not window.ctx.session.online and "Offline" in strip.network.text()
        window.ctx.submitted()
        assert bridge.kicks == 1
        assert late.lookup_receipt(REQUEST)["receipt_no"] == REQUEST.receipt_no  # forwarded
        late.detach()
        assert bridge.detached
    finally:
        _close(window)
