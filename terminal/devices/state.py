"""The one state vocabulary every device reports.

`doctor`, the staff screen and the heartbeat all show these. A device fault is
a state, never an exception that reaches a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEVICE_NAMES = ("printer", "card_reader", "scanner", "camera", "microphone")


class DeviceStatus(StrEnum):
    OK = "ok"
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"
    ABSENT = "absent"


@dataclass(frozen=True)
class DeviceState:
    """A device's state with a technician-readable reason (never personal data)."""

    status: DeviceStatus
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status is DeviceStatus.OK

    def as_json(self) -> dict[str, str]:
        return {"status": self.status.value, "reason": self.reason}


OK = DeviceState(DeviceStatus.OK)
