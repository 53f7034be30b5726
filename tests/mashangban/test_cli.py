"""The `mashangban` command line, run as a real subprocess on a fresh data directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import cli_env


def mashangban(
    data_dir: Path, *args: str, config: Path | None = None
) -> subprocess.CompletedProcess[str]:
    pre = ["--config", str(config)] if config else []
    return subprocess.run(
        [sys.executable, "-m", "mashangban", *pre, *args],
        env=cli_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_doctor_on_a_fresh_data_directory_creates_nothing_then_only_warns_of_the_demo(
    data_dir: Path,
) -> None:
    result = mashangban(data_dir, "doctor", "--json")
    assert result.returncode == 1, result.stderr  # read-only: it says so, creates no store
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["store"]["verdict"] == "warn" and "no store yet" in checks["store"]["summary"]
    assert not (data_dir / "store.sqlite3").exists()
    assert mashangban(data_dir, "loadgen", "--count", "0").returncode == 0  # a writer creates it
    result = mashangban(data_dir, "doctor", "--json")
    assert result.returncode == 1, result.stderr  # not enrolled: the demo is a warning
    doc = json.loads(result.stdout)
    assert doc["healthy"] is False and doc["verdict"] == "warn"
    names = {c["name"] for c in doc["checks"]}
    assert {"disk", "store integrity", "store settings", "enrolment", "queue"} <= names
    warned = {c["name"] for c in doc["checks"] if c["verdict"] != "ok"}
    assert warned <= {"enrolment", "disk"}, doc  # disk: a nearly full test machine
    enrolment = next(c for c in doc["checks"] if c["name"] == "enrolment")
    assert "demo mode" in enrolment["summary"] and "not forwarded" in enrolment["summary"]
    text = mashangban(data_dir, "doctor")
    assert text.returncode == 1 and "demo mode" in text.stdout and "Verdict: working" in text.stdout


def test_doctor_reports_a_damaged_store_and_only_a_writer_moves_it(data_dir: Path) -> None:
    assert mashangban(data_dir, "loadgen", "--count", "2").returncode == 0
    damaged = b"\x00not a database" * 500
    (data_dir / "store.sqlite3").write_bytes(damaged)
    result = mashangban(data_dir, "doctor", "--json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["store integrity"]["verdict"] == "fail"
    assert (data_dir / "store.sqlite3").read_bytes() == damaged  # doctor repairs nothing
    assert not (data_dir / "damaged").exists()
    assert mashangban(data_dir, "loadgen", "--count", "0").returncode == 0  # the owner does
    result = mashangban(data_dir, "doctor", "--json")
    assert result.returncode == 1
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["store history"]["verdict"] == "warn"
    assert "moved aside" in checks["store history"]["summary"]
    assert checks["store integrity"]["verdict"] == "ok"  # the fresh store is fine


def test_loadgen_prints_receipts_and_queue_counts_them(data_dir: Path) -> None:
    result = mashangban(data_dir, "loadgen", "--count", "5", "--attachments", "1", "--seed", "3")
    assert result.returncode == 0, result.stderr
    receipts = result.stdout.split()
    assert len(receipts) == 5 and len(set(receipts)) == 5
    stats = json.loads(mashangban(data_dir, "queue", "--json").stdout)
    assert stats["pending"] == 5 and stats["unprinted"] == 5 and stats["oldest_pending_at"]
    lines = mashangban(data_dir, "queue", "--list").stdout.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [[r, "appeal", "pending"] for r in receipts]


def test_loadgen_from_a_payload_file(data_dir: Path, tmp_path: Path) -> None:
    good = tmp_path / "rating.json"
    good.write_text(
        json.dumps(
            {
                "kind": "rating",
                "payload": {
                    "target_receipt_no": "0042-261127-0001-8",
                    "score": 5,
                    "reasons": [],
                    "comment": "",
                },
            }
        )
    )
    result = mashangban(data_dir, "loadgen", "--count", "2", "--from", str(good))
    assert result.returncode == 0 and len(result.stdout.split()) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "letter"}')
    result = mashangban(data_dir, "loadgen", "--count", "1", "--from", str(bad))
    assert result.returncode == 2 and "kind" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_config_file_gets_a_plain_message_naming_key_and_line(
    data_dir: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[terminal]\ncode = "0042"\n\n[store]\nretention_days = "thirty"\n')
    result = mashangban(data_dir, "doctor", config=config)
    assert result.returncode == 2
    assert "retention_days" in result.stderr and "line 5" in result.stderr
    assert "Traceback" not in result.stderr
