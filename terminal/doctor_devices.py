"""Doctor checks for devices: each state in plain words, with what to do."""

from __future__ import annotations

from terminal.devices.state import DeviceState, DeviceStatus
from terminal.doctor import Check

LABELS = {
    "printer": "printer",
    "card_reader": "ID-card reader",
    "scanner": "QR scanner",
    "camera": "camera",
    "microphone": "microphone",
}

# (verdict, advice) per device and status; a missing entry means ok, no advice.
ADVICE: dict[tuple[str, DeviceStatus], tuple[str, str]] = {
    ("printer", DeviceStatus.PAPER_OUT): (
        "warn",
        "Load a new 80 mm paper roll; then reprint from the outbox view.",
    ),
    ("printer", DeviceStatus.OFFLINE): (
        "fail",
        "Check the printer's power, cable and cover, and printer.* in the configuration "
        "(docs/printing.md). Citizens get the QR on screen meanwhile.",
    ),
    ("printer", DeviceStatus.ABSENT): (
        "warn",
        "No printer configured: receipts are shown on screen only.",
    ),
    ("card_reader", DeviceStatus.OFFLINE): (
        "warn",
        "Check the reader's cable and card_reader.* (docs/devices.md). Citizens can type instead.",
    ),
    ("card_reader", DeviceStatus.ABSENT): (
        "warn",
        "No ID-card reader: citizens type their details.",
    ),
    ("scanner", DeviceStatus.OFFLINE): (
        "warn",
        "Check the scanner's cable and scanner.* (docs/devices.md).",
    ),
    ("camera", DeviceStatus.OFFLINE): (
        "warn",
        "Check the camera's cable; photos are unavailable meanwhile.",
    ),
    ("microphone", DeviceStatus.OFFLINE): (
        "warn",
        "Check the microphone; voice notes are unavailable meanwhile.",
    ),
}


def device_checks(states: dict[str, DeviceState]) -> list[Check]:
    """One check per device from its reported state."""
    checks = []
    for name, state in states.items():
        label = LABELS.get(name, name)
        summary = state.status.value + (f": {state.reason}" if state.reason else "")
        verdict, advice = ADVICE.get((name, state.status), ("ok", ""))
        checks.append(Check(label, verdict, summary, advice))
    return checks
