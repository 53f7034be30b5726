"""The strip at the bottom: online or offline, what is waiting to be sent, last sync,
and device problems in plain words (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from terminal.devices.state import DeviceState, DeviceStatus
from ui.widgets.labels import label, set_role

OPTIONAL_DEVICES = ("scanner", "camera", "microphone")


class StatusStrip(QWidget):
    """Shows the terminal's state; fed by the sync bridge's signals and device polls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 8, 20, 8)
        row.setSpacing(28)
        self.network = label("", "strip", wrap=True)
        self.queue = label("", "strip", wrap=False)
        self.last_sync = label("", "strip", wrap=False)
        self.devices = label("", "stripAlert", wrap=True)
        self.branch = label("", "strip", wrap=False)
        for widget in (self.network, self.queue, self.last_sync):
            row.addWidget(widget)
        row.addWidget(self.devices, 1)
        row.addWidget(self.branch)
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
        """Portrait: the branch name gives way to what matters to the citizen."""
        self.branch.setVisible(not compact)

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
            self.tr("Last sync: {when}").format(when=self.last) if self.last else ""
        )
        self.last_sync.setVisible(bool(self.last))
        self.devices.setText("  ".join(self.problems()))
