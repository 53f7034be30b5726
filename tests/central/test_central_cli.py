"""The command line as an operator uses it: real subprocesses against one data dir."""

from __future__ import annotations

import re
import signal
import subprocess
import time
import uuid

import pytest
import requests
from centralkit.batches import send_batch
from centralkit.catalog import write_catalog
from centralkit.cli import SCRIPT, ServeProcess, run_cli, run_json
from centralkit.client import SignedClient
from centralkit.factory import SubmissionFactory

BEAT = {
    "app_version": "1.2.0",
    "queue": {"pending": 7, "oldest_pending_at": "2026-11-27T01:00:00Z", "rejected": 1},
    "devices": {"printer": "paper_out", "card_reader": "ok", "scanner": "absent"},
    "disk_free_bytes": 123456789,
    "last_sync_at": "2026-11-27T01:30:00Z",
}


def _enrol(url: str, code: str) -> tuple[SignedClient, SubmissionFactory]:
    response = requests.post(url + "/api/v1/terminals/enroll", json={
        "enrollment_code": code, "terminal_code": "0042",
        "site": {"branch_code": "530102-001", "name": "五华区"},
        "app_version": "1.0.0", "hardware_id": str(uuid.uuid4()),
    }, timeout=30)  # fmt: skip
    assert response.status_code == 201, response.text
    body = response.json()
    client = SignedClient(url, body["terminal_id"], body["secret"], time.time)
    return client, SubmissionFactory("0042", body["platform_keys"])


def test_serve_enrol_heartbeat_and_admin_commands(tmp_path, db_url):
    data, catalog = tmp_path / "data", write_catalog(tmp_path / "catalog.json")
    server = ServeProcess(data, db_url, "--catalog", str(catalog))
    try:
        assert re.fullmatch(r"listening http://127\.0\.0\.1:\d+", server.line)
        assert requests.get(server.url + "/healthz", timeout=30).json()["status"] == "ok"
        issued = run_cli(data, db_url, "enroll-code")
        assert issued.returncode == 0, issued.stderr
        code = issued.stdout.strip()
        assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code)
        client, factory = _enrol(server.url, code)
        beat = client.post_json("/api/v1/terminals/heartbeat", BEAT)
        assert beat.status_code == 200 and "server_time" in beat.json()
        assert beat.json()["min_app_version"] == "0.0.0"

        (row,) = run_json(data, db_url, "terminals")
        assert row["terminal_id"] == client.terminal_id and row["app_version"] == "1.2.0"
        assert row["queue_pending"] == 7 and row["devices"]["printer"] == "paper_out"
        assert row["terminal_last_sync_at"] == "2026-11-27T01:30:00.000000Z"
        assert row["last_heartbeat_at"] and "secret" not in str(row)
        table = run_cli(data, db_url, "terminals")
        assert "printer=paper_out" in table.stdout

        item = factory.item()
        assert send_batch(client, [item]).json()["results"][0]["outcome"] == "accepted"
        (terminal_row,) = run_json(data, db_url, "terminals")
        assert terminal_row["last_sync_at"]

        advanced = run_cli(data, db_url, "case", "advance", item["receipt_no"], "needs_info",
                           "--note", "缺身份证复印件")  # fmt: skip
        assert advanced.returncode == 0, advanced.stderr
        changes = client.get("/api/v1/cases/changes?after=1").json()["changes"]
        assert [c["status"] for c in changes] == ["needs_info"]
        cases = run_json(data, db_url, "cases", "--status", "needs_info", "--terminal", "0042")
        assert [c["receipt_no"] for c in cases] == [item["receipt_no"]]
        assert run_json(data, db_url, "cases", "--status", "resolved") == []
        assert run_json(data, db_url, "cases", "--since", "2000-01-01")[0]["status"] == "needs_info"
        missing = run_cli(data, db_url, "case", "advance", "0042-261127-9999-5", "closed")
        assert missing.returncode == 1 and "error" in missing.stderr

        kids_before = [k["kid"] for k in run_json(data, db_url, "keys", "list")]
        rotated = run_cli(data, db_url, "keys", "rotate")
        assert rotated.returncode == 0, rotated.stderr
        keys = run_json(data, db_url, "keys", "list")
        assert [k["kid"] for k in keys] == [rotated.stdout.strip(), *kids_before]
        assert keys[0]["current"] and not keys[1]["current"]
        catalog_keys = client.get("/api/v1/catalog").json()["platform_keys"]
        assert [k["kid"] for k in catalog_keys] == [k["kid"] for k in keys]
        old = factory.item()  # still sealed to the old kid
        assert send_batch(client, [old]).json()["results"][0]["outcome"] == "accepted"

        revoked = run_cli(data, db_url, "revoke", client.terminal_id)
        assert revoked.returncode == 0
        assert client.get("/api/v1/catalog").json()["code"] == "terminal-revoked"
    finally:
        # uvicorn shuts down gracefully on SIGTERM, then re-raises it (exit by that signal)
        assert server.stop() in (0, -signal.SIGTERM)


def test_demo_advance_flows_back_to_the_terminal(tmp_path, db_url):
    data, catalog = tmp_path / "data", write_catalog(tmp_path / "catalog.json")
    server = ServeProcess(data, db_url, "--catalog", str(catalog), "--demo-advance", "0.3")
    try:
        code = run_cli(data, db_url, "enroll-code").stdout.strip()
        client, factory = _enrol(server.url, code)
        item = factory.item()
        send_batch(client, [item])
        seen: list[str] = []
        cursor, deadline = 0, time.monotonic() + 30
        while "resolved" not in seen and time.monotonic() < deadline:
            feed = client.get(f"/api/v1/cases/changes?after={cursor}").json()
            seen += [c["status"] for c in feed["changes"]]
            cursor = feed["next_cursor"]
            time.sleep(0.1)  # polling a live server: wait-until with a deadline
        assert seen == ["received", "accepted", "in_progress", "resolved"]
    finally:
        server.stop()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_rate_limit_answers_429_with_retry_after(tmp_path, db_url):
    data, catalog = tmp_path / "data", write_catalog(tmp_path / "catalog.json")
    server = ServeProcess(data, db_url, "--catalog", str(catalog), "--rate-limit", "5")
    try:
        session = requests.Session()
        statuses = [session.get(server.url + "/api/v1/catalog", timeout=30) for _ in range(20)]
        limited = [r for r in statuses if r.status_code == 429]
        assert 10 <= len(limited) <= 15
        assert limited[0].json()["code"] == "rate-limited"
        assert int(limited[0].headers["Retry-After"]) >= 1
        assert session.get(server.url + "/healthz", timeout=30).status_code == 200
    finally:
        server.stop()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_serve_without_a_catalog_fails_clearly(tmp_path, db_url):
    done = run_cli(tmp_path / "d", db_url, "serve", "--port", "0", "--catalog", str(tmp_path / "x"))
    assert done.returncode == 1 and "catalog" in done.stderr


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_global_options_after_the_command_and_keys_at_first_start(tmp_path, db_url):
    done = subprocess.run(
        [str(SCRIPT), "keys", "list", "--json", "--data-dir", str(tmp_path / "d"), "--db", db_url],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d" / "keys").is_dir() and len(
        list((tmp_path / "d" / "keys").glob("*.json"))
    ) == 1
