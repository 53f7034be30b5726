"""The resident ID-card reader: interface, checks, simulator, serial and plugin backends."""

from terminal.devices.idcard.card import (
    CardFailureReason,
    CardReadFailure,
    CardReadResult,
    IdCard,
    mask_id_number,
)
from terminal.devices.idcard.factory import card_reader_from_settings
from terminal.devices.idcard.plugin import CardReaderPluginError, load_adapter
from terminal.devices.idcard.reader import (
    AdapterCardReader,
    CardReaderAdapter,
    CardReaderError,
    IdCardReader,
    UnavailableCardReader,
)
from terminal.devices.idcard.simulator import SimulatedCardAdapter, SimulatedCondition
from terminal.devices.idcard.validation import card_from_raw

__all__ = [
    "AdapterCardReader",
    "CardFailureReason",
    "CardReadFailure",
    "CardReadResult",
    "CardReaderAdapter",
    "CardReaderError",
    "CardReaderPluginError",
    "IdCard",
    "IdCardReader",
    "SimulatedCardAdapter",
    "SimulatedCondition",
    "UnavailableCardReader",
    "card_from_raw",
    "card_reader_from_settings",
    "load_adapter",
    "mask_id_number",
]
