"""`mashangban staff` and `mashangban audit`, run as real subprocesses."""

from __future__ import annotations

import json
import os
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import cli_env
from tests.terminal.staff.helpers import GOOD_PIN, OTHER_PIN


def mashangban(
    data_dir: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mashangban", *args],
        env=cli_env(data_dir),
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_add_list_disable_enable_and_the_audit_trail(data_dir: Path) -> None:
    add = mashangban(data_dir, "staff", "add", "--id", "S001", "--name", "王敏", "--pin-stdin",
                     stdin=GOOD_PIN + "\n")  # fmt: skip
    assert add.returncode == 0, add.stderr
    tech = ["staff", "add", "--id", "T01", "--name", "Tech", "--role", "technician", "--pin-stdin"]
    assert mashangban(data_dir, *tech, stdin=OTHER_PIN + "\n").returncode == 0
    listed = json.loads(mashangban(data_dir, "staff", "list", "--json").stdout)
    assert [(a["id"], a["name"], a["role"], a["enabled"]) for a in listed] == [
        ("S001", "王敏", "clerk", True),
        ("T01", "Tech", "technician", True),
    ]
    assert mashangban(data_dir, "staff", "disable", "S001").returncode == 0
    listed = json.loads(mashangban(data_dir, "staff", "list", "--json").stdout)
    assert [a["enabled"] for a in listed] == [False, True]
    assert mashangban(data_dir, "staff", "enable", "S001").returncode == 0
    text = mashangban(data_dir, "staff", "list").stdout
    assert "S001\t王敏\tclerk\tenabled" in text
    records = json.loads(mashangban(data_dir, "audit", "list", "--json").stdout)
    assert [(r["actor"], r["action"], r["result"]) for r in records] == [
        ("technician:cli", "staff_add", "ok"),
        ("technician:cli", "staff_add", "ok"),
        ("technician:cli", "staff_disable", "ok"),
        ("technician:cli", "staff_enable", "ok"),
    ]
    verify = mashangban(data_dir, "audit", "verify")
    assert verify.returncode == 0 and "intact: 4 records" in verify.stdout


def test_refusals_exit_2_without_a_traceback_or_the_pin(data_dir: Path) -> None:
    args = ["staff", "add", "--id", "S001", "--name", "王敏", "--pin-stdin"]
    weak = mashangban(data_dir, *args, stdin="123456\n")
    assert weak.returncode == 2 and "run of digits" in weak.stderr
    assert mashangban(data_dir, *args, stdin=GOOD_PIN + "\n").returncode == 0
    again = mashangban(data_dir, *args, stdin=OTHER_PIN + "\n")
    assert again.returncode == 2 and "already exists" in again.stderr
    no_tty = mashangban(data_dir, "staff", "add", "--id", "S002", "--name", "李")
    assert no_tty.returncode == 2 and "--pin-stdin" in no_tty.stderr
    unknown = mashangban(data_dir, "staff", "disable", "S404")
    assert unknown.returncode == 2 and "no staff account" in unknown.stderr
    reset = mashangban(data_dir, "staff", "reset-pin", "S001", "--pin-stdin", stdin="905172\n")
    assert reset.returncode == 0, reset.stderr
    for result in (weak, again, no_tty, unknown, reset):
        out = result.stdout + result.stderr
        assert "Traceback" not in out
        assert all(pin not in out for pin in ("123456", GOOD_PIN, OTHER_PIN, "905172"))
    for path in (p for p in data_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert all(pin.encode() not in data for pin in (GOOD_PIN, OTHER_PIN, "905172")), path
    assert (data_dir / "logs" / "mashangban.log").exists()


def test_audit_verify_exits_2_at_the_first_bad_record(data_dir: Path) -> None:
    for staff_id in ("S001", "S002", "S003"):
        args = ["staff", "add", "--id", staff_id, "--name", "员工", "--pin-stdin"]
        assert mashangban(data_dir, *args, stdin=GOOD_PIN + "\n").returncode == 0
    conn = sqlite3.connect(data_dir / "store.sqlite3", isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    conn.close()
    result = mashangban(data_dir, "audit", "verify", "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout) == {
        "ok": False, "records": 1, "first_bad_seq": 2, "problem": "missing", "start_seq": 1
    }  # fmt: skip
    text = mashangban(data_dir, "audit", "verify")
    assert text.returncode == 2 and "BROKEN at record 2" in text.stdout
    out = data_dir.parent / "broken-export.json"  # exported all the same, and said so
    export = mashangban(data_dir, "audit", "export", "--out", str(out))
    assert export.returncode == 2 and "BROKEN at record 2" in export.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["verification"]["ok"] is False


def test_audit_list_since(data_dir: Path) -> None:
    args = ["staff", "add", "--id", "S001", "--name", "员工", "--pin-stdin"]
    assert mashangban(data_dir, *args, stdin=GOOD_PIN + "\n").returncode == 0
    later = mashangban(data_dir, "audit", "list", "--since", "2999-01-01", "--json")
    assert later.returncode == 0 and json.loads(later.stdout) == []
    earlier = mashangban(data_dir, "audit", "list", "--since", "2000-01-01T00:00")
    assert earlier.returncode == 0 and "staff_add" in earlier.stdout
    bad = mashangban(data_dir, "audit", "list", "--since", "yesterday")
    assert bad.returncode == 2 and "--since" in bad.stderr


def _read_until(fd: int, token: bytes, seen: bytearray, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while token not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 1024)
            except OSError:  # the child closed its side
                return


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_add_asks_twice_on_the_terminal_without_echo(data_dir: Path) -> None:
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mashangban", "staff", "add", "--id", "T01", "--name", "Tech"],
        stdin=slave, stdout=slave, stderr=slave, env=cli_env(data_dir), start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    seen = bytearray()
    try:
        _read_until(master, b"new PIN", seen)
        os.write(master, GOOD_PIN.encode() + b"\n")
        _read_until(master, b"PIN again", seen)
        os.write(master, GOOD_PIN.encode() + b"\n")
        _read_until(master, b"added", seen)
        assert proc.wait(timeout=60) == 0, seen.decode(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert b"staff account T01 added" in seen
    assert GOOD_PIN.encode() not in seen  # the terminal did not echo it
    listed = json.loads(mashangban(data_dir, "staff", "list", "--json").stdout)
    assert [a["id"] for a in listed] == ["T01"]


def test_audit_export_writes_a_new_file_and_is_itself_audited(
    data_dir: Path, tmp_path: Path
) -> None:
    add = ["staff", "add", "--id", "S001", "--name", "王敏", "--pin-stdin"]
    assert mashangban(data_dir, *add, stdin=GOOD_PIN + "\n").returncode == 0
    out = tmp_path / "audit-export.json"
    done = mashangban(data_dir, "audit", "export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["verification"]["ok"] is True
    assert [r["action"] for r in exported["records"]] == ["staff_add"]
    assert all(len(r["mac"]) == 64 for r in exported["records"])
    assert out.stat().st_mode & 0o077 == 0  # the technician's file only
    records = json.loads(mashangban(data_dir, "audit", "list", "--json").stdout)
    assert records[-1]["action"] == "export"
    assert records[-1]["actor"] == "technician:cli"
    assert records[-1]["detail"] == {"what": "audit", "count": 1}
    again = mashangban(data_dir, "audit", "export", "--out", str(out))  # never overwritten
    assert again.returncode == 2 and "already exists" in again.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == exported
