"""Real-time printer status (``DLE EOT n``) read back and turned into a `DeviceState`.

Each request is answered by one byte of the form ``0xx1xx10``:

- n = 1, printer status: bit 3 set = offline.
- n = 2, offline cause: bit 2 = cover open, bit 5 = printing stopped at paper
  end, bit 6 = an error occurred.
- n = 4, roll paper sensor: bits 2-3 = paper near its end, bits 5-6 = paper
  end (no paper).

No answer within the timeout means the printer is offline (switched off,
cable out, or real-time status disabled in its settings).
"""

from __future__ import annotations

from typing import Protocol

from terminal.devices.printer import escpos_commands as cmd
from terminal.devices.state import DeviceState, DeviceStatus

_FIXED_MASK = 0x93  # bits 0, 1, 4, 7 are fixed in every status byte
_FIXED_BITS = 0x12

OFFLINE_BIT = 0x08
COVER_OPEN_BIT = 0x04
PAPER_END_STOP_BIT = 0x20
ERROR_BIT = 0x40
PAPER_NEAR_END_BITS = 0x0C
PAPER_END_BITS = 0x60

STATUS_REQUESTS = (cmd.STATUS_PRINTER, cmd.STATUS_OFFLINE_CAUSE, cmd.STATUS_PAPER_SENSOR)


class StatusChannel(Protocol):
    """The two things a status query needs from a transport."""

    def write(self, data: bytes) -> None: ...

    def read(self, size: int) -> bytes: ...

    def discard_input(self) -> None: ...


def is_status_byte(value: int) -> bool:
    """Whether ``value`` has the fixed bits every DLE EOT answer has."""
    return value & _FIXED_MASK == _FIXED_BITS


def state_from_status(printer: int, offline_cause: int, paper: int) -> DeviceState:
    """Map the three status bytes (n = 1, 2, 4) to a state, the worst fault first."""
    if paper & PAPER_END_BITS or offline_cause & PAPER_END_STOP_BIT:
        return DeviceState(DeviceStatus.PAPER_OUT, "paper roll empty")
    if offline_cause & COVER_OPEN_BIT:
        return DeviceState(DeviceStatus.OFFLINE, "cover open")
    if offline_cause & ERROR_BIT:
        return DeviceState(DeviceStatus.OFFLINE, "printer error (cutter jam or overheating)")
    if printer & OFFLINE_BIT:
        return DeviceState(DeviceStatus.OFFLINE, "printer reports offline")
    if paper & PAPER_NEAR_END_BITS:
        return DeviceState(DeviceStatus.OK, "paper near end")
    return DeviceState(DeviceStatus.OK)


def query_status(channel: StatusChannel) -> DeviceState:
    """Ask for the three status bytes over ``channel`` and map them.

    The channel's reads time out; an unanswered or malformed answer gives an
    offline state. Transport errors (OSError) propagate to the caller.
    """
    channel.discard_input()
    answers: list[int] = []
    for request in STATUS_REQUESTS:
        channel.write(request)
        answer = channel.read(1)
        if not answer:
            return DeviceState(DeviceStatus.OFFLINE, "no status answer (printer off or busy)")
        if not is_status_byte(answer[0]):
            return DeviceState(DeviceStatus.OFFLINE, f"unexpected status answer 0x{answer[0]:02x}")
        answers.append(answer[0])
    return state_from_status(*answers)
