"""Attack 6 of issue 13: staff PIN hashes. A real central on loopback, kiosks of two
branches enrolled over HTTP, accounts added with the real ``mashangban-central staff``
command line, the list fetched as each kiosk with a signed GET: a kiosk of branch A
never receives branch B's accounts (nor their hashes); short PINs and unscoped
accounts are refused; the KDF costs four times what it did."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
from centralkit.cli import command
from centralkit.server import ThreadedCentral
from centralkit.terminals import EnrolledTerminal, enroll_terminal

from central.clock import ManualClock
from central.config import CentralConfig
from sync.protocol.staff_rules import parse_hash, verify_pin

STAFF = "/api/v1/staff"
PIN_A, PIN_B, PIN_T = "135790", "246813", "580461"


def staff(
    config: CentralConfig, *args: str, pin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(config.data_dir, config.db_url, "staff", *args),
        input=None if pin is None else pin + "\n",
        stdin=subprocess.DEVNULL if pin is None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def kiosks(
    central: ThreadedCentral, clock: ManualClock
) -> Iterator[tuple[EnrolledTerminal, EnrolledTerminal]]:
    a = enroll_terminal(central, clock, "0101", branch="BRANCH-A")
    b = enroll_terminal(central, clock, "0202", branch="BRANCH-B")
    yield a, b
    a.client.close()
    b.client.close()


def test_a_kiosk_of_branch_a_never_receives_branch_b_staff(
    config: CentralConfig, kiosks: tuple[EnrolledTerminal, EnrolledTerminal]
) -> None:
    a, b = kiosks
    for staff_id, where, pin in (("SA1", ("--branch", "BRANCH-A"), PIN_A),
                                 ("SB1", ("--branch", "BRANCH-B"), PIN_B),
                                 ("TA1", ("--terminal", "0101"), PIN_T)):  # fmt: skip
        added = staff(
            config, "add", "--id", staff_id, "--name", "员工", *where, "--pin-stdin", pin=pin
        )
        assert added.returncode == 0, added.stderr

    got_a = a.client.get(STAFF)
    got_b = b.client.get(STAFF)
    assert got_a.status_code == got_b.status_code == 200
    assert [x["staff_id"] for x in got_a.json()["accounts"]] == ["SA1", "TA1"]
    assert [x["staff_id"] for x in got_b.json()["accounts"]] == ["SB1"]
    [sb1] = got_b.json()["accounts"]
    assert sb1["pin_hash"] not in got_a.text and "SB1" not in got_a.text  # not even the id
    assert verify_pin(PIN_B, sb1["pin_hash"])
    assert parse_hash(sb1["pin_hash"]).params.n == 2**16  # the raised cost

    # a clerk moving branch: B's kiosk gets the account, A's has it disabled
    moved = staff(config, "assign", "SA1", "--branch", "BRANCH-B")
    assert moved.returncode == 0, moved.stderr
    assert [x["staff_id"] for x in a.client.get(STAFF).json()["accounts"]] == ["TA1"]
    assert [x["staff_id"] for x in b.client.get(STAFF).json()["accounts"]] == ["SA1", "SB1"]


def test_an_account_must_say_where_it_is_used(config: CentralConfig, kiosks: object) -> None:
    unscoped = staff(config, "add", "--id", "S9", "--name", "员工", "--pin-stdin", pin=PIN_A)
    assert unscoped.returncode == 2 and "--branch" in unscoped.stderr
    everywhere = staff(config, "add", "--id", "S9", "--name", "员工", "--all-terminals",
                       "--pin-stdin", pin=PIN_A)  # fmt: skip
    assert everywhere.returncode == 0, everywhere.stderr  # a deliberate choice
    bad = staff(config, "add", "--id", "S8", "--name", "员工", "--branch", "a b", "--pin-stdin",
                pin=PIN_A)  # fmt: skip
    assert bad.returncode == 2 and "branch code" in bad.stderr


@pytest.mark.parametrize("pin", ["4829", "48291", "1357"])
def test_a_short_pin_is_refused_at_add_and_reset(config: CentralConfig, pin: str) -> None:
    add = staff(config, "add", "--id", "S7", "--name", "员工", "--branch", "BRANCH-A",
                "--pin-stdin", pin=pin)  # fmt: skip
    assert add.returncode == 2 and "6 to 8 digits" in add.stderr
    assert pin not in add.stdout + add.stderr and "Traceback" not in add.stderr
    ok = staff(config, "add", "--id", "S7", "--name", "员工", "--branch", "BRANCH-A",
               "--pin-stdin", pin=PIN_A)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    reset = staff(config, "reset-pin", "S7", "--pin-stdin", pin=pin)
    assert reset.returncode == 2 and "6 to 8 digits" in reset.stderr
