"""Device states in the clerk's language, for the staff status screen.

`mashangban doctor` and the diagnostics screen speak to technicians in the
doctor's English (terminal/doctor_devices.py). A branch clerk reading the
status screen in Chinese gets the device's name, its state and what to do in
the screen's language; the driver's own reason stays underneath, as reported,
for a technician on the phone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from terminal.devices.state import DeviceState, DeviceStatus
from terminal.doctor import Check
from terminal.doctor_devices import ADVICE


class DeviceWords(QObject):
    """Translated names and advice; verdicts as the doctor gives them."""

    def name(self, device: str) -> str:
        names = {
            "printer": self.tr("Receipt printer"),
            "card_reader": self.tr("ID card reader"),
            "scanner": self.tr("Code scanner"),
            "camera": self.tr("Camera"),
            "microphone": self.tr("Microphone"),
        }
        return names.get(device, device)

    def advice(self, device: str, status: DeviceStatus) -> str:
        words = {
            ("printer", DeviceStatus.PAPER_OUT): self.tr(
                "Load a new 80 mm paper roll, then reprint from the staff page."
            ),
            ("printer", DeviceStatus.OFFLINE): self.tr(
                "Check the printer's power, cable and cover. Citizens get the QR code on "
                "screen meanwhile. If it stays like this, call the technician."
            ),
            ("printer", DeviceStatus.ABSENT): self.tr(
                "No printer is set up: receipts are shown on screen only."
            ),
            ("card_reader", DeviceStatus.OFFLINE): self.tr(
                "Check the reader's cable. Citizens can type their details instead."
            ),
            ("card_reader", DeviceStatus.ABSENT): self.tr(
                "No ID card reader: citizens type their details."
            ),
            ("scanner", DeviceStatus.OFFLINE): self.tr(
                "Check the scanner's cable. Receipt numbers can be typed instead."
            ),
            ("camera", DeviceStatus.OFFLINE): self.tr(
                "Check the camera's cable; photos cannot be taken meanwhile."
            ),
            ("microphone", DeviceStatus.OFFLINE): self.tr(
                "Check the microphone; voice notes cannot be recorded meanwhile."
            ),
        }
        return words.get((device, status), "")

    def checks(self, states: dict[str, DeviceState]) -> list[Check]:
        """One check per device, as the doctor judges it, in the clerk's words."""
        result = []
        for device, state in states.items():
            verdict, _english = ADVICE.get((device, state.status), ("ok", ""))
            summary = state.status.value + (f": {state.reason}" if state.reason else "")
            result.append(
                Check(self.name(device), verdict, summary, self.advice(device, state.status))
            )
        return result
