"""Hooking a screen up to the keyboard-wedge QR scanner (ui/devices), if installed."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def attach_scanner(screen: QWidget, on_scan: Callable[[str], None]) -> QObject | None:
    """Route wedge scans typed into ``screen`` to ``on_scan``; None without the filter."""
    try:
        from ui.devices import ScanEventFilter
    except ImportError:  # the scanner glue is another package's; degrade to typing
        log.info("no scan filter available; receipts can still be typed")
        return None
    scan_filter = ScanEventFilter(screen)
    scan_filter.scanned.connect(on_scan)
    scan_filter.install()
    return scan_filter
