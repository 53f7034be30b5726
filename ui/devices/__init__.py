"""Qt glue for the devices: the keyboard-wedge scan filter."""

from ui.devices.scan_filter import ScanEventFilter

__all__ = ["ScanEventFilter"]
