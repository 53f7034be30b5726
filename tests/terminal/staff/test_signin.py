"""Sign-in: lockout and its release, persistence, disabled and unknown accounts."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from zoneinfo import ZoneInfo

import pytest

import terminal.staff.signin as signin
from sync.protocol.staff_rules import ScryptParams, hash_pin, parse_hash
from terminal.config import Config
from terminal.runtime import TerminalCore, start_core
from terminal.staff.signin import dummy_hash
from tests.conftest import make_config
from tests.terminal.staff.helpers import GOOD_PIN, OTHER_PIN, FakeClock, audit_rows, directory


def test_a_fresh_store_has_no_staff_accounts(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    assert staff.list() == []
    for staff_id, pin in (("admin", "000000"), ("S001", "123456"), ("technician", "888888")):
        assert staff.authenticate(staff_id, pin).reason == "unknown"
    with core.store.reader.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM staff_accounts").scalar() == 0


def test_right_pin_signs_in_and_records_the_login(core: TerminalCore) -> None:
    clock = FakeClock()
    staff = directory(core, clock)
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    result = staff.authenticate("S001", GOOD_PIN)
    assert result.ok and result.reason is None and result.account is not None
    assert result.account.role == "clerk" and result.account.last_login_at == clock.now
    staff.logout("S001")
    actions = [(r[1], r[2], r[3]) for r in audit_rows(core.paths.store_file)]
    assert actions[-2:] == [("S001", "login", "ok"), ("S001", "logout", "ok")]


def test_five_wrong_pins_lock_for_fifteen_minutes_then_release(core: TerminalCore) -> None:
    clock = FakeClock(datetime(2026, 11, 27, 2, 0, tzinfo=UTC))
    staff = directory(core, clock)
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    remaining = [staff.authenticate("S001", OTHER_PIN).remaining_tries for _ in range(4)]
    assert remaining == [4, 3, 2, 1]
    fifth = staff.authenticate("S001", OTHER_PIN)
    assert (fifth.ok, fifth.reason) == (False, "locked")
    assert fifth.locked_until == datetime(2026, 11, 27, 2, 15, tzinfo=UTC)
    assert fifth.locked_until_text(ZoneInfo("Asia/Shanghai")) == "10:15"
    clock.advance(minutes=14, seconds=59)
    assert staff.authenticate("S001", GOOD_PIN).reason == "locked"  # even the right PIN
    clock.advance(seconds=1)
    assert staff.authenticate("S001", GOOD_PIN).ok
    rows = [(r[2], r[3]) for r in audit_rows(core.paths.store_file)]
    assert rows.count(("login_failed", "refused")) == 6 and rows.count(("lockout", "ok")) == 1


def test_failures_count_again_from_zero_after_a_lock_and_after_success(core: TerminalCore) -> None:
    clock = FakeClock()
    staff = directory(core, clock)
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    for _ in range(3):
        staff.authenticate("S001", OTHER_PIN)
    assert staff.authenticate("S001", GOOD_PIN).ok
    assert staff.authenticate("S001", OTHER_PIN).remaining_tries == 4


def test_the_lock_survives_a_restart(config: Config) -> None:
    clock = FakeClock()
    first = start_core(config, configure_logging=False)
    try:
        staff = directory(first, clock)
        staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
        for _ in range(5):
            staff.authenticate("S001", OTHER_PIN)
    finally:
        first.close()
    second = start_core(config, configure_logging=False)
    try:
        staff = directory(second, clock)
        again = staff.authenticate("S001", GOOD_PIN)
        assert again.reason == "locked" and again.locked_until is not None
        view = staff.get("S001")
        assert view is not None and view.is_locked(clock.now)
        clock.advance(minutes=15)
        assert staff.authenticate("S001", GOOD_PIN).ok
    finally:
        second.close()


def test_lockout_settings_come_from_the_configuration(data_dir: Path) -> None:
    config = make_config(data_dir, staff__lockout_failures=2, staff__lockout_minutes=60)
    core = start_core(config, configure_logging=False)
    try:
        clock = FakeClock()
        staff = directory(core, clock)
        staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
        assert staff.authenticate("S001", OTHER_PIN).remaining_tries == 1
        locked = staff.authenticate("S001", OTHER_PIN)
        assert locked.reason == "locked" and locked.locked_until is not None
        assert (locked.locked_until - clock.now).total_seconds() == 3600
    finally:
        core.close()


def test_a_disabled_account_cannot_sign_in_until_enabled(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    staff.disable("S001", actor="technician:cli")
    assert staff.authenticate("S001", GOOD_PIN).reason == "disabled"
    staff.enable("S001", actor="technician:cli")
    assert staff.authenticate("S001", GOOD_PIN).ok


def test_an_unknown_id_is_checked_against_the_dummy_hash(
    core: TerminalCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    checked: list[str] = []
    real = signin.verify_pin

    def spy(pin: str, stored: str) -> bool:
        checked.append(stored)
        return real(pin, stored)

    monkeypatch.setattr(signin, "verify_pin", spy)
    assert staff.authenticate("S999", GOOD_PIN).reason == "unknown"
    assert staff.authenticate("13987654321", GOOD_PIN).reason == "unknown"  # malformed id
    assert checked == [dummy_hash(), dummy_hash()]
    assert staff.authenticate("S001", OTHER_PIN).reason == "wrong_pin"
    assert checked[-1] != dummy_hash() and len(checked) == 3
    # the dummy costs the same as a real account's hash
    assert parse_hash(dummy_hash()).params == parse_hash(checked[-1]).params


def test_an_unknown_id_takes_about_as_long_as_a_wrong_pin(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    staff.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")
    staff.authenticate("S999", OTHER_PIN)  # warm the dummy hash

    def timed(staff_id: str) -> float:
        # This thread's CPU time (scrypt runs in it): what the check costs, not how other
        # work on a busy machine happened to delay it.
        start = time.thread_time()
        staff.authenticate(staff_id, OTHER_PIN)  # the fifth locks S001: still one KDF
        return time.thread_time() - start

    unknown = median(timed("S999") for _ in range(5))
    known = median(timed("S001") for _ in range(5))
    # Without the dummy hash an unknown id would answer ~100x faster than a real check.
    assert 0.4 < unknown / known < 2.5


def test_a_weaker_stored_hash_is_raised_at_the_next_sign_in(core: TerminalCore) -> None:
    staff = directory(core, FakeClock())
    old = type(staff)(
        core.store, FakeClock(), audit=staff.audit, params=ScryptParams(n=2**14, r=8, p=1)
    )
    old.add("S001", "王敏", "clerk", GOOD_PIN, actor="technician:cli")  # a hash from before
    stronger = staff  # today's default, n=2**16
    assert stronger.authenticate("S001", GOOD_PIN).ok
    with core.store.reader.connect() as conn:
        stored = conn.exec_driver_sql("SELECT pin_hash FROM staff_accounts").scalar()
    assert stored.startswith("scrypt$65536$8$1$")
    assert stronger.authenticate("S001", GOOD_PIN).ok
    assert hash_pin(GOOD_PIN) != stored
