"""The strip at the bottom: online or offline, what is waiting to be sent, last sync,
and device problems in plain words (never colour alone)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from terminal.devices.state import DeviceState, DeviceStatus
from ui.widgets.labels import label, set_role

OPTIONAL_DEVICES = ("scanner", "camera", "microphone")


class StatusStrip(QWidget):
    """Shows the terminal's state; fed by the sync bridge's signals and device polls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(20, 8, 20, 8)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(4)
        # Each state on one line, never wrapped into two cramped ones: landscape puts
        # them in one row; portrait gives the network state a row of its own.
        self.network = label("", "strip", wrap=False)
        self.queue = label("", "strip", wrap=False)
        self.last_sync = label("", "strip", wrap=False)
        self.devices = label("", "stripAlert", wrap=True)
        self.branch = label("", "strip", wrap=False)
        self.timezone: tzinfo | None = None  # local time for "last sync" (set by the feed)
        self.compact = False
        self._arrange()
        self.online: bool | None = None
        self.syncing = False
        self.queue_depth = 0
        self.last = ""
        self.sync_error = ""
        self.device_states: dict[str, DeviceState] = {}
        self.retranslate()

    def set_online(self, online: bool) -> None:
        self.online = online
        self.retranslate()

    def set_syncing(self, syncing: bool) -> None:
        self.syncing = syncing
        self.retranslate()

    def set_queue_depth(self, depth: int) -> None:
        self.queue_depth = depth
        self.retranslate()

    def set_last_sync(self, when: str) -> None:
        self.last = when
        self.retranslate()

    def set_error(self, error: str) -> None:
        self.sync_error = error
        self.retranslate()

    def set_devices(self, states: dict[str, DeviceState]) -> None:
        self.device_states = dict(states)
        self.retranslate()

    def set_branch(self, name: str) -> None:
        self.branch.setText(name)

    def set_compact(self, compact: bool) -> None:
        """Portrait: the branch name gives way to what matters to the citizen, and the
        network state has a row of its own."""
        self.branch.setVisible(not compact)
        if compact != self.compact:
            self.compact = compact
            self._arrange()

    def _arrange(self) -> None:
        for widget in (self.network, self.queue, self.last_sync, self.devices, self.branch):
            self.grid.removeWidget(widget)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 0)
        if self.compact:
            self.grid.addWidget(self.network, 0, 0, 1, 3)
            self.grid.addWidget(self.queue, 1, 0)
            self.grid.addWidget(self.last_sync, 1, 1)
            self.grid.addWidget(self.devices, 1, 2)  # the branch name is hidden here
            self.grid.setColumnStretch(2, 1)
        else:
            for column, widget in enumerate(
                (self.network, self.queue, self.last_sync, self.devices, self.branch)
            ):
                self.grid.addWidget(widget, 0, column)
            self.grid.setColumnStretch(3, 1)

    def when_text(self, when: str) -> str:
        """An ISO-8601 UTC moment ("2026-12-03T09:10:34Z") as local time in plain words:
        "today 17:10", "yesterday 17:10", else "2026-12-03 17:10"."""
        try:
            moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            return when
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        local = moment.astimezone(self.timezone)
        today = datetime.now(local.tzinfo).date()
        clock = local.strftime("%H:%M")
        if local.date() == today:
            return self.tr("today {time}").format(time=clock)
        if local.date() == today - timedelta(days=1):
            return self.tr("yesterday {time}").format(time=clock)
        return local.strftime("%Y-%m-%d %H:%M")

    def problems(self) -> list[str]:
        """Each device that is not OK, in plain words. A camera, microphone or scanner
        this terminal simply does not have is no problem of the citizen's."""
        names = {
            "printer": self.tr("Printer"),
            "card_reader": self.tr("ID card reader"),
            "scanner": self.tr("Code scanner"),
            "camera": self.tr("Camera"),
            "microphone": self.tr("Microphone"),
        }
        words = []
        for name, state in sorted(self.device_states.items()):
            if state.status is DeviceStatus.OK:
                continue
            if state.status is DeviceStatus.ABSENT and name in OPTIONAL_DEVICES:
                continue
            if state.status is DeviceStatus.PAPER_OUT:
                what = self.tr("out of paper")
            elif state.status is DeviceStatus.ABSENT:
                what = self.tr("not installed")
            else:
                what = self.tr("not working")
            device = names.get(name, name)
            words.append(self.tr("{device}: {what}").format(device=device, what=what))
        return words

    def retranslate(self) -> None:
        if self.online is None:
            self.network.setText(self.tr("● Connecting to the network…"))
        elif self.online:
            self.network.setText(
                self.tr("● Online, sending") if self.syncing else self.tr("● Online")
            )
        else:
            self.network.setText(self.tr("○ Offline: submissions are kept and sent later"))
        set_role(self.network, "strip" if self.online is not False else "stripAlert")
        self.queue.setText(self.tr("Waiting to send: {n}").format(n=self.queue_depth))
        self.last_sync.setText(
            self.tr("Last sync: {when}").format(when=self.when_text(self.last)) if self.last else ""
        )
        self.last_sync.setVisible(bool(self.last))
        self.devices.setText("  ".join(self.problems()))
