"""A rogue kiosk puts terminal escape sequences in its heartbeat; ``terminals`` (table
and JSON) prints them as harmless ``\\u`` escapes, so nothing acts on the admin's shell."""

from __future__ import annotations

import json

from centralkit.cli import run_cli

HEARTBEAT = "/api/v1/terminals/heartbeat"
OSC_TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J\x1b[H"
CSI_8BIT = "\x9b31m"
BIDI = "\u202e"


def test_escape_sequences_in_a_heartbeat_are_printed_harmless(central, terminal):
    beat = {
        "app_version": f"1.0{OSC_TITLE}{CLEAR}",
        "queue": {"pending": 0, "rejected": 0},
        "devices": {f"printer{CSI_8BIT}": "ok", f"scan{BIDI}ner": "ok"},
    }
    response = terminal.client.post_json(HEARTBEAT, beat)
    assert response.status_code == 200, response.text
    db_url = central.config.db_url
    for args in (["terminals"], ["terminals", "--json"]):
        done = run_cli(central.config.data_dir, db_url, *args)
        assert done.returncode == 0, done.stderr
        for sequence in ("\x1b", "\x07", "\x9b", BIDI):
            assert sequence not in done.stdout, (args, done.stdout)
        assert "\\u001b]0;owned\\u0007" in done.stdout
    listed = json.loads(run_cli(central.config.data_dir, db_url, "terminals", "--json").stdout)
    # JSON readers still get the exact text the kiosk sent.
    assert listed[0]["app_version"] == beat["app_version"]
    assert set(listed[0]["devices"]) == set(beat["devices"])
