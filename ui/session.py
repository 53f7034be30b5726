"""What changes while the kiosk runs: whether central can be reached, and who of the
staff (if anyone) is signed in.

The context (ui/context.py) is a fixed set of services; this is the one object in
it whose values change. Screens read the properties when they need them, and connect
to the signals when what they show depends on them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SessionState(QObject):
    """Signals: online_changed(bool), staff_changed(str) (the staff id, "" when none),
    id_card_read(int) (a screen read an ID card: the holder's age in years, nothing else;
    ui/elderly_offer.py may offer large text).

    Lives on the GUI thread: set it there, and read it there (work for the store
    lane is given the values it needs, read beforehand)."""

    online_changed = Signal(bool)
    staff_changed = Signal(str)
    id_card_read = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._online = False
        self._staff_id: str | None = None

    @property
    def online(self) -> bool:
        """Central answered the last probe (False with no sync, and while it starts)."""
        return self._online

    @online.setter
    def online(self, online: bool) -> None:
        online = bool(online)
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)

    def set_online(self, online: bool) -> None:
        """The setter as a slot (sync's ``online_changed`` connects to it)."""
        self.online = online

    @property
    def staff_id(self) -> str | None:
        """The signed-in clerk while staff mode is on, else None."""
        return self._staff_id

    @staff_id.setter
    def staff_id(self, staff_id: str | None) -> None:
        staff_id = staff_id or None
        if staff_id != self._staff_id:
            self._staff_id = staff_id
            self.staff_changed.emit(staff_id or "")

    @property
    def assisted(self) -> bool:
        """Submissions made now are "assisted": a clerk is signed in beside the citizen."""
        return self._staff_id is not None
