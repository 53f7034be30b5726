"""Devices and network for staff: each device's state with plain advice, online or not,
the last complete sync, and what is waiting."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from terminal.devices.state import DeviceState
from terminal.store.health import StoreHealth, store_health
from terminal.submissions.lifecycle import OutboxState
from terminal.submissions.queue import WAITING, queue_stats
from ui.context import KioskContext
from ui.screens.base import Screen
from ui.staff.check_list import CheckList
from ui.staff.device_words import DeviceWords
from ui.staff.mode import StaffMode
from ui.widgets.buttons import touch_button
from ui.widgets.labels import label
from ui.widgets.scrolling import KineticScrollArea


class StatusScreen(Screen):
    """Staff only."""

    def __init__(self, ctx: KioskContext, staff: StaffMode) -> None:
        super().__init__(ctx)
        self.staff = staff
        self.queue: dict[str, int] = {}
        layout = self.page_column()
        self.network = label("", "heading")
        self.sync_line = label("", "muted")
        self.store_line = label("", "muted")  # salvage and held-back submissions, if any
        self.store_line.setWordWrap(True)
        self.health: StoreHealth | None = None
        self.devices = CheckList()
        self.words = DeviceWords(self)
        self._states: dict[str, DeviceState] = {}
        self.refresh_button = touch_button("", "primary")
        self.refresh_button.clicked.connect(self.refresh)
        layout.addWidget(self.network)
        layout.addWidget(self.sync_line)
        layout.addWidget(self.store_line)
        layout.addWidget(KineticScrollArea(self.devices), 1)
        layout.addWidget(self.refresh_button)
        ctx.session.online_changed.connect(self._online_changed)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Staff: devices and network")

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Check again"))
        self.devices.set_checks(self.words.checks(self._states))  # in the new language
        self._show_network()
        self._show_store()

    def _online_changed(self, _online: bool) -> None:
        self._show_network()

    def opened(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        states = self.ctx.devices.states
        store = self.ctx.core.store
        self.ctx.ops.run("io", states, success=self._devices, owner=self)
        self.ctx.ops.run(
            "store", lambda: queue_stats(store).by_state, success=self._queue, owner=self
        )
        self.ctx.ops.run("store", lambda: store_health(store), success=self._health, owner=self)

    def _health(self, health: StoreHealth) -> None:
        self.health = health
        self._show_store()

    def _show_store(self) -> None:
        """What salvage kept and lost, and what is held back, in counts and receipt numbers."""
        health = self.health
        parts = []
        if health is not None and health.enrolment_lost:
            parts.append(
                self.tr("Enrolment lost with the damaged data: a technician must enrol again.")
            )
        if health is not None and health.damaged_at:
            parts.append(
                self.tr("Data repaired: {kept} submissions recovered, {lost} lost.").format(
                    kept=health.submissions_salvaged, lost=health.submissions_lost
                )
            )
        if health is not None and health.held_back:
            parts.append(
                self.tr("Held back, damaged ({n}): {receipts}").format(
                    n=len(health.held_back), receipts=health.receipts_text()
                )
            )
        self.store_line.setText(" ".join(parts))
        self.store_line.setVisible(bool(parts))

    def _devices(self, states: dict[str, DeviceState]) -> None:
        self._states = states
        self.devices.set_checks(self.words.checks(states))

    def _queue(self, by_state: dict[str, int]) -> None:
        self.queue = by_state
        self._show_network()

    def _show_network(self) -> None:
        sync = self.ctx.sync
        if not sync.available:
            self.network.setText(self.tr("Sync is not running: submissions stay on this terminal."))
        elif self.ctx.session.online:
            self.network.setText(self.tr("Online: central can be reached."))
        else:
            self.network.setText(
                self.tr("Offline: submissions are kept and sent later. Check the network cable.")
            )
        last = self._local(sync.last_sync_at)
        error = sync.error
        waiting = sum(self.queue.get(state, 0) for state in WAITING)
        parts = [
            self.tr("Last complete sync: {at}").format(at=last)
            if last
            else self.tr("No complete sync yet"),
            self.tr("Waiting to send: {n}").format(n=waiting),
            self.tr("Refused by central: {n}").format(n=self.queue.get(OutboxState.REJECTED, 0)),
        ]
        if error:
            parts.append(self.tr("Last problem: {code}").format(code=error))
        self.sync_line.setText(" · ".join(parts))

    def _local(self, at: str) -> str:
        """An RFC 3339 UTC time as the terminal's local "YYYY-MM-DD HH:MM"."""
        if not at:
            return ""
        try:
            moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            return at
        tz = ZoneInfo(self.ctx.core.config.terminal.timezone)
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
