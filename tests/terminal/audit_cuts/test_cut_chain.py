"""The audit chain attacked by hand (issue 13, attack 4): records cut from the end with
``kv["audit.last_seq"]`` rewound, the table wiped with its kv rows, the table dropped.
A real data directory is written by real `mashangban staff` subprocesses, damaged with
sqlite3 on a connection of its own, then `mashangban audit verify` runs as a subprocess:
BROKEN with a plain reason, exit 2, no traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.terminal.staff.helpers import GOOD_PIN, OTHER_PIN
from tests.terminal.store_safety.helpers import cli as mashangban

DROP_TRIGGERS = ("DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete")


def tamper(data_dir: Path, *statements: str) -> None:
    conn = sqlite3.connect(data_dir / "store.sqlite3", isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


@pytest.fixture
def trail_dir(data_dir: Path) -> Path:
    """Four audited staff changes, written by the real command line."""
    add = ["staff", "add", "--name", "Clerk", "--pin-stdin"]
    assert mashangban(data_dir, *add, "--id", "S001", stdin=GOOD_PIN + "\n").returncode == 0
    assert mashangban(data_dir, *add, "--id", "S002", stdin=OTHER_PIN + "\n").returncode == 0
    assert mashangban(data_dir, "staff", "disable", "S001").returncode == 0
    assert mashangban(data_dir, "staff", "enable", "S001").returncode == 0
    intact = mashangban(data_dir, "audit", "verify")
    assert intact.returncode == 0 and "intact: 4 records" in intact.stdout, intact
    assert (data_dir / "keys" / "audit.head").is_file()
    return data_dir


def broken(data_dir: Path) -> tuple[str, dict[str, object]]:
    text = mashangban(data_dir, "audit", "verify")
    as_json = mashangban(data_dir, "audit", "verify", "--json")
    for run in (text, as_json):
        assert run.returncode == 2, run
        assert "Traceback" not in run.stdout + run.stderr
    assert "BROKEN" in text.stdout
    return text.stdout, json.loads(as_json.stdout)


def test_the_tail_cut_with_last_seq_rewound_is_broken(trail_dir: Path) -> None:
    tamper(trail_dir, *DROP_TRIGGERS, "DELETE FROM audit_log WHERE seq >= 3",
           "UPDATE kv SET value = '2' WHERE key = 'audit.last_seq'")  # fmt: skip
    text, doc = broken(trail_dir)
    assert doc["problem"] == "cut" and doc["first_bad_seq"] == 4
    assert "records up to the anchored head are gone" in text


def test_the_wiped_table_and_its_kv_rows_is_broken(trail_dir: Path) -> None:
    tamper(
        trail_dir,
        *DROP_TRIGGERS,
        "DELETE FROM audit_log",
        "DELETE FROM kv WHERE key LIKE 'audit.%'",
    )
    _, doc = broken(trail_dir)
    assert doc["problem"] == "cut" and doc["records"] == 0


def test_the_dropped_table_is_broken_without_a_traceback(trail_dir: Path) -> None:
    tamper(trail_dir, "DROP TABLE audit_log")
    text, doc = broken(trail_dir)
    assert doc["problem"] == "no_table"
    assert "the audit table is gone" in text


def test_the_anchor_deleted_or_edited_is_broken(trail_dir: Path) -> None:
    anchor = trail_dir / "keys" / "audit.head"
    saved = anchor.read_bytes()
    doc = json.loads(saved)
    doc["seq"] = 2  # rewind the anchor too, without the key
    anchor.write_text(json.dumps(doc))
    assert broken(trail_dir)[1]["problem"] == "anchor_invalid"
    anchor.unlink()
    assert broken(trail_dir)[1]["problem"] == "anchor_missing"
    anchor.write_bytes(saved)
    assert mashangban(trail_dir, "audit", "verify").returncode == 0


def test_a_replaced_head_record_is_broken(trail_dir: Path) -> None:
    """The head record swapped for a copy of another (its MAC no longer the anchored one)."""
    tamper(trail_dir, *DROP_TRIGGERS, "DELETE FROM audit_log WHERE seq = 4",
           "INSERT INTO audit_log(seq, at, actor, action, result, terminal_code, detail, mac) "
           "SELECT 4, at, actor, action, result, terminal_code, detail, mac "
           "FROM audit_log WHERE seq = 3")  # fmt: skip
    _, doc = broken(trail_dir)
    assert doc["problem"] in ("changed", "anchor_mismatch")


def test_doctor_fails_the_audit_check_on_a_cut_tail(trail_dir: Path) -> None:
    tamper(trail_dir, *DROP_TRIGGERS, "DELETE FROM audit_log WHERE seq = 4",
           "UPDATE kv SET value = '3' WHERE key = 'audit.last_seq'")  # fmt: skip
    run = mashangban(trail_dir, "doctor", "--json")
    assert "Traceback" not in run.stdout + run.stderr
    checks = {c["name"]: c for c in json.loads(run.stdout)["checks"]}
    assert checks["audit trail"]["verdict"] == "fail"
    assert "anchored head" in checks["audit trail"]["summary"]
