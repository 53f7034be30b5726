"""Staff accounts at central: the admin command line never takes a PIN as an argument,
``GET /api/v1/staff`` sends each terminal its accounts (ETag / 304), and the migration
adds the tables to a live database. (The rules and the hash format are the terminal's
own module, sync/protocol/staff_rules.py: tests/terminal/staff/test_staff_rules.py.)
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import requests
from alembic import command
from centralkit.cli import command as cli_command
from centralkit.cli import run_cli, run_json
from centralkit.terminals import enroll_terminal
from sqlalchemy import inspect, text

from central.services.staff import NewAccount, add_account, set_enabled, set_pin_hash
from central.store.engine import Store
from central.store.migrate import alembic_config, current_revision, head_revision, upgrade
from sync.protocol.staff_list import StaffListResponse
from sync.protocol.staff_rules import hash_new_pin, parse_hash, verify_pin

STAFF = "/api/v1/staff"
PIN = "135790"
NEW_PIN = "246813"
TERMINAL_ID = "6f1c2a3e-0d4b-4c5e-8f90-123456789abc"


# --- the command line ------------------------------------------------------------------


def staff_cli(
    data: Path, db_url: str, *args: str, pin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``mashangban-central staff …``; the PIN, if any, goes to standard input only."""
    return subprocess.run(
        cli_command(data, db_url, "staff", *args),
        input=None if pin is None else pin + "\n",
        stdin=subprocess.DEVNULL if pin is None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def stored_hashes(db_url: str) -> dict[str, str]:
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT staff_id, pin_hash FROM staff_accounts")).all()
        return {r[0]: r[1] for r in rows}
    finally:
        store.dispose()


def test_cli_add_reset_disable_enable_list(tmp_path: Path, db_url: str) -> None:
    data = tmp_path / "data"
    added = staff_cli(data, db_url, "add", "--id", "S001", "--name", "王敏", "--all-terminals",
                      "--pin-stdin", pin=PIN)  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert PIN not in added.stdout + added.stderr
    other = staff_cli(data, db_url, "add", "--id", "T001", "--name", "李娜", "--role",
                      "technician", "--terminal", "0042", "--terminal", "0043", "--pin-stdin",
                      pin=NEW_PIN)  # fmt: skip
    assert other.returncode == 0, other.stderr
    assert "no terminal with code 0042 yet" in other.stderr  # allowed: enrolled later
    first = stored_hashes(db_url)["S001"]
    assert verify_pin(PIN, first) and parse_hash(first).params.n >= 2**14

    again = staff_cli(data, db_url, "add", "--id", "S001", "--name", "王敏", "--all-terminals",
                      "--pin-stdin", pin=PIN)  # fmt: skip
    assert again.returncode == 2 and "already exists" in again.stderr

    reset = staff_cli(data, db_url, "reset-pin", "S001", "--pin-stdin", pin=NEW_PIN)
    assert reset.returncode == 0, reset.stderr
    second = stored_hashes(db_url)["S001"]
    assert verify_pin(NEW_PIN, second) and not verify_pin(PIN, second)

    assert staff_cli(data, db_url, "disable", "S001").returncode == 0
    rows = {r["staff_id"]: r for r in run_json(data, db_url, "staff", "list")}
    assert rows["S001"]["enabled"] is False and rows["S001"]["terminals"] == "all"
    assert rows["T001"]["terminals"] == ["0042", "0043"] and rows["T001"]["role"] == "technician"
    assert rows["T001"]["display_name"] == "李娜"
    assert staff_cli(data, db_url, "enable", "S001").returncode == 0
    table = run_cli(data, db_url, "staff", "list")
    assert "S001\t王敏\tclerk\tenabled\tterminals all" in table.stdout
    listing = json.dumps(run_json(data, db_url, "staff", "list"))
    assert "scrypt" not in listing and "scrypt" not in table.stdout  # never the hash

    missing = staff_cli(data, db_url, "disable", "S404")
    assert missing.returncode == 2 and "no staff account" in missing.stderr


def test_cli_never_takes_a_pin_as_an_argument_and_refuses_trivial_pins(
    tmp_path: Path, db_url: str
) -> None:
    data = tmp_path / "data"
    base = ("add", "--id", "S001", "--name", "王敏", "--branch", "B01")
    as_option = staff_cli(data, db_url, *base, "--pin", PIN)
    assert as_option.returncode == 2 and "unrecognized arguments" in as_option.stderr
    as_positional = staff_cli(data, db_url, *base, PIN)
    assert as_positional.returncode == 2 and "unrecognized arguments" in as_positional.stderr
    no_tty = staff_cli(data, db_url, *base)  # stdin is not a terminal: no prompt possible
    assert no_tty.returncode == 2 and "--pin-stdin" in no_tty.stderr
    for trivial, why in (("123456", "run of digits"), ("111111", "repeat one digit"),
                         ("121212", "short block"), ("12345", "6 to 8 digits"),
                         ("098765", "run of digits")):  # fmt: skip
        refused = staff_cli(data, db_url, *base, "--pin-stdin", pin=trivial)
        assert refused.returncode == 2 and why in refused.stderr, refused.stderr
        assert trivial not in refused.stderr
    bad_terminal = staff_cli(data, db_url, *base, "--terminal", "T0001", "--pin-stdin", pin=PIN)
    assert bad_terminal.returncode == 2 and "4-digit code" in bad_terminal.stderr
    unknown_id = staff_cli(data, db_url, *base, "--terminal",
                           "0b7e2a36-4d0e-4a53-9c4f-1f1d7a1f0e11", "--pin-stdin",
                           pin=PIN)  # fmt: skip
    assert unknown_id.returncode == 2 and "no terminal with id" in unknown_id.stderr
    assert run_json(data, db_url, "staff", "list") == []
    reset_unknown = staff_cli(data, db_url, "reset-pin", "S001", "--pin-stdin", pin=PIN)
    assert reset_unknown.returncode == 2 and "no staff account" in reset_unknown.stderr


# --- the endpoint ----------------------------------------------------------------------


def _add(central, staff_id, *terminals, role="clerk"):
    account = NewAccount(staff_id, f"员工{staff_id}", role, hash_new_pin(PIN), terminals)
    add_account(central.services.core.store, account, central.clock.now())


def test_staff_list_etag_304_and_changes(central, terminal):
    empty = terminal.client.get(STAFF)
    assert empty.status_code == 200 and empty.json() == {"accounts": []}
    _add(central, "S002")
    _add(central, "S001", role="technician")
    first = terminal.client.get(STAFF)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-store"
    etag = first.headers["ETag"]
    assert etag != empty.headers["ETag"]
    listing = StaffListResponse.model_validate_json(first.content)
    assert [(a.staff_id, a.role, a.enabled) for a in listing.accounts] == [
        ("S001", "technician", True),
        ("S002", "clerk", True),
    ]
    assert verify_pin(PIN, listing.accounts[0].pin_hash)
    assert listing.accounts[0].display_name == "员工S001"
    assert PIN not in first.text

    same = terminal.client.get(STAFF, headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b"" and same.headers["ETag"] == etag
    listed = terminal.client.get(STAFF, headers={"If-None-Match": f'"other", W/{etag}'})
    assert listed.status_code == 304

    set_enabled(central.services.core.store, "S002", False, central.clock.now())
    disabled = terminal.client.get(STAFF, headers={"If-None-Match": etag})
    assert disabled.status_code == 200 and disabled.headers["ETag"] != etag
    assert [a["enabled"] for a in disabled.json()["accounts"]] == [True, False]  # still sent

    set_pin_hash(central.services.core.store, "S001", hash_new_pin(NEW_PIN), central.clock.now())
    reset = terminal.client.get(STAFF, headers={"If-None-Match": disabled.headers["ETag"]})
    assert reset.status_code == 200
    assert verify_pin(NEW_PIN, reset.json()["accounts"][0]["pin_hash"])


def test_accounts_go_only_to_the_terminals_they_are_for(central, terminal, clock):
    other = enroll_terminal(central, clock, "0077")
    try:
        _add(central, "ALL1")
        _add(central, "MINE", terminal.terminal_id)
        _add(central, "CODE", "0042")  # terminal's code
        _add(central, "THEIRS", other.terminal_id)
        _add(central, "NOBODY", "9999")

        def ids(client):
            return [a["staff_id"] for a in client.get(STAFF).json()["accounts"]]

        assert ids(terminal.client) == ["ALL1", "CODE", "MINE"]
        assert ids(other.client) == ["ALL1", "THEIRS"]
    finally:
        other.client.close()


def test_staff_list_is_signed_and_published(central, terminal):
    unsigned = requests.get(central.url + STAFF, timeout=30)
    assert unsigned.status_code == 401
    assert unsigned.headers["content-type"].startswith("application/problem+json")
    assert unsigned.json()["code"] == "bad-signature"
    wrong_method = terminal.client.send("POST", STAFF, b"{}")
    assert wrong_method.status_code == 405 and wrong_method.json()["code"] == "method-not-allowed"
    document = requests.get(central.url + "/openapi.json", timeout=30).json()
    operation = document["paths"][STAFF]["get"]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/StaffListResponse")
    assert "304" in operation["responses"] and "401" in operation["responses"]
    assert "StaffAccountRecord" in document["components"]["schemas"]


def test_a_hand_edited_bad_row_is_sent_as_it_is_not_a_500(central, terminal):
    _add(central, "S001")
    with central.services.core.store.transaction() as session:
        session.execute(text("UPDATE staff_accounts SET role = 'boss', pin_hash = 'x'"))
    response = terminal.client.get(STAFF)
    assert response.status_code == 200  # the terminal judges the records and refuses them
    assert response.json()["accounts"][0]["role"] == "boss"


# --- the migration ---------------------------------------------------------------------


def test_migration_0003_adds_staff_tables_to_a_database_at_0002(
    tmp_path: Path, db_url: str
) -> None:
    store = Store(db_url)
    try:
        config = alembic_config()
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0002")
        now = datetime.now(UTC).replace(tzinfo=None)
        with store.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO terminals (id, code, site_branch_code, site_name, hardware_id,"
                    " secret_sealed, app_version, enrolled_at, revoked, change_seq) VALUES"
                    " (:id, '0042', 'b', 's', 'h', :secret, '1.0', :now, false, 0)"
                ),
                {"id": TERMINAL_ID, "secret": b"sealed", "now": now},
            )
        upgrade(store)
        assert current_revision(store) == head_revision()
        tables = set(inspect(store.engine).get_table_names())
        assert {"staff_accounts", "staff_account_terminals", "terminals"} <= tables
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT code FROM terminals")).scalar_one() == "0042"
        add_account(
            store,
            NewAccount("S001", "王敏", "clerk", hash_new_pin(PIN), (TERMINAL_ID,)),
            datetime.now(UTC),
        )
        if store.dialect == "sqlite":
            database = db_url.removeprefix("sqlite:///")
            assert list(Path(database).parent.glob(Path(database).name + ".bak-0002-*"))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
        assert "staff_accounts" not in set(inspect(store.engine).get_table_names())
    finally:
        store.dispose()
    if db_url.startswith("sqlite:///"):
        conn = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()
