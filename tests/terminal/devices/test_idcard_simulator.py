"""The simulated reader through the real `AdapterCardReader`, and the factory."""

from __future__ import annotations

import json
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from terminal.devices.idcard import (
    AdapterCardReader,
    CardFailureReason,
    CardReadFailure,
    IdCard,
    IdCardReader,
    SimulatedCardAdapter,
    SimulatedCondition,
    card_reader_from_settings,
)
from terminal.devices.idcard.simulator import DEMO_CARDS_FILE, load_cards
from terminal.devices.state import DeviceStatus

TODAY = date(2026, 11, 27)


@pytest.fixture
def adapter() -> SimulatedCardAdapter:
    return SimulatedCardAdapter()


@pytest.fixture
def reader(adapter: SimulatedCardAdapter) -> AdapterCardReader:
    return AdapterCardReader(adapter, today=lambda: TODAY)


def test_every_demo_card_passes_the_checks() -> None:
    cards = load_cards(DEMO_CARDS_FILE)
    assert len(cards) >= 3
    adapter = SimulatedCardAdapter(cards)
    reader = AdapterCardReader(adapter, today=lambda: TODAY)
    for index in range(len(cards)):
        adapter.set_condition("card", card_index=index)
        card = reader.read(0.5)
        assert isinstance(card, IdCard), (index, card)
        assert card.photo and card.photo.startswith(b"\xff\xd8")  # the JPEG placeholder
    assert any(load["valid_until"] == "长期" for load in cards)


def test_demo_numbers_use_a_region_no_real_county_has() -> None:
    for card in load_cards(DEMO_CARDS_FILE):
        assert str(card["id_number"]).startswith("1199")


@pytest.mark.parametrize(
    ("condition", "reason"),
    [
        (SimulatedCondition.NO_CARD, CardFailureReason.NO_CARD),
        (SimulatedCondition.UNREADABLE, CardFailureReason.UNREADABLE),
        (SimulatedCondition.EXPIRED, CardFailureReason.EXPIRED),
        (SimulatedCondition.OFFLINE, CardFailureReason.OFFLINE),
        (SimulatedCondition.SILENT, CardFailureReason.TIMEOUT),
    ],
)
def test_simulated_failures(
    adapter: SimulatedCardAdapter,
    reader: AdapterCardReader,
    condition: SimulatedCondition,
    reason: CardFailureReason,
) -> None:
    adapter.set_condition(condition)
    started = time.monotonic()
    result = reader.read(0.05)
    assert isinstance(result, CardReadFailure)
    assert result.reason is reason
    assert time.monotonic() - started < 1.0


def test_state_follows_the_simulated_condition(
    adapter: SimulatedCardAdapter, reader: IdCardReader
) -> None:
    assert reader.state().status is DeviceStatus.OK
    adapter.set_condition("offline")
    assert reader.state().status is DeviceStatus.OFFLINE


def test_a_waiting_read_gets_the_card_placed_meanwhile(
    adapter: SimulatedCardAdapter, reader: AdapterCardReader
) -> None:
    adapter.set_condition("no_card")
    placed = threading.Timer(0.05, adapter.set_condition, args=("card",), kwargs={"card_index": 1})
    placed.start()
    try:
        result = reader.read(5.0)
    finally:
        placed.join()
    assert isinstance(result, IdCard)
    assert result.id_number == adapter.cards[1]["id_number"]


def test_state_does_not_wait_for_a_long_read(
    adapter: SimulatedCardAdapter, reader: AdapterCardReader
) -> None:
    adapter.set_condition("no_card")
    worker = threading.Thread(target=reader.read, args=(30.0,))
    worker.start()
    try:
        deadline = time.monotonic() + 5
        while adapter.reads == 0 and time.monotonic() < deadline:
            time.sleep(0.001)  # until the worker is inside read()
        assert adapter.reads == 1
        started = time.monotonic()
        state = reader.state()
        # Far below the read's 30 s, with room for a machine busy with other work.
        assert time.monotonic() - started < 10.0
        assert state.status is DeviceStatus.OK
    finally:
        adapter.set_condition("card")  # ends the read
        worker.join(5)
    assert not worker.is_alive()


def test_factory_backends(tmp_path: Path) -> None:
    assert card_reader_from_settings({"backend": "none"}).state().status is DeviceStatus.ABSENT
    none_read = card_reader_from_settings({"backend": "none"}).read(1)
    assert isinstance(none_read, CardReadFailure) and none_read.reason is CardFailureReason.OFFLINE

    assert isinstance(card_reader_from_settings({}).read(0.5), IdCard)  # demo cards by default

    own = tmp_path / "cards.json"
    card = dict(load_cards(DEMO_CARDS_FILE)[2])
    card.pop("photo")
    own.write_text(json.dumps({"cards": [card]}, ensure_ascii=False), encoding="utf-8")
    read = card_reader_from_settings({"backend": "simulator", "simulator_cards": str(own)}).read(1)
    assert isinstance(read, IdCard) and read.photo is None
    assert read.id_number == card["id_number"]


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"backend": "serial"}, "port is not set"),
        ({"backend": "serial", "port": "/dev/x", "baudrate": "fast"}, "baudrate"),
        ({"backend": "plugin", "plugin": "no_such_module_xyz:Reader"}, "cannot be imported"),
        ({"backend": "simulator", "simulator_cards": "/nonexistent.json"}, "unusable"),
        ({"backend": "telepathy"}, "not one of"),
    ],
)
def test_factory_reports_configuration_mistakes_as_offline(
    settings: dict[str, object], words: str
) -> None:
    reader = card_reader_from_settings(settings)
    state = reader.state()
    assert state.status is DeviceStatus.OFFLINE
    assert words in state.reason
    result = reader.read(1)
    assert isinstance(result, CardReadFailure) and result.reason is CardFailureReason.OFFLINE


def test_serial_backend_on_a_missing_port_is_offline_quickly() -> None:
    reader = card_reader_from_settings({"backend": "serial", "port": "/dev/nonexistent-reader"})
    started = time.monotonic()
    state = reader.state()
    assert state.status is DeviceStatus.OFFLINE and "cannot open" in state.reason
    result = reader.read(0.2)
    assert isinstance(result, CardReadFailure) and result.reason is CardFailureReason.OFFLINE
    assert time.monotonic() - started < 1.0
