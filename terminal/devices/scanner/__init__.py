"""QR and barcode scanners: keyboard wedge timing, serial scanners, camera decoding."""

from terminal.devices.scanner.classify import ScanClassification, ScanKind, classify_scan
from terminal.devices.scanner.factory import scanner_from_settings
from terminal.devices.scanner.image_decode import (
    DecodedCode,
    NotAnImageError,
    decode_codes,
    decode_first,
)
from terminal.devices.scanner.serial_scanner import SerialScanner
from terminal.devices.scanner.source import CodeScanner, NoScanner, QueuedScanner
from terminal.devices.scanner.wedge import (
    Scanned,
    Typed,
    WedgeClassifier,
    WedgeResult,
    WedgeSettings,
)

__all__ = [
    "CodeScanner",
    "DecodedCode",
    "NoScanner",
    "NotAnImageError",
    "QueuedScanner",
    "ScanClassification",
    "ScanKind",
    "Scanned",
    "SerialScanner",
    "Typed",
    "WedgeClassifier",
    "WedgeResult",
    "WedgeSettings",
    "classify_scan",
    "decode_codes",
    "decode_first",
    "scanner_from_settings",
]
