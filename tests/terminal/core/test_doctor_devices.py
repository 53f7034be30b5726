"""Device states reach doctor with a verdict and plain advice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from terminal.devices.state import DeviceState, DeviceStatus
from terminal.doctor_devices import device_checks
from tests.conftest import cli_env


def test_states_map_to_verdicts_with_advice() -> None:
    checks = {
        c.name: c
        for c in device_checks(
            {
                "printer": DeviceState(DeviceStatus.PAPER_OUT, "paper sensor"),
                "card_reader": DeviceState(DeviceStatus.OK, "simulator"),
                "camera": DeviceState(DeviceStatus.ABSENT, "no camera found"),
            }
        )
    }
    assert checks["printer"].verdict == "warn" and "paper roll" in checks["printer"].advice
    assert checks["ID-card reader"].verdict == "ok"
    assert checks["camera"].verdict == "ok" and "absent" in checks["camera"].summary


def test_doctor_fails_on_an_offline_printer_and_names_it(data_dir: Path) -> None:
    env = cli_env(data_dir)
    env["MASHANGBAN_PRINTER__BACKEND"] = "escpos"
    env["MASHANGBAN_PRINTER__ESCPOS_CONNECTION"] = "file"
    env["MASHANGBAN_PRINTER__ESCPOS_TARGET"] = str(data_dir / "no-such-dir" / "lp0")
    result = subprocess.run(
        [sys.executable, "-m", "mashangban", "doctor", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["printer"]["verdict"] == "fail"
    assert (
        "offline" in checks["printer"]["summary"] and "printing.md" in checks["printer"]["advice"]
    )
