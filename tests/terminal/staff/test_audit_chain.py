"""The audit chain: verification, tampering of every kind, triggers, retention."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from terminal.audit.key import AuditKeyMissing, audit_key_path
from terminal.audit.trail import AuditTrail
from terminal.runtime import TerminalCore
from tests.terminal.staff.helpers import FakeClock, raw_sql, trail

DROP_TRIGGERS = (
    "DROP TRIGGER audit_log_no_update",
    "DROP TRIGGER audit_log_no_delete",
)


def _five(core: TerminalCore, clock: FakeClock | None = None) -> AuditTrail:
    audit = trail(core, clock)
    for i in range(5):
        audit.record("S001", "reprint", "ok", {"receipt_no": f"0042-261127-000{i}-1"})
    return audit


def test_an_untouched_chain_verifies(core: TerminalCore) -> None:
    audit = _five(core)
    result = audit.verify()
    assert (result.ok, result.records, result.first_bad_seq) == (True, 5, None)
    assert [r.seq for r in audit.records()] == [1, 2, 3, 4, 5]
    assert trail(core).verify().ok  # a fresh trail with the same key file agrees


def test_a_changed_field_is_found_at_its_sequence(core: TerminalCore) -> None:
    audit = _five(core)
    raw_sql(
        core.paths.store_file,
        *DROP_TRIGGERS,
        "UPDATE audit_log SET result = 'failed' WHERE seq = 3",
    )
    result = audit.verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 3, "changed")


def test_a_removed_middle_record_is_found(core: TerminalCore) -> None:
    audit = _five(core)
    raw_sql(core.paths.store_file, *DROP_TRIGGERS, "DELETE FROM audit_log WHERE seq = 2")
    result = audit.verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 2, "missing")


def test_a_removed_last_record_is_found(core: TerminalCore) -> None:
    audit = _five(core)
    raw_sql(core.paths.store_file, *DROP_TRIGGERS, "DELETE FROM audit_log WHERE seq = 5")
    result = audit.verify()
    assert (result.ok, result.first_bad_seq) == (False, 5)
    audit.record("S001", "logout")  # appending after the cut does not hide it
    assert audit.verify().first_bad_seq == 5


def test_swapped_contents_are_found(core: TerminalCore) -> None:
    audit = _five(core)
    cols = "at, actor, action, result, terminal_code, detail, mac"
    raw_sql(
        core.paths.store_file,
        *DROP_TRIGGERS,
        f"CREATE TEMP TABLE t AS SELECT seq, {cols} FROM audit_log WHERE seq IN (2, 4)",
        "DELETE FROM audit_log WHERE seq IN (2, 4)",
        f"INSERT INTO audit_log(seq, {cols}) SELECT 6 - seq, {cols} FROM t",
    )
    result = audit.verify()
    assert (result.ok, result.first_bad_seq, result.problem) == (False, 2, "changed")


def test_reordered_sequence_numbers_are_found(core: TerminalCore) -> None:
    audit = _five(core)
    raw_sql(
        core.paths.store_file,
        *DROP_TRIGGERS,
        "UPDATE audit_log SET seq = -1 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = -1",
    )
    assert audit.verify().first_bad_seq == 3


def test_triggers_refuse_update_and_delete(core: TerminalCore) -> None:
    _five(core)
    for sql in (
        "UPDATE audit_log SET actor = 'S002' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "DELETE FROM audit_log",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw_sql(core.paths.store_file, sql)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        core.store.writer.run(lambda c: c.execute("UPDATE audit_log SET mac = 'x'"))
    assert trail(core).verify().records == 5


def test_a_different_key_does_not_verify(core: TerminalCore) -> None:
    _five(core)
    other = AuditTrail(core.store, b"k" * 32, core.terminal_code)
    assert other.verify().first_bad_seq == 1


def test_the_key_file_is_private_and_never_silently_replaced(core: TerminalCore) -> None:
    _five(core)
    path = audit_key_path(core.paths.local_key_file)
    assert path.stat().st_mode & 0o777 == 0o600
    path.unlink()
    with pytest.raises(AuditKeyMissing, match="restore"):
        trail(core)
    assert not path.exists()


def test_retention_removes_old_records_and_the_rest_still_verifies(core: TerminalCore) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    clock = FakeClock(now - timedelta(days=400))
    audit = _five(core, clock)  # seq 1-5, 400 days old
    clock.now = now - timedelta(days=200)
    audit.mark_sent(5)
    assert audit.apply_retention() == 5  # cutoff 383 days before "now - 200 days"
    audit.record("S001", "logout")  # seq 7, after the checkpoint at seq 6
    clock.now = now - timedelta(days=100)
    audit.record("S001", "login")  # seq 8, young
    result = audit.verify()
    assert (result.ok, result.start_seq, result.records) == (True, 6, 3)
    [checkpoint] = [r for r in audit.records() if r.action == "audit_checkpoint"]
    assert (checkpoint.seq, checkpoint.actor) == (6, "system")
    # a second round, at today's date: 6 and 7 are older than 183 days but 7 is unsent
    clock.now = now
    assert audit.apply_retention() == 0
    audit.mark_sent(7)
    assert audit.apply_retention() == 2
    result = audit.verify()
    assert (result.ok, result.start_seq) == (True, 8)
    assert [r.seq for r in audit.records()] == [8, 9]


def test_retention_never_takes_records_younger_than_183_days(core: TerminalCore) -> None:
    now = datetime.now(UTC)
    audit = _five(core, FakeClock(now - timedelta(days=182)))
    audit.mark_sent(5)
    assert AuditTrail(core.store, b"\0" * 32, "0042", FakeClock(now)).apply_retention(days=30) == 0
    assert [r.seq for r in audit.records()] == [1, 2, 3, 4, 5]


def test_deleting_old_records_without_a_checkpoint_is_found(core: TerminalCore) -> None:
    now = datetime.now(UTC)
    audit = _five(core, FakeClock(now - timedelta(days=300)))
    raw_sql(core.paths.store_file, "DELETE FROM audit_log WHERE seq <= 2")  # allowed: old
    assert (audit.verify().ok, audit.verify().first_bad_seq) == (False, 1)


def test_unsent_and_mark_sent_hand_records_to_central(core: TerminalCore) -> None:
    audit = _five(core)
    batch = audit.unsent(limit=3)
    assert [r["seq"] for r in batch] == [1, 2, 3]
    assert batch[0]["detail"] == {"receipt_no": "0042-261127-0000-1"}
    assert set(batch[0]) == {
        "seq", "at", "actor", "action", "result", "terminal_code", "detail", "mac"
    }  # fmt: skip
    audit.mark_sent(3)
    assert [r["seq"] for r in audit.unsent()] == [4, 5] and audit.unsent_count() == 2
    audit.mark_sent(1)  # never moves back
    assert audit.unsent_count() == 2
    with pytest.raises(ValueError, match="no audit record 9"):
        audit.mark_sent(9)
