"""A list of health checks: a verdict in words (never colour alone), summary and advice."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from terminal.doctor import Check
from ui.widgets.labels import label

_ROLES = {"ok": "ok", "warn": "notice", "fail": "banner"}


class CheckList(QWidget):
    """One block per check, in the order given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(10)
        self.checks: list[Check] = []

    def verdict_text(self, verdict: str) -> str:
        words = {
            "ok": self.tr("OK"),
            "warn": self.tr("Look at this"),
            "fail": self.tr("Not working"),
        }
        return words.get(verdict, verdict)

    def set_checks(self, checks: list[Check]) -> None:
        self.checks = list(checks)
        while (item := self.column.takeAt(0)) is not None:
            if (old := item.widget()) is not None:
                old.hide()  # gone now, not at the next event-loop turn
                old.setParent(None)
                old.deleteLater()
        for check in self.checks:
            box = QFrame()
            box.setObjectName("CheckRow")
            lines = QVBoxLayout(box)
            lines.setContentsMargins(0, 4, 0, 4)
            lines.addWidget(
                label(
                    f"{self.verdict_text(check.verdict)} · {check.name}",
                    _ROLES.get(check.verdict, "heading"),
                )
            )
            lines.addWidget(label(check.summary, "muted"))
            if check.advice and check.verdict != "ok":
                lines.addWidget(label("→ " + check.advice, "heading"))
            self.column.addWidget(box)
        self.column.addStretch(1)

    def texts(self) -> str:
        """Everything shown, as one string (tests, screen reader)."""
        from PySide6.QtWidgets import QLabel

        return "\n".join(w.text() for w in self.findChildren(QLabel))
