"""The ID-card reader interface the screens use, and the adapter it wraps.

Two layers:

- `IdCardReader` is what the kiosk calls: ``state()`` and ``read(timeout_s)``.
  Both block for at most their timeout, so screens call them from a worker.
- `CardReaderAdapter` is the small interface a vendor SDK wrapper implements
  (see docs/devices.md): report status, hand over the raw fields of the card
  on the reader, close. `AdapterCardReader` turns any adapter into an
  `IdCardReader`, checking every card the same way (`card_from_raw`).

The simulator, the serial example reader and vendor plugins are all adapters.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Protocol, runtime_checkable

from terminal.devices.idcard.card import CardFailureReason, CardReadFailure, CardReadResult
from terminal.devices.idcard.validation import card_from_raw
from terminal.devices.state import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

# state() answers within a second: a short wait for a read in progress, then
# the adapter's own status check.
LOCK_WAIT_S = 0.25
STATE_TIMEOUT_S = 0.75


class CardReaderError(Exception):
    """An adapter's way to say why it has no card.

    ``reason`` is one of ``no_card``, ``unreadable``, ``offline``, ``timeout``
    (``expired`` and ``invalid_number`` are decided by the kiosk, not the
    adapter). ``detail`` goes to the technician's log: never personal data.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = CardFailureReason(reason)
        self.detail = detail


@runtime_checkable
class IdCardReader(Protocol):
    """An ID-card reader as the kiosk sees it."""

    def state(self) -> DeviceState:
        """The reader's state within about a second."""
        ...

    def read(self, timeout_s: float) -> CardReadResult:
        """Read the card on the reader, waiting up to ``timeout_s`` for one."""
        ...

    def close(self) -> None:
        """Release the device (serial port, SDK handle)."""
        ...


@runtime_checkable
class CardReaderAdapter(Protocol):
    """What a vendor SDK wrapper implements; the kiosk does all checking."""

    def status(self, timeout_s: float) -> DeviceState:
        """Whether the reader is connected and working, within ``timeout_s``."""
        ...

    def read_card(self, timeout_s: float) -> Mapping[str, Any]:
        """The raw fields of the card on the reader (see `card_from_raw`).

        Waits up to ``timeout_s`` for a card; raises `CardReaderError` otherwise.
        """
        ...

    def close(self) -> None:
        """Release the device; a later call may open it again."""
        ...


class AdapterCardReader:
    """An `IdCardReader` over any `CardReaderAdapter`.

    One lock serialises the adapter: ``state()`` asked while a read is in
    progress answers from the last known state instead of waiting.
    """

    def __init__(
        self,
        adapter: CardReaderAdapter,
        *,
        name: str = "",
        today: Callable[[], date] = date.today,
    ) -> None:
        self._adapter = adapter
        self._name = name or type(adapter).__name__
        self._today = today
        self._lock = threading.Lock()
        self._last_state = DeviceState(DeviceStatus.OK, "not yet asked")

    @property
    def adapter(self) -> CardReaderAdapter:
        return self._adapter

    def state(self) -> DeviceState:
        if not self._lock.acquire(timeout=LOCK_WAIT_S):
            return self._last_state
        try:
            state = self._adapter.status(STATE_TIMEOUT_S)
        except Exception as exc:  # a vendor SDK may raise anything
            log.warning("card reader %s: status raised %s", self._name, type(exc).__name__)
            state = DeviceState(DeviceStatus.OFFLINE, f"status check failed ({type(exc).__name__})")
        finally:
            self._lock.release()
        self._last_state = state
        return state

    def read(self, timeout_s: float) -> CardReadResult:
        with self._lock:
            try:
                raw = self._adapter.read_card(timeout_s)
            except CardReaderError as exc:
                if exc.reason not in (CardFailureReason.NO_CARD, CardFailureReason.TIMEOUT):
                    log.info("card reader %s: %s", self._name, exc.reason.value)
                return CardReadFailure(exc.reason, exc.detail)
            except Exception as exc:  # the message may echo card data: log the type only
                log.warning("card reader %s: read raised %s", self._name, type(exc).__name__)
                return CardReadFailure(CardFailureReason.UNREADABLE, type(exc).__name__)
        if not isinstance(raw, Mapping):
            return CardReadFailure(CardFailureReason.UNREADABLE, "adapter returned no fields")
        result = card_from_raw(raw, self._today())
        if isinstance(result, CardReadFailure):
            log.info("card reader %s: %s (%s)", self._name, result.reason.value, result.detail)
        return result

    def close(self) -> None:
        with self._lock:
            try:
                self._adapter.close()
            except Exception as exc:
                log.warning("card reader %s: close raised %s", self._name, type(exc).__name__)


class UnavailableCardReader:
    """A reader that is switched off or could not be set up: reads fail at once."""

    def __init__(self, state: DeviceState) -> None:
        self._state = state

    def state(self) -> DeviceState:
        return self._state

    def read(self, timeout_s: float) -> CardReadResult:
        return CardReadFailure(CardFailureReason.OFFLINE, self._state.reason)

    def close(self) -> None:
        """Nothing to release."""
