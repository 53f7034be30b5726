"""A card reader without hardware, for tests, demos and training.

Cards come from a JSON file (``[card_reader] simulator_cards``) or, without
one, the fictional demo cards shipped in resources/devices/. A test or a demo
control panel tells it what to do next: present a card, no card, an
unreadable or an expired card, go offline, or stay silent (a timeout).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from terminal.devices.idcard.reader import CardReaderError
from terminal.devices.state import DeviceState, DeviceStatus

DEMO_CARDS_FILE = Path(__file__).resolve().parents[3] / "resources" / "devices" / "id_cards.json"


class SimulatedCondition(StrEnum):
    CARD = "card"  # the selected card lies on the reader
    NO_CARD = "no_card"  # nothing on the reader (a read waits for a card until timeout)
    UNREADABLE = "unreadable"  # the chip does not answer properly
    EXPIRED = "expired"  # the selected card, with a validity period that has ended
    OFFLINE = "offline"  # cable pulled
    SILENT = "silent"  # the reader never answers: every read times out


def load_cards(path: Path) -> list[dict[str, Any]]:
    """Raw card fields from a JSON file ``{"cards": [{...}, ...]}``.

    A card's ``photo_file`` (relative to the JSON file) is read into ``photo``.
    """
    document = json.loads(path.read_text(encoding="utf-8"))
    cards = document.get("cards") if isinstance(document, dict) else None
    if not isinstance(cards, list) or not cards:
        raise ValueError(f"{path}: expected an object with a non-empty 'cards' list")
    loaded = []
    for entry in cards:
        card = {k: v for k, v in dict(entry).items() if k != "photo_file"}
        photo_file = entry.get("photo_file")
        card["photo"] = (path.parent / photo_file).read_bytes() if photo_file else None
        loaded.append(card)
    return loaded


class SimulatedCardAdapter:
    """A `CardReaderAdapter` playing a reader; thread-safe for a demo panel."""

    def __init__(self, cards: Sequence[Mapping[str, Any]] | None = None) -> None:
        self._cards = [dict(c) for c in cards] if cards is not None else load_cards(DEMO_CARDS_FILE)
        if not self._cards:
            raise ValueError("the simulator needs at least one card")
        self._index = 0
        self._condition = SimulatedCondition.CARD
        self._changed = threading.Condition()
        self.reads = 0

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [dict(c) for c in self._cards]

    def set_condition(
        self, condition: SimulatedCondition | str, card_index: int | None = None
    ) -> None:
        """What the next reads see; wakes a read waiting for a card."""
        with self._changed:
            self._condition = SimulatedCondition(condition)
            if card_index is not None:
                if not 0 <= card_index < len(self._cards):
                    raise IndexError(f"no demo card {card_index}")
                self._index = card_index
            self._changed.notify_all()

    def status(self, timeout_s: float) -> DeviceState:
        if self._condition in (SimulatedCondition.OFFLINE, SimulatedCondition.SILENT):
            return DeviceState(DeviceStatus.OFFLINE, "simulated reader is not answering")
        return DeviceState(DeviceStatus.OK, "simulator")

    def read_card(self, timeout_s: float) -> Mapping[str, Any]:
        deadline = time.monotonic() + max(0.0, timeout_s)
        with self._changed:
            self.reads += 1
            while self._condition in (SimulatedCondition.NO_CARD, SimulatedCondition.SILENT):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    if self._condition is SimulatedCondition.SILENT:
                        raise CardReaderError("timeout", "simulated reader stayed silent")
                    raise CardReaderError("no_card")
                self._changed.wait(remaining)
            condition = self._condition
            card = dict(self._cards[self._index])
        if condition is SimulatedCondition.UNREADABLE:
            raise CardReaderError("unreadable", "simulated chip error")
        if condition is SimulatedCondition.OFFLINE:
            raise CardReaderError("offline", "simulated reader unplugged")
        if condition is SimulatedCondition.EXPIRED:
            card["valid_from"], card["valid_until"] = "20050101", "20150101"
        return card

    def close(self) -> None:
        """Nothing to release."""
