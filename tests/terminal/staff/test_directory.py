"""Staff accounts: adding, switching off and on, new PINs, central provisioning."""

from __future__ import annotations

import json

import pytest

from sync.protocol.staff_rules import PinRejected, StaffRuleError, hash_pin
from terminal.runtime import TerminalCore
from tests.terminal.staff.helpers import GOOD_PIN, OTHER_PIN, FakeClock, audit_rows, directory

CLI = "technician:cli"


def test_add_and_list_shows_no_pin_hash(core: TerminalCore) -> None:
    clock = FakeClock()
    staff = directory(core, clock)
    staff.add("S002", "李娜", "technician", GOOD_PIN, actor=CLI)
    staff.add("S001", "王敏", "clerk", OTHER_PIN, actor=CLI)
    listed = staff.list()
    assert [(a.staff_id, a.display_name, a.role, a.enabled) for a in listed] == [
        ("S001", "王敏", "clerk", True),
        ("S002", "李娜", "technician", True),
    ]
    doc = listed[0].as_json(clock.now)
    assert set(doc) == {"id", "name", "role", "enabled", "source", "locked_until", "last_login_at"}
    assert doc["source"] == "local" and doc["locked_until"] is None


@pytest.mark.parametrize(
    ("staff_id", "name", "role", "pin", "reason"),
    [
        ("S 1", "王敏", "clerk", GOOD_PIN, "bad_id"),
        ("13987654321", "王敏", "clerk", GOOD_PIN, "bad_id"),  # phone-shaped: never an id
        ("System", "王敏", "clerk", GOOD_PIN, "bad_id"),  # reserved audit actors
        ("unknown", "王敏", "clerk", GOOD_PIN, "bad_id"),
        ("S001", "", "clerk", GOOD_PIN, "bad_name"),
        ("S001", "王敏", "admin", GOOD_PIN, "bad_role"),
        ("S001", "王敏", "clerk", "111111", "same_digit"),
    ],
)
def test_add_refuses_bad_input_and_audits_the_refusal(
    core: TerminalCore, staff_id: str, name: str, role: str, pin: str, reason: str
) -> None:
    staff = directory(core, FakeClock())
    with pytest.raises((StaffRuleError, PinRejected)) as caught:
        staff.add(staff_id, name, role, pin, actor=CLI)
    assert caught.value.reason == reason
    assert staff.list() == []
    [(_, actor, action, result, detail)] = audit_rows(core.paths.store_file)
    assert (actor, action, result) == (CLI, "staff_add", "refused")
    assert json.loads(str(detail))["reason"] == reason
    assert "13987654321" not in str(detail)


def test_add_refuses_an_existing_id(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor=CLI)
    with pytest.raises(StaffRuleError, match="already exists"):
        staff.add("S001", "别人", "clerk", OTHER_PIN, actor=CLI)
    assert [a.display_name for a in staff.list()] == ["王敏"]


def test_reset_pin_replaces_the_pin_and_clears_a_lock(core: TerminalCore) -> None:
    clock = FakeClock()
    staff = directory(core, clock)
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor=CLI)
    for _ in range(5):
        staff.authenticate("S001", "999990")
    with pytest.raises(PinRejected):
        staff.reset_pin("S001", "654321", actor=CLI)
    staff.reset_pin("S001", OTHER_PIN, actor=CLI)
    assert staff.authenticate("S001", OTHER_PIN).ok
    assert staff.authenticate("S001", GOOD_PIN).reason == "wrong_pin"
    with pytest.raises(StaffRuleError, match="no staff account"):
        staff.reset_pin("S404", OTHER_PIN, actor=CLI)


def test_every_change_is_audited_with_its_actor(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor=CLI)
    staff.disable("S001", actor="T01")
    staff.enable("S001", actor="T01")
    staff.reset_pin("S001", OTHER_PIN, actor=CLI)
    with pytest.raises(StaffRuleError):
        staff.disable("S404", actor=CLI)
    rows = [(r[1], r[2], r[3], json.loads(str(r[4]))) for r in audit_rows(core.paths.store_file)]
    assert rows == [
        (CLI, "staff_add", "ok", {"staff_id": "S001"}),
        ("T01", "staff_disable", "ok", {"staff_id": "S001"}),
        ("T01", "staff_enable", "ok", {"staff_id": "S001"}),
        (CLI, "staff_reset_pin", "ok", {"staff_id": "S001"}),
        (CLI, "staff_disable", "refused", {"staff_id": "S404", "reason": "unknown"}),
    ]


def test_provision_takes_already_hashed_pins_and_upserts(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor=CLI)
    for _ in range(2):
        staff.authenticate("S001", "999990")
    count = staff.provision(
        [
            {"staff_id": "S001", "display_name": "王敏", "role": "technician",
             "pin_hash": hash_pin(OTHER_PIN)},
            {"staff_id": "C100", "display_name": "赵强", "role": "clerk",
             "pin_hash": hash_pin(GOOD_PIN), "enabled": False},
        ]
    )  # fmt: skip
    assert count == 2
    s001, c100 = staff.get("S001"), staff.get("C100")
    assert s001 is not None and (s001.role, s001.source, s001.failed_count) == (
        "technician",
        "central",
        0,
    )
    assert c100 is not None and not c100.enabled
    assert staff.authenticate("S001", OTHER_PIN).ok
    assert staff.authenticate("C100", GOOD_PIN).reason == "disabled"
    [provision] = [r for r in audit_rows(core.paths.store_file) if r[2] == "staff_provision"]
    assert json.loads(str(provision[4])) == {"count": 2, "added": 1, "updated": 1}


@pytest.mark.parametrize(
    "record",
    [
        {"staff_id": "C1", "display_name": "赵强", "role": "clerk", "pin_hash": "482915"},
        {"staff_id": "C1", "display_name": "赵强", "role": "clerk",
         "pin_hash": "scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 43 + "="},
        {"staff_id": "C1", "display_name": "赵强", "role": "boss", "pin_hash": None},
        {"staff_id": "C 1", "display_name": "赵强", "role": "clerk", "pin_hash": None},
    ],
)  # fmt: skip
def test_provision_refuses_a_clear_pin_or_a_weak_hash_and_writes_nothing(
    core: TerminalCore, record: dict[str, object]
) -> None:
    staff = directory(core, FakeClock())
    good = {"staff_id": "C2", "display_name": "钱", "role": "clerk", "pin_hash": hash_pin(GOOD_PIN)}
    with pytest.raises(StaffRuleError):
        staff.provision([good, record])
    assert staff.list() == []
    [(_, actor, action, result, _detail)] = audit_rows(core.paths.store_file)
    assert (actor, action, result) == ("system", "staff_provision", "refused")
