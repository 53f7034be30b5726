"""Demo is demo, from outside: real commands, the embedded demo and a real central.

Before enrolment the terminal is the demo's terminal 0000, its receipts say 演示 and
`doctor` warns; a real enrolment removes the demo (audited) and the data directory
never falls back to it, even when its store loses the enrolment.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from sync.protocol.receipt_numbers import DEMO_TERMINAL_CODE
from sync.protocol.schemas import API_PREFIX
from terminal.devices.printer.layout import TextBlock, receipt_blocks
from terminal.readonly_core import open_core_readonly
from terminal.runtime import receipt_for
from tests.conftest import make_config
from tests.terminal.store_demo.helpers import (
    TERMINAL_CODE,
    doctor,
    no_traceback,
    query,
    real_central,
    receipts,
    run,
    write,
)


def test_before_enrolment_the_terminal_is_the_demo_terminal_0000(data_dir: Path) -> None:
    made = run(data_dir, "loadgen", "--count", "2")
    assert made.returncode == 0, made.stderr
    numbers = receipts(made)
    assert len(numbers) == 2 and all(n.startswith(f"{DEMO_TERMINAL_CODE}-") for n in numbers)

    rc, checks = doctor(data_dir)
    assert rc == 1  # a warning, not healthy: nothing reaches a department
    assert checks["enrolment"]["verdict"] == "warn"
    assert "demo mode" in checks["enrolment"]["summary"]
    assert "mashangban enroll" in checks["enrolment"]["advice"]

    core = open_core_readonly(make_config(data_dir, terminal__code=TERMINAL_CODE))
    try:
        receipt = receipt_for(core, numbers[0], online=False)
    finally:
        core.close()
    printed = " ".join(b.text for b in receipt_blocks(receipt) if isinstance(b, TextBlock))
    assert receipt.demo and receipt.title.startswith("【演示】")
    assert "演示模式" in printed and "不会转交" in printed


@pytest.mark.slow
def test_enrolment_removes_the_demo_and_the_terminal_never_falls_back(
    data_dir: Path, tmp_path: Path
) -> None:
    synced = run(data_dir, "sync", "--once", "--now")  # the embedded demo central
    assert synced.returncode == 0, synced.stderr
    assert (data_dir / "demo-central" / "central.sqlite3").exists()
    assert run(data_dir, "loadgen", "--count", "2").returncode == 0  # two left queued
    assert query(data_dir, "SELECT count(*) FROM submissions") == [(2,)]

    with real_central(tmp_path / "platform") as central:
        enrolled = run(
            data_dir, "enroll", "--server", central.url, "--code", central.enrollment_code()
        )
        assert enrolled.returncode == 0, enrolled.stderr
        assert "demo:" in enrolled.stdout and "removed" in enrolled.stdout
        # The demo is gone: its submissions, its keys, its central's data.
        assert not (data_dir / "demo-central").exists()
        assert query(data_dir, "SELECT count(*) FROM submissions") == [(0,)]
        kids = [k for (k,) in query(data_dir, "SELECT kid FROM platform_keys")]
        assert kids and not any(k.startswith("demo-") for k in kids)
        mark = json.loads((data_dir / "enrolled.json").read_text(encoding="utf-8"))
        assert mark["server_url"] == central.url and "secret" not in mark
        audit = run(data_dir, "audit", "list", "--json")
        purges = [r for r in json.loads(audit.stdout) if r["action"] == "demo_purge"]
        assert len(purges) == 1 and purges[0]["actor"] == "technician:cli"

        real = run(data_dir, "loadgen", "--count", "1")
        [number] = receipts(real)
        assert number.startswith(f"{TERMINAL_CODE}-")
        sent = run(data_dir, "sync", "--once", "--now")
        assert sent.returncode == 0, sent.stderr
        assert central.receipts_of(TERMINAL_CODE) == [number]
        rc, checks = doctor(data_dir)
        assert checks["enrolment"]["verdict"] == "ok", checks["enrolment"]

        # The store loses its enrolment (a damaged store that could not be salvaged).
        write(data_dir, "DELETE FROM terminal_identity")
        again = run(data_dir, "sync", "--once", "--now")
        assert again.returncode == 2 and no_traceback(again)
        assert "enrol again" in again.stderr and central.url in again.stderr
        assert not (data_dir / "demo-central").exists()  # no demo central, no demo key
        refused = run(data_dir, "loadgen", "--count", "1")
        assert refused.returncode == 1 and receipts(refused) == [] and no_traceback(refused)
        rc, checks = doctor(data_dir)
        assert rc == 2 and checks["enrolment"]["verdict"] == "fail"
        assert "no enrolment" in checks["enrolment"]["summary"]
        assert central.receipts_of(TERMINAL_CODE) == [number]  # nothing else went anywhere


def test_a_real_platform_never_takes_the_demo_code(data_dir: Path, tmp_path: Path) -> None:
    with real_central(tmp_path / "platform") as central:
        answer = requests.post(
            f"{central.url}{API_PREFIX}/terminals/enroll",
            json={
                "enrollment_code": central.enrollment_code(),
                "terminal_code": DEMO_TERMINAL_CODE,
                "site": {"branch_code": "530102-001", "name": "test"},
                "app_version": "0.0.0",
                "hardware_id": "test-hardware",
            },
            timeout=30,
        )
        assert answer.status_code == 422
        assert answer.json()["code"] == "terminal-code-reserved"
        assert central.admin_json("terminals", "--json") == []

        done = run(
            data_dir,
            "enroll",
            "--server",
            central.url,
            "--code",
            central.enrollment_code(),
            env={"MASHANGBAN_TERMINAL__CODE": DEMO_TERMINAL_CODE},
        )
        assert done.returncode == 2 and no_traceback(done)
        assert "0000" in done.stderr and "demo" in done.stderr
