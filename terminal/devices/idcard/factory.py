"""Build the configured ID-card reader from the ``[card_reader]`` settings.

Keys (defaults in brackets): backend ["simulator"] one of simulator, serial,
plugin, none; port [""]; baudrate [115200]; plugin [""] as "module:Class";
plugin_options [{}]; simulator_cards [""] a JSON file, empty for the demo cards.

A reader that cannot be set up (bad plugin, missing port setting) does not stop
the kiosk: citizens can type their details. It comes back as an unavailable
reader whose state tells the technician what is wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from terminal.devices.idcard.plugin import CardReaderPluginError, load_adapter
from terminal.devices.idcard.reader import AdapterCardReader, IdCardReader, UnavailableCardReader
from terminal.devices.idcard.serial_adapter import SerialCardAdapter
from terminal.devices.idcard.simulator import SimulatedCardAdapter, load_cards
from terminal.devices.state import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

BACKENDS = ("simulator", "serial", "plugin", "none")


def card_reader_from_settings(settings: Mapping[str, Any]) -> IdCardReader:
    """The reader ``settings`` (the ``[card_reader]`` table) describe."""
    backend = str(settings.get("backend", "simulator")).strip().lower()
    if backend == "none":
        return UnavailableCardReader(DeviceState(DeviceStatus.ABSENT, "no card reader configured"))
    if backend == "simulator":
        cards_file = str(settings.get("simulator_cards", "") or "")
        try:
            cards = load_cards(Path(cards_file)) if cards_file else None
            return AdapterCardReader(SimulatedCardAdapter(cards), name="simulator")
        except (OSError, ValueError) as exc:
            return _unavailable(f"simulator cards file {cards_file!r} unusable: {exc}")
    if backend == "serial":
        port = str(settings.get("port", "") or "")
        if not port:
            return _unavailable("card_reader.port is not set")
        try:
            baudrate = int(settings.get("baudrate", 115200))
        except (TypeError, ValueError):
            return _unavailable("card_reader.baudrate must be a number")
        return AdapterCardReader(SerialCardAdapter(port, baudrate), name=f"serial {port}")
    if backend == "plugin":
        spec = str(settings.get("plugin", "") or "")
        try:
            adapter = load_adapter(spec, settings.get("plugin_options") or {})
        except CardReaderPluginError as exc:
            return _unavailable(str(exc))
        return AdapterCardReader(adapter, name=spec)
    return _unavailable(f"card_reader.backend {backend!r} is not one of {', '.join(BACKENDS)}")


def _unavailable(reason: str) -> IdCardReader:
    log.error("card reader not available: %s", reason)
    return UnavailableCardReader(DeviceState(DeviceStatus.OFFLINE, reason))
