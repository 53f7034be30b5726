"""The security event log: a JSON line for each refused signature, replay, skew,
revoked or unknown terminal, enrolment failure and admin command, counted in
/metrics; never a secret, a code or a signature; the file is 0600."""

from __future__ import annotations

import json
import stat
import uuid
from pathlib import Path
from typing import Any

import requests
from centralkit.cli import run_cli

from central.services.terminals import revoke_terminal
from sync.protocol import signing

HEARTBEAT = "/api/v1/terminals/heartbeat"
BEAT = json.dumps(
    {"app_version": "1.0.0", "queue": {"pending": 0, "rejected": 0}, "devices": {}}
).encode()


def lines(central: Any) -> list[dict[str, Any]]:
    """Every event written so far."""
    path: Path = central.config.security_log_path
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def events(central: Any) -> list[str]:
    return [line["event"] for line in lines(central)]


def test_each_authentication_failure_is_one_line(central, terminal, clock):
    client = terminal.client
    bad = client.headers("POST", HEARTBEAT, BEAT)
    good_signature = bad[signing.HEADER_SIGNATURE]
    bad[signing.HEADER_SIGNATURE] = "0" * len(good_signature)
    assert client.send("POST", HEARTBEAT, BEAT, sign_headers=bad).status_code == 401

    stranger = dict(client.headers("POST", HEARTBEAT, BEAT))
    stranger[signing.HEADER_TERMINAL_ID] = str(uuid.uuid4())
    assert client.send("POST", HEARTBEAT, BEAT, sign_headers=stranger).status_code == 401

    once = client.headers("POST", HEARTBEAT, BEAT)
    assert client.send("POST", HEARTBEAT, BEAT, sign_headers=once).status_code == 200
    assert client.send("POST", HEARTBEAT, BEAT, sign_headers=once).status_code == 401

    skewed = client.headers("POST", HEARTBEAT, BEAT, int(clock.now().timestamp()) - 3600)
    assert client.send("POST", HEARTBEAT, BEAT, sign_headers=skewed).status_code == 401

    revoke_terminal(central.services.core.store, terminal.terminal_id, clock.now())
    assert client.send("POST", HEARTBEAT, BEAT).status_code == 403

    enrolment, *written = lines(central)
    assert enrolment["event"] == "enrolment" and enrolment["outcome"] == "accepted"
    assert enrolment["terminal_id"] == terminal.terminal_id
    assert [line["event"] for line in written] == [
        "bad-signature", "unknown-terminal", "replayed-nonce", "clock-skew", "terminal-revoked",
    ]  # fmt: skip
    for line in written:
        assert set(line) >= {"time", "event", "source", "terminal_id", "outcome"}
        assert line["source"] == "127.0.0.1" and line["outcome"] == "refused"
        assert line["path"] == HEARTBEAT
    assert written[0]["terminal_id"] == terminal.terminal_id
    assert written[1]["terminal_id"] == stranger[signing.HEADER_TERMINAL_ID]
    text = central.config.security_log_path.read_text(encoding="utf-8")
    assert good_signature not in text and terminal.enrolment["secret"] not in text
    mode = stat.S_IMODE(central.config.security_log_path.stat().st_mode)
    assert mode == 0o600, oct(mode)

    metrics = requests.get(central.url + "/metrics", timeout=30)
    assert metrics.headers["content-type"].startswith("text/plain")
    for event in ("bad-signature", "unknown-terminal", "replayed-nonce", "clock-skew"):
        assert f'central_security_events_total{{event="{event}",outcome="refused"}} 1.0' in (
            metrics.text
        )


def test_a_header_with_escape_sequences_is_logged_harmless(central, terminal):
    headers = dict(terminal.client.headers("POST", HEARTBEAT, BEAT))
    headers[signing.HEADER_TERMINAL_ID] = "\x1b]0;owned\x07" + "A" * 500
    terminal.client.send("POST", HEARTBEAT, BEAT, sign_headers=headers)
    text = central.config.security_log_path.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\\u001b" not in text
    assert len(lines(central)[-1]["terminal_id"]) <= 81


def test_admin_commands_are_logged_without_their_arguments(tmp_path):
    data = tmp_path / "admin"
    db = f"sqlite:///{tmp_path / 'admin.sqlite3'}"
    assert run_cli(data, db, "enroll-code").returncode == 0
    revoked = run_cli(data, db, "revoke", "secret-looking-argument")
    assert revoked.returncode == 1
    text = (data / "security.log").read_text(encoding="utf-8")
    written = [json.loads(line) for line in text.splitlines()]
    assert [(w["event"], w["command"], w["outcome"]) for w in written] == [
        ("admin-command", "enroll-code", "ok"),
        ("admin-command", "revoke", "exit-1"),
    ]
    assert all(w["source"] == "local" and w["operator"] for w in written)
    assert "secret-looking-argument" not in text
