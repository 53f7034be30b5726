"""No PIN and no citizen data in the audit table, the store, or the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from terminal.audit.actions import AuditRefused
from terminal.runtime import TerminalCore
from tests.terminal.staff.helpers import (
    GOOD_PIN,
    OTHER_PIN,
    FakeClock,
    audit_rows,
    directory,
    trail,
)

ID_NUMBER = "53010219580317202X"
PHONE = "13987654321"
CITIZEN = "欧阳秀兰"
WRONG_PINS = ("905172", "361840", "772019", "518263", "640395")


def needles() -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for label, text in [("pin", GOOD_PIN), ("new pin", OTHER_PIN), ("phone", PHONE)] + [
        (f"wrong pin {p}", p) for p in WRONG_PINS
    ]:
        found[f"{label}/ascii"] = text.encode()
        found[f"{label}/utf16"] = text.encode("utf-16-le")
    return found


def scan(root: Path) -> list[str]:
    hits = []
    for path in (p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [f"{label} in {path.name}" for label, n in needles().items() if n in data]
    return hits


@pytest.mark.parametrize(
    "detail",
    [
        {"id_number": ID_NUMBER},
        {"note": f"tel {PHONE}"},
        {"count": int(PHONE)},
        {"name": CITIZEN},
        {"text": "x" * 65},
        {"Bad-Key": "1"},
        {"nested": {"a": 1}},
    ],
)
def test_personal_or_free_form_details_are_refused(
    core: TerminalCore, detail: dict[str, object]
) -> None:
    with pytest.raises(AuditRefused):
        trail(core).record("S001", "reprint", "ok", detail)
    assert audit_rows(core.paths.store_file) == []


def test_unknown_actions_and_actors_are_refused(core: TerminalCore) -> None:
    audit = trail(core)
    for actor, action in (
        ("S001", "coffee"),
        (PHONE + "x y", "login"),
        ("S001", "audit_checkpoint"),
    ):
        with pytest.raises(AuditRefused):
            audit.record(actor, action)


def test_no_pin_or_typed_personal_data_reaches_the_store_or_logs(
    core: TerminalCore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    for pin in WRONG_PINS:
        staff.authenticate("S001", pin)
    staff.reset_pin("S001", OTHER_PIN, actor="technician:cli")
    assert staff.authenticate("S001", OTHER_PIN).ok
    # a citizen typing a phone number or a PIN into the id field
    assert staff.authenticate(PHONE, GOOD_PIN).reason == "unknown"
    assert staff.authenticate(ID_NUMBER, GOOD_PIN).reason == "unknown"
    rows = audit_rows(core.paths.store_file)
    assert {r[1] for r in rows} == {"technician:cli", "S001", "unknown"}
    text = repr(rows) + caplog.text
    for secret in (GOOD_PIN, OTHER_PIN, *WRONG_PINS, PHONE, ID_NUMBER, "王敏"):
        assert secret not in text
    assert "S001" in caplog.text  # the log is there, and says only the staff id
    assert scan(core.paths.root) == []
    # the scan reads what was written: the staff name (staff data) is found
    files = [p for p in core.paths.root.rglob("*") if p.is_file()]
    assert any("王敏".encode() in p.read_bytes() for p in files)
