"""A pyserial port that opens on first use and can be dropped and opened again.

The ID-card reader and the serial scanner hold their port this way: a fault
closes it, and the next call opens it afresh (the cable may have been replugged).
"""

from __future__ import annotations

import serial


class LazySerialPort:
    """The port ``name`` at ``baudrate``, opened by the first ``get``."""

    def __init__(self, name: str, baudrate: int, **options: float) -> None:
        self.name, self.baudrate, self._options = name, baudrate, options
        self._serial: serial.Serial | None = None

    def get(self) -> serial.Serial:
        """The open port; raises what pyserial raises when it cannot be opened."""
        if self._serial is None:
            self._serial = serial.Serial(self.name, self.baudrate, **self._options)
        return self._serial

    def close(self) -> None:
        """Close it if open; the next ``get`` opens it again."""
        if self._serial is not None:
            try:
                self._serial.close()
            finally:
                self._serial = None
