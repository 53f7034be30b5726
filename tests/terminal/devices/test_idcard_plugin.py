"""Loading a vendor adapter named "module:Class" from configuration."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from terminal.devices.idcard import (
    CardFailureReason,
    CardReaderError,
    CardReaderPluginError,
    CardReadFailure,
    IdCard,
    card_reader_from_settings,
    load_adapter,
)
from terminal.devices.idcard.simulator import DEMO_CARDS_FILE, load_cards
from terminal.devices.state import DeviceState, DeviceStatus

HERE = __name__


class GoodAdapter:
    """A vendor adapter as a technician would write one, with options."""

    def __init__(self, device_index: int = 0, fail_with: str = "") -> None:
        self.device_index = device_index
        self.fail_with = fail_with
        self.closed = False

    def status(self, timeout_s: float) -> DeviceState:
        return DeviceState(DeviceStatus.OK, f"vendor device {self.device_index}")

    def read_card(self, timeout_s: float) -> Mapping[str, Any]:
        if self.fail_with:
            raise CardReaderError(self.fail_with, "vendor code 0x41")
        return load_cards(DEMO_CARDS_FILE)[0]

    def close(self) -> None:
        self.closed = True


class MissingRead:
    def status(self, timeout_s: float) -> DeviceState:
        return DeviceState(DeviceStatus.OK)

    def close(self) -> None:
        pass


class WrongSignature:
    def status(self) -> DeviceState:  # forgot the timeout
        return DeviceState(DeviceStatus.OK)

    def read_card(self, timeout_s: float) -> Mapping[str, Any]:
        return {}

    def close(self) -> None:
        pass


class ExplodingSdk(GoodAdapter):
    def read_card(self, timeout_s: float) -> Mapping[str, Any]:
        raise RuntimeError("SDK error: 张三 119901198503121230")  # echoes card data

    def status(self, timeout_s: float) -> DeviceState:
        raise OSError("usb gone")


class BrokenConstructor(GoodAdapter):
    def __init__(self) -> None:
        raise OSError("libvendor.so: cannot open shared object file")


not_a_class = 42


def test_good_adapter_loads_with_options() -> None:
    adapter = load_adapter(f"{HERE}:GoodAdapter", {"device_index": 3})
    assert isinstance(adapter, GoodAdapter) and adapter.device_index == 3


def test_plugin_backend_reads_and_checks_cards() -> None:
    reader = card_reader_from_settings(
        {
            "backend": "plugin",
            "plugin": f"{HERE}:GoodAdapter",
            "plugin_options": {"device_index": 2},
        }
    )
    assert reader.state() == DeviceState(DeviceStatus.OK, "vendor device 2")
    card = reader.read(1.0)
    assert isinstance(card, IdCard) and card.birth_date == date(1985, 3, 12)
    reader.close()
    assert reader.adapter.closed  # type: ignore[attr-defined]


def test_adapter_reasons_reach_the_screen() -> None:
    reader = card_reader_from_settings(
        {
            "backend": "plugin",
            "plugin": f"{HERE}:GoodAdapter",
            "plugin_options": {"fail_with": "no_card"},
        }
    )
    result = reader.read(1.0)
    assert isinstance(result, CardReadFailure) and result.reason is CardFailureReason.NO_CARD


def test_sdk_exceptions_become_states_without_leaking_card_data(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reader = card_reader_from_settings({"backend": "plugin", "plugin": f"{HERE}:ExplodingSdk"})
    result = reader.read(1.0)
    assert isinstance(result, CardReadFailure) and result.reason is CardFailureReason.UNREADABLE
    assert reader.state().status is DeviceStatus.OFFLINE
    assert "RuntimeError" in caplog.text
    assert "张三" not in caplog.text and "1199011985" not in caplog.text


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("", "must look like"),
        ("just_a_module", "must look like"),
        ("no_such_vendor_sdk_xyz:Reader", "cannot be imported"),
        (f"{HERE}:NoSuchClass", "has no class 'NoSuchClass'"),
        (f"{HERE}:not_a_class", "is not a class"),
        (f"{HERE}:MissingRead", "read_card() is missing"),
        (f"{HERE}:WrongSignature", "status() must accept 1 argument"),
        (f"{HERE}:BrokenConstructor", "failed to start: OSError"),
    ],
)
def test_bad_plugins_give_clear_errors(spec: str, words: str) -> None:
    with pytest.raises(CardReaderPluginError, match=None) as caught:
        load_adapter(spec)
    assert words in str(caught.value)
    reader = card_reader_from_settings({"backend": "plugin", "plugin": spec})
    assert reader.state().status is DeviceStatus.OFFLINE
    assert words in reader.state().reason


def test_unknown_options_are_a_clear_error() -> None:
    with pytest.raises(CardReaderPluginError, match="failed to start: TypeError"):
        load_adapter(f"{HERE}:GoodAdapter", {"baud": 9600})
